/**
 * Shared shapes of the statistics layer. Everything here is plain numbers and typed arrays so a SQL
 * engine (GROUP BY group, label, prediction) could produce the same structures later.
 * The task names mirror config's Task on purpose: stats imports nothing of ours.
 */

export type StatsTask = 'binary_classification' | 'multiclass_classification' | 'regression';

/**
 * A metric value. `null` means undefined (a zero denominator), never 0; `reason` says why.
 * Proportions also carry their integer numerator and denominator so callers can compare them
 * with thresholds exactly (src/stats/exact.ts) instead of through a rounded double.
 */
export interface MetricValue {
  value: number | null;
  reason?: string;
  num?: number;
  den?: number;
}

/** A confidence interval; null bounds when it cannot be computed (see `reason`). */
export interface StatsInterval {
  lower: number | null;
  upper: number | null;
  level: number;
  method: 'wilson' | 'delong' | 'normal' | 'bootstrap' | 'exact' | 'none';
  reason?: string;
}

/** One group's binary confusion counts. */
export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export const undefinedValue = (reason: string): MetricValue => ({ value: null, reason });
export const ratioValue = (num: number, den: number, reason: string): MetricValue =>
  den === 0 ? { value: null, reason } : { value: num / den, num, den };
