/**
 * Every group's value of the compared metrics, with the minimum support that decides whether a
 * group is judged at all (DESIGN §2.3 min_group_size / _positives / _negatives): a group under its
 * minimum is `insufficient`, left out of the comparison and listed with its counts; a waived group
 * is left out too. Per-group intervals are simultaneous (Bonferroni over the judged groups) when
 * more than two groups are judged.
 */
import type { Defaults, Task } from '../../config/types.js';
import { bonferroniLevel } from '../../stats/index.js';
import { estimateGroups, metricInfo, type MetricEstimate } from '../shared/evaluate.js';
import { statsCacheFor, type StatsCache } from '../shared/stats-cache.js';
import type { Grouping } from '../shared/grouping.js';
import type { Roles } from '../types.js';

export type GroupState = 'judged' | 'waived' | 'insufficient';

export interface GroupEval {
  code: number;
  subject: string;
  key: Record<string, string | null>;
  n: number;
  positives: number | null;
  negatives: number | null;
  /** One estimate per compared metric. */
  values: MetricEstimate[];
  state: GroupState;
  /** Why the group is insufficient (its counts against the minimums, or an undefined value). */
  reason?: string;
}

export interface GroupEvaluation {
  parts: string[];
  /** Each metric on all rows (every group, judged or not). */
  overall: MetricEstimate[];
  groups: GroupEval[];
  judged: GroupEval[];
  /** Level of each group's interval (Bonferroni-adjusted when `simultaneous`). */
  level: number;
  simultaneous: boolean;
  cache: StatsCache;
}

/** Which label counts a metric rests on, beyond rows (AUC rests on both classes). */
function supportNeeds(metric: string, task: Task): { positives: boolean; negatives: boolean } {
  const info = metricInfo(metric, task);
  if (!info) return { positives: false, negatives: false };
  return {
    positives: info.denominator === 'positives' || info.kind === 'rank',
    negatives: info.denominator === 'negatives' || info.kind === 'rank',
  };
}

function shortfall(g: Omit<GroupEval, 'state'>, parts: string[], task: Task, s: Defaults): string | null {
  const short: string[] = [];
  if (g.n < s.min_group_size) short.push(`n ${g.n} < min_group_size ${s.min_group_size}`);
  const needs = parts.map((p) => supportNeeds(p, task));
  if (g.positives !== null && needs.some((x) => x.positives) && g.positives < s.min_group_positives) {
    short.push(`${g.positives} positives < min_group_positives ${s.min_group_positives}`);
  }
  if (g.negatives !== null && needs.some((x) => x.negatives) && g.negatives < s.min_group_negatives) {
    short.push(`${g.negatives} negatives < min_group_negatives ${s.min_group_negatives}`);
  }
  return short.length ? short.join(', ') : null;
}

export function evaluateGroups(
  roles: Roles,
  grouping: Grouping,
  parts: string[],
  settings: Defaults,
  waived: ReadonlySet<string>,
  seedKey: string,
): GroupEvaluation {
  const overallCache = statsCacheFor(roles, null, 1);
  const cache = statsCacheFor(roles, grouping.codes, grouping.count);
  const run = (level: number) => parts.map((p) => {
    const opts = { groupKeys: grouping.subjects, level, seedKey: `${seedKey}|${p}` };
    return { overall: estimateGroups(p, overallCache, opts)[0]!, groups: estimateGroups(p, cache, opts) };
  });

  const atConfidence = run(settings.confidence);
  let evals = atConfidence;
  const groups: GroupEval[] = grouping.subjects.map((subject, code) => {
    const first = evals[0]!.groups[code]!;
    const base = {
      code, subject, key: grouping.keys[code]!, n: first.n,
      // Multiclass recall:<class> counts the class's rows as positives; other tasks have none.
      positives: first.positives, negatives: first.negatives,
      values: evals.map((e) => e.groups[code]!),
    };
    if (waived.has(subject)) return { ...base, state: 'waived' as const };
    const short = shortfall(base, parts, roles.task, settings);
    if (short !== null) return { ...base, state: 'insufficient' as const, reason: short };
    const undef = base.values.find((v) => v.value === null);
    if (undef) return { ...base, state: 'insufficient' as const, reason: undef.reason ?? 'undefined value' };
    return { ...base, state: 'judged' as const };
  });

  const judged = groups.filter((g) => g.state === 'judged');
  const simultaneous = judged.length > 2;
  const level = simultaneous ? bonferroniLevel(settings.confidence, judged.length) : settings.confidence;
  if (simultaneous) {
    evals = run(level);
    for (const g of groups) g.values = evals.map((e) => e.groups[g.code]!);
  }
  return { parts, overall: atConfidence.map((e) => e.overall), groups, judged, level, simultaneous, cache };
}
