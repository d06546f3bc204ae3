/**
 * Per-group sufficient statistics for regression metrics, all sums compensated (Neumaier).
 *
 * Two passes: the first sums y per group, the second sums squared deviations about each group's
 * mean. One-pass `Σy² − (Σy)²/n` cancels catastrophically when the mean is large relative to the
 * spread (prices, timestamps); the centred second pass does not. SQL: a CTE with AVG(y) per group,
 * joined back. Each quantity is a plain count or sum.
 */
import { Accumulators } from './sum.js';
import { checkGroupArgs } from './counts.js';
import type { GroupCodes, Outcomes } from './types.js';

/** np.finfo(np.float64).eps: scikit-learn's floor for |y| in the MAPE denominator. */
export const MAPE_EPS = 2 ** -52;

export interface RegressionGroupSums {
  n: number;
  sumY: number;
  /** Σ (y − ȳ)², the total sum of squares (R² denominator). */
  sumSqDev: number;
  /** Σ |e| and Σ e² with e = prediction − y. */
  sumAbsErr: number;
  sumSqErr: number;
  /** Σ e⁴, for the variance of the per-row squared error (RMSE interval). */
  sumErr4: number;
  /** Σ |e| / max(|y|, MAPE_EPS) — exactly scikit-learn's MAPE terms — and Σ of their squares. */
  sumApe: number;
  sumApeSq: number;
  /** Rows with |y| < MAPE_EPS: their MAPE terms are |e| / 2.2e-16, huge (sklearn does the same). */
  zeroLabelRows: number;
}

export function regressionSums(
  label: Outcomes,
  prediction: Outcomes,
  group: GroupCodes | null = null,
  groups = 1,
): RegressionGroupSums[] {
  const n = label.length;
  if (prediction.length !== n) throw new RangeError(`prediction has ${prediction.length} rows, expected ${n}`);
  checkGroupArgs(n, group, groups);
  const count = new Float64Array(groups);
  const sy = new Accumulators(groups);
  for (let i = 0; i < n; i++) {
    const g = group === null ? 0 : group[i]!;
    if (g < 0 || g >= groups) throw new RangeError(`row ${i}: group code ${g} out of range`);
    const y = label[i]!;
    const p = prediction[i]!;
    if (!Number.isFinite(y) || !Number.isFinite(p)) throw new RangeError(`row ${i}: label/prediction not finite`);
    count[g]!++;
    sy.add(g, y);
  }
  const mean = new Float64Array(groups);
  for (let g = 0; g < groups; g++) mean[g] = count[g]! > 0 ? sy.value(g) / count[g]! : 0;
  const dev = new Accumulators(groups);
  const abs = new Accumulators(groups);
  const sq = new Accumulators(groups);
  const e4 = new Accumulators(groups);
  const ape = new Accumulators(groups);
  const apeSq = new Accumulators(groups);
  const zeros = new Float64Array(groups);
  for (let i = 0; i < n; i++) {
    const g = group === null ? 0 : group[i]!;
    const y = label[i]!;
    const e = prediction[i]! - y;
    const d = y - mean[g]!;
    dev.add(g, d * d);
    abs.add(g, Math.abs(e));
    const e2 = e * e;
    sq.add(g, e2);
    e4.add(g, e2 * e2);
    const ay = Math.abs(y);
    if (ay < MAPE_EPS) zeros[g]!++;
    const a = Math.abs(e) / Math.max(ay, MAPE_EPS);
    ape.add(g, a);
    apeSq.add(g, a * a);
  }
  const out: RegressionGroupSums[] = [];
  for (let g = 0; g < groups; g++) {
    out.push({
      n: count[g]!,
      sumY: sy.value(g),
      sumSqDev: dev.value(g),
      sumAbsErr: abs.value(g),
      sumSqErr: sq.value(g),
      sumErr4: e4.value(g),
      sumApe: ape.value(g),
      sumApeSq: apeSq.value(g),
      zeroLabelRows: zeros[g]!,
    });
  }
  return out;
}
