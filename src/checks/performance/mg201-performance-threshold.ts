/**
 * MG201 performance-threshold: one metric on the holdout against `min` and/or `max`, decided on
 * the estimate or (decision: interval) on its confidence interval.
 */
import { z } from 'zod';
import { defineCheck } from '../types.js';
import { evaluateMetric } from '../shared/evaluate.js';
import { metricsBlock, metricSeed, metricValue } from '../shared/metrics-block.js';
import { MG201_DOCS } from './docs.js';
import { estimateFinding } from './estimate-finding.js';
import { checkThresholdRange } from '../shared/metric-range.js';
import { className, isFinding, metricName, resolveMetric, scoreNeed } from './metric-option.js';

export const mg201Options = z.strictObject({
  metric: metricName,
  class: className.optional(),
  min: z.number().optional(),
  max: z.number().optional(),
}).refine((o) => o.min !== undefined || o.max !== undefined, { message: 'set `min`, `max` or both', path: ['min'] })
  .refine((o) => o.min === undefined || o.max === undefined || o.min <= o.max, { message: '`min` is greater than `max`', path: ['max'] })
  .superRefine((o, ctx) => checkThresholdRange(o.class !== undefined ? 'recall' : o.metric, o, ctx));
export type Mg201Options = z.output<typeof mg201Options>;

export const mg201 = defineCheck<Mg201Options>({
  id: 'MG201',
  slug: 'performance-threshold',
  category: 'performance',
  title: 'Holdout performance',
  summary: 'A metric on the holdout (auc, recall, f1, mae, ...) against min/max, with its confidence interval',
  defaultSeverity: 'error',
  docs: MG201_DOCS,
  options: mg201Options as z.ZodType<Mg201Options>,
  needsData: true,
  requires: ['label', 'prediction'],
  columns: (opts, env) => scoreNeed(opts.metric, opts.class, env.model.meta.task, env.columns.score),
  run(ctx, opts) {
    const r = resolveMetric(opts.metric, opts.class, ctx.roles.task, ctx.roles.classes);
    if (isFinding(r)) return [r];
    const { overall } = evaluateMetric(r.metric, ctx.roles, { level: ctx.settings.confidence, seedKey: metricSeed(r.metric) });
    const threshold = { ...(opts.min !== undefined ? { min: opts.min } : {}), ...(opts.max !== undefined ? { max: opts.max } : {}) };
    const finding = estimateFinding({ label: r.metric, metric: r.metric, estimate: overall, threshold, settings: ctx.settings });
    const block = metricsBlock(ctx);
    block.overall = { ...block.overall, [r.metric]: metricValue(overall) };
    return [{ ...finding, metrics: block }];
  },
});
