/**
 * The radix sort against the native sort, and the streaming rank statistics against brute-force
 * O(n²) definitions written here from the textbook formulas (Mann–Whitney with ties ½; average
 * precision as Σ (R_k − R_{k−1})·P_k over distinct thresholds; DeLong's V10/V01 per row).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { delongVariance, rankStats, rankStatsFromBlocks, sortOrder } from '../../src/stats/index.js';

function bruteAuc(s: number[], y: number[]) {
  let num = 0;
  let P = 0;
  let N = 0;
  for (let i = 0; i < s.length; i++) if (y[i] === 1) P++; else N++;
  for (let i = 0; i < s.length; i++) for (let j = 0; j < s.length; j++) {
    if (y[i] === 1 && y[j] === 0) num += s[i]! > s[j]! ? 1 : s[i] === s[j] ? 0.5 : 0;
  }
  return { auc: num / (P * N), P, N };
}

function bruteAp(s: number[], y: number[]) {
  const thresholds = [...new Set(s)].sort((a, b) => b - a);
  const P = y.filter((v) => v === 1).length;
  let ap = 0;
  let prevRecall = 0;
  for (const t of thresholds) {
    const sel = s.map((v, i) => (v >= t ? i : -1)).filter((i) => i >= 0);
    const tp = sel.filter((i) => y[i] === 1).length;
    ap += (tp / P - prevRecall) * (tp / sel.length);
    prevRecall = tp / P;
  }
  return ap;
}

// DeLong from per-row structural components (DeLong et al. 1988, eq. for V10, V01).
function bruteDelong(s: number[], y: number[]) {
  const pos = s.filter((_, i) => y[i] === 1);
  const neg = s.filter((_, i) => y[i] === 0);
  const psi = (a: number, b: number) => (a > b ? 1 : a === b ? 0.5 : 0);
  const v10 = pos.map((a) => neg.reduce((t, b) => t + psi(a, b), 0) / neg.length);
  const v01 = neg.map((b) => pos.reduce((t, a) => t + psi(a, b), 0) / pos.length);
  const mean = (v: number[]) => v.reduce((t, x) => t + x, 0) / v.length;
  const svar = (v: number[]) => v.reduce((t, x) => t + (x - mean(v)) ** 2, 0) / (v.length - 1);
  return svar(v10) / pos.length + svar(v01) / neg.length;
}

describe('sortOrder', () => {
  it('is a stable ascending permutation for any doubles (incl. negatives, ±0, ties, extremes)', () => {
    fc.assert(fc.property(fc.array(fc.oneof(
      fc.double({ noNaN: true }), fc.constantFrom(0, -0, 0.5, 1, -1, Number.MIN_VALUE, -Infinity, Infinity),
    ), { maxLength: 300 }), (xs) => {
      const a = Float64Array.from(xs);
      const o = sortOrder(a);
      const expected = [...xs.keys()].sort((i, j) => (a[i]! < a[j]! ? -1 : a[i]! > a[j]! ? 1 : i - j));
      expect(Array.from(o)).toEqual(expected);
    }), { numRuns: 300 });
  });

  it('handles long runs sharing the high word (sorted by the low word)', () => {
    // 0.5 + k·2^-40 all share the high 32 bits; reversed, so the run needs real sorting.
    const a = Float64Array.from({ length: 500 }, (_, k) => 0.5 + (499 - k) * 2 ** -40);
    const o = sortOrder(a);
    for (let k = 1; k < 500; k++) expect(a[o[k]!]!).toBeGreaterThan(a[o[k - 1]!]!);
  });

  it('rejects NaN', () => expect(() => sortOrder(Float64Array.from([0.1, NaN]))).toThrow(RangeError));
});

describe('rankStats', () => {
  const arb = fc.array(fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 2 })),
    { minLength: 1, maxLength: 60 });

  it('AUC, AP and DeLong variance equal the brute-force definitions per group', () => {
    fc.assert(fc.property(arb, (rows) => {
      const s = rows.map((r) => r[0] / 12);
      const y = rows.map((r) => r[1]);
      const g = rows.map((r) => r[2]);
      const res = rankStats(Float64Array.from(s), Float64Array.from(y), Int32Array.from(g), 3);
      for (let k = 0; k <= 3; k++) {
        // k = 3: every row (the overall statistics from the same pass)
        const gs = s.filter((_, i) => k === 3 || g[i] === k);
        const gy = y.filter((_, i) => k === 3 || g[i] === k);
        const r = k === 3 ? res.overall : res.groups[k]!;
        const b = bruteAuc(gs, gy);
        expect(r.positives).toBe(b.P);
        expect(r.negatives).toBe(b.N);
        if (b.P > 0 && b.N > 0) expect(r.aucTwiceNum / (2 * b.P * b.N)).toBeCloseTo(b.auc, 12);
        if (b.P > 0) expect(r.apNum / b.P).toBeCloseTo(bruteAp(gs, gy), 12);
        if (b.P > 1 && b.N > 1) expect(delongVariance(r)!).toBeCloseTo(bruteDelong(gs, gy), 12);
      }
    }), { numRuns: 300 });
  });

  it('tie blocks (what a SQL GROUP BY score gives) produce the same statistics', () => {
    const s = Float64Array.from([0.1, 0.4, 0.4, 0.4, 0.8, 0.8, 0.2, 0.9]);
    const y = Float64Array.from([0, 1, 1, 0, 1, 0, 0, 1]);
    // distinct scores ascending: .1 (0+,1-) .2 (0,1) .4 (2,1) .8 (1,1) .9 (1,0)
    expect(rankStatsFromBlocks([0, 0, 2, 1, 1], [1, 1, 1, 1, 0])).toEqual(rankStats(s, y).overall);
  });
});
