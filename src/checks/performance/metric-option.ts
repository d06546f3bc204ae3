/**
 * The `metric` option of the performance checks. The option schema cannot know the model's task,
 * so it accepts a name valid for some task (a typo gets "did you mean"); run() checks it against
 * the task and returns an `error` finding listing the valid names.
 * Per-class recall of a multiclass model: `metric: recall` with `class: "2"`, or `metric: recall:2`.
 */
import { z } from 'zod';
import type { Task } from '../../config/types.js';
import { didYouMean } from '../../config/suggest.js';
import { metricInfo, validMetricNames, type MetricInfo } from '../shared/evaluate.js';
import type { Finding } from '../types.js';

const TASKS: Task[] = ['binary_classification', 'multiclass_classification', 'regression'];
const ALL = [...new Set(TASKS.flatMap(validMetricNames))];

export const metricName = z.string().min(1).superRefine((name, ctx) => {
  if (TASKS.some((t) => metricInfo(name, t) !== null)) return;
  const hint = didYouMean(name, ALL.filter((n) => !n.includes('<')));
  ctx.addIssue({
    code: 'custom',
    message: `unknown metric "${name}"; expected one of ${ALL.join(', ')}`,
    ...(hint ? { params: { hint } } : {}),
  });
});

/** A class name as written (`class: 2` and `class: "2"` are the same class). */
export const className = z.union([z.string().min(1), z.number()]).transform(String);

export interface ResolvedMetric {
  metric: string;
  info: MetricInfo;
}

/** The metric to evaluate for this task, or an `error` finding naming the valid metrics. */
export function resolveMetric(metric: string, cls: string | undefined, task: Task, classes: readonly string[] | null): ResolvedMetric | Finding {
  const taskName = task.replace(/_/g, ' ');
  const bad = (message: string): Finding => ({ status: 'error', metric, subject: 'overall', message, thresholdKey: 'metric' });
  if (cls !== undefined) {
    if (task !== 'multiclass_classification') return bad(`\`class: ${cls}\` applies to multiclass models only (this model is ${taskName})`);
    if (metric !== 'recall' && metric !== 'tpr') return bad(`\`class\` selects per-class recall; use \`metric: recall\` with it (got metric ${metric})`);
    metric = `recall:${cls}`;
  }
  const info = metricInfo(metric, task);
  if (info === null) return bad(`metric "${metric}" is not defined for ${taskName}; valid metrics: ${validMetricNames(task).join(', ')}`);
  if (info.name.startsWith('recall:') && classes !== null && !classes.includes(info.name.slice(7))) {
    return bad(`class "${info.name.slice(7)}" does not occur in the label or prediction columns (classes: ${classes.join(', ')})`);
  }
  return { metric: info.name, info };
}

export function isFinding(x: ResolvedMetric | Finding): x is Finding {
  return 'status' in x;
}

/** Dataset columns a metric needs beyond label/prediction (the score), for CheckDef.columns. */
export function scoreNeed(metric: string | undefined, cls: string | undefined, task: Task | undefined, scoreColumn: string) {
  if (metric === undefined || cls !== undefined) return [];
  const info = metricInfo(metric, task ?? 'binary_classification');
  return info?.needs.includes('score') ? [{ name: scoreColumn, as: 'number' as const, required: true }] : [];
}
