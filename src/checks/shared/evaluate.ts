/**
 * The evaluate layer between checks and src/stats: a metric name and the validated role arrays in,
 * a value with its interval out, overall and per group. One pass per statistic kind gives every
 * group's sufficient statistics (confusion counts, score sums, rank statistics, regression sums);
 * the metric and its interval come from the stats registry (Wilson, DeLong, normal from sums,
 * bootstrap over counts). Bootstrap seeds are `seedKey|overall` and `seedKey|<group key>`, so the
 * same inputs give the same intervals whatever the row order.
 */
import type { Task } from '../../config/types.js';
import type { Interval } from '../../report/model.js';
import { getMetric, metricNames, METRIC_ALIASES, type GroupCodes, type GroupStats, type MetricDef, type StatsInterval } from '../../stats/index.js';
import type { Roles } from '../types.js';
import { statsCacheFor, type StatsCache } from './stats-cache.js';

export interface MetricEstimate {
  value: number | null;
  interval: Interval | null;
  n: number;
  positives: number | null;
  negatives: number | null;
  /** Why `value` is null (or a caveat about it, e.g. MAPE with zero labels). */
  reason?: string;
  /** Why `interval` is null while the value exists (no interval method, too few rows). */
  intervalReason?: string;
  /** Integer numerator/denominator of a proportion or AUC, for exact threshold comparison. */
  exact?: { num: number; den: number };
}

export type RoleNeed = 'label' | 'prediction' | 'score';

export interface MetricInfo {
  /** Canonical name (aliases resolved: tpr -> recall). */
  name: string;
  higherIsBetter: boolean;
  /** proportion | rank | mean-loss | count-function (decides the interval method). */
  kind: string;
  needs: RoleNeed[];
  /** The count a value rests on: rows, positives, negatives or predicted positives. */
  denominator: string;
}

const CLASS_RECALL = /^recall:(.+)$/;

/** Metric names a task accepts, for error messages (multiclass also takes `recall:<class>`). */
export function validMetricNames(task: Task): string[] {
  const names = metricNames(task);
  const aliases = Object.keys(METRIC_ALIASES).filter((a) => names.includes(METRIC_ALIASES[a]!));
  return [...names, ...aliases, ...(task === 'multiclass_classification' ? ['recall:<class>'] : [])];
}

/** The stats registry's definition of a metric for a task (undefined: no such metric). */
export function metricDefinition(metric: string, task: Task, classes: readonly string[] | null): MetricDef | undefined {
  // Without the class list (policy time) any class name is accepted; run time checks it.
  if (task === 'multiclass_classification' && classes === null) {
    const m = CLASS_RECALL.exec(metric);
    if (m) return getMetric(`recall:${m[1]}`, task, [m[1]!]);
  }
  return getMetric(metric, task, classes ?? undefined);
}

function roleNeeds(def: MetricDef): RoleNeed[] {
  return def.needs === 'scores' || def.needs === 'rank' ? ['label', 'score'] : ['label', 'prediction'];
}

/** What a metric is for a task, or null when the task has no such metric. */
export function metricInfo(metric: string, task: Task): MetricInfo | null {
  const def = metricDefinition(metric, task, null);
  if (!def) return null;
  return { name: def.name, higherIsBetter: def.higherIsBetter, kind: def.kind, needs: roleNeeds(def), denominator: def.denominator };
}

export interface EvaluateOptions {
  /** Group code of every row, 0..groups-1 (missing sensitive values already given their own code). */
  group?: GroupCodes | null;
  groups?: number;
  /** Stable name of each group code (its subject), used for seeds; defaults to the code. */
  groupKeys?: readonly string[];
  level: number;
  seedKey: string;
}

export interface Evaluation {
  overall: MetricEstimate;
  groups: MetricEstimate[];
}

function toInterval(s: StatsInterval): Interval | null {
  if (s.lower === null || s.upper === null) return null;
  return { lower: s.lower, upper: s.upper, level: s.level, method: s.method };
}

export function missingRole(def: MetricDef, roles: Roles): string | null {
  for (const r of roleNeeds(def)) if (roles[r] === null) return `${def.name} needs the ${r} column, which the dataset does not have`;
  if (def.needs === 'matrix' && roles.classes === null) return `${def.name} needs the class list of a multiclass label`;
  return null;
}

function estimateOf(def: MetricDef, stats: GroupStats, size: { n: number; pos: number }, roles: Roles, level: number, seed: string): MetricEstimate {
  const v = def.compute(stats);
  const binary = roles.task === 'binary_classification';
  const classPos = def.needs === 'matrix' && def.denominator === 'positives' ? classSupport(def, stats, roles) : null;
  const positives = binary ? size.pos : classPos;
  const out: MetricEstimate = {
    value: v.value,
    interval: null,
    n: size.n,
    positives,
    negatives: positives === null ? null : size.n - positives,
  };
  if (v.reason !== undefined) out.reason = v.reason;
  if (v.num !== undefined && v.den !== undefined && v.den !== 0) out.exact = { num: v.num, den: v.den };
  if (v.value === null) return out;
  const iv = def.interval(stats, { level, seed });
  out.interval = toInterval(iv);
  if (out.interval === null) out.intervalReason = iv.reason ?? 'no interval';
  return out;
}

/** Support of the class behind `recall:<class>` in one group's matrix. */
function classSupport(def: MetricDef, stats: GroupStats, roles: Roles): number | null {
  const k = roles.classes?.indexOf(def.name.slice('recall:'.length)) ?? -1;
  const m = stats.matrix;
  if (k < 0 || !m) return null;
  let s = 0;
  for (let p = 0; p < m.classes; p++) s += m.cells[k * m.classes + p]!;
  return s;
}

function undefinedEstimate(n: number, reason: string): MetricEstimate {
  return { value: null, interval: null, n, positives: null, negatives: null, reason };
}

/**
 * One metric in every group of a cache (a cache without group codes has one group, `overall`),
 * with caches the caller may share across metrics (see metrics-block).
 */
export function estimateGroups(
  metric: string,
  cache: StatsCache,
  opts: Pick<EvaluateOptions, 'groupKeys' | 'level' | 'seedKey'>,
): MetricEstimate[] {
  const roles = cache.roles;
  const def = metricDefinition(metric, roles.task, roles.classes);
  const problem = !def
    ? `unknown metric "${metric}" for ${roles.task.replace(/_/g, ' ')}; valid: ${validMetricNames(roles.task).join(', ')}`
    : missingRole(def, roles);
  if (!def || problem !== null) return cache.sizes().map((s) => undefinedEstimate(s.n, problem!));
  const stats = cache.get(def.needs);
  const key = (g: number) => (cache.group === null ? 'overall' : opts.groupKeys?.[g] ?? String(g));
  return cache.sizes().map((size, g) => estimateOf(def, stats[g]!, size, roles, opts.level, `${opts.seedKey}|${key(g)}`));
}

/** A metric and its interval overall and in every group (group codes optional). */
export function evaluateMetric(metric: string, roles: Roles, opts: EvaluateOptions): Evaluation {
  const overall = estimateGroups(metric, statsCacheFor(roles, null, 1), opts)[0]!;
  if (!opts.group) return { overall, groups: [] };
  const grouped = statsCacheFor(roles, opts.group, opts.groups ?? maxCode(opts.group) + 1);
  return { overall, groups: estimateGroups(metric, grouped, opts) };
}

function maxCode(codes: GroupCodes): number {
  let m = -1;
  for (let i = 0; i < codes.length; i++) if (codes[i]! > m) m = codes[i]!;
  return m;
}
