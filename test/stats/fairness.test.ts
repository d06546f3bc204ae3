/**
 * Fairness arithmetic on the worked example of anchors-mission.md §6.6 (three groups, hand
 * computed there and re-derived in the comments), exact boundaries, undefined groups, references.
 */
import { describe, expect, it } from 'vitest';
import {
  compareToThreshold, decimalRational, disparity, fairnessInterval, fairnessMetric, selectionRate,
  type GroupCounts,
} from '../../src/stats/index.js';

// A: n 100, P 50, TP 40, FP 10; B: n 50, P 20, TP 12, FP 3; C: n 10, P 4, TP 3, FP 1.
const G: GroupCounts[] = [
  { key: 'A', confusion: { tp: 40, fp: 10, fn: 10, tn: 40 } },
  { key: 'B', confusion: { tp: 12, fp: 3, fn: 8, tn: 27 } },
  { key: 'C', confusion: { tp: 3, fp: 1, fn: 1, tn: 5 } },
];

describe('anchors §6.6 worked example', () => {
  it('Fairlearn between_groups', () => {
    // SR .50 .30 .40 -> DPD .20, DPR .60
    const dpd = fairnessMetric('demographic_parity_difference', G);
    expect(dpd.value).toBeCloseTo(0.2, 15);
    expect(dpd.pair).toEqual(['A', 'B']);
    expect(fairnessMetric('demographic_parity_ratio', G).value).toBeCloseTo(0.6, 15);
    expect(fairnessMetric('disparate_impact_ratio', G).value).toBeCloseTo(0.6, 15);
    // TPR .80 .60 .75, FPR .20 .10 .1667 -> EOD max(.20, .10) = .20 (TPR); EOR min(.75, .50) = .50 (FPR)
    const eod = fairnessMetric('equalized_odds_difference', G);
    expect(eod.value).toBeCloseTo(0.2, 15);
    expect(eod.decidedBy).toBe('tpr');
    const eor = fairnessMetric('equalized_odds_ratio', G);
    expect(eor.value).toBeCloseTo(0.5, 15);
    expect(eor.decidedBy).toBe('fpr');
    expect(fairnessMetric('equal_opportunity_difference', G).value).toBeCloseTo(0.2, 15);
    expect(fairnessMetric('equal_opportunity_ratio', G).value).toBeCloseTo(0.75, 15);
  });

  it('Fairlearn to_overall', () => {
    // overall SR = 69/160 = .43125; |m_g − m_o| = .06875, .13125, .03125 -> .13125
    // ratios min(m_g/m_o, m_o/m_g) = .8625, .6957, .9275 -> .30/.43125 = .695652…
    expect(fairnessMetric('demographic_parity_difference', G, { method: 'to_overall' }).value).toBeCloseTo(0.13125, 15);
    const r = fairnessMetric('demographic_parity_ratio', G, { method: 'to_overall' });
    expect(r.value).toBeCloseTo(0.3 / 0.43125, 15);
    expect(r.pair).toEqual(['B', 'overall']);
  });

  it('Aequitas-style disparity to the majority group; C sits exactly on the 0.8 boundary', () => {
    const r = fairnessMetric('demographic_parity_ratio', G, { method: 'to_reference', reference: 'majority' });
    const sr = r.parts[0]!.detail;
    expect(sr.reference).toBe('A');
    expect(sr.disparities).toEqual([1, 0.6, 0.8]); // .3/.5, .4/.5
    expect(r.value).toBeCloseTo(0.6, 15);
    // C alone against A: (4/10)/(50/100) = 400/500 = 4/5 exactly -> ">= 0.8" passes, exactly.
    const onlyC = fairnessMetric('demographic_parity_ratio', [G[0]!, G[2]!]);
    expect(onlyC.exact).toEqual({ num: 4n, den: 5n });
    expect(compareToThreshold({ value: onlyC.value!, exact: onlyC.exact }, 0.8)).toBe(0);
  });
});

