/**
 * MG301 group-disparity: a fairness metric across the groups of one or more sensitive columns
 * (DESIGN §5): Fairlearn's named metrics, or any group metric with aggregate/method/reference.
 * Groups under their minimum support and waived groups are listed but not compared; a gate with
 * fewer than two comparable groups is `insufficient`, never `pass`.
 */
import type { Defaults } from '../../config/types.js';
import type { Status, Threshold } from '../../report/model.js';
import { defineCheck, type CheckContext, type Finding } from '../types.js';
import { decideDetailed } from '../shared/decide.js';
import { anchorValue, groupMeets, gateValue, meets, referenceSpec, statsValue, type GateValue, type PartInput } from './aggregate.js';
import { gateInterval } from './bootstrap.js';
import { fairnessColumnNeeds, groupingOf, metricProblem, resolveReference, sensitiveNames } from './context.js';
import { MG301_DOCS } from './docs.js';
import { boundOf, comparatorOf, fmt, fmtPair, gatePhrase, groupLabel, listed, thresholdText } from './format.js';
import { groupMetrics, groupPartsDetail, groupRows, intervalText } from './group-results.js';
import { evaluateGroups, type GroupEvaluation } from './group-stats.js';
import { gateSpec, mg301Options, type GateSpec, type Mg301Options } from './options.js';

export const mg301 = defineCheck<Mg301Options>({
  id: 'MG301',
  slug: 'group-disparity',
  category: 'fairness',
  title: 'Group disparity',
  summary: 'A fairness metric (difference or ratio) across the groups of one or more sensitive columns',
  defaultSeverity: 'error',
  docs: MG301_DOCS,
  options: mg301Options,
  needsData: true,
  requires: ['label', 'prediction'],
  columns: (opts, env) => fairnessColumnNeeds(opts, env, gateSpec(opts).parts),
  run: (ctx, opts) => [runDisparity(ctx, opts)],
});

const thresholdOf = (o: { min?: number | undefined; max?: number | undefined }): Threshold => ({
  ...(o.min !== undefined ? { min: o.min } : {}),
  ...(o.max !== undefined ? { max: o.max } : {}),
});

const KEYWORDS = new Set(['max', 'min', 'majority']);

