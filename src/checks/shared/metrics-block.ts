/**
 * The standard metric set of a task, overall and per group of every policy sensitive column, for
 * the report's `metrics` block: `--baseline` and `report diff` can then compare any metric, not
 * only the gated ones. Checks attach it to a finding's `metrics`; the engine merges blocks (the
 * same keys overwrite, so several checks contributing it cost time but never duplicate).
 * Metrics whose role column is absent (no score: no auc) are left out.
 */
import type { Task } from '../../config/types.js';
import type { MetricsBlock, MetricValue } from '../../report/model.js';
import { columnGroups } from '../performance/groups.js';
import type { CheckContext, Roles } from '../types.js';
import { estimateGroups, metricDefinition, metricInfo, type MetricEstimate } from './evaluate.js';
import { prefetchStats, statsCacheFor } from './stats-cache.js';

const STANDARD: Record<Task, string[]> = {
  binary_classification: [
    'accuracy', 'balanced_accuracy', 'precision', 'recall', 'specificity', 'fpr', 'fnr', 'f1', 'selection_rate',
    'auc', 'pr_auc', 'log_loss', 'brier', 'ece',
  ],
  multiclass_classification: ['accuracy', 'macro_f1', 'weighted_f1'],
  regression: ['mae', 'mse', 'rmse', 'r2', 'mape'],
};

/** Seed key of a metric's intervals: every check computing the metric gets the same interval. */
export const metricSeed = (metric: string): string => `metric|${metric}`;

/** The metric names of the standard set that these roles can compute. */
export function standardMetrics(roles: Roles): string[] {
  const names = [...STANDARD[roles.task]];
  if (roles.task === 'multiclass_classification') for (const c of roles.classes ?? []) names.push(`recall:${c}`);
  return names.filter((m) => metricInfo(m, roles.task)?.needs.every((r) => roles[r] !== null));
}

export function metricValue(e: MetricEstimate): MetricValue {
  return { value: e.value, interval: e.interval, n: e.n };
}

// Every check of a run gets the same Roles object: compute the block once per roles, level and grouping.
const cache = new WeakMap<Roles, Map<string, MetricsBlock>>();

/** The block for these roles (a fresh top-level object each call; callers may add overall entries). */
export function metricsBlock(ctx: Pick<CheckContext, 'roles' | 'columns' | 'settings'>): MetricsBlock {
  const key = `${ctx.settings.confidence}|${JSON.stringify(ctx.columns.sensitive)}`;
  let byKey = cache.get(ctx.roles);
  if (!byKey) cache.set(ctx.roles, (byKey = new Map()));
  let block = byKey.get(key);
  if (!block) byKey.set(key, (block = computeBlock(ctx)));
  return { overall: { ...block.overall }, groups: block.groups };
}

function computeBlock(ctx: Pick<CheckContext, 'roles' | 'columns' | 'settings'>): MetricsBlock {
  const { roles } = ctx;
  const block: MetricsBlock = { overall: {}, groups: {} };
  if (roles.label === null || roles.rows === 0) return block;
  const names = standardMetrics(roles);
  const level = ctx.settings.confidence;
  const overall = statsCacheFor(roles, null, 1);
  const groupings = ctx.columns.sensitive
    .filter((c) => roles.sensitive.has(c))
    .map((c) => {
      const g = columnGroups(roles.sensitive.get(c)!);
      return { g, cache: statsCacheFor(roles, g.codes, g.groups), out: (block.groups[c] = {}) as Record<string, Record<string, MetricValue>> };
    });
  // log_loss, brier and ece share per-row losses: every grouping's sums come from one pass.
  if (names.some((m) => metricDefinition(m, roles.task, roles.classes)?.needs === 'scores')) {
    prefetchStats('scores', [overall, ...groupings.map((x) => x.cache)]);
  }
  for (const m of names) {
    block.overall[m] = metricValue(estimateGroups(m, overall, { level, seedKey: metricSeed(m) })[0]!);
    for (const { g, cache, out } of groupings) {
      const ge = estimateGroups(m, cache, { level, seedKey: metricSeed(m), groupKeys: g.subjects });
      for (const code of g.order) (out[g.subjects[code]!] ??= {})[m] = metricValue(ge[code]!);
    }
  }
  return block;
}
