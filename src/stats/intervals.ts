/**
 * Confidence intervals for the estimates a gate decides on (DESIGN §5, Uncertainty):
 * Wilson for proportions, DeLong for AUC (delong.ts), a normal interval from per-row sums for mean
 * losses, and a percentile bootstrap over multinomially resampled cell counts for other functions
 * of counts. `level` is the two-sided confidence level (default 0.95).
 */
import { zForLevel } from './normal.js';
import { Rng } from './random.js';
import type { StatsInterval } from './types.js';

export const DEFAULT_LEVEL = 0.95;
export const DEFAULT_REPLICATES = 2000;

const none = (level: number, reason: string): StatsInterval => ({ lower: null, upper: null, level, method: 'none', reason });

/** Level for each of k simultaneous intervals so all hold jointly with probability ≥ level. */
export function bonferroniLevel(level: number, k: number): number {
  if (!(k >= 1)) throw new RangeError(`k must be at least 1, got ${k}`);
  return 1 - (1 - level) / k;
}

/** Wilson score interval for x successes in n trials. */
export function wilsonInterval(x: number, n: number, level = DEFAULT_LEVEL): StatsInterval {
  if (n <= 0) return none(level, 'no rows in the denominator');
  const z = zForLevel(level);
  const p = x / n;
  const z2n = (z * z) / n;
  const center = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  // At x = 0 or x = n the exact bound is 0 or 1; rounding must not leave it at 1e-17.
  return {
    lower: x === 0 ? 0 : Math.max(0, center - half),
    upper: x === n ? 1 : Math.min(1, center + half),
    level,
    method: 'wilson',
  };
}

/**
 * Normal interval for a mean loss from n, Σ loss and Σ loss²: mean ± z·s/√n, s the sample
 * standard deviation. Clipped below at `floor` (losses are non-negative).
 */
export function meanInterval(n: number, sum: number, sumSq: number, level = DEFAULT_LEVEL, floor = 0): StatsInterval {
  if (n < 2) return none(level, n === 0 ? 'no rows' : 'one row: no variance estimate');
  const mean = sum / n;
  const variance = Math.max(0, (sumSq - sum * mean) / (n - 1));
  const half = zForLevel(level) * Math.sqrt(variance / n);
  return { lower: Math.max(floor, mean - half), upper: mean + half, level, method: 'normal' };
}

/** RMSE interval: the square roots of the MSE interval's bounds (a monotone transform). */
export function rmseInterval(n: number, sumSqErr: number, sumErr4: number, level = DEFAULT_LEVEL): StatsInterval {
  const mse = meanInterval(n, sumSqErr, sumErr4, level);
  if (mse.lower === null || mse.upper === null) return mse;
  return { ...mse, lower: Math.sqrt(mse.lower), upper: Math.sqrt(mse.upper) };
}

/** Linear-interpolation quantile of sorted values (numpy's default, "type 7"). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export interface BootstrapOptions {
  level?: number;
  replicates?: number;
  /** Seed key, e.g. `${checkKey}|${groupKey}`: the same key gives the same interval. */
  seed: string;
}

/** Percentile interval from replicate values; undefined replicates (null) are counted and left out. */
export function percentileInterval(values: (number | null)[], level: number): StatsInterval {
  const defined = values.filter((v): v is number => v !== null && Number.isFinite(v));
  return percentileOfDefined(Float64Array.from(defined), values.length, level);
}

/** The same interval from replicates kept in a typed array (NaN for an undefined replicate; compacted in place). */
export function percentileOfReplicates(values: Float64Array, level: number): StatsInterval {
  let m = 0;
  for (let r = 0; r < values.length; r++) if (Number.isFinite(values[r]!)) values[m++] = values[r]!;
  return percentileOfDefined(values.subarray(0, m), values.length, level);
}

/** `defined`: the finite replicates in draw order (sorted in place); `total`: all replicates. */
function percentileOfDefined(defined: Float64Array, total: number, level: number): StatsInterval {
  const dropped = total - defined.length;
  if (defined.length < 2 || dropped > total / 2) {
    return none(level, `statistic undefined in ${dropped} of ${total} bootstrap replicates`);
  }
  const sorted = defined.sort();
  const alpha = 1 - level;
  const out: StatsInterval = {
    lower: quantileSorted(sorted, alpha / 2),
    upper: quantileSorted(sorted, 1 - alpha / 2),
    level,
    method: 'bootstrap',
  };
  if (dropped > 0) out.reason = `statistic undefined in ${dropped} of ${total} replicates (left out)`;
  return out;
}

/**
 * Bootstrap over counts: each replicate draws new cell counts from Multinomial(n, observed cell
 * proportions) — the same as resampling the n rows, without touching them — and evaluates f.
 */
export function bootstrapCounts(
  cells: ArrayLike<number>,
  f: (cells: Float64Array) => number | null,
  opts: BootstrapOptions,
): StatsInterval {
  const level = opts.level ?? DEFAULT_LEVEL;
  const reps = opts.replicates ?? DEFAULT_REPLICATES;
  let n = 0;
  for (let k = 0; k < cells.length; k++) n += cells[k]!;
  if (n === 0) return none(level, 'no rows');
  const probs = Float64Array.from(cells, (c) => c / n);
  const rng = new Rng(opts.seed);
  const draw = new Float64Array(cells.length);
  // A typed array, not (number | null)[]: no boxed double per replicate to collect.
  const values = new Float64Array(reps > 0 ? Math.ceil(reps) : 0);
  for (let r = 0; r < values.length; r++) values[r] = f(rng.multinomial(n, probs, draw)) ?? Number.NaN;
  return percentileOfReplicates(values, level);
}