export function runDisparity(ctx: CheckContext, opts: Mg301Options): Finding {
  const spec = gateSpec(opts);
  const threshold = thresholdOf(opts);
  const names = sensitiveNames(opts, ctx.columns);
  const base = {
    metric: spec.metric, threshold, comparator: comparatorOf(threshold),
    thresholdKey: threshold.min !== undefined ? 'min' : 'max', groupMetric: spec.parts[0]!,
  };
  if (names.length === 0) {
    return { ...base, status: 'skipped', message: 'no sensitive columns: set `columns.sensitive` in the policy or `sensitive:` on this check' };
  }
  const task = ctx.roles.task;
  if (spec.named !== null && task !== 'binary_classification') {
    return { ...base, status: 'error', message: `${spec.named} is defined for binary classification, not ${task.replace(/_/g, ' ')}; use group_metric (e.g. mae, accuracy) with aggregate` };
  }
  const problem = spec.parts.map((p) => metricProblem(p, task)).find((p) => p !== null);
  if (problem) return { ...base, status: 'error', message: problem };

  const grouping = groupingOf(ctx, names);
  const subject = grouping.subject;
  const label = (s: string) => (s === 'overall' ? 'overall' : groupLabel(s, grouping.columns));
  let refSubject: string | null = null;
  if (spec.method === 'to_reference' && !KEYWORDS.has(spec.reference)) {
    refSubject = resolveReference(spec.reference, grouping);
    if (refSubject === null) {
      return {
        ...base, subject, status: 'error',
        message: `reference group "${spec.reference}" is not in the data; groups of ${subject}: ${listed(grouping.subjects, 20)}`,
      };
    }
  }
  const seed = `MG301|${subject}|${spec.metric}`;
  const ev = evaluateGroups(ctx.roles, grouping, spec.parts, ctx.settings, ctx.waivedSubjects, seed);
  const common = {
    ...base, subject,
    metrics: { groups: groupMetrics(subject, ev) },
    details: detailsOf(spec, ev, refSubject, ctx.settings),
  };
  const phrase0 = gatePhrase(spec, spec.parts[0]!, refSubject && label(refSubject));
  const notes = exclusionNotes(ev, label);
  const refGroup = refSubject === null ? null : ev.groups.find((g) => g.subject === refSubject)!;
  if (ev.judged.length < 2 || (refGroup !== null && refGroup.state !== 'judged')) {
    const why = refGroup !== null && refGroup.state !== 'judged'
      ? `reference group ${refSubject} is ${refGroup.state}${refGroup.reason && refGroup.state !== 'waived' ? ` (${refGroup.reason})` : ''}`
      : `fewer than two groups can be compared (${ev.judged.length} of ${ev.groups.length})`;
    return {
      ...common, status: 'insufficient', observed: null, sampleSize: sizeOf(ev),
      groups: groupRows(ev, 0, () => 'pass'),
      message: [`${phrase0} across ${subject} cannot be judged: ${why}`, ...notes].join('; '),
    };
  }

  const inputs: PartInput[] = spec.parts.map((_, i) => ({
    overall: statsValue(ev.overall[i]!),
    groups: ev.judged.map((g) => ({ key: g.subject, n: g.n, value: statsValue(g.values[i]!) })),
  }));
  const reference = referenceSpec(spec.reference, refSubject);
  const gate = gateValue(spec, inputs, reference);
  const decided = gate.decidedBy;
  const anchor = gate.details[decided]!.reference ?? null;
  const phrase = gatePhrase(spec, spec.parts[decided]!, anchor && label(anchor));
  const judgedIndex = new Map(ev.judged.map((g, j) => [g, j]));
  const rows = groupRows(
    ev, decided,
    (g) => (groupMeets(spec, inputs, gate, judgedIndex.get(g)!, threshold) ? 'pass' : 'fail'),
    (g) => anchoredDisparity(spec, ev, inputs, gate, g.code, decided),
  );
  if (gate.value === null) {
    return { ...common, groupMetric: spec.parts[decided]!, status: 'error', observed: null, sampleSize: sizeOf(ev), groups: rows, message: `${phrase} across ${subject} is undefined: ${gate.reason ?? 'no value'}` };
  }

  const iv = gateInterval(spec, ev, task, ctx.roles.classes, reference, { level: ctx.settings.confidence, seed: `${seed}|gate` });
  const d = decideDetailed({ value: gate.value, interval: iv.interval }, threshold, ctx.settings);
  const judged = d.basis === 'interval' ? d.status : meets({ value: gate.value, exact: gate.exact }, threshold) ? 'pass' : 'fail';
  const status = combine(judged as Status, ev, ctx.settings);

  const bound = boundOf(threshold);
  const [a, b] = orderedPair(gate.pair, spec, inputs[decided]!);
  const valueOf = (s: string) => (s === 'overall' ? inputs[decided]!.overall.value : inputs[decided]!.groups.find((g) => g.key === s)?.value.value ?? null);
  const pair = pairText(a, b, valueOf, label, ev.judged.map((g) => g.subject));
  const parts = [`${phrase} across ${subject} is ${fmt(gate.value, bound)}${pair ? ` (${pair})` : ''}; ${thresholdText(threshold)}`];
  if (d.status === 'inconclusive' && iv.interval) parts.push(`its ${Math.round(iv.interval.level * 100)}% interval ${intervalText(iv.interval)} straddles the threshold`);
  if (ctx.settings.decision === 'interval' && d.basis !== 'interval') parts.push(`decided on the estimate (${iv.reason ?? 'no interval'})`);
  parts.push(...notes);
  const failedKey = threshold.min !== undefined && gate.value < threshold.min ? 'min' : threshold.max !== undefined && gate.value > threshold.max ? 'max' : base.thresholdKey;
  return {
    ...common, groupMetric: spec.parts[decided]!, thresholdKey: failedKey,
    status, observed: gate.value, interval: iv.interval, sampleSize: ev.judged.reduce((s, g) => s + g.n, 0), groups: rows,
    message: parts.join('; '),
    details: {
      ...common.details, ...(anchor !== null ? { reference: anchor } : {}), pair: gate.pair, decidedBy: spec.parts[decided], ...(iv.reason ? { intervalNote: iv.reason } : {}), parts: partDetails(spec, gate),
      ...(spec.parts.length > 1 ? { groupParts: groupPartsDetail(ev, (g, i) => anchoredDisparity(spec, ev, inputs, gate, g.code, i)) } : {}),
    },
    metrics: {
      overall: { [`${spec.metric} by ${subject}`]: { value: gate.value, interval: iv.interval, n: ev.judged.reduce((s, g) => s + g.n, 0) } },
      groups: groupMetrics(subject, ev, (g) => disparityMetrics(spec, ev, inputs, gate, g.code)),
    },
  };
}

