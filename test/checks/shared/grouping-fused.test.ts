/**
 * The one-pass intersection of two or three columns (grouping.ts fusedPass) against (a) the
 * column-by-column passes it replaces, reached with a fourth, constant column (which splits no
 * group and sorts last, so the groups and codes must be the same), and (b) the definition: groups
 * are the distinct value tuples present, numbered in sorted order (missing first, code-unit order).
 * Data: unsorted dictionaries, missing values, unused entries, skew, tiny and empty-ish columns.
 */
import { describe, expect, it } from 'vitest';
import { buildGrouping, groupingSource, MISSING_GROUP } from '../../../src/checks/shared/grouping.js';
import type { CategoryColumn } from '../../../src/data/dataset.js';
import { rng } from '../../support/rng.js';

function column(r: () => number, name: string, dictionary: string[], rows: number, missing: number): CategoryColumn {
  const codes = new Int32Array(rows);
  const used = Math.max(1, dictionary.length - 1); // the last entry has no rows (when there are two or more)
  for (let i = 0; i < rows; i++) codes[i] = r() < missing ? -1 : Math.floor(r() * r() * used);
  return { kind: 'category', name, codes, dictionary };
}

/** The definition, row by row with strings. */
function reference(cols: CategoryColumn[]) {
  const rows = cols[0]!.codes.length;
  const tuple = (i: number) => cols.map((c) => (c.codes[i]! < 0 ? null : c.dictionary[c.codes[i]!]!));
  const cmp = (a: (string | null)[], b: (string | null)[]) => {
    for (let k = 0; k < a.length; k++) {
      if (a[k] === b[k]) continue;
      if (a[k] === null) return -1;
      if (b[k] === null) return 1;
      return a[k]! < b[k]! ? -1 : 1;
    }
    return 0;
  };
  const distinct = new Map<string, (string | null)[]>();
  for (let i = 0; i < rows; i++) distinct.set(JSON.stringify(tuple(i)), tuple(i));
  const sorted = [...distinct.values()].sort(cmp);
  const index = new Map(sorted.map((t, g) => [JSON.stringify(t), g]));
  const codes = Array.from({ length: rows }, (_, i) => index.get(JSON.stringify(tuple(i)))!);
  return { sorted, codes };
}

const cases: [string, number, number][] = [['random', 1, 30_000], ['skewed', 2, 20_000], ['tiny', 3, 7]];

describe('one-pass intersection', () => {
  it.each(cases)('equals the column-by-column passes and the definition (%s)', (_, seed, rows) => {
    const r = rng(seed);
    const race = column(r, 'race', ['White', 'Black', 'Asian', ' space', '(zz', 'Other', 'unused'], rows, 0.1);
    const sex = column(r, 'sex', ['M', 'F', 'X'], rows, 0.05);
    const age = column(r, 'age', ['30-40', '<20', '20-30', '>60', '40-60', 'none'], rows, seed === 2 ? 0.6 : 0.1);
    const one = { kind: 'category' as const, name: 'k', codes: new Int32Array(rows), dictionary: ['only'] };
    for (const cols of [[race, sex], [sex, race], [race, sex, age], [age, race, sex]]) {
      const fused = buildGrouping(cols);
      const general = buildGrouping([...cols, one]);
      expect(Array.from(fused.codes)).toEqual(Array.from(general.codes));
      expect(fused.count).toBe(general.count);
      expect(fused.sizes).toEqual(general.sizes);
      expect(fused.subjects).toEqual(general.subjects.map((s) => s.replace(/, k=only$/, '')));
      expect(groupingSource(fused.codes)!.tuples).toEqual(groupingSource(general.codes)!.tuples.map((t) => t.slice(0, cols.length)));
      const ref = reference(cols);
      expect(Array.from(fused.codes)).toEqual(ref.codes);
      const refSizes = new Array<number>(ref.sorted.length).fill(0);
      for (const g of ref.codes) refSizes[g]!++;
      expect(fused.sizes).toEqual(refSizes);
      expect(general.sizes).toEqual(refSizes);
      expect(fused.keys.map((k) => cols.map((c) => k[c.name]))).toEqual(ref.sorted);
      expect(fused.subjects[0]!.includes(MISSING_GROUP)).toBe(ref.sorted[0]!.includes(null));
    }
  });
});
