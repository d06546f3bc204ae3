/**
 * MG204 suspicious-performance: a metric too good to be true. An AUC of 0.999 on a real problem
 * usually means the label leaked into a feature or the holdout overlaps the training data.
 * Higher-is-better metrics get a ceiling (`max`, default 0.995 for the default metric auc);
 * lower-is-better ones (log_loss, mae, ...) a floor (`min`), which has no sensible default.
 */
import { z } from 'zod';
import { defineCheck } from '../types.js';
import { evaluateMetric } from '../shared/evaluate.js';
import { metricSeed, metricValue } from '../shared/metrics-block.js';
import { MG204_DOCS } from './docs.js';
import { estimateFinding } from './estimate-finding.js';
import { checkThresholdRange } from '../shared/metric-range.js';
import { className, isFinding, metricName, resolveMetric, scoreNeed } from './metric-option.js';

export const DEFAULT_CEILING = 0.995;

export const mg204Options = z.strictObject({
  metric: metricName.optional(),
  class: className.optional(),
  /** Ceiling for a higher-is-better metric: above it the result is suspicious. */
  max: z.number().optional(),
  /** Floor for a lower-is-better metric (log_loss, brier, mae, ...). */
  min: z.number().optional(),
}).superRefine((o, ctx) => checkThresholdRange(o.class !== undefined ? 'recall' : (o.metric ?? 'auc'), o, ctx));
export type Mg204Options = z.output<typeof mg204Options>;

export const mg204 = defineCheck<Mg204Options>({
  id: 'MG204',
  slug: 'suspicious-performance',
  category: 'performance',
  title: 'Suspiciously good performance',
  summary: 'A metric too good to be true (e.g. AUC above 0.995): usually label leakage or train/test overlap',
  defaultSeverity: 'warning',
  docs: MG204_DOCS,
  options: mg204Options as z.ZodType<Mg204Options>,
  needsData: true,
  requires: ['label'],
  columns: (opts, env) => (opts.metric === undefined && (env.model.meta.task ?? 'binary_classification') === 'binary_classification'
    ? [{ name: env.columns.score, as: 'number' as const, required: false }]
    : scoreNeed(opts.metric, opts.class, env.model.meta.task, env.columns.score)),
  run(ctx, opts) {
    const { roles } = ctx;
    if (opts.metric === undefined && roles.task !== 'binary_classification') {
      return [{ status: 'skipped', subject: 'overall', message: `the default metric auc applies to binary classification; set \`metric\` (e.g. r2 with max, or mae with min) for ${roles.task.replace(/_/g, ' ')}` }];
    }
    if (opts.metric === undefined && roles.score === null) {
      return [{ status: 'skipped', metric: 'auc', subject: 'overall', message: `no score column "${ctx.columns.score}": the default metric auc needs scores; set \`metric\` (e.g. accuracy) to check another metric` }];
    }
    const r = resolveMetric(opts.metric ?? 'auc', opts.class, roles.task, roles.classes);
    if (isFinding(r)) return [r];
    let threshold: { min?: number; max?: number };
    if (opts.max !== undefined || opts.min !== undefined) {
      threshold = { ...(opts.max !== undefined ? { max: opts.max } : {}), ...(opts.min !== undefined ? { min: opts.min } : {}) };
    } else if (r.info.higherIsBetter) threshold = { max: DEFAULT_CEILING };
    else {
      return [{ status: 'error', metric: r.metric, subject: 'overall', thresholdKey: 'metric', message: `${r.metric} is lower-is-better: set \`min\`, the floor below which it is suspiciously good` }];
    }
    const { overall } = evaluateMetric(r.metric, roles, { level: ctx.settings.confidence, seedKey: metricSeed(r.metric) });
    const f = estimateFinding({ label: r.metric, metric: r.metric, estimate: overall, threshold, settings: ctx.settings });
    if (f.status === 'fail') f.message += '; check for label leakage (a feature derived from the outcome) and train/holdout overlap (MG105)';
    return [{ ...f, metrics: { overall: { [r.metric]: metricValue(overall) } } }];
  },
});