/** A gate that fails stays failed; otherwise insufficient groups or a straddling interval show. */
function combine(judged: Status, ev: GroupEvaluation, s: Defaults): Status {
  if (judged === 'fail') return 'fail';
  const insufficient = s.on_insufficient !== 'ignore' && ev.groups.some((g) => g.state === 'insufficient');
  if (insufficient && s.on_insufficient === 'fail') return 'insufficient';
  if (judged === 'inconclusive') return 'inconclusive';
  return insufficient ? 'insufficient' : 'pass';
}

/** Between groups the higher value is named first; otherwise the group, then what it is compared with. */
function orderedPair(pair: [string, string] | null, spec: GateSpec, p: PartInput): [string | null, string | null] {
  if (pair === null) return [null, null];
  if (spec.method !== 'between_groups') return pair;
  const v = (k: string) => p.groups.find((g) => g.key === k)?.value.value ?? 0;
  return v(pair[0]) >= v(pair[1]) ? pair : [pair[1], pair[0]];
}

/**
 * `A 0.500 vs B 0.300`, with the digits that tell the two apart. When every group ties, the stats
 * layer's max and min can be the same group: name another group with that value, or all of them.
 */
function pairText(a: string | null, b: string | null, valueOf: (s: string) => number | null, label: (s: string) => string, judged: string[]): string {
  if (a === null || b === null) return '';
  if (a === b) {
    const v = valueOf(a);
    const same = judged.filter((s) => s !== a && valueOf(s) === v);
    if (same.length === 0) return `${label(a)} ${fmt(v)}`;
    if (judged.length > 2 && same.length === judged.length - 1) return `all ${judged.length} groups ${fmt(v)}`;
    b = same[0]!;
  }
  const [va, vb] = fmtPair(valueOf(a), valueOf(b));
  return `${label(a)} ${va} vs ${label(b)} ${vb}`;
}

/** m_g / m_anchor on part i; groups left out of the comparison show it too, against the same anchor. */
function anchoredDisparity(spec: GateSpec, ev: GroupEvaluation, inputs: PartInput[], gate: GateValue, code: number, part: number): number | null {
  const anchor = anchorValue(spec, inputs, gate, part);
  const v = ev.groups[code]!.values[part]!.value;
  return anchor === null || anchor === 0 || v === null ? null : v / anchor;
}

function disparityMetrics(spec: GateSpec, ev: GroupEvaluation, inputs: PartInput[], gate: GateValue, code: number) {
  return Object.fromEntries(spec.parts.map((p, i) => [`${p}_disparity`, { value: anchoredDisparity(spec, ev, inputs, gate, code, i) }]));
}

function exclusionNotes(ev: GroupEvaluation, label: (s: string) => string): string[] {
  const notes: string[] = [];
  const insufficient = ev.groups.filter((g) => g.state === 'insufficient');
  if (insufficient.length) notes.push(`${insufficient.length} insufficient: ${listed(insufficient.map((g) => `${label(g.subject)} (${g.reason})`))}`);
  const waived = ev.groups.filter((g) => g.state === 'waived');
  if (waived.length) notes.push(`waived: ${listed(waived.map((g) => label(g.subject)))}`);
  return notes;
}

function sizeOf(ev: GroupEvaluation): number {
  return ev.groups.reduce((s, g) => s + g.n, 0);
}

function partDetails(spec: GateSpec, gate: GateValue) {
  return spec.parts.map((p, i) => {
    const d = gate.details[i]!;
    return { metric: p, difference: d.difference.value, ratio: d.ratio.value, pair: d[spec.aggregate].pair, excluded: d.excluded };
  });
}

function detailsOf(spec: GateSpec, ev: GroupEvaluation, refSubject: string | null, s: Defaults): Record<string, unknown> {
  return {
    aggregate: spec.aggregate,
    method: spec.method,
    ...(spec.method === 'to_reference' ? { reference: refSubject ?? spec.reference } : {}),
    compared: spec.parts,
    judgedGroups: ev.judged.length,
    insufficient: ev.groups.filter((g) => g.state === 'insufficient').map((g) => ({ subject: g.subject, reason: g.reason })),
    waived: ev.groups.filter((g) => g.state === 'waived').map((g) => g.subject),
    groupIntervalLevel: ev.level,
    simultaneousIntervals: ev.simultaneous,
    minimums: { min_group_size: s.min_group_size, min_group_positives: s.min_group_positives, min_group_negatives: s.min_group_negatives },
    ...(spec.parts.length > 1 ? { groupParts: groupPartsDetail(ev) } : {}),
  };
}
