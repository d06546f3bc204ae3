/**
 * Paired comparisons of a candidate and a baseline model scored on the same holdout rows.
 *
 * McNemar's exact test: only discordant rows carry information. With b = rows the baseline got
 * right and the candidate wrong, c = the reverse, under H0 (equal accuracy) b ~ Binomial(b + c, ½);
 * the two-sided p-value is min(1, 2·P(X ≤ min(b, c))). The difference in accuracy is (c − b)/n with
 * the usual paired normal interval, se = √(b + c − (c − b)²/n)/n.
 */
import { DEFAULT_LEVEL, DEFAULT_REPLICATES, percentileInterval } from './intervals.js';
import { zForLevel } from './normal.js';
import { logFactorial, Rng } from './random.js';
import type { StatsInterval } from './types.js';

/** P(X ≤ k) for X ~ Binomial(N, ½), summed downward from k in log space (no underflow). */
export function binomialHalfCdf(k: number, N: number): number {
  if (k < 0) return 0;
  if (k >= N) return 1;
  const logHalfN = N * Math.log(0.5);
  let logTerm = logFactorial(N) - logFactorial(k) - logFactorial(N - k) + logHalfN;
  let term = Math.exp(logTerm);
  let sum = 0;
  for (let j = k; j >= 0; j--) {
    sum += term;
    if (term < sum * 1e-17) break;
    // pmf(j−1) = pmf(j) · j/(N − j + 1)
    logTerm += Math.log(j / (N - j + 1));
    term = Math.exp(logTerm);
  }
  return Math.min(1, sum);
}

export interface McNemarResult {
  /** Rows the baseline classified correctly and the candidate did not. */
  baselineOnly: number;
  /** Rows the candidate classified correctly and the baseline did not. */
  candidateOnly: number;
  n: number;
  /** Candidate accuracy minus baseline accuracy. */
  difference: number | null;
  interval: StatsInterval;
  pValue: number;
}

export function mcnemar(candidateCorrect: Uint8Array, baselineCorrect: Uint8Array, level = DEFAULT_LEVEL): McNemarResult {
  const n = candidateCorrect.length;
  if (baselineCorrect.length !== n) throw new RangeError('candidate and baseline differ in length');
  let b = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const x = candidateCorrect[i]!;
    const y = baselineCorrect[i]!;
    if (x !== y) {
      if (y) b++;
      else c++;
    }
  }
  return mcnemarFromCounts(b, c, n, level);
}

export function mcnemarFromCounts(b: number, c: number, n: number, level = DEFAULT_LEVEL): McNemarResult {
  const pValue = b + c === 0 ? 1 : Math.min(1, 2 * binomialHalfCdf(Math.min(b, c), b + c));
  if (n === 0) {
    const interval: StatsInterval = { lower: null, upper: null, level, method: 'none', reason: 'no rows' };
    return { baselineOnly: b, candidateOnly: c, n, difference: null, interval, pValue };
  }
  const d = (c - b) / n;
  const se = Math.sqrt(Math.max(0, b + c - (c - b) ** 2 / n)) / n;
  const half = zForLevel(level) * se;
  const interval: StatsInterval = { lower: Math.max(-1, d - half), upper: Math.min(1, d + half), level, method: 'normal' };
  return { baselineOnly: b, candidateOnly: c, n, difference: d, interval, pValue };
}

/**
 * Paired bootstrap over rows: each replicate draws n row indices with replacement (seeded) and
 * evaluates `statistic` on them — typically candidate metric minus baseline metric on the same
 * rows, so their correlation is kept. O(replicates · cost of statistic): for AUC that is a sort
 * per replicate, so keep replicates modest on large holdouts.
 */
export function pairedBootstrap(
  n: number,
  statistic: (rows: Uint32Array) => number | null,
  opts: { seed: string; level?: number; replicates?: number },
): StatsInterval {
  const level = opts.level ?? DEFAULT_LEVEL;
  if (n === 0) return { lower: null, upper: null, level, method: 'none', reason: 'no rows' };
  const reps = opts.replicates ?? DEFAULT_REPLICATES;
  const rng = new Rng(opts.seed);
  const rows = new Uint32Array(n);
  const values: (number | null)[] = [];
  for (let r = 0; r < reps; r++) {
    for (let i = 0; i < n; i++) rows[i] = rng.int(n);
    values.push(statistic(rows));
  }
  return percentileInterval(values, level);
}
