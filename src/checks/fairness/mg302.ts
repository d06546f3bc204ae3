/**
 * MG302 group-floor: every group's metric within `min`/`max`, the subgroup regression an aggregate
 * hides. One result per group (its subject is the group, so JUnit gets one testcase per group and a
 * waiver with `subject: "race=Hispanic"` applies to that result through the engine).
 */
import type { Status, Threshold } from '../../report/model.js';
import { decideDetailed } from '../shared/decide.js';
import { defineCheck, type CheckContext, type Finding } from '../types.js';
import { fairnessColumnNeeds, groupingOf, metricProblem, sensitiveNames } from './context.js';
import { MG302_DOCS } from './docs.js';
import { boundOf, comparatorOf, fmt, thresholdText } from './format.js';
import { intervalText } from './group-results.js';
import { evaluateGroups, type GroupEval } from './group-stats.js';
import { mg302Options, type Mg302Options } from './options.js';

export const mg302 = defineCheck<Mg302Options>({
  id: 'MG302',
  slug: 'group-floor',
  category: 'fairness',
  title: 'Group floor',
  summary: "Every group's metric within min/max (a subgroup regression the aggregate hides)",
  defaultSeverity: 'error',
  docs: MG302_DOCS,
  options: mg302Options,
  needsData: true,
  requires: ['label', 'prediction'],
  columns: (opts, env) => fairnessColumnNeeds(opts, env, [opts.metric]),
  run: runFloor,
});

function counts(g: GroupEval): string {
  const parts = [`n ${g.n}`];
  if (g.positives !== null) parts.push(`${g.positives} positives`);
  if (g.negatives !== null) parts.push(`${g.negatives} negatives`);
  return parts.join(', ');
}

export function runFloor(ctx: CheckContext, opts: Mg302Options): Finding[] {
  const threshold: Threshold = {
    ...(opts.min !== undefined ? { min: opts.min } : {}),
    ...(opts.max !== undefined ? { max: opts.max } : {}),
  };
  const base = { metric: opts.metric, threshold, comparator: comparatorOf(threshold), thresholdKey: opts.min !== undefined ? 'min' : 'max' };
  const names = sensitiveNames(opts, ctx.columns);
  if (names.length === 0) {
    return [{ ...base, status: 'skipped', message: 'no sensitive columns: set `columns.sensitive` in the policy or `sensitive:` on this check' }];
  }
  const problem = metricProblem(opts.metric, ctx.roles.task);
  if (problem) return [{ ...base, status: 'error', message: problem }];

  const grouping = groupingOf(ctx, names);
  // Waivers name a group as this check's result subject, so the engine applies them.
  const ev = evaluateGroups(ctx.roles, grouping, [opts.metric], ctx.settings, new Set(), `MG302|${grouping.subject}`);
  const bound = boundOf(threshold);
  return ev.groups.map((g): Finding => {
    const v = g.values[0]!;
    const common = {
      ...base, subject: g.subject, observed: v.value, interval: v.interval, sampleSize: g.n,
      details: {
        grouping: grouping.subject, key: g.key, n: g.n, positives: g.positives, negatives: g.negatives,
        intervalLevel: ev.level, simultaneousIntervals: ev.simultaneous,
        ...(g.reason ? { reason: g.reason } : {}),
      },
      metrics: { groups: { [grouping.subject]: { [g.subject]: { [opts.metric]: { value: v.value, interval: v.interval, n: g.n } } } } },
    };
    if (g.state !== 'judged') {
      const status: Status = ctx.settings.on_insufficient === 'ignore' ? 'skipped' : 'insufficient';
      return { ...common, status, message: `${opts.metric} for ${g.subject} cannot be judged: ${g.reason} (${counts(g)}); ${thresholdText(threshold)}` };
    }
    const d = decideDetailed(v, threshold, ctx.settings);
    const parts = [`${opts.metric} for ${g.subject} is ${fmt(v.value, bound)}${v.interval ? ` ${intervalText(v.interval)}` : ''} (${counts(g)}); ${thresholdText(threshold)}`];
    if (d.status === 'inconclusive') parts.push(`its ${(ev.level * 100).toFixed(ev.simultaneous ? 1 : 0)}% interval straddles the threshold`);
    if (ctx.settings.decision === 'interval' && d.basis !== 'interval') parts.push(`decided on the estimate (${v.intervalReason ?? 'no interval'})`);
    const failedKey = threshold.max !== undefined && v.value! > threshold.max && !(threshold.min !== undefined && v.value! < threshold.min) ? 'max' : base.thresholdKey;
    return { ...common, status: d.status as Status, thresholdKey: failedKey, message: parts.join('; ') };
  });
}
