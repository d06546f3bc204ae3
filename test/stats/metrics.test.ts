/**
 * Metric definitions on small hand-computed cases. Where a value comes from scikit-learn instead
 * of hand arithmetic, the exact call is in the comment (sklearn 1.2.1, /usr/bin/python3).
 */
import { describe, expect, it } from 'vitest';
import {
  auc, balancedAccuracy, binaryCounts, brier, classRecall, confusionOf, ece, eceBin, f1, getMetric,
  logLoss, macroF1, mae, mape, multiclassAccuracy, multiclassCounts, matrixOf, precision, prAuc, r2,
  rankStats, recall, regressionSums, rmse, scoreSums, selectionRate, specificity, weightedF1,
  accuracy, fpr, fnr,
} from '../../src/stats/index.js';

const f64 = (xs: number[]) => Float64Array.from(xs);

describe('binary metrics from counts', () => {
  // Group A of anchors §6.6: n=100, P=50, N=50, TP=40, FP=10 -> FN=10, TN=40.
  const A = { tp: 40, fp: 10, fn: 10, tn: 40 };
  it('anchors group A by hand', () => {
    expect(selectionRate(A)).toEqual({ value: 0.5, num: 50, den: 100 }); // (40+10)/100
    expect(recall(A).value).toBe(0.8); // 40/50
    expect(fpr(A).value).toBe(0.2); // 10/50
    expect(fnr(A).value).toBe(0.2);
    expect(specificity(A).value).toBe(0.8);
    expect(precision(A).value).toBe(0.8); // 40/(40+10)
    expect(accuracy(A).value).toBe(0.8); // 80/100
    expect(f1(A).value).toBe(0.8); // 80/(80+10+10)
    expect(balancedAccuracy(A).value).toBe(0.8);
  });

  it('zero denominators are null with a reason, never 0', () => {
    const noPos = { tp: 0, fn: 0, fp: 3, tn: 7 };
    expect(recall(noPos)).toEqual({ value: null, reason: 'no positive labels' });
    expect(fnr(noPos).value).toBeNull();
    expect(balancedAccuracy(noPos).reason).toBe('no positive labels');
    const noNeg = { tp: 5, fn: 1, fp: 0, tn: 0 };
    expect(fpr(noNeg)).toEqual({ value: null, reason: 'no negative labels' });
    expect(specificity(noNeg).value).toBeNull();
    const noPredPos = { tp: 0, fp: 0, fn: 4, tn: 6 };
    expect(precision(noPredPos).value).toBeNull(); // sklearn would say 0 (zero_division)
    expect(f1(noPredPos).value).toBe(0); // 0/(0+0+4): defined, and sklearn agrees
    expect(f1({ tp: 0, fp: 0, fn: 0, tn: 9 }).value).toBeNull();
    expect(accuracy({ tp: 0, fp: 0, fn: 0, tn: 0 }).reason).toBe('no rows');
  });

  it('counts one pass per group; bad codes throw instead of being dropped', () => {
    const c = binaryCounts(f64([1, 1, 0, 0, 1]), f64([1, 0, 1, 0, 1]), Int32Array.from([0, 0, 1, 1, 1]), 2);
    expect(confusionOf(c, 0)).toEqual({ tp: 1, fn: 1, fp: 0, tn: 0 });
    expect(confusionOf(c, 1)).toEqual({ tp: 1, fn: 0, fp: 1, tn: 1 });
    expect(() => binaryCounts(f64([1]), f64([1]), Int32Array.from([2]), 2)).toThrow(RangeError);
    expect(() => binaryCounts(f64([1]), f64([1]), Int32Array.from([-1]), 2)).toThrow(RangeError);
    expect(() => binaryCounts(f64([0.5]), f64([1]))).toThrow(RangeError);
    expect(() => binaryCounts(f64([1, 0]), f64([1]))).toThrow(RangeError);
  });
});

