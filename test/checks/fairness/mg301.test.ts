/**
 * MG301 on literal data. The worked example is anchors-mission §6.6 (three groups, rates and
 * every expected aggregate computed by hand there):
 *   A: n 100, P 50, N 50, TP 40, FP 10  -> SR 0.50, TPR 0.80, FPR 0.20
 *   B: n  50, P 20, N 30, TP 12, FP  3  -> SR 0.30, TPR 0.60, FPR 0.10
 *   C: n  10, P  4, N  6, TP  3, FP  1  -> SR 0.40, TPR 0.75, FPR 1/6
 *   overall SR = 69/160 = 0.43125
 */
import { describe, expect, it } from 'vitest';
import { mg301 } from '../../../src/checks/fairness/mg301.js';
import type { Finding } from '../../../src/checks/types.js';
import type { Defaults } from '../../../src/config/types.js';
import { dataset, fairContext, groupRows, type FairInput } from './fake-context.js';

const A = groupRows('A', { tp: 40, fn: 10, fp: 10, tn: 40 });
const B = groupRows('B', { tp: 12, fn: 8, fp: 3, tn: 27 });
const C = groupRows('C', { tp: 3, fn: 1, fp: 1, tn: 5 });
const ABC = dataset([A, B, C]);
/** Every group large enough: the §6.6 numbers are about the arithmetic, not support. */
const ALL_IN: Partial<Defaults> = { min_group_size: 1, min_group_positives: 1, min_group_negatives: 1 };

function run(input: FairInput, options: Record<string, unknown>): Finding {
  const findings = mg301.run(fairContext(input), mg301.options.parse(options)) as Finding[];
  expect(findings).toHaveLength(1);
  return findings[0]!;
}
const statuses = (f: Finding) => f.groups!.map((g) => [g.subject, g.status]);