describe('exact comparison at boundaries', () => {
  it('decides on rationals where doubles are off by an ulp', () => {
    // 0.7 + 0.1 in doubles is 0.7999999999999999; the rational (7/10 + 1/10) is exactly 4/5.
    expect(0.7 + 0.1 < 0.8).toBe(true);
    const d = disparity(
      [{ key: 'x', n: 10, value: { value: 0.7, num: 7, den: 10 } }, { key: 'y', n: 10, value: { value: 0.1, num: 1, den: 10 } }],
      { value: 0.8, num: 8, den: 10 }, 'to_overall',
    );
    // |.1 − .8| = 7/10 exactly
    expect(d.difference.exact).toEqual({ num: 7n, den: 10n });
    expect(compareToThreshold({ value: d.difference.value!, exact: d.difference.exact }, 0.7)).toBe(0);
    expect(decimalRational(0.8)).toEqual({ num: 4n, den: 5n });
    expect(decimalRational(1e-7)).toEqual({ num: 1n, den: 10000000n });
    expect(decimalRational(-2.5)).toEqual({ num: -5n, den: 2n });
  });
});

describe('undefined values and references', () => {
  const gv = (key: string, n: number, v: number | null) => ({ key, n, value: v === null ? { value: null, reason: 'no positive labels' } : { value: v } });

  it('undefined groups are left out of max/min and listed (Fairlearn would count them as 0)', () => {
    const d = disparity([gv('a', 10, 0.5), gv('b', 5, null), gv('c', 8, 0.25)], null);
    expect(d.excluded).toEqual(['b']);
    expect(d.difference.value).toBe(0.25);
    expect(d.ratio.value).toBe(0.5);
  });

  it('ratio with max 0 is null; all-undefined is null; negative metrics have no ratio', () => {
    expect(disparity([gv('a', 1, 0), gv('b', 1, 0)], null).ratio.value).toBeNull();
    expect(disparity([gv('a', 1, 0), gv('b', 1, 0)], null).difference.value).toBe(0);
    expect(disparity([gv('a', 1, null)], null).difference.reason).toBe('no group has a defined value');
    expect(disparity([gv('a', 1, -0.2), gv('b', 1, 0.5)], null).ratio.value).toBeNull();
  });

  it('reference max, min, named; an absent or undefined named reference is a reason, not a number', () => {
    const groups = [gv('a', 10, 0.5), gv('b', 50, 0.2), gv('c', 8, 0.4)];
    expect(disparity(groups, null, 'to_reference', 'max').reference).toBe('a');
    expect(disparity(groups, null, 'to_reference', 'min').disparities).toEqual([2.5, 1, 2]);
    const named = disparity(groups, null, 'to_reference', { group: 'c' });
    expect(named.difference.value).toBeCloseTo(0.2, 15); // |.2 − .4|
    expect(named.ratio.value).toBeCloseTo(0.5, 15); // .2/.4
    expect(disparity(groups, null, 'to_reference', { group: 'zz' }).ratio.reason).toMatch(/not in the data/);
    expect(disparity([...groups, gv('d', 3, null)], null, 'to_reference', { group: 'd' }).ratio.value).toBeNull();
  });
});

describe('bootstrap interval of a disparity', () => {
  it('is seeded per group key: same result whatever the group order', () => {
    const a = fairnessInterval('demographic_parity_difference', G, { seed: 'MG301|race', replicates: 500 });
    const b = fairnessInterval('demographic_parity_difference', [G[2]!, G[0]!, G[1]!], { seed: 'MG301|race', replicates: 500 });
    expect(b).toEqual(a);
    expect(a.lower!).toBeLessThan(0.2);
    expect(a.upper!).toBeGreaterThan(0.2);
    expect(selectionRate(G[0]!.confusion).value).toBe(0.5);
  });
});
