/**
 * Hands the statistics the scan folded (stats-sink.ts) to the caches the checks look up. A group
 * of a grouping is found by its code tuple (groupingSource); its slot must hold exactly the group's
 * rows, and the groups must cover every row, or the grouping is left to the caches' own passes.
 */
import type { StatsCache } from '../checks/shared/evaluate.js';
import { groupingSource } from '../checks/shared/grouping.js';
import type { Roles } from '../checks/types.js';
import type { GroupingWants } from './prefetch-plan.js';
import type { StreamedStats } from './stats-sink.js';

export type { StreamedStats } from './stats-sink.js';

export interface StreamedTarget {
  w: GroupingWants;
  cache: StatsCache;
  /** Rows per group (the grouping's sizes). */
  sizes: readonly number[];
}

export function putStreamed(streamed: StreamedStats, roles: Roles, overall: StatsCache, groups: readonly StreamedTarget[]): void {
  if (streamed.rows !== roles.rows || roles.task !== 'binary_classification') return;
  const { scores, confusion } = streamed.overall;
  if (scores !== null && scores.n === roles.rows && !overall.has('scores')) overall.put('scores', [{ scores }]);
  if (confusion !== null && roles.prediction !== null && !overall.has('confusion')) {
    if (confusion.tn + confusion.fp + confusion.fn + confusion.tp === roles.rows) overall.put('confusion', [{ confusion }]);
  }
  for (const { w, cache, sizes } of groups) {
    const keyed = streamed.lookup(w.columns);
    const source = cache.group === null ? undefined : groupingSource(cache.group);
    if (keyed === null || source === undefined) continue;
    if (source.columns.length !== w.columns.length || !source.columns.every((c, k) => c === roles.sensitive.get(w.columns[k]!))) continue;
    if (source.tuples.length !== cache.groups || sizes.length !== cache.groups) continue;
    const slots = source.tuples.map((t) => keyed.slotOf(t));
    let total = 0;
    for (const n of sizes) total += n;
    if (total !== roles.rows || slots.some((s, g) => s < 0 || keyed.rows(s) !== sizes[g])) continue;
    if (w.scores && keyed.wants.scores && !cache.has('scores')) cache.put('scores', slots.map((s) => ({ scores: keyed.scores(s) })));
    if (w.confusion && keyed.wants.confusion && roles.prediction !== null && !cache.has('confusion')) {
      cache.put('confusion', slots.map((s) => ({ confusion: keyed.confusion(s) })));
    }
  }
}
