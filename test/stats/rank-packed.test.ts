/**
 * The packed sort (rank-index.ts): a grouping derived from the category columns that travel with
 * the sort is read sequentially through a table; any other grouping through the permutation. Both
 * must give the same numbers, bit for bit, as the per-group computation on each group's rows alone
 * (a group's rank statistics depend only on its own rows). The per-group AUC numerator is also
 * checked against a brute-force Mann–Whitney count written here (ties count ½, so 2·num is an
 * integer). Score sums of several groupings in one pass must equal one grouping at a time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupTable, packedSort, rankStats, scoreSums, scoreSumsMulti } from '../../src/stats/index.js';

function bruteTwiceNum(s: number[], y: number[]): number {
  let num = 0;
  for (let i = 0; i < s.length; i++) for (let j = 0; j < s.length; j++) {
    if (y[i] === 1 && y[j] === 0) num += s[i]! > s[j]! ? 2 : s[i] === s[j] ? 1 : 0;
  }
  return num;
}

const row = fc.record({
  score: fc.oneof(fc.constantFrom(0, 0.25, 0.5, 1), fc.double({ min: 0, max: 1, noNaN: true })),
  label: fc.constantFrom(0, 1),
  a: fc.integer({ min: -1, max: 3 }),
  b: fc.integer({ min: -1, max: 1 }),
});

describe('packed rank statistics', () => {
  it('groupings of the packed columns (table) and others (gather) equal each group computed alone', () => {
    fc.assert(fc.property(fc.array(row, { minLength: 1, maxLength: 60 }), (rows) => {
      const score = Float64Array.from(rows, (r) => r.score);
      const label = Float64Array.from(rows, (r) => r.label);
      const a = Int32Array.from(rows, (r) => r.a);
      const b = Int32Array.from(rows, (r) => r.b);
      // Intersection of a and b (a function of the packed columns), and row parity (not one).
      const inter = Int32Array.from(rows, (r) => (r.a + 1) * 3 + (r.b + 1));
      const parity = Int32Array.from(rows, (_, i) => i % 2);
      const sorted = packedSort(score, label, [a, b]);
      expect(groupTable(sorted, inter)).not.toBeNull();
      for (const [codes, groups] of [[inter, 15], [parity, 2], [a.map((x) => x + 1), 5]] as const) {
        const res = rankStats(score, label, codes, groups, [a, b]);
        for (let g = 0; g < groups; g++) {
          const idx = rows.map((_, i) => i).filter((i) => codes[i] === g);
          const alone = rankStats(Float64Array.from(idx, (i) => score[i]!), Float64Array.from(idx, (i) => label[i]!));
          expect(res.groups[g]).toEqual(alone.overall);
          expect(res.groups[g]!.aucTwiceNum).toBe(bruteTwiceNum(idx.map((i) => score[i]!), idx.map((i) => label[i]!)));
        }
        expect(res.overall).toEqual(rankStats(score, label).overall);
      }
    }), { numRuns: 150 });
  });

  it('a grouping that is not a function of the packed columns has no table (gather path)', () => {
    const score = Float64Array.of(0.1, 0.2, 0.3, 0.4);
    const label = Float64Array.of(0, 1, 0, 1);
    const a = Int32Array.of(0, 0, 1, 1);
    const sorted = packedSort(score, label, [a]);
    expect(groupTable(sorted, Int32Array.of(0, 1, 2, 2))).toBeNull();
    expect(Array.from(groupTable(sorted, Int32Array.of(1, 1, 0, 0))!.slice(0, 3))).toEqual([-1, 1, 0]);
    // Group 0 = rows 0 and 2 (scores 0.1 neg, 0.3 neg): no positives; group 1 = rows 1 (pos 0.2) and 3 (pos 0.4).
    const r = rankStats(score, label, Int32Array.of(0, 1, 0, 1), 2, [a]);
    expect([r.groups[0]!.positives, r.groups[0]!.negatives, r.groups[1]!.positives, r.groups[1]!.negatives]).toEqual([0, 2, 2, 0]);
  });

  it('labels other than 0/1 are refused', () => {
    expect(() => rankStats(Float64Array.of(0.1, 0.2), Float64Array.of(0, 2), Int32Array.of(0, 0), 1, [Int32Array.of(0, 0)])).toThrow(/label 2 is not 0\/1/);
  });
});

describe('score sums of several groupings in one pass', () => {
  it('equal one grouping at a time, bit for bit', () => {
    fc.assert(fc.property(fc.array(row, { minLength: 1, maxLength: 80 }), (rows) => {
      const score = Float64Array.from(rows, (r) => r.score);
      const label = Float64Array.from(rows, (r) => r.label);
      const g1 = Int32Array.from(rows, (r) => r.a + 1);
      const g2 = Int32Array.from(rows, (r) => r.b + 1);
      const multi = scoreSumsMulti(label, score, [{ group: null, groups: 1 }, { group: g1, groups: 5 }, { group: g2, groups: 3 }]);
      expect(multi[0]).toEqual(scoreSums(label, score));
      expect(multi[1]).toEqual(scoreSums(label, score, g1, 5));
      expect(multi[2]).toEqual(scoreSums(label, score, g2, 3));
    }), { numRuns: 100 });
  });
});
