/**
 * Per-group sums over (label, score) for the mean losses and calibration:
 * log loss and Brier (sum and sum of squares of the per-row loss, for a normal interval) and the
 * calibration table (rows and Σ score per equal-width bin and label).
 */
import { checkGroupArgs } from './counts.js';
import { sumError } from './sum.js';
import type { GroupCodes, Outcomes } from './types.js';

/** scikit-learn's default clip for float64 scores: np.finfo(np.float64).eps = 2^-52. */
export const LOG_LOSS_EPS = 2 ** -52;
export const ECE_BINS = 10;

export interface ScoreGroupSums {
  n: number;
  logLoss: number;
  logLossSq: number;
  brier: number;
  brierSq: number;
  /** Calibration cells, index 2*bin + label: row count and Σ score. */
  binRows: Float64Array;
  binScore: Float64Array;
}

/**
 * Equal-width bin of p on [0, 1]: bin b holds edge_b <= p < edge_{b+1} with edge_b the double
 * nearest b/10; the last bin is closed ([0.9, 1]). floor(p*10) alone misplaces values next to an
 * edge (for the double just below 0.9, p*10 rounds up to 9), so the bin is corrected both ways.
 */
export function eceBin(p: number, bins = ECE_BINS): number {
  if (bins === ECE_BINS) return eceBin10(p);
  let b = Math.floor(p * bins);
  if (b > bins - 1) b = bins - 1;
  if (b < 0) b = 0;
  if (b > 0 && p < b / bins) b--;
  else if (b < bins - 1 && p >= (b + 1) / bins) b++;
  return b;
}

/** The default bins' edges b/10 (the same doubles eceBin divides out), so a row needs no division. */
const EDGE = Float64Array.from({ length: ECE_BINS + 1 }, (_, b) => b / ECE_BINS);

/** eceBin(p, ECE_BINS) with the edges from EDGE: the same comparisons against the same doubles. */
function eceBin10(p: number): number {
  let b = Math.floor(p * ECE_BINS);
  if (b > ECE_BINS - 1) b = ECE_BINS - 1;
  if (b < 0) b = 0;
  if (b > 0 && p < EDGE[b]!) b--;
  else if (b < ECE_BINS - 1 && p >= EDGE[b + 1]!) b++;
  return b;
}

export function scoreSums(
  label: Outcomes,
  score: Float64Array,
  group: GroupCodes | null = null,
  groups = 1,
): ScoreGroupSums[] {
  return scoreSumsMulti(label, score, [{ group, groups }])[0]!;
}

/** One grouping for scoreSumsMulti: codes 0..groups-1, or null for one group of every row. */
export interface GroupingCodes {
  group: GroupCodes | null;
  groups: number;
}

/**
 * scoreSums for several groupings in one pass: each row's losses and bin are computed once and
 * added to every grouping's accumulators (in row order, so each sum equals the one-grouping pass).
 */
// Per group, flat: count, then (sum, compensation) of log loss, its square, Brier, its square.
const W = 9;

/** Neumaier step into a[at] (sum) and a[at + 1] (compensation), as Accumulators.add. */
function nadd(a: Float64Array, at: number, x: number): void {
  const s = a[at]!;
  const t = s + x;
  a[at + 1]! += sumError(s, x, t);
  a[at] = t;
}

/** Rows per addRows call: a short call, made many times, is optimized as a whole function. */
const CHUNK = 4096;

export function scoreSumsMulti(label: Outcomes, score: Float64Array, groupings: readonly GroupingCodes[]): ScoreGroupSums[][] {
  const n = label.length;
  if (score.length !== n) throw new RangeError(`score has ${score.length} rows, expected ${n}`);
  for (const { group, groups } of groupings) checkGroupArgs(n, group, groups);
  const sizes = groupings.map((x) => x.groups);
  const sums = sizes.map((g) => new Float64Array(g * W));
  const binRows = sizes.map((g) => new Float64Array(g * 2 * ECE_BINS));
  const binScore = sizes.map((g) => new Float64Array(g * 4 * ECE_BINS));
  // Every row's codes are checked before any row is added, so a bad code fails before any work.
  for (const { group, groups } of groupings) if (group !== null) checkCodes(group, groups);
  const codes = groupings.map((x) => x.group);
  for (let start = 0; start < n; start += CHUNK) addRows(label, score, start, Math.min(n, start + CHUNK), codes, sums, binRows, binScore);
  const w = 2 * ECE_BINS;
  return groupings.map(({ groups }, j) => {
    const a = sums[j]!;
    const bs = binScore[j]!;
    const out: ScoreGroupSums[] = [];
    for (let g = 0; g < groups; g++) {
      const o = g * W;
      const cells = new Float64Array(w);
      for (let k = 0; k < w; k++) cells[k] = bs[2 * (g * w + k)]! + bs[2 * (g * w + k) + 1]!;
      out.push({
        n: a[o]!,
        logLoss: a[o + 1]! + a[o + 2]!,
        logLossSq: a[o + 3]! + a[o + 4]!,
        brier: a[o + 5]! + a[o + 6]!,
        brierSq: a[o + 7]! + a[o + 8]!,
        binRows: binRows[j]!.slice(g * w, (g + 1) * w),
        binScore: cells,
      });
    }
    return out;
  });
}

function checkCodes(group: GroupCodes, groups: number): void {
  for (let i = 0; i < group.length; i++) {
    const g = group[i]!;
    if (g < 0 || g >= groups) throw new RangeError(`row ${i}: group code ${g} out of range`);
  }
}

/**
 * Row by row: the row's log loss, Brier, their squares and calibration cell, then into every
 * grouping's accumulators in turn. Each accumulator gets its rows in row order, the same steps as
 * one grouping alone; reading each row's terms once for all groupings (instead of a chunk of terms
 * per grouping) costs less CPU. Called per chunk of rows: one call over all rows would run as
 * on-stack-replaced code, which measured slower here than the whole-function compile.
 */
function addRows(
  label: Outcomes, score: Float64Array, start: number, end: number, codes: readonly (GroupCodes | null)[],
  sums: readonly Float64Array[], binRows: readonly Float64Array[], binScore: readonly Float64Array[],
): void {
  const J = codes.length;
  const hi = 1 - LOG_LOSS_EPS;
  for (let i = start; i < end; i++) {
    const y = label[i]!;
    const p = score[i]!;
    if (y !== 0 && y !== 1) throw new RangeError(`row ${i}: label ${y} is not 0/1`);
    if (!(p >= 0 && p <= 1)) throw new RangeError(`row ${i}: score ${p} is not in [0, 1]`);
    const q = p < LOG_LOSS_EPS ? LOG_LOSS_EPS : p > hi ? hi : p;
    const l = y === 1 ? -Math.log(q) : -Math.log(1 - q);
    const d = p - y;
    const b2 = d * d;
    const l2 = l * l;
    const b4 = b2 * b2;
    const bin = eceBin10(p) * 2 + y;
    for (let j = 0; j < J; j++) {
      const c = codes[j]!;
      const g = c === null ? 0 : c[i]!;
      const a = sums[j]!;
      const o = g * W;
      a[o]!++;
      nadd(a, o + 1, l);
      nadd(a, o + 3, l2);
      nadd(a, o + 5, b2);
      nadd(a, o + 7, b4);
      const cell = g * ECE_BINS * 2 + bin;
      binRows[j]![cell]!++;
      nadd(binScore[j]!, 2 * cell, p);
    }
  }
}
