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

/**
 * Group codes of every row, 0..groups-1, in the narrowest array that holds them: the engine's
 * groupings (checks/shared/grouping.ts) use Uint8Array up to 256 groups, Uint16Array up to 65536,
 * else Int32Array (4x or 2x less memory: at 10M rows a grouping is 10 MB instead of 40 MB). Every
 * kernel reads any of the three the same way (an element is the code).
 */
export type GroupCodes = Uint8Array | Uint16Array | Int32Array;

/**
 * Outcome values (label, prediction): a binary task's 0/1 as bytes (the engine's roles, 1 byte a
 * row instead of 8), or doubles (multiclass class index, regression target; any task in tests).
 */
export type Outcomes = Float64Array | Uint8Array;
