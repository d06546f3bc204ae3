/**
 * The evaluate layer on literal data. Expected numbers: counted by hand (comments) and checked with
 * scikit-learn 1.2 / statsmodels 0.13 (/tmp/ref_eval.py, kept out of the repo):
 *   accuracy_score, recall_score, f1_score, roc_auc_score, log_loss, brier_score_loss,
 *   proportion_confint(method='wilson'), and DeLong written from the 1988 paper's structural
 *   components (V10/V01 with ties ½) in numpy.
 */
import { describe, expect, it } from 'vitest';
import { evaluateMetric, metricInfo, validMetricNames } from '../../../src/checks/shared/evaluate.js';
import { perfContext } from '../performance/fake-context.js';

// tp=3 fn=1 fp=1 tn=5
const Y = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0];
const P = [1, 1, 1, 0, 1, 0, 0, 0, 0, 0];
const S = [0.9, 0.8, 0.7, 0.3, 0.6, 0.3, 0.2, 0.2, 0.1, 0.05];
const G = ['a', 'a', 'b', 'b', 'a', 'b', 'a', 'b', 'a', 'b'];
const roles = perfContext({ label: Y, prediction: P, score: S }).roles;
const opts = { level: 0.95, seedKey: 'test' };

describe('evaluateMetric, binary', () => {
  it.each([
    ['accuracy', 0.8], // 8/10
    ['recall', 0.75], // 3/4
    ['tpr', 0.75],
    ['precision', 0.75], // 3/4
    ['specificity', 5 / 6],
    ['fpr', 1 / 6],
    ['f1', 0.75], // 2·3/(2·3+1+1)
    ['balanced_accuracy', 0.7916666666666667], // (3/4 + 5/6)/2
    ['selection_rate', 0.4],
    ['auc', 0.9375], // 22.5 of 24 pairs (one tie at 0.3)
    ['pr_auc', 0.9166666666666666],
    ['log_loss', 0.37650584037233886],
    ['brier', 0.11725],
  ])('%s = %d', (metric, value) => {
    const e = evaluateMetric(metric, roles, opts).overall;
    expect(e.value).toBeCloseTo(value, 14);
    expect(e.n).toBe(10);
    expect(e.positives).toBe(4);
    expect(e.negatives).toBe(6);
  });

  it('Wilson for proportions, DeLong for auc, normal for mean losses', () => {
    const acc = evaluateMetric('accuracy', roles, opts).overall.interval!;
    expect(acc.method).toBe('wilson');
    expect(acc.lower).toBeCloseTo(0.49016247153664183, 12);
    expect(acc.upper).toBeCloseTo(0.9433178485456247, 12);
    const rec = evaluateMetric('recall', roles, opts).overall.interval!;
    expect([rec.lower, rec.upper].map((x) => Number(x!.toFixed(12)))).toEqual([0.300641842582, 0.95441273919]);
    const auc = evaluateMetric('auc', roles, opts).overall.interval!;
    expect(auc.method).toBe('delong');
    expect(auc.lower).toBeCloseTo(0.7891478587047244, 12);
    expect(auc.upper).toBe(1);
    const ll = evaluateMetric('log_loss', roles, opts).overall.interval!;
    expect(ll.method).toBe('normal');
    expect(ll.lower).toBeCloseTo(0.14092768283591153, 12);
    expect(ll.upper).toBeCloseTo(0.6120839979087662, 12);
    expect(evaluateMetric('f1', roles, opts).overall.interval!.method).toBe('bootstrap');
  });

  it('carries the integer numerator and denominator of proportions', () => {
    expect(evaluateMetric('recall', roles, opts).overall.exact).toEqual({ num: 3, den: 4 });
    expect(evaluateMetric('log_loss', roles, opts).overall.exact).toBeUndefined();
  });

  it('evaluates every group from one set of codes', () => {
    const group = Int32Array.from(G, (g) => (g === 'a' ? 0 : 1));
    const acc = evaluateMetric('accuracy', roles, { ...opts, group, groups: 2 });
    // a: rows 0,1,4,6,8 -> 1,1 right, row 4 (y0 p1) wrong, 6,8 right: 4/5; b: rows 2,3,5,7,9 -> 3 wrong: 4/5
    expect(acc.groups.map((g) => [g.value, g.n, g.positives])).toEqual([[0.8, 5, 2], [0.8, 5, 2]]);
    const rec = evaluateMetric('recall', roles, { ...opts, group, groups: 2 });
    expect(rec.groups.map((g) => g.value)).toEqual([1, 0.5]);
    const auc = evaluateMetric('auc', roles, { ...opts, group, groups: 2 });
    expect(auc.groups.map((g) => g.value)).toEqual([1, 5.5 / 6]);
    expect(auc.overall.value).toBe(0.9375);
  });

  it('an undefined metric is null with the reason, never 0', () => {
    const none = perfContext({ label: [0, 0, 0], prediction: [0, 1, 0], score: [0.1, 0.6, 0.2] }).roles;
    const e = evaluateMetric('recall', none, opts).overall;
    expect(e).toMatchObject({ value: null, interval: null, n: 3, positives: 0, negatives: 3 });
    expect(e.reason).toMatch(/no positive labels/);
    expect(evaluateMetric('auc', none, opts).overall.value).toBeNull();
    expect(evaluateMetric('precision', perfContext({ label: [1, 0], prediction: [0, 0] }).roles, opts).overall.reason).toMatch(/no predicted positives/);
  });

  it('names a missing role column and an unknown metric', () => {
    const noScore = perfContext({ label: Y, prediction: P }).roles;
    expect(evaluateMetric('auc', noScore, opts).overall.reason).toBe('auc needs the score column, which the dataset does not have');
    expect(evaluateMetric('mae', roles, opts).overall.reason).toMatch(/^unknown metric "mae" for binary classification; valid: accuracy, /);
  });

  it('bootstrap intervals are seeded by key: same key, same interval; another row order, same interval', () => {
    const group = Int32Array.from(G, (g) => (g === 'a' ? 0 : 1));
    const first = evaluateMetric('f1', roles, { ...opts, group, groups: 2, groupKeys: ['g=a', 'g=b'] });
    const again = evaluateMetric('f1', roles, { ...opts, group, groups: 2, groupKeys: ['g=a', 'g=b'] });
    expect(again).toEqual(first);
    // Reverse the rows and swap the codes: the groups keep their keys, so their intervals stay.
    const rev = (x: number[]) => [...x].reverse();
    const reversed = perfContext({ label: rev(Y), prediction: rev(P), score: rev(S) }).roles;
    const codes = Int32Array.from([...G].reverse(), (g) => (g === 'a' ? 1 : 0));
    const other = evaluateMetric('f1', reversed, { ...opts, group: codes, groups: 2, groupKeys: ['g=b', 'g=a'] });
    expect(other.overall).toEqual(first.overall);
    expect(other.groups[1]).toEqual(first.groups[0]);
    expect(other.groups[0]).toEqual(first.groups[1]);
    const otherSeed = evaluateMetric('f1', roles, { ...opts, seedKey: 'another' }).overall.interval;
    expect(otherSeed).not.toEqual(first.overall.interval);
  });
});