describe('MG301 on the anchors §6.6 worked example', () => {
  it.each([
    // [options, observed]
    [{ metric: 'demographic_parity_difference', max: 1 }, 0.2],
    [{ metric: 'demographic_parity_ratio', min: 0 }, 0.6],
    [{ metric: 'disparate_impact_ratio', min: 0 }, 0.6],
    [{ metric: 'demographic_parity_difference', method: 'to_overall', max: 1 }, 0.13125],
    [{ metric: 'demographic_parity_ratio', method: 'to_overall', min: 0 }, 0.3 / 0.43125],
    [{ metric: 'equalized_odds_difference', max: 1 }, 0.2],
    [{ metric: 'equalized_odds_ratio', min: 0 }, 0.5],
    [{ metric: 'equal_opportunity_difference', max: 1 }, 0.2],
    [{ metric: 'equal_opportunity_ratio', min: 0 }, 0.75],
    [{ group_metric: 'fpr', aggregate: 'difference', max: 1 }, 0.1],
    [{ group_metric: 'selection_rate', aggregate: 'ratio', method: 'to_reference', reference: 'A', min: 0 }, 0.6],
    [{ group_metric: 'selection_rate', aggregate: 'difference', method: 'to_reference', reference: 'C', max: 1 }, 0.1],
    [{ group_metric: 'tpr', aggregate: 'ratio', method: 'to_reference', reference: 'majority', min: 0 }, 0.75],
    [{ group_metric: 'fpr', aggregate: 'ratio', method: 'to_reference', reference: 'min', min: 0 }, 0.5],
  ])('%j -> %d', (options, observed) => {
    const f = run({ ...ABC, settings: ALL_IN }, options);
    expect(f.status).toBe('pass');
    expect(f.observed).toBeCloseTo(observed, 12);
    expect(f.subject).toBe('g');
  });

  it('names the worst pair, higher first, and the threshold: fails the four-fifths rule at 0.60', () => {
    const f = run({ ...ABC, settings: ALL_IN }, { metric: 'demographic_parity_ratio', min: 0.8 });
    expect(f.status).toBe('fail');
    expect(f.message).toBe('selection-rate ratio across g is 0.600 (A 0.500 vs B 0.300); min 0.80');
    expect(f.metric).toBe('demographic_parity_ratio');
    expect(f.groupMetric).toBe('selection_rate');
    expect(f.comparator).toBe('>=');
    expect(f.thresholdKey).toBe('min');
    // Each group against the highest: B 0.3/0.5 = 0.6 fails, C 0.4/0.5 = 0.8 passes (boundary).
    expect(statuses(f)).toEqual([['g=A', 'pass'], ['g=B', 'fail'], ['g=C', 'pass']]);
    expect(f.groups!.map((g) => [g.n, g.positives, g.negatives, g.value])).toEqual([[100, 50, 50, 0.5], [50, 20, 30, 0.3], [10, 4, 6, 0.4]]);
    expect(f.groups!.map((g) => g.disparity)).toEqual([1, 0.6, 0.8]);
  });

  it('Aequitas disparity to reference A: B 0.60 fails, C exactly 0.80 passes, gate fails on B', () => {
    const f = run({ ...ABC, settings: ALL_IN }, { group_metric: 'selection_rate', aggregate: 'ratio', method: 'to_reference', reference: 'A', min: 0.8 });
    expect(f.status).toBe('fail');
    expect(f.message).toBe('selection-rate ratio to A across g is 0.600 (B 0.300 vs A 0.500); min 0.80');
    expect(statuses(f)).toEqual([['g=A', 'pass'], ['g=B', 'fail'], ['g=C', 'pass']]);
    expect(f.groups!.map((g) => g.disparity)).toEqual([1, 0.6, 0.8]);
    expect(f.details!['reference']).toBe('g=A');
    expect(f.metrics!.groups!['g']!['g=C']!['selection_rate_disparity']!.value).toBe(0.8);
  });

  it.each([
    // The §6.6 boundary: A and C only, SR 0.40 / 0.50 is exactly 0.8 (computed on integers).
    [0.8, 'pass'],
    [0.8000001, 'fail'],
    [0.79, 'pass'],
  ])('disparate impact ratio of A and C (0.8) against min %d -> %s', (min, status) => {
    const f = run({ ...dataset([A, C]), settings: ALL_IN }, { metric: 'disparate_impact_ratio', min });
    expect(f.status).toBe(status);
    expect(f.observed).toBeCloseTo(0.8, 15);
  });

  it('difference at its boundary: 0.5 − 0.4 = 0.1 passes max 0.1 (0.5 - 0.4 is 0.09999999999999998 in doubles)', () => {
    const f = run({ ...dataset([A, C]), settings: ALL_IN }, { metric: 'demographic_parity_difference', max: 0.1 });
    expect(f.status).toBe('pass');
    expect(run({ ...dataset([A, C]), settings: ALL_IN }, { metric: 'demographic_parity_difference', max: 0.0999999 }).status).toBe('fail');
  });

  it('equalized odds: the worse of TPR and FPR decides and is named', () => {
    const d = run({ ...ABC, settings: ALL_IN }, { metric: 'equalized_odds_difference', max: 0.15 });
    expect(d.status).toBe('fail');
    expect(d.groupMetric).toBe('tpr');
    expect(d.message).toBe('equalized-odds difference (worst is true-positive-rate) across g is 0.200 (A 0.800 vs B 0.600); max 0.15');
    const r = run({ ...ABC, settings: ALL_IN }, { metric: 'equalized_odds_ratio', min: 0.6 });
    expect(r.groupMetric).toBe('fpr');
    expect(r.message).toBe('equalized-odds ratio (worst is false-positive-rate) across g is 0.500 (A 0.200 vs B 0.100); min 0.60');
    // Metrics block keeps both rates of every group.
    expect(r.metrics!.groups!['g']!['g=C']!['tpr']!.value).toBe(0.75);
    expect(r.metrics!.groups!['g']!['g=C']!['fpr']!.value).toBeCloseTo(1 / 6, 15);
  });

  it('to_overall names the group and overall', () => {
    const f = run({ ...ABC, settings: ALL_IN }, { metric: 'demographic_parity_difference', method: 'to_overall', max: 0.1 });
    expect(f.status).toBe('fail');
    expect(f.message).toBe('selection-rate difference to overall across g is 0.131 (B 0.300 vs overall 0.431); max 0.10');
    expect(f.metric).toBe('demographic_parity_difference_to_overall');
    // |m_g − m_o|: A 0.06875, B 0.13125, C 0.03125.
    expect(statuses(f)).toEqual([['g=A', 'pass'], ['g=B', 'fail'], ['g=C', 'pass']]);
    expect(f.groups![1]!.disparity).toBeCloseTo(0.3 / 0.43125, 15);
  });

  it('per-group intervals are Wilson, simultaneous over three groups; the gate interval is a seeded bootstrap', () => {
    const f = run({ ...ABC, settings: ALL_IN }, { metric: 'demographic_parity_ratio', min: 0.5 });
    expect(f.groups!.map((g) => g.interval!.method)).toEqual(['wilson', 'wilson', 'wilson']);
    expect(f.groups![0]!.interval!.level).toBeCloseTo(1 - 0.05 / 3, 15);
    expect(f.interval!.method).toBe('bootstrap');
    expect(f.interval!.level).toBe(0.95);
    expect(f.interval!.lower!).toBeLessThan(0.6);
    expect(f.interval!.upper!).toBeGreaterThan(0.6);
    const again = run({ ...ABC, settings: ALL_IN }, { metric: 'demographic_parity_ratio', min: 0.5 });
    expect(again.interval).toEqual(f.interval);
    // Two groups: no Bonferroni.
    const two = run({ ...dataset([A, B]), settings: ALL_IN }, { metric: 'demographic_parity_ratio', min: 0.5 });
    expect(two.groups![0]!.interval!.level).toBe(0.95);
  });

  it('does not depend on row order', () => {
    const perm = ABC.label.map((_, i) => (i * 37) % ABC.label.length);
    expect(new Set(perm).size).toBe(ABC.label.length);
    const shuffled = { label: perm.map((i) => ABC.label[i]!), prediction: perm.map((i) => ABC.prediction[i]!), sensitive: { g: perm.map((i) => ABC.sensitive.g[i]!) } };
    const a = run({ ...ABC, settings: ALL_IN }, { metric: 'equalized_odds_ratio', min: 0.4 });
    const b = run({ ...shuffled, settings: ALL_IN }, { metric: 'equalized_odds_ratio', min: 0.4 });
    expect(b).toEqual(a);
  });

  it.each([
    // decision: interval on DPR(A, B) = 0.6: the bootstrap interval is about [0.38, 0.86]
    [0.6, 'inconclusive'],
    [0.2, 'pass'],
    [0.95, 'fail'],
  ])('decision interval, min %d -> %s', (min, status) => {
    const f = run({ ...dataset([A, B]), settings: { ...ALL_IN, decision: 'interval' } }, { metric: 'demographic_parity_ratio', min });
    expect(f.status).toBe(status);
    if (status === 'inconclusive') expect(f.message).toMatch(/; its 95% interval \[0\.\d{3}, 0\.\d{3}\] straddles the threshold$/);
  });
});

