/**
 * The metric registry: checks look metrics up by name (aliases: tpr = recall, tnr = specificity)
 * and get what they need to compute a value and its interval from one group's statistics.
 * kind decides the interval: proportion -> Wilson on (num, den); rank -> DeLong (AUC);
 * mean-loss -> normal from per-row sums; count-function -> bootstrap over the counts.
 */
import * as B from './metrics-binary.js';
import * as M from './metrics-multiclass.js';
import * as R from './metrics-regression.js';
import type { Confusion, MetricValue, StatsInterval, StatsTask } from './types.js';
import type { ConfusionMatrix } from './counts.js';
import type { ScoreGroupSums } from './score-sums.js';
import type { RankGroupStats } from './rank.js';
import type { RegressionGroupSums } from './regression-sums.js';
import { bootstrapCounts, DEFAULT_LEVEL, meanInterval, rmseInterval, wilsonInterval } from './intervals.js';
import { delongInterval } from './delong.js';

export type MetricKind = 'proportion' | 'count-function' | 'mean-loss' | 'rank';

/** One group's statistics; which fields a metric reads is its `needs`. */
export interface GroupStats {
  confusion?: Confusion;
  scores?: ScoreGroupSums;
  rank?: RankGroupStats;
  matrix?: ConfusionMatrix;
  regression?: RegressionGroupSums;
}
export type StatsNeed = keyof GroupStats;

export interface IntervalOptions {
  level?: number;
  /** Seed key for bootstrap intervals (e.g. `MG301|race=Asian`). */
  seed: string;
  replicates?: number;
}

export interface MetricDef {
  name: string;
  task: StatsTask;
  kind: MetricKind;
  higherIsBetter: boolean;
  needs: StatsNeed;
  /** The count that must be large for the value to mean anything (DESIGN min_group_positives…). */
  denominator: 'rows' | 'positives' | 'negatives' | 'predicted_positives';
  compute(s: GroupStats): MetricValue;
  interval(s: GroupStats, opts: IntervalOptions): StatsInterval;
}

function need<K extends StatsNeed>(s: GroupStats, k: K, metric: string): NonNullable<GroupStats[K]> {
  const v = s[k];
  if (v === undefined) throw new Error(`metric ${metric} needs ${k} statistics`);
  return v as NonNullable<GroupStats[K]>;
}

type Den = MetricDef['denominator'];
const BIN: StatsTask = 'binary_classification';
const MC: StatsTask = 'multiclass_classification';
const REG: StatsTask = 'regression';

function proportion(name: string, task: StatsTask, needs: 'confusion' | 'matrix', up: boolean, den: Den,
  f: (x: any) => MetricValue): MetricDef {
  const compute = (s: GroupStats) => f(need(s, needs, name));
  return {
    name, task, kind: 'proportion', higherIsBetter: up, needs, denominator: den, compute,
    interval(s, o) {
      const v = compute(s);
      const level = o.level ?? DEFAULT_LEVEL;
      if (v.num === undefined || v.den === undefined) return { lower: null, upper: null, level, method: 'none', reason: v.reason };
      return wilsonInterval(v.num, v.den, level);
    },
  };
}

function countFunction(name: string, task: StatsTask, up: boolean, den: Den, f: (c: Confusion) => MetricValue): MetricDef {
  return {
    name, task, kind: 'count-function', higherIsBetter: up, needs: 'confusion', denominator: den,
    compute: (s) => f(need(s, 'confusion', name)),
    interval(s, o) {
      const c = need(s, 'confusion', name);
      const cells = [c.tn, c.fp, c.fn, c.tp];
      return bootstrapCounts(cells, (d) => f({ tn: d[0]!, fp: d[1]!, fn: d[2]!, tp: d[3]! }).value, o);
    },
  };
}

function matrixFunction(name: string, f: (m: ConfusionMatrix) => MetricValue): MetricDef {
  return {
    name, task: MC, kind: 'count-function', higherIsBetter: true, needs: 'matrix', denominator: 'rows',
    compute: (s) => f(need(s, 'matrix', name)),
    interval(s, o) {
      const m = need(s, 'matrix', name);
      return bootstrapCounts(m.cells, (d) => f({ classes: m.classes, cells: d }).value, o);
    },
  };
}

function meanLoss<T extends 'scores' | 'regression'>(name: string, task: StatsTask, needs: T,
  f: (x: NonNullable<GroupStats[T]>) => MetricValue,
  iv: (x: NonNullable<GroupStats[T]>, level: number) => StatsInterval): MetricDef {
  return {
    name, task, kind: 'mean-loss', higherIsBetter: false, needs, denominator: 'rows',
    compute: (s) => f(need(s, needs, name)),
    interval: (s, o) => iv(need(s, needs, name), o.level ?? DEFAULT_LEVEL),
  };
}

const noInterval = (why: string) => (_s: GroupStats, o: IntervalOptions): StatsInterval =>
  ({ lower: null, upper: null, level: o.level ?? DEFAULT_LEVEL, method: 'none', reason: why });

