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
import {
  binaryCounts, binaryCountsMulti, confusionOf, getMetric, matrixOf, metricNames, METRIC_ALIASES, multiclassCounts, rankStats,
  regressionSums, scoreSums, scoreSumsMulti,
  type GroupStats, type MetricDef, type StatsInterval, type StatsNeed,
} from '../../stats/index.js';
import type { GroupDerivation } from '../../stats/rank-index.js';
import type { Roles } from '../types.js';
import { groupingSource } from './grouping.js';

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
  group?: Int32Array | null;
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

/**
 * Lazily computed statistics of one grouping, shared by every metric evaluated on it (the
 * metrics block asks for fifteen metrics; each statistic kind is still one pass).
 */
export class StatsCache {
  private readonly stats = new Map<StatsNeed, GroupStats[]>();
  private counts: { n: number; pos: number }[] | null = null;
  private readonly arrays: readonly unknown[];
  constructor(
    readonly roles: Roles,
    readonly group: Int32Array | null,
    readonly groups: number,
  ) {
    this.arrays = [roles.rows, roles.label, roles.prediction, roles.score, roles.classes];
  }

  /** False when the roles' arrays were replaced since (a test reusing a Roles object). */
  current(): boolean {
    const r = this.roles;
    return [r.rows, r.label, r.prediction, r.score, r.classes].every((x, k) => x === this.arrays[k]);
  }

  get(need: StatsNeed): GroupStats[] {
    let s = this.stats.get(need);
    if (!s) this.stats.set(need, (s = this.compute(need)));
    return s;
  }

  has(need: StatsNeed): boolean {
    return this.stats.has(need);
  }

  /** Stores statistics computed elsewhere for this cache's grouping (see prefetchStats). */
  put(need: StatsNeed, stats: GroupStats[]): void {
    this.stats.set(need, stats);
  }

  /** Rows and positive labels per group (binary: label 1; other tasks: positives unused). */
  sizes(): { n: number; pos: number }[] {
    if (this.counts) return this.counts;
    const { group, groups } = this;
    const confusion = this.roles.task === 'binary_classification' ? this.stats.get('confusion') : undefined;
    if (confusion) {
      // The 2x2 counts already hold both (exact integer sums): no pass over the rows.
      return (this.counts = confusion.map((s) => {
        const c = s.confusion!;
        return { n: c.tn + c.fp + c.fn + c.tp, pos: c.fn + c.tp };
      }));
    }
    const label = this.roles.label;
    const n = new Float64Array(groups);
    const pos = new Float64Array(groups);
    const rows = this.roles.rows;
    if (group === null) {
      n[0] = rows;
      if (label !== null) for (let i = 0; i < rows; i++) if (label[i] === 1) pos[0]!++;
    } else if (label !== null && this.roles.task === 'binary_classification') {
      // Binary labels are validated 0/1: add them instead of branching on each.
      for (let i = 0; i < rows; i++) {
        const g = group[i]!;
        n[g]!++;
        pos[g]! += label[i]!;
      }
    } else {
      for (let i = 0; i < rows; i++) {
        const g = group[i]!;
        n[g]!++;
        if (label !== null && label[i] === 1) pos[g]!++;
      }
    }
    return (this.counts = Array.from({ length: groups }, (_, g) => ({ n: n[g]!, pos: pos[g]! })));
  }

  private rank(label: Float64Array): GroupStats['rank'][] {
    const { packed, derivation } = this.rankInputs();
    return rankStats(this.roles.score!, label, this.group, this.groups, packed, derivation).groups;
  }

