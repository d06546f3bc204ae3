/**
 * grouping.ts countCodes (four interleaved tables) against a plain count, and singleColumn's groups
 * (sizes, codes) against the definition, for every tail length (rows mod 4) and all code widths.
 */
import { describe, expect, it } from 'vitest';
import { buildGrouping, countCodes } from '../../../src/checks/shared/grouping.js';
import type { CategoryColumn } from '../../../src/data/dataset.js';
import { rng } from '../../support/rng.js';

describe('countCodes: rows per code + 1, four rows at a time', () => {
  it('equals a one-row-at-a-time count for every length 0..40 and skewed codes', () => {
    const r = rng(7);
    for (let n = 0; n <= 40; n++) {
      for (const width of [1, 2, 5, 300]) {
        const src = Int32Array.from({ length: n }, () => Math.floor(r() * r() * width) - 1);
        const want = new Array<number>(width).fill(0);
        for (const c of src) want[c + 1]!++;
        expect(Array.from(countCodes(src, width)), `n ${n}, width ${width}`).toEqual(want);
      }
    }
  });
});

describe('singleColumn: sizes and codes from the definition, every code width', () => {
  it('groups are the present values in sorted order (missing first), sizes count their rows', () => {
    const r = rng(3);
    for (const [values, rows] of [[3, 7], [200, 1001], [300, 5003], [70000, 140001]] as const) {
      const dictionary = Array.from({ length: values }, (_, k) => `v${(k * 7919) % values}`);
      const codes = Int32Array.from({ length: rows }, (_, i) => (i < values ? i : Math.floor(r() * values * 1.05) - 1));
      for (let i = 0; i < rows; i++) if (codes[i]! >= values) codes[i] = -1;
      const col: CategoryColumn = { kind: 'category', name: 'c', codes, dictionary };
      const g = buildGrouping([col]);
      const value = (c: number) => (c < 0 ? null : dictionary[c]!);
      const present = [...new Set(Array.from(codes, value))].sort((a, b) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1));
      expect(g.count).toBe(present.length);
      const at = new Map(present.map((v, k) => [v, k]));
      const sizes = new Array<number>(present.length).fill(0);
      for (let i = 0; i < rows; i++) {
        const want = at.get(value(codes[i]!))!;
        sizes[want]!++;
        if (g.codes[i] !== want) expect(g.codes[i], `row ${i}`).toBe(want);
      }
      expect(g.sizes).toEqual(sizes);
    }
  });
});