const DEFS: MetricDef[] = [
  proportion('accuracy', BIN, 'confusion', true, 'rows', B.accuracy),
  proportion('recall', BIN, 'confusion', true, 'positives', B.recall),
  proportion('fnr', BIN, 'confusion', false, 'positives', B.fnr),
  proportion('specificity', BIN, 'confusion', true, 'negatives', B.specificity),
  proportion('fpr', BIN, 'confusion', false, 'negatives', B.fpr),
  proportion('precision', BIN, 'confusion', true, 'predicted_positives', B.precision),
  // Neither direction is "better" for a selection rate; it is gated through fairness ratios.
  proportion('selection_rate', BIN, 'confusion', true, 'rows', B.selectionRate),
  countFunction('f1', BIN, true, 'positives', B.f1),
  countFunction('balanced_accuracy', BIN, true, 'positives', B.balancedAccuracy),
  {
    name: 'auc', task: BIN, kind: 'rank', higherIsBetter: true, needs: 'rank', denominator: 'positives',
    compute: (s) => B.auc(need(s, 'rank', 'auc')),
    interval: (s, o) => delongInterval(need(s, 'rank', 'auc'), o.level ?? DEFAULT_LEVEL),
  },
  {
    name: 'pr_auc', task: BIN, kind: 'rank', higherIsBetter: true, needs: 'rank', denominator: 'positives',
    compute: (s) => B.prAuc(need(s, 'rank', 'pr_auc')),
    interval: noInterval('no interval method for average precision yet'),
  },
  meanLoss('log_loss', BIN, 'scores', B.logLoss, (x, l) => meanInterval(x.n, x.logLoss, x.logLossSq, l)),
  meanLoss('brier', BIN, 'scores', B.brier, (x, l) => meanInterval(x.n, x.brier, x.brierSq, l)),
  {
    name: 'ece', task: BIN, kind: 'count-function', higherIsBetter: false, needs: 'scores', denominator: 'rows',
    compute: (s) => B.ece(need(s, 'scores', 'ece')),
    interval(s, o) {
      // Resample the (bin, label) cells; each cell keeps its observed mean score (approximation).
      const x = need(s, 'scores', 'ece');
      const mean = x.binScore.map((v, k) => (x.binRows[k]! > 0 ? v / x.binRows[k]! : 0));
      const scaled = new Float64Array(mean.length);
      return bootstrapCounts(x.binRows, (d) => {
        for (let k = 0; k < d.length; k++) scaled[k] = d[k]! * mean[k]!;
        return B.eceFromBins(d, scaled);
      }, o);
    },
  },
  proportion('accuracy', MC, 'matrix', true, 'rows', M.multiclassAccuracy),
  matrixFunction('macro_f1', M.macroF1),
  matrixFunction('weighted_f1', M.weightedF1),
  meanLoss('mae', REG, 'regression', R.mae, (x, l) => meanInterval(x.n, x.sumAbsErr, x.sumSqErr, l)),
  meanLoss('mse', REG, 'regression', R.mse, (x, l) => meanInterval(x.n, x.sumSqErr, x.sumErr4, l)),
  meanLoss('rmse', REG, 'regression', R.rmse, (x, l) => rmseInterval(x.n, x.sumSqErr, x.sumErr4, l)),
  meanLoss('mape', REG, 'regression', R.mape, (x, l) => meanInterval(x.n, x.sumApe, x.sumApeSq, l)),
  {
    name: 'r2', task: REG, kind: 'count-function', higherIsBetter: true, needs: 'regression', denominator: 'rows',
    compute: (s) => R.r2(need(s, 'regression', 'r2')),
    interval: noInterval('no interval method for r2 yet'),
  },
];

export const METRIC_ALIASES: Readonly<Record<string, string>> = { tpr: 'recall', tnr: 'specificity' };

/** Per-class recall of a multiclass model, looked up as `recall:<class name>`. */
export function classRecallMetric(classIndex: number, className: string): MetricDef {
  return proportion(`recall:${className}`, MC, 'matrix', true, 'positives', (m: ConfusionMatrix) => M.classRecall(m, classIndex));
}

/** Metric names available for a task (aliases not included). */
export function metricNames(task: StatsTask): string[] {
  return DEFS.filter((d) => d.task === task).map((d) => d.name);
}

/**
 * Looks a metric up by name for a task; `classes` (multiclass class names) enables `recall:<class>`.
 * Returns undefined for an unknown name, so the caller can report it with the valid names.
 */
export function getMetric(name: string, task: StatsTask, classes?: readonly string[]): MetricDef | undefined {
  const canonical = METRIC_ALIASES[name] ?? name;
  const found = DEFS.find((d) => d.task === task && d.name === canonical);
  if (found) return found;
  if (task === MC && classes && canonical.startsWith('recall:')) {
    const k = classes.indexOf(canonical.slice('recall:'.length));
    if (k >= 0) return classRecallMetric(k, classes[k]!);
  }
  return undefined;
}
