/**
 * DeLong, DeLong & Clarke-Pearson (1988) variance of the empirical AUC, from the structural
 * components kept by rank.ts: with m positives and n negatives,
 *   S10 = (Σ V10² − m·A²)/(m − 1),  S01 = (Σ V01² − n·A²)/(n − 1),  Var(A) = S10/m + S01/n,
 * and the interval A ± z·√Var clipped to [0, 1] (as pROC's ci.auc(method = "delong") does).
 * Ties enter through the midrank-equivalent ½ in V10/V01, so this is O(n log n) overall: the sort.
 */
import { zForLevel } from './normal.js';
import type { RankGroupStats } from './rank.js';
import type { StatsInterval } from './types.js';

export function delongVariance(r: RankGroupStats): number | null {
  const m = r.positives;
  const n = r.negatives;
  if (m < 2 || n < 2) return null;
  const auc = r.aucTwiceNum / (2 * m * n);
  const s10 = Math.max(0, (r.sumV10Sq - m * auc * auc) / (m - 1));
  const s01 = Math.max(0, (r.sumV01Sq - n * auc * auc) / (n - 1));
  return s10 / m + s01 / n;
}

export function delongInterval(r: RankGroupStats, level = 0.95): StatsInterval {
  const v = delongVariance(r);
  if (v === null) {
    const reason = r.positives < 2 ? 'fewer than 2 positive labels' : 'fewer than 2 negative labels';
    return { lower: null, upper: null, level, method: 'none', reason };
  }
  const auc = r.aucTwiceNum / (2 * r.positives * r.negatives);
  const half = zForLevel(level) * Math.sqrt(v);
  return { lower: Math.max(0, auc - half), upper: Math.min(1, auc + half), level, method: 'delong' };
}
