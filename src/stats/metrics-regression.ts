/**
 * Regression metrics from per-group sums (regression-sums.ts), scikit-learn definitions.
 * r2: sklearn returns 1.0 (perfect fit) or 0.0 when the labels are constant (force_finite);
 * here a constant label is a zero denominator, so null. mape: exactly sklearn's
 * mean(|ŷ − y| / max(|y|, 2^-52)) — a label of 0 gives a term of |e|·4.5e15, as in sklearn;
 * `zeroLabelRows` lets a check say so.
 */
import type { RegressionGroupSums } from './regression-sums.js';
import type { MetricValue } from './types.js';
import { undefinedValue } from './types.js';

const NO_ROWS = 'no rows';

export const mae = (s: RegressionGroupSums): MetricValue =>
  s.n === 0 ? undefinedValue(NO_ROWS) : { value: s.sumAbsErr / s.n };
export const mse = (s: RegressionGroupSums): MetricValue =>
  s.n === 0 ? undefinedValue(NO_ROWS) : { value: s.sumSqErr / s.n };
export const rmse = (s: RegressionGroupSums): MetricValue =>
  s.n === 0 ? undefinedValue(NO_ROWS) : { value: Math.sqrt(s.sumSqErr / s.n) };

export function r2(s: RegressionGroupSums): MetricValue {
  if (s.n === 0) return undefinedValue(NO_ROWS);
  if (s.sumSqDev === 0) return undefinedValue('labels are constant (zero total variance)');
  return { value: 1 - s.sumSqErr / s.sumSqDev };
}

export function mape(s: RegressionGroupSums): MetricValue {
  if (s.n === 0) return undefinedValue(NO_ROWS);
  const v: MetricValue = { value: s.sumApe / s.n };
  if (s.zeroLabelRows > 0) v.reason = `${s.zeroLabelRows} rows have label 0 (divided by 2^-52, as scikit-learn does)`;
  return v;
}