describe('MG301 minimum support, waivers, references', () => {
  it('a group under min_group_size is insufficient: listed with its counts, left out of the max/min', () => {
    const f = run(ABC, { metric: 'demographic_parity_ratio', min: 0.8 });
    expect(f.status).toBe('fail'); // A vs B still fails
    expect(statuses(f)).toEqual([['g=A', 'pass'], ['g=B', 'fail'], ['g=C', 'insufficient']]);
    const c = f.groups![2]!;
    expect([c.n, c.positives, c.negatives, c.value, c.reason]).toEqual([10, 4, 6, 0.4, 'n 10 < min_group_size 30']);
    expect(f.message).toBe('selection-rate ratio across g is 0.600 (A 0.500 vs B 0.300); min 0.80; 1 insufficient: C (n 10 < min_group_size 30)');
    expect(f.sampleSize).toBe(150);
  });

  it('TPR gates need positives, FPR gates negatives', () => {
    const tpr = run({ ...ABC, settings: { min_group_size: 1, min_group_positives: 5, min_group_negatives: 1000 } }, { metric: 'equal_opportunity_ratio', min: 0.5 });
    expect(tpr.groups![2]!.reason).toBe('4 positives < min_group_positives 5');
    const fpr = run({ ...ABC, settings: { min_group_size: 1, min_group_positives: 1000, min_group_negatives: 7 } }, { group_metric: 'fpr', aggregate: 'ratio', min: 0.5 });
    expect(fpr.groups![2]!.reason).toBe('6 negatives < min_group_negatives 7');
    const sr = run({ ...ABC, settings: { min_group_size: 1, min_group_positives: 1000, min_group_negatives: 1000 } }, { metric: 'demographic_parity_ratio', min: 0.5 });
    expect(sr.groups!.every((g) => g.status === 'pass')).toBe(true);
  });

  it.each([
    // A passing comparison (A vs B, DPR 0.6 >= 0.5) with C insufficient.
    ['warn', 'insufficient'],
    ['fail', 'insufficient'],
    ['ignore', 'pass'],
  ] as const)('on_insufficient %s -> %s', (on, status) => {
    const f = run({ ...ABC, settings: { on_insufficient: on } }, { metric: 'demographic_parity_ratio', min: 0.5 });
    expect(f.status).toBe(status);
    expect(f.observed).toBe(0.6);
    expect(f.groups![2]!.status).toBe('insufficient');
  });

  it('fewer than two groups that qualify: insufficient, never pass, even with on_insufficient ignore', () => {
    const f = run({ ...ABC, settings: { min_group_size: 60, on_insufficient: 'ignore' } }, { metric: 'demographic_parity_ratio', min: 0 });
    expect(f.status).toBe('insufficient');
    expect(f.observed).toBeNull();
    expect(f.message).toBe('selection-rate ratio across g cannot be judged: fewer than two groups can be compared (1 of 3); 2 insufficient: B (n 50 < min_group_size 60), C (n 10 < min_group_size 60)');
    expect(statuses(f)).toEqual([['g=A', 'pass'], ['g=B', 'insufficient'], ['g=C', 'insufficient']]);
  });

  it('a single group is insufficient', () => {
    expect(run({ ...dataset([A]), settings: ALL_IN }, { metric: 'demographic_parity_difference', max: 1 }).status).toBe('insufficient');
  });

  it('a waived group is marked waived and left out of the aggregate', () => {
    const f = run({ ...ABC, settings: ALL_IN, waived: ['g=B'] }, { metric: 'demographic_parity_ratio', min: 0.8 });
    expect(f.status).toBe('pass'); // A vs C: exactly 0.8
    expect(f.observed).toBeCloseTo(0.8, 15);
    expect(statuses(f)).toEqual([['g=A', 'pass'], ['g=B', 'waived'], ['g=C', 'pass']]);
    expect(f.message).toBe('selection-rate ratio across g is 0.800 (A 0.500 vs C 0.400); min 0.80; waived: B');
  });

  it('a waiver for a subject that is not a group changes nothing', () => {
    const f = run({ ...ABC, settings: ALL_IN, waived: ['g=Z'] }, { metric: 'demographic_parity_ratio', min: 0.8 });
    expect(f.status).toBe('fail');
  });

  it('a reference group that is not in the data is an error naming it and the groups that exist', () => {
    const f = run({ ...ABC, settings: ALL_IN }, { group_metric: 'fpr', aggregate: 'ratio', method: 'to_reference', reference: 'D', min: 0.8 });
    expect(f.status).toBe('error');
    expect(f.message).toBe('reference group "D" is not in the data; groups of g: g=A, g=B, g=C');
  });

  it('a reference group that is insufficient or waived makes the gate insufficient', () => {
    const f = run(ABC, { group_metric: 'fpr', aggregate: 'ratio', method: 'to_reference', reference: 'g=C', min: 0.8 });
    expect(f.status).toBe('insufficient');
    expect(f.message).toContain('reference group g=C is insufficient (n 10 < min_group_size 30, 6 negatives < min_group_negatives 10)');
    const w = run({ ...ABC, settings: ALL_IN, waived: ['g=A'] }, { group_metric: 'fpr', aggregate: 'ratio', method: 'to_reference', reference: 'A', min: 0.8 });
    expect(w.status).toBe('insufficient');
    expect(w.message).toContain('reference group g=A is waived');
  });

  it('no sensitive columns: skipped with the reason', () => {
    const f = mg301.run(fairContext({ label: [1, 0], prediction: [1, 0], sensitive: {} }), mg301.options.parse({ metric: 'demographic_parity_ratio', min: 0.8 })) as Finding[];
    expect(f[0]!.status).toBe('skipped');
    expect(f[0]!.message).toMatch(/no sensitive columns/);
  });

  it('a named fairness metric on a regression model is an error', () => {
    const ctx = fairContext({ label: [1, 2, 3], prediction: [1, 2, 2], sensitive: { g: ['a', 'b', 'a'] }, task: 'regression' });
    const f = mg301.run(ctx, mg301.options.parse({ metric: 'demographic_parity_ratio', min: 0.8 })) as Finding[];
    expect(f[0]!.status).toBe('error');
    expect(f[0]!.message).toMatch(/defined for binary classification, not regression; use group_metric/);
  });
});