describe('evaluateMetric, regression and multiclass', () => {
  // errors 0.5, 0, -1, 1; mean label 2.5, total sum of squares 5
  const reg = perfContext({ task: 'regression', label: [1, 2, 3, 4], prediction: [1.5, 2, 2, 5] }).roles;
  it.each([['mae', 0.625], ['mse', 0.5625], ['rmse', 0.75], ['r2', 0.55], ['mape', 0.2708333333333333]])('%s = %d', (m, v) => {
    const e = evaluateMetric(m, reg, opts).overall;
    expect(e.value).toBeCloseTo(v, 14);
    expect(e.positives).toBeNull();
  });

  // classes 0,1,2: label 0 0 1 1 2 2, prediction 0 1 1 1 2 0
  const mc = perfContext({ task: 'multiclass_classification', label: [0, 0, 1, 1, 2, 2], prediction: [0, 1, 1, 1, 2, 0], classes: ['0', '1', '2'] }).roles;
  it.each([['accuracy', 4 / 6], ['macro_f1', 0.6555555555555556], ['weighted_f1', 0.6555555555555556], ['recall:0', 0.5], ['recall:1', 1], ['recall:2', 0.5]])('%s = %d', (m, v) => {
    expect(evaluateMetric(m, mc, opts).overall.value).toBeCloseTo(v, 14);
  });
  it('per-class recall counts the class support as positives', () => {
    expect(evaluateMetric('recall:2', mc, opts).overall).toMatchObject({ positives: 2, negatives: 4, exact: { num: 1, den: 2 } });
    expect(evaluateMetric('recall:7', mc, opts).overall.reason).toMatch(/unknown metric/);
  });
});

describe('metricInfo', () => {
  it.each([
    ['tpr', 'binary_classification', { name: 'recall', higherIsBetter: true, kind: 'proportion', needs: ['label', 'prediction'] }],
    ['auc', 'binary_classification', { name: 'auc', higherIsBetter: true, kind: 'rank', needs: ['label', 'score'] }],
    ['log_loss', 'binary_classification', { name: 'log_loss', higherIsBetter: false, kind: 'mean-loss', needs: ['label', 'score'] }],
    ['recall:2', 'multiclass_classification', { name: 'recall:2', kind: 'proportion' }],
    ['mae', 'regression', { name: 'mae', higherIsBetter: false }],
  ] as const)('%s for %s', (metric, task, want) => {
    expect(metricInfo(metric, task)).toMatchObject(want);
  });
  it.each([['mae', 'binary_classification'], ['auc', 'regression'], ['recall', 'multiclass_classification'], ['nope', 'binary_classification']] as const)(
    '%s is unknown for %s', (metric, task) => expect(metricInfo(metric, task)).toBeNull());
  it('lists aliases and the per-class syntax among the valid names', () => {
    expect(validMetricNames('binary_classification')).toEqual(expect.arrayContaining(['auc', 'tpr', 'tnr']));
    expect(validMetricNames('multiclass_classification')).toEqual(['accuracy', 'macro_f1', 'weighted_f1', 'recall:<class>']);
  });
});