describe('score metrics', () => {
  it('log loss clips at 2^-52 and Brier by hand', () => {
    // rows (y, p): (1, 1), (0, 1), (1, 0.5), (0, 0.25)
    const s = scoreSums(f64([1, 0, 1, 0]), f64([1, 1, 0.5, 0.25]))[0]!;
    // -log(1-2^-52) ≈ 2^-52; -log(2^-52) = 52·ln 2; -log 0.5; -log 0.75
    const expected = (2 ** -52 + 52 * Math.LN2 + Math.LN2 - Math.log(0.75)) / 4;
    expect(logLoss(s).value).toBeCloseTo(expected, 14);
    expect(brier(s).value).toBe((0 + 1 + 0.25 + 0.0625) / 4);
  });

  it('ECE: 10 equal-width bins, last closed, weighted by size (hand computed)', () => {
    // bin 0: p 0.05, 0.05 y 0, 1 -> |1 - 0.1| = 0.9; bin 9: p 0.95, 1.0 y 1, 1 -> |2 - 1.95| = 0.05
    // bin 3: p 0.3 (edge: belongs to bin 3) y 0 -> |0 - 0.3| = 0.3. ECE = (0.9 + 0.05 + 0.3)/5
    const s = scoreSums(f64([0, 1, 1, 1, 0]), f64([0.05, 0.05, 0.95, 1, 0.3]))[0]!;
    expect(ece(s).value).toBeCloseTo(1.25 / 5, 15);
    for (let k = 0; k <= 10; k++) expect(eceBin(k / 10)).toBe(Math.min(k, 9));
    expect(eceBin(0.1 - 2 ** -55)).toBe(0);
    expect(eceBin(0.7 - 1e-16)).toBe(6);
    // The double just below 0.9: p*10 rounds to exactly 9, but p < 0.9, so bin 8.
    const below = new Float64Array([0.9]);
    new BigInt64Array(below.buffer)[0]! -= 1n;
    expect(eceBin(below[0]!)).toBe(8);
  });

  it('AUC with ties counts ½ and average precision uses distinct-score thresholds', () => {
    // sklearn: roc_auc_score(ys, ss) = 0.78125, average_precision_score(ys, ss) = 0.75
    // Hand: positives .4 .4 .8 .9, negatives .1 .2 .4 .8 -> (2.5 + 2.5 + 3.5 + 4)/16;
    // AP = 1·¼ (t=.9) + ⅔·¼ (t=.8) + (4/6)·½ (t=.4) = 0.75
    const y = f64([0, 1, 1, 0, 1, 0, 0, 1]);
    const s = f64([0.1, 0.4, 0.4, 0.4, 0.8, 0.8, 0.2, 0.9]);
    const r = rankStats(s, y).overall;
    expect(auc(r)).toEqual({ value: 0.78125, num: 25, den: 32 });
    expect(prAuc(r).value).toBeCloseTo(0.75, 15);
    const none = rankStats(f64([0.3, 0.6]), f64([0, 0])).overall;
    expect(auc(none)).toEqual({ value: null, reason: 'no positive labels' });
    expect(prAuc(none).value).toBeNull();
  });
});

describe('multiclass (scikit-learn semantics)', () => {
  it('matches sklearn on a 3-class case', () => {
    // yt=[0,0,1,1,2,2,2,0] yp=[0,1,1,1,2,0,2,2]: accuracy 0.625, f1 macro 0.6222222222222222,
    // weighted 0.6000000000000001, recall per class [1/3, 1, 2/3]
    const m = matrixOf(multiclassCounts(f64([0, 0, 1, 1, 2, 2, 2, 0]), f64([0, 1, 1, 1, 2, 0, 2, 2]), 3), 0);
    expect(multiclassAccuracy(m).value).toBe(0.625);
    expect(macroF1(m).value).toBeCloseTo(0.6222222222222222, 15);
    expect(weightedF1(m).value).toBeCloseTo(0.6, 15);
    expect([0, 1, 2].map((k) => classRecall(m, k).value)).toEqual([1 / 3, 1, 2 / 3]);
  });

  it('classes absent from a group are left out; predicted-only classes count (sklearn unique_labels)', () => {
    // yt=[0,0,1,1] yp=[0,3,1,0] with K=5: sklearn f1 macro 0.38888888888888884 over classes {0,1,3},
    // weighted 0.5833333333333333
    const m = matrixOf(multiclassCounts(f64([0, 0, 1, 1]), f64([0, 3, 1, 0]), 5), 0);
    expect(macroF1(m).value).toBeCloseTo(0.38888888888888884, 15);
    expect(weightedF1(m).value).toBeCloseTo(0.5833333333333333, 15);
    expect(classRecall(m, 2).value).toBeNull();
  });
});

