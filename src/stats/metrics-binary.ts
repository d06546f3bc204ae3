/**
 * Binary metrics, scikit-learn definitions, from sufficient statistics. A zero denominator gives
 * `null` with a reason, never 0 (DESIGN §5). Two places where that rule departs from sklearn:
 * sklearn returns 0 (zero_division) for precision without predicted positives and f1 with
 * 2tp+fp+fn = 0, and balanced_accuracy silently averages only the classes present; here all three
 * are null. Everywhere else values equal sklearn's to rounding (test/stats/golden-*.test.ts).
 */
import type { Confusion, MetricValue } from './types.js';
import { ratioValue, undefinedValue } from './types.js';
import type { ScoreGroupSums } from './score-sums.js';
import { ECE_BINS } from './score-sums.js';
import type { RankGroupStats } from './rank.js';

const NO_ROWS = 'no rows';
const NO_POS = 'no positive labels';
const NO_NEG = 'no negative labels';

export const accuracy = (c: Confusion): MetricValue => ratioValue(c.tp + c.tn, c.tp + c.fp + c.tn + c.fn, NO_ROWS);
export const recall = (c: Confusion): MetricValue => ratioValue(c.tp, c.tp + c.fn, NO_POS);
export const fnr = (c: Confusion): MetricValue => ratioValue(c.fn, c.tp + c.fn, NO_POS);
export const specificity = (c: Confusion): MetricValue => ratioValue(c.tn, c.tn + c.fp, NO_NEG);
export const fpr = (c: Confusion): MetricValue => ratioValue(c.fp, c.tn + c.fp, NO_NEG);
export const precision = (c: Confusion): MetricValue => ratioValue(c.tp, c.tp + c.fp, 'no predicted positives');
export const selectionRate = (c: Confusion): MetricValue =>
  ratioValue(c.tp + c.fp, c.tp + c.fp + c.tn + c.fn, NO_ROWS);

/** 2·tp / (2·tp + fp + fn): equal to the harmonic mean of precision and recall where both exist. */
export const f1 = (c: Confusion): MetricValue =>
  ratioValue(2 * c.tp, 2 * c.tp + c.fp + c.fn, 'no positive labels and no predicted positives');

export function balancedAccuracy(c: Confusion): MetricValue {
  const P = c.tp + c.fn;
  const N = c.tn + c.fp;
  if (P === 0 || N === 0) return undefinedValue(P === 0 ? NO_POS : NO_NEG);
  // (tp/P + tn/N)/2 = (tp·N + tn·P) / (2·P·N): one rounding, and exact integers for exact.ts.
  return ratioValue(c.tp * N + c.tn * P, 2 * P * N, NO_ROWS);
}

export const logLoss = (s: ScoreGroupSums): MetricValue =>
  s.n === 0 ? undefinedValue(NO_ROWS) : { value: s.logLoss / s.n };
export const brier = (s: ScoreGroupSums): MetricValue =>
  s.n === 0 ? undefinedValue(NO_ROWS) : { value: s.brier / s.n };

/**
 * Expected calibration error with 10 equal-width bins on [0, 1] (last bin closed, edges as in
 * score-sums.ts eceBin), weighted by bin size: Σ_b (n_b/n)·|mean(y)_b − mean(score)_b|
 * = Σ_b |Σ_{i∈b} (y_i − score_i)| / n.
 */
export function ece(s: ScoreGroupSums): MetricValue {
  if (s.n === 0) return undefinedValue(NO_ROWS);
  return { value: eceFromBins(s.binRows, s.binScore) };
}

export function eceFromBins(binRows: ArrayLike<number>, binScore: ArrayLike<number>): number {
  let n = 0;
  let total = 0;
  for (let b = 0; b < ECE_BINS; b++) {
    n += binRows[2 * b]! + binRows[2 * b + 1]!;
    total += Math.abs(binRows[2 * b + 1]! - (binScore[2 * b]! + binScore[2 * b + 1]!));
  }
  return total / n;
}

export function auc(r: RankGroupStats): MetricValue {
  if (r.positives === 0 || r.negatives === 0) return undefinedValue(r.positives === 0 ? NO_POS : NO_NEG);
  return { value: r.aucTwiceNum / (2 * r.positives * r.negatives), num: r.aucTwiceNum, den: 2 * r.positives * r.negatives };
}

/** sklearn average_precision_score; defined with no negatives (it is then 1), not without positives. */
export function prAuc(r: RankGroupStats): MetricValue {
  if (r.positives === 0) return undefinedValue(NO_POS);
  return { value: r.apNum / r.positives };
}
