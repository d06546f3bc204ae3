/**
 * The three-valued decision of an estimated metric against a threshold (DESIGN §5).
 *   point:    the estimate decides; a value equal to a bound passes (min and max are inclusive).
 *   interval: pass when the whole interval is on the passing side (a bound touching the threshold
 *             counts as passing, as in point mode), fail when the whole interval is on the failing
 *             side, inconclusive when it straddles.
 * A null value is `error`: the caller knows why (usually turns it into `insufficient` with the reason).
 * A metric without an interval (pr_auc, r2, or one row) cannot be judged by interval; it is then
 * decided on the estimate and `basis` says so, so messages can tell the user.
 */
import type { Defaults } from '../../config/types.js';
import type { Interval, Threshold } from '../../report/model.js';
import { compareToThreshold, rational } from '../../stats/index.js';

export type Decision = 'pass' | 'fail' | 'inconclusive' | 'error';

export interface Decidable {
  value: number | null;
  interval: Interval | null;
  /** Integer num/den of the value (proportions, AUC): compared with the threshold exactly. */
  exact?: { num: number | bigint; den: number | bigint } | undefined;
}

export interface DecisionDetail {
  status: Decision;
  basis: 'point' | 'interval' | 'point (no interval)';
}

/** Sign of value − bound; exact when the value has integer parts (0.8 = 4/5 passes min 0.8). */
function cmp(e: Decidable, bound: number): number {
  const exact = e.exact && Number(e.exact.den) !== 0 ? rational(e.exact.num, e.exact.den) : null;
  return compareToThreshold({ value: e.value!, exact }, bound);
}

function pointStatus(e: Decidable, t: Threshold): 'pass' | 'fail' {
  if (t.min !== undefined && cmp(e, t.min) < 0) return 'fail';
  if (t.max !== undefined && cmp(e, t.max) > 0) return 'fail';
  return 'pass';
}

export function decideDetailed(estimate: Decidable, threshold: Threshold, settings: Pick<Defaults, 'decision'>): DecisionDetail {
  if (estimate.value === null || !Number.isFinite(estimate.value)) return { status: 'error', basis: 'point' };
  if (settings.decision === 'point') return { status: pointStatus(estimate, threshold), basis: 'point' };
  const iv = estimate.interval;
  if (!iv || iv.lower === null || iv.upper === null) return { status: pointStatus(estimate, threshold), basis: 'point (no interval)' };
  const { min, max } = threshold;
  const lower = iv.lower;
  const upper = iv.upper;
  if ((min !== undefined && upper < min) || (max !== undefined && lower > max)) return { status: 'fail', basis: 'interval' };
  if ((min === undefined || lower >= min) && (max === undefined || upper <= max)) return { status: 'pass', basis: 'interval' };
  return { status: 'inconclusive', basis: 'interval' };
}

export function decide(
  estimate: Decidable,
  threshold: { min?: number; max?: number },
  settings: Pick<Defaults, 'decision'>,
): Decision {
  return decideDetailed(estimate, threshold, settings).status;
}
