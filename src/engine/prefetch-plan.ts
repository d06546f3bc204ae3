/**
 * Which groupings the planned checks will ask statistics of (engine/prefetch.ts computes those
 * ahead, the rank statistics on a worker thread). A guess from the policy: a grouping missed here is
 * computed by its check as before, and one computed for nothing costs time, never a number.
 */
import type { Task } from '../config/types.js';
import { gateSpec, type Mg301Options } from '../checks/fairness/options.js';
import { metricDefinition } from '../checks/shared/evaluate.js';

/**
 * Rows from which the rank worker (prefetch.ts) pays: its start-up (~30-60 ms, on its own thread)
 * and the shared copies against the rank work it takes off the main thread (~0.2 s at 1M rows). At
 * 100K rows it measured no faster and ~0.1 s more CPU. Below it prefetch.ts is not even loaded.
 */
export const RANK_WORKER_ROWS = 200_000;

export interface StatsWants {
  rank: boolean;
  scores: boolean;
  confusion: boolean;
}

export interface GroupingWants extends StatsWants {
  /** Sensitive column names, in the order the check groups by them. */
  columns: string[];
}

export interface PrefetchPlan {
  overall: StatsWants;
  groupings: GroupingWants[];
}

interface PlannedLike {
  def: { id: string };
  options: unknown;
}

/** Checks that attach the metrics block (every standard metric, overall and per sensitive column). */
const BLOCK_CHECKS = new Set(['MG201', 'MG203']);

function wantsOf(metrics: readonly string[], task: Task): StatsWants {
  const needs = metrics.map((m) => metricDefinition(m, task, null)?.needs);
  return { rank: needs.includes('rank'), scores: needs.includes('scores'), confusion: needs.includes('confusion') };
}

export function prefetchPlan(planned: readonly PlannedLike[], sensitive: readonly string[], task: Task): PrefetchPlan {
  const overall: StatsWants = { rank: false, scores: false, confusion: false };
  const byKey = new Map<string, GroupingWants>();
  const add = (columns: readonly string[], w: StatsWants) => {
    if (columns.length === 0) return;
    const key = JSON.stringify(columns);
    const g = byKey.get(key) ?? { columns: [...columns], rank: false, scores: false, confusion: false };
    byKey.set(key, { columns: g.columns, rank: g.rank || w.rank, scores: g.scores || w.scores, confusion: g.confusion || w.confusion });
  };
  const merge = (w: StatsWants) => {
    overall.rank ||= w.rank;
    overall.scores ||= w.scores;
    overall.confusion ||= w.confusion;
  };
  for (const p of planned) {
    const o = (p.options ?? {}) as { metric?: unknown; sensitive?: string[] };
    const id = p.def.id;
    if (BLOCK_CHECKS.has(id)) {
      // The block's binary set has count, score and rank metrics.
      const all = { rank: true, scores: true, confusion: true };
      merge(all);
      for (const c of sensitive) add([c], all);
    }
    if ((id === 'MG201' || id === 'MG202' || id === 'MG204') && typeof o.metric === 'string') merge(wantsOf([o.metric], task));
    if (id === 'MG204' && o.metric === undefined) merge(wantsOf(['auc'], task));
    if (id === 'MG301' || id === 'MG302') {
      const parts = id === 'MG301' ? gateSpec(p.options as Mg301Options).parts : typeof o.metric === 'string' ? [o.metric] : [];
      const w = wantsOf(parts, task);
      // Each part is also evaluated overall (the gate's reference values).
      merge(w);
      add(o.sensitive ?? sensitive, w);
    }
  }
  return { overall, groupings: [...byKey.values()] };
}

/** Whether a check may ask for a rank statistic (conservative: it then waits for the rank worker). */
export function mayNeedRank(p: PlannedLike, sensitive: readonly string[], task: Task): boolean {
  if (BLOCK_CHECKS.has(p.def.id)) return true;
  const plan = prefetchPlan([p], sensitive, task);
  return plan.overall.rank || plan.groupings.some((g) => g.rank);
}