describe('MG301 groups: intersection and (missing)', () => {
  // race × sex, counts chosen so each cell's selection rate is easy: (tp, fn, fp, tn)
  //   X/F: 2,0,0,2 -> SR 2/4 = 0.5     X/M: 3,0,0,1 -> SR 0.75
  //   Y/F: 1,1,0,2 -> SR 1/4 = 0.25    (Y/M absent)     (missing)/M: 0,1,0,1 -> SR 0
  const cells: [string | null, string, { tp: number; fn: number; fp: number; tn: number }][] = [
    ['X', 'F', { tp: 2, fn: 0, fp: 0, tn: 2 }],
    ['X', 'M', { tp: 3, fn: 0, fp: 0, tn: 1 }],
    ['Y', 'F', { tp: 1, fn: 1, fp: 0, tn: 2 }],
    [null, 'M', { tp: 0, fn: 1, fp: 0, tn: 1 }],
  ];
  const parts = cells.map(([r, s, c]) => ({ ...groupRows(r, c), sex: groupRows(s, c).group }));
  const input: FairInput = {
    label: parts.flatMap((p) => p.label),
    prediction: parts.flatMap((p) => p.prediction),
    sensitive: { race: parts.flatMap((p) => p.group), sex: parts.flatMap((p) => p.sex) },
    settings: ALL_IN,
  };

  it('every combination present is a group, (missing) its own value; subject race × sex', () => {
    const f = run(input, { metric: 'demographic_parity_difference', sensitive: ['race', 'sex'], max: 0.5 });
    expect(f.subject).toBe('race × sex');
    expect(f.groups!.map((g) => [g.subject, g.value])).toEqual([
      ['race=(missing), sex=M', 0], ['race=X, sex=F', 0.5], ['race=X, sex=M', 0.75], ['race=Y, sex=F', 0.25],
    ]);
    expect(f.groups![0]!.key).toEqual({ race: null, sex: 'M' });
    expect(f.observed).toBe(0.75);
    expect(f.status).toBe('fail');
    expect(f.message).toBe('selection-rate difference across race × sex is 0.750 (race=X, sex=M 0.750 vs race=(missing), sex=M 0); max 0.50');
  });

  it('a missing value forms a (missing) group in a single column too, and can be the reference', () => {
    const f = run(input, { group_metric: 'selection_rate', aggregate: 'difference', method: 'to_reference', reference: '(missing)', sensitive: ['race'], max: 1 });
    // race: (missing) 0/2 = 0, X 5/8, Y 1/4.
    expect(f.groups!.map((g) => [g.subject, g.value])).toEqual([['race=(missing)', 0], ['race=X', 0.625], ['race=Y', 0.25]]);
    expect(f.observed).toBe(0.625);
    expect(f.groups![1]!.disparity).toBeNull(); // m_ref = 0
  });
});