  /**
   * What rankStats gets besides score, label and group codes: the sensitive codes that travel with
   * the sort and how this grouping derives from them. Shared with the rank worker (engine/prefetch.ts),
   * so both compute from the same arguments.
   */
  rankInputs(): { packed: Int32Array[]; derivation: GroupDerivation | null } {
    const { roles, group } = this;
    const packed = [...roles.sensitive.values()].map((c) => c.codes);
    // A grouping of the sensitive columns: its key -> group table comes from its code tuples.
    const source = group === null ? undefined : groupingSource(group);
    const at = source?.columns.map((c) => packed.indexOf(c.codes)) ?? [];
    // Binary label counts per group, when a cheaper statistic already gave them (no extra pass).
    const sizes = roles.task !== 'binary_classification' ? null : this.counts ?? (this.stats.has('confusion') ? this.sizes() : null);
    const counts = sizes ? { pos: sizes.map((s) => s.pos), neg: sizes.map((s) => s.n - s.pos) } : undefined;
    const derivation = source && at.every((k) => k >= 0) ? { columns: at, tuples: source.tuples, counts } : null;
    return { packed, derivation };
  }

  private compute(need: StatsNeed): GroupStats[] {
    const { roles, group, groups } = this;
    const label = roles.label!;
    const each = <T>(list: T[], key: StatsNeed): GroupStats[] => list.map((x) => ({ [key]: x }) as GroupStats);
    switch (need) {
      case 'confusion': {
        const c = binaryCounts(label, roles.prediction!, group, groups);
        return each(Array.from({ length: groups }, (_, g) => confusionOf(c, g)), need);
      }
      case 'matrix': {
        const c = multiclassCounts(label, roles.prediction!, roles.classes!.length, group, groups);
        return each(Array.from({ length: groups }, (_, g) => matrixOf(c, g)), need);
      }
      case 'scores':
        return each(scoreSums(label, roles.score!, group, groups), need);
      case 'rank':
        // The policy's sensitive codes travel with the sort: their groupings' passes are sequential.
        return each(this.rank(label), need);
      case 'regression':
        return each(regressionSums(label, roles.prediction!, group, groups), need);
    }
  }
}

/**
 * Computes a statistic for several caches of the same roles in one pass where that saves work
 * (score sums: each row's log loss is computed once, not once per grouping); the values are the
 * ones each cache would compute alone.
 */
export function prefetchStats(need: StatsNeed, caches: readonly StatsCache[]): void {
  const todo = caches.filter((c) => !c.has(need));
  if (todo.length < 2 || todo.some((c) => c.roles !== todo[0]!.roles)) return;
  const roles = todo[0]!.roles;
  const groupings = todo.map((c) => ({ group: c.group, groups: c.groups }));
  if (need === 'scores' && roles.label !== null && roles.score !== null) {
    const sums = scoreSumsMulti(roles.label, roles.score, groupings);
    todo.forEach((c, j) => c.put(need, sums[j]!.map((x) => ({ scores: x }))));
  } else if (need === 'confusion' && roles.task === 'binary_classification' && roles.label !== null && roles.prediction !== null) {
    // Labels and predictions are checked once, then each row adds to every grouping's cells.
    const counts = binaryCountsMulti(roles.label, roles.prediction, groupings);
    todo.forEach((c, j) => c.put(need, Array.from({ length: c.groups }, (_, g) => ({ confusion: confusionOf(counts[j]!, g) }))));
  }
}

// Every check of a run gets the same Roles object, and groupings are built once per columns
// (grouping.ts, groups.ts), so their code arrays identify them: one cache per roles and grouping.
const shared = new WeakMap<Roles, Map<Int32Array | null, StatsCache>>();

/** The run's shared cache for these roles and group codes: each statistic is computed once. */
export function statsCacheFor(roles: Roles, group: Int32Array | null, groups: number): StatsCache {
  let byGroup = shared.get(roles);
  if (!byGroup) shared.set(roles, (byGroup = new Map()));
  let c = byGroup.get(group);
  if (!c || c.groups !== groups || !c.current()) byGroup.set(group, (c = new StatsCache(roles, group, groups)));
  return c;
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

function maxCode(codes: Int32Array): number {
  let m = -1;
  for (let i = 0; i < codes.length; i++) if (codes[i]! > m) m = codes[i]!;
  return m;
}
