/**
 * GroupIndex.count (per-code tallies, with the all-complete shortcut) against the per-row path it
 * replaces: `assign` then n[g]++ and ok[g] += mask[i], on random and adversarial batches.
 */
import { describe, expect, it } from 'vitest';
import type { CategoryColumn, Dataset } from '../../../src/data/dataset.js';
import { GroupIndex } from '../../../src/checks/explainability/groups.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function batchOf(codes: Int32Array, dictionary: string[]): Dataset {
  const col: CategoryColumn = { kind: 'category', name: 'g', codes, dictionary };
  return { rows: codes.length, columns: new Map([['g', col]]) };
}

/** The per-row reference: dense ids from `assign`, then one increment per row. */
function reference(batches: { batch: Dataset; mask: Uint8Array }[]): { n: number[]; ok: number[]; keys: unknown[] } {
  const index = new GroupIndex(['g']);
  const n: number[] = [];
  const ok: number[] = [];
  for (const { batch, mask } of batches) {
    const ids = index.assign(batch);
    while (n.length < index.size) {
      n.push(0);
      ok.push(0);
    }
    for (let i = 0; i < batch.rows; i++) {
      n[ids[i]!]++;
      ok[ids[i]!] += mask[i]!;
    }
  }
  return { n, ok, keys: n.map((_, g) => index.key(g)) };
}

function counted(batches: { batch: Dataset; mask: Uint8Array }[]): { n: number[]; ok: number[]; keys: unknown[] } {
  const index = new GroupIndex(['g']);
  const n: number[] = [];
  const ok: number[] = [];
  const waived: boolean[] = [];
  for (const { batch, mask } of batches) index.count(batch, mask, n, ok, waived, mask.every((v) => v === 1));
  return { n, ok, keys: n.map((_, g) => index.key(g)) };
}

describe('GroupIndex.count', () => {
  it('equals per-row counting on random batches (lengths not a multiple of 4, missing codes, partial masks)', () => {
    const r = rng(3);
    const dictionary = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const batches = [1, 2, 3, 5, 7, 1001, 4096, 333].map((rows, k) => {
      const codes = new Int32Array(rows);
      for (let i = 0; i < rows; i++) codes[i] = r() < 0.05 ? -1 : Math.floor(r() ** 2 * (k < 3 ? 2 : dictionary.length));
      const mask = new Uint8Array(rows).fill(1);
      if (k % 2 === 1) for (let i = 0; i < rows; i++) if (r() < 0.1) mask[i] = 0;
      return { batch: batchOf(codes, dictionary), mask };
    });
    expect(counted(batches)).toEqual(reference(batches));
  });

  it('adversarial: one code only, every mask entry 0, and an all-complete batch', () => {
    const dictionary = ['x', 'y'];
    const same = new Int32Array(9).fill(1);
    const batches = [
      { batch: batchOf(same, dictionary), mask: new Uint8Array(9) },
      { batch: batchOf(same, dictionary), mask: new Uint8Array(9).fill(1) },
      { batch: batchOf(Int32Array.from([0, -1, 1, 0, -1]), dictionary), mask: Uint8Array.from([1, 0, 1, 1, 1]) },
    ];
    expect(counted(batches)).toEqual(reference(batches));
  });
});
