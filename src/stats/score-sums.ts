/**
 * Per-group sums over (label, score) for the mean losses and calibration:
 * log loss and Brier (sum and sum of squares of the per-row loss, for a normal interval) and the
 * calibration table (rows and Σ score per equal-width bin and label).
 */
import { Accumulators } from './sum.js';
import { checkGroupArgs } from './counts.js';

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
  let b = Math.floor(p * bins);
  if (b > bins - 1) b = bins - 1;
  if (b < 0) b = 0;
  if (b > 0 && p < b / bins) b--;
  else if (b < bins - 1 && p >= (b + 1) / bins) b++;
  return b;
}

export function scoreSums(
  label: Float64Array,
  score: Float64Array,
  group: Int32Array | null = null,
  groups = 1,
): ScoreGroupSums[] {
  const n = label.length;
  if (score.length !== n) throw new RangeError(`score has ${score.length} rows, expected ${n}`);
  checkGroupArgs(n, group, groups);
  const count = new Float64Array(groups);
  const ll = new Accumulators(groups);
  const llSq = new Accumulators(groups);
  const br = new Accumulators(groups);
  const brSq = new Accumulators(groups);
  const binRows = new Float64Array(groups * 2 * ECE_BINS);
  const binScore = new Accumulators(groups * 2 * ECE_BINS);
  const hi = 1 - LOG_LOSS_EPS;
  for (let i = 0; i < n; i++) {
    const g = group === null ? 0 : group[i]!;
    if (g < 0 || g >= groups) throw new RangeError(`row ${i}: group code ${g} out of range`);
    const y = label[i]!;
    const p = score[i]!;
    if (y !== 0 && y !== 1) throw new RangeError(`row ${i}: label ${y} is not 0/1`);
    if (!(p >= 0 && p <= 1)) throw new RangeError(`row ${i}: score ${p} is not in [0, 1]`);
    count[g]!++;
    const q = p < LOG_LOSS_EPS ? LOG_LOSS_EPS : p > hi ? hi : p;
    const l = y === 1 ? -Math.log(q) : -Math.log(1 - q);
    ll.add(g, l);
    llSq.add(g, l * l);
    const d = p - y;
    const b2 = d * d;
    br.add(g, b2);
    brSq.add(g, b2 * b2);
    const cell = (g * ECE_BINS + eceBin(p)) * 2 + y;
    binRows[cell]!++;
    binScore.add(cell, p);
  }
  const scoreTotals = binScore.values();
  const out: ScoreGroupSums[] = [];
  const w = 2 * ECE_BINS;
  for (let g = 0; g < groups; g++) {
    out.push({
      n: count[g]!,
      logLoss: ll.value(g),
      logLossSq: llSq.value(g),
      brier: br.value(g),
      brierSq: brSq.value(g),
      binRows: binRows.slice(g * w, (g + 1) * w),
      binScore: scoreTotals.slice(g * w, (g + 1) * w),
    });
  }
  return out;
}