describe('regression (scikit-learn semantics)', () => {
  it('matches sklearn mae/rmse/r2/mape', () => {
    // y=[3,-0.5,2,7,0] p=[2.5,0,2,8,0.5]: mae 0.5, rmse 0.5916079783099616, r2 0.9511173184357542,
    // mape 450359962737049.9 (the y=0 row divides by 2^-52, as sklearn does)
    const s = regressionSums(f64([3, -0.5, 2, 7, 0]), f64([2.5, 0, 2, 8, 0.5]))[0]!;
    expect(mae(s).value).toBe(0.5);
    expect(rmse(s).value).toBeCloseTo(0.5916079783099616, 15);
    expect(r2(s).value).toBeCloseTo(0.9511173184357542, 14);
    expect(mape(s).value! / 450359962737049.9).toBeCloseTo(1, 14);
    expect(mape(s).reason).toMatch(/1 rows have label 0/);
    expect(s.zeroLabelRows).toBe(1);
  });

  it('r2 stays exact with a large mean (centred second pass) and is null for constant labels', () => {
    // sklearn r2_score([1e9+1..1e9+4], [1e9+1.5, 1e9+2, 1e9+2.5, 1e9+4.5]) = 0.85 (SSres .75, SStot 5)
    const s = regressionSums(f64([1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4]), f64([1e9 + 1.5, 1e9 + 2, 1e9 + 2.5, 1e9 + 4.5]))[0]!;
    expect(r2(s).value).toBe(0.85);
    expect(r2(regressionSums(f64([2, 2]), f64([2, 3]))[0]!).value).toBeNull();
  });
});

describe('registry', () => {
  it('resolves aliases, tasks and per-class recall', () => {
    expect(getMetric('tpr', 'binary_classification')!.name).toBe('recall');
    expect(getMetric('tnr', 'binary_classification')!.name).toBe('specificity');
    expect(getMetric('auc', 'regression')).toBeUndefined();
    expect(getMetric('accuracy', 'multiclass_classification')!.needs).toBe('matrix');
    const m = matrixOf(multiclassCounts(f64([0, 1, 1]), f64([0, 1, 0]), 2), 0);
    expect(getMetric('recall:dog', 'multiclass_classification', ['cat', 'dog'])!.compute({ matrix: m }).value).toBe(0.5);
    expect(() => getMetric('auc', 'binary_classification')!.compute({})).toThrow(/needs rank/);
  });

  it('every metric has an interval method of the kind it declares', () => {
    const c = { tp: 30, fp: 10, fn: 20, tn: 40 };
    expect(getMetric('recall', 'binary_classification')!.interval({ confusion: c }, { seed: 'x' }).method).toBe('wilson');
    const f = getMetric('f1', 'binary_classification')!;
    const iv = f.interval({ confusion: c }, { seed: 'x' });
    expect(iv.method).toBe('bootstrap');
    expect(iv.lower!).toBeLessThan(f.compute({ confusion: c }).value!);
    expect(iv.upper!).toBeGreaterThan(f.compute({ confusion: c }).value!);
    expect(f.interval({ confusion: c }, { seed: 'x' })).toEqual(iv); // same seed, same interval
  });
});
