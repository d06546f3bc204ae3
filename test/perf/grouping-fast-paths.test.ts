/**
 * The grouping fast paths against the general code they replace: a single-column grouping (count
 * per dictionary code, one renumbering pass) against the multi-column path run on the column
 * twice (same groups, by construction of an intersection with itself), the performance checks'
 * columnGroups against the definition it had (code + 1, empty dictionary entries left out, sorted
 * subject order), and the rank pass's derived key -> group table (with and without known label
 * counts) against groupTable's checked one, down to every rank statistic's bits. Data: unsorted
 * dictionaries, missing values, unused entries.
 */
import { describe, expect, it } from 'vitest';
import { columnGroups } from '../../src/checks/performance/groups.js';
import { buildGrouping, groupingSource } from '../../src/checks/shared/grouping.js';
import type { CategoryColumn } from '../../src/data/dataset.js';
import { derivedGroupTable, groupTable, packedSort, rankStats } from '../../src/stats/index.js';
import { rng } from '../support/rng.js';

/** A column whose dictionary is out of order, with ~10% missing and one entry no row uses. */
function column(r: () => number, name: string, dictionary: string[], rows: number): CategoryColumn {
  const codes = new Int32Array(rows);
  const used = dictionary.length - 1; // the last entry has no rows
  for (let i = 0; i < rows; i++) codes[i] = r() < 0.1 ? -1 : Math.floor(r() * r() * used);
  return { kind: 'category', name, codes, dictionary };
}

function data(seed: number, rows: number) {
  const r = rng(seed);
  const race = column(r, 'race', ['White', 'Black', 'Asian', ' space', '(zz', 'Other', 'unused'], rows);
  const sex = column(r, 'sex', ['M', 'F', 'X'], rows);
  const age = column(r, 'age', ['30-40', '<20', '20-30', '>60', '40-60', 'none'], rows);
  const label = Float64Array.from({ length: rows }, () => (r() < 0.3 ? 1 : 0));
  // Coarse scores: many ties, so tie blocks span groups.
  const score = Float64Array.from({ length: rows }, () => Math.round(r() * 50) / 50);
  return { race, sex, age, label, score };
}

describe('grouping fast paths', () => {
  it('a single column groups like the general path on its own intersection', () => {
    const { race } = data(1, 5000);
    const single = buildGrouping([race]);
    const twice = buildGrouping([race, { ...race, name: 'again' }]);
    expect(Array.from(single.codes)).toEqual(Array.from(twice.codes));
    expect(single.count).toBe(twice.count);
    expect(single.sizes).toEqual(twice.sizes);
    expect(single.keys.map((k) => k.race)).toEqual(twice.keys.map((k) => k.race));
  });

  it('columnGroups keeps its definition: code + 1 groups with rows, in sorted subject order', () => {
    const { sex } = data(2, 3000);
    const g = columnGroups(sex);
    expect(g.codes).toBe(buildGrouping([sex]).codes); // one array, shared with the fairness checks
    const values = [null, ...sex.dictionary];
    const rows = values.map(() => 0);
    for (const c of sex.codes) rows[c + 1]!++;
    const subjects = values.map((v) => `sex=${v ?? '(missing)'}`);
    const expected = subjects.map((s, k) => [s, rows[k]!] as const).filter(([, n]) => n > 0).sort(([a], [b]) => (a < b ? -1 : 1));
    expect(g.order.map((k) => [g.subjects[k]!, g.rows[k]!])).toEqual(expected);
    let wrong = 0;
    for (let i = 0; i < sex.codes.length; i++) if (g.subjects[g.codes[i]!] !== subjects[sex.codes[i]! + 1]) wrong++;
    expect(wrong).toBe(0);
  });

  it('the derived key -> group table agrees with groupTable on every key that occurs', () => {
    const { race, sex, age, label, score } = data(3, 20000);
    const packed = [race.codes, sex.codes, age.codes];
    const sorted = packedSort(score, label, packed);
    for (const cols of [[race], [sex], [age], [race, sex], [race, sex, age], [age, race]]) {
      const g = buildGrouping(cols);
      const src = groupingSource(g.codes)!;
      const derivation = { columns: src.columns.map((c) => packed.indexOf(c.codes)), tuples: src.tuples };
      const checked = groupTable(sorted, g.codes)!;
      const derived = derivedGroupTable(sorted, derivation, packed)!;
      let differ = 0;
      for (let k = 0; k < sorted.packed.length; k++) {
        const key = sorted.packed[k]! >>> 1;
        if (derived[key] !== checked[key] || checked[key]! < 0) differ++;
      }
      expect(differ).toBe(0);
      const a = rankStats(score, label, g.codes, g.count, packed, null);
      const pos = new Array<number>(g.count).fill(0);
      const neg = new Array<number>(g.count).fill(0);
      for (let i = 0; i < label.length; i++) (label[i] === 1 ? pos : neg)[g.codes[i]!]!++;
      for (const d of [derivation, { ...derivation, counts: { pos, neg } }]) {
        const b = rankStats(score, label, g.codes, g.count, packed, d);
        expect(b.groups.length).toBe(a.groups.length);
        a.groups.forEach((s, j) => {
          for (const [name, v] of Object.entries(s)) expect(Object.is((b.groups[j] as unknown as Record<string, unknown>)[name], v)).toBe(true);
        });
      }
    }
  });

  it('a derivation over a column that is not packed falls back (null table)', () => {
    const { race, sex, label, score } = data(4, 500);
    const sorted = packedSort(score, label, [race.codes]);
    const g = buildGrouping([sex]);
    expect(derivedGroupTable(sorted, { columns: [1], tuples: groupingSource(g.codes)!.tuples }, [race.codes, sex.codes])).toBeNull();
  });
});
