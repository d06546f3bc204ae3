/**
 * Options of MG301 group-disparity and MG302 group-floor, checked when the policy loads (so a
 * mistake is reported with its file and line before any data is read), and the gate they describe.
 */
import { z } from 'zod';
import type { Task } from '../../config/types.js';
import { FAIRNESS_METRICS, type AggregationMethod, type FairnessMetricName } from '../../stats/index.js';
import { validMetricNames } from '../shared/evaluate.js';
import { checkThresholdRange } from '../shared/metric-range.js';

const TASKS: Task[] = ['binary_classification', 'multiclass_classification', 'regression'];
const KNOWN_METRICS = [...new Set(TASKS.flatMap(validMetricNames))].filter((m) => m !== 'recall:<class>');
const isKnownMetric = (m: string) => KNOWN_METRICS.includes(m) || /^recall:.+$/.test(m);

const sensitive = z.array(z.string().min(1)).min(1).optional();
const metricName = z.string().min(1).refine(isKnownMetric, {
  error: (iss) => `unknown metric ${JSON.stringify(iss.input)}; expected one of ${KNOWN_METRICS.join(', ')}, or recall:<class>`,
});

type Ctx = z.core.$RefinementCtx<{ min?: number | undefined; max?: number | undefined }>;

/** A share where a share is expected, with the percentage hint the config layer gives elsewhere. */
function checkBounds(v: { min?: number | undefined; max?: number | undefined }, ctx: Ctx, range: [number, number] | [number, null]): void {
  for (const key of ['min', 'max'] as const) {
    const x = v[key];
    if (x === undefined) continue;
    const [lo, hi] = range;
    if (x >= lo && (hi === null || x <= hi)) continue;
    const expected = hi === null ? `a number of at least ${lo}` : `a number between ${lo} and ${hi}`;
    const hint = hi === 1 && x > 1 && x <= 100 ? `did you mean ${Number((x / 100).toPrecision(12))}?` : undefined;
    ctx.addIssue({ code: 'custom', path: [key], message: `expected ${expected}, got ${x}`, ...(hint ? { params: { hint } } : {}) });
  }
  if (v.min === undefined && v.max === undefined) {
    ctx.addIssue({ code: 'custom', path: [], message: 'set a threshold: `min` (for a ratio, e.g. min: 0.8) or `max` (for a difference, e.g. max: 0.1)' });
  }
  if (v.min !== undefined && v.max !== undefined && v.min > v.max) {
    ctx.addIssue({ code: 'custom', path: ['max'], message: `max ${v.max} is below min ${v.min}` });
  }
}

export const mg301Options = z.strictObject({
  /** A named fairness metric (Fairlearn definitions). */
  metric: z.enum(FAIRNESS_METRICS).optional(),
  /** Or any group metric, with aggregate/method/reference. */
  group_metric: metricName.optional(),
  aggregate: z.enum(['difference', 'ratio']).optional(),
  method: z.enum(['between_groups', 'to_overall', 'to_reference']).optional(),
  /** max | min | majority | a group value (`Caucasian`) or subject (`race=Caucasian, sex=Male`). */
  reference: z.string().min(1).optional(),
  sensitive,
  min: z.number().optional(),
  max: z.number().optional(),
}).superRefine((v, ctx) => {
  if ((v.metric === undefined) === (v.group_metric === undefined)) {
    ctx.addIssue({
      code: 'custom', path: [],
      message: v.metric === undefined
        ? 'set `metric` (a named fairness metric: ' + FAIRNESS_METRICS.join(', ') + ') or `group_metric` with `aggregate`'
        : 'set either `metric` or `group_metric`, not both',
    });
    return;
  }
  if (v.group_metric !== undefined && v.aggregate === undefined) {
    ctx.addIssue({ code: 'custom', path: ['aggregate'], message: 'missing required key "aggregate"', params: { hint: 'expected difference or ratio' } });
  }
  if (v.metric !== undefined && v.aggregate !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['aggregate'], message: `${v.metric} already says how groups are compared; \`aggregate\` goes with \`group_metric\`` });
  }
  if (v.metric === 'disparate_impact_ratio' && v.method !== undefined && v.method !== 'between_groups') {
    ctx.addIssue({
      code: 'custom', path: ['method'],
      message: 'disparate_impact_ratio is the four-fifths rule: lowest over highest selection rate (between_groups)',
      params: { hint: 'for a reference group use metric: demographic_parity_ratio with method: to_reference' },
    });
  }
  if (v.reference !== undefined && v.method !== 'to_reference') {
    ctx.addIssue({ code: 'custom', path: ['reference'], message: '`reference` needs `method: to_reference`' });
  }
  const ratio = v.metric !== undefined ? v.metric.endsWith('_ratio') : v.aggregate === 'ratio';
  // A difference of rates lies in [0, 1]; of an unbounded group metric (mae), anywhere above 0.
  checkBounds(v, ctx, ratio || v.metric !== undefined ? [0, 1] : [0, null]);
});
export type Mg301Options = z.output<typeof mg301Options>;

export const mg302Options = z.strictObject({
  metric: metricName,
  sensitive,
  min: z.number().optional(),
  max: z.number().optional(),
}).superRefine((v, ctx) => {
  if (v.min === undefined && v.max === undefined) {
    ctx.addIssue({ code: 'custom', path: [], message: 'set a threshold: `min` (e.g. min: 0.7 for recall) or `max` (e.g. max: 0.2 for fpr)' });
  }
  if (v.min !== undefined && v.max !== undefined && v.min > v.max) {
    ctx.addIssue({ code: 'custom', path: ['max'], message: `max ${v.max} is below min ${v.min}` });
  }
  checkThresholdRange(v.metric, v, ctx);
});
export type Mg302Options = z.output<typeof mg302Options>;

/** The gate an MG301 entry describes. */
export interface GateSpec {
  /** The result's metric name: the named metric or `<group metric>_<aggregate>`, `_<method>` unless between groups. */
  metric: string;
  named: FairnessMetricName | null;
  /** The group metrics compared (two for equalized odds: the worse decides). */
  parts: string[];
  aggregate: 'difference' | 'ratio';
  method: AggregationMethod;
  reference: string;
}

export function gateSpec(o: Mg301Options): GateSpec {
  const method = o.method ?? 'between_groups';
  const suffix = method === 'between_groups' ? '' : `_${method}`;
  const reference = o.reference ?? 'majority';
  if (o.metric !== undefined) {
    const m = o.metric;
    const parts = m.startsWith('equalized_odds') ? ['tpr', 'fpr'] : m.startsWith('equal_opportunity') ? ['tpr'] : ['selection_rate'];
    return { metric: m + suffix, named: m, parts, aggregate: m.endsWith('_ratio') ? 'ratio' : 'difference', method, reference };
  }
  const aggregate = o.aggregate!;
  return { metric: `${o.group_metric!}_${aggregate}${suffix}`, named: null, parts: [o.group_metric!], aggregate, method, reference };
}
