/**
 * The rank worker's computation (rank-worker.ts runs it on a worker thread; engine/prefetch.ts
 * sends the inputs): the packed sort of one score column, then the rank statistics of several
 * groupings. The same calls, on the same values, as StatsCache.rank() on the main thread, so the
 * numbers are the same bits.
 */
import { rankStatsMulti, type RankGroupStats } from './rank.js';
import { packedSort, type GroupDerivation } from './rank-index.js';
import type { GroupCodes, Outcomes } from './types.js';

/** The arrays every grouping's pass shares (on SharedArrayBuffers when sent to the worker). */
export interface RankJob {
  score: Float64Array;
  /** Validated 0/1 (bytes from the engine's roles). */
  label: Outcomes;
  /** The sensitive codes that travel with the sort (StatsCache.rankInputs().packed). */
  columns: Int32Array[];
}

export interface RankJobGrouping {
  /** Group codes of every row; null for the overall statistics. */
  group: GroupCodes | null;
  groups: number;
  derivation: GroupDerivation | null;
}

/** Sorts once (cached by the score array: rankGroupings on the same job reuses it). */
export function prepareRanks(job: RankJob): void {
  packedSort(job.score, job.label, job.columns);
}

/** Each grouping's per-group rank statistics, as StatsCache.rank() returns them. */
export function rankGroupings(job: RankJob, groupings: readonly RankJobGrouping[]): RankGroupStats[][] {
  // One pass over the sorted rows for every grouping derived from the packed columns; element j is
  // what rankStats(score, label, g.group, g.groups, columns, g.derivation) returns, bit for bit.
  return rankStatsMulti(job.score, job.label, groupings, job.columns).map((r) => r.groups);
}
