/**
 * The range a metric's value can take, so a threshold outside it is refused when the policy loads.
 * Without this `max: 20` on fpr (meant as 20 %) is a gate that can never fail, and `min: -0.5` on
 * auc one that can never fail either: the gate would pass wrongly.
 */
import type { z } from 'zod';

type Range = readonly [number | null, number | null];

const UNIT: Range = [0, 1];
const NON_NEGATIVE: Range = [0, null];
const RANGES: Record<string, Range> = {
  accuracy: UNIT, balanced_accuracy: UNIT, precision: UNIT, recall: UNIT, tpr: UNIT, specificity: UNIT, tnr: UNIT,
  fpr: UNIT, fnr: UNIT, f1: UNIT, selection_rate: UNIT, auc: UNIT, pr_auc: UNIT, brier: UNIT, ece: UNIT,
  macro_f1: UNIT, weighted_f1: UNIT,
  log_loss: NON_NEGATIVE, mae: NON_NEGATIVE, mse: NON_NEGATIVE, rmse: NON_NEGATIVE, mape: NON_NEGATIVE,
  r2: [null, 1],
};

/** [lowest, highest] value of a metric (null: unbounded on that side), or null for an unknown name. */
export function metricRange(metric: string): Range | null {
  if (/^recall:.+$/.test(metric)) return UNIT;
  return Object.prototype.hasOwnProperty.call(RANGES, metric) ? RANGES[metric]! : null;
}

type Ctx = z.core.$RefinementCtx<{ min?: number | undefined; max?: number | undefined }>;

/** Adds an issue for each of `min`/`max` outside the metric's range (with the percentage hint for shares). */
export function checkThresholdRange(metric: string | undefined, v: { min?: number | undefined; max?: number | undefined }, ctx: Ctx): void {
  const range = metric === undefined ? null : metricRange(metric);
  if (!range) return;
  const [lo, hi] = range;
  for (const key of ['min', 'max'] as const) {
    const x = v[key];
    if (x === undefined || ((lo === null || x >= lo) && (hi === null || x <= hi))) continue;
    const expected = lo !== null && hi !== null ? `a number between ${lo} and ${hi}` : lo !== null ? `a number of at least ${lo}` : `a number of at most ${hi}`;
    const hint = hi === 1 && lo === 0 && x > 1 && x <= 100 ? `did you mean ${Number((x / 100).toPrecision(12))}?` : undefined;
    ctx.addIssue({ code: 'custom', path: [key], message: `expected ${expected} (the range of ${metric}), got ${x}`, ...(hint ? { params: { hint } } : {}) });
  }
}
