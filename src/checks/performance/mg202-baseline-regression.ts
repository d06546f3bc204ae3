/**
 * MG202 baseline-regression: the candidate must not be worse than the baseline by more than
 * `max_drop` (absolute) or `max_relative_drop` (share of the baseline value). The baseline is
 * either the model outputs in `baseline_prediction` / `baseline_score` columns of the same holdout
 * (a paired comparison, preferred) or a previous modelgate JSON report given with `--baseline`.
 */
import { z } from 'zod';
import { decideDetailed, type DecisionDetail } from '../shared/decide.js';
import { evaluateMetric, metricDefinition } from '../shared/evaluate.js';
import { metricSeed, metricValue } from '../shared/metrics-block.js';
import { defineCheck, type CheckContext, type Finding } from '../types.js';
import { MG202_DOCS } from './docs.js';
import { fmt, fmtInterval } from './format.js';
import { className, isFinding, metricName, resolveMetric, scoreNeed, type ResolvedMetric } from './metric-option.js';
import { baselineRoles, pairedComparison, type DropEstimate } from './paired.js';
import { reportComparison } from './report-baseline.js';

const share = z.number().min(0).max(1);
export const mg202Options = z.strictObject({
  metric: metricName,
  class: className.optional(),
  /** Largest allowed drop, in the metric's units (0.01 = one point of recall). */
  max_drop: z.number().min(0).optional(),
  /** Largest allowed drop as a share of the baseline value (0.02 = 2 %). */
  max_relative_drop: share.optional(),
  /** Defaults to the metric's direction (auc: true, log_loss: false). */
  higher_is_better: z.boolean().optional(),
  /** Without any baseline: `error` instead of `skipped`. */
  required: z.boolean().default(false),
  /** Bootstrap replicates for the paired interval (each resamples the holdout's rows or cells). */
  replicates: z.number().int().min(100).max(100000).default(2000),
}).refine((o) => o.max_drop !== undefined || o.max_relative_drop !== undefined, { message: 'set `max_drop`, `max_relative_drop` or both', path: ['max_drop'] });
export type Mg202Options = z.output<typeof mg202Options>;

export const mg202 = defineCheck<Mg202Options>({
  id: 'MG202',
  slug: 'baseline-regression',
  category: 'performance',
  title: 'No regression against the baseline',
  summary: 'A metric against the baseline (baseline columns, paired, or a saved report): max_drop, max_relative_drop',
  defaultSeverity: 'error',
  docs: MG202_DOCS,
  options: mg202Options as z.ZodType<Mg202Options>,
  needsData: true,
  requires: ['label', 'prediction'],
  columns: (opts, env) => scoreNeed(opts.metric, opts.class, env.model.meta.task, env.columns.score),
  run: (ctx, opts) => [baselineRegression(ctx, opts)],
});

/** Whether the dataset has the baseline outputs this metric needs. */
function hasBaselineColumns(ctx: CheckContext, r: ResolvedMetric): boolean {
  const { roles } = ctx;
  if (r.info.needs.includes('score')) return roles.baselineScore !== null;
  return roles.baselinePrediction !== null || roles.baselineScore !== null;
}

function baselineRegression(ctx: CheckContext, opts: Mg202Options): Finding {
  const r = resolveMetric(opts.metric, opts.class, ctx.roles.task, ctx.roles.classes);
  if (isFinding(r)) return r;
  const higherIsBetter = opts.higher_is_better ?? r.info.higherIsBetter;
  const level = ctx.settings.confidence;
  const report = ctx.baseline;
  if (hasBaselineColumns(ctx, r)) {
    const def = metricDefinition(r.metric, ctx.roles.task, ctx.roles.classes)!;
    const p = pairedComparison({
      metric: r.metric, def, roles: ctx.roles, baseline: baselineRoles(ctx.roles, ctx.columns.threshold),
      higherIsBetter, level, seedKey: `MG202|${metricSeed(r.metric)}`, replicates: opts.replicates,
    });
    const cols = r.info.needs.includes('score') || ctx.roles.baselinePrediction === null ? ctx.columns.baseline_score : ctx.columns.baseline_prediction;
    const notes: string[] = [];
    if (p.mcnemar) {
      notes.push(`exact McNemar p = ${fmtP(p.mcnemar.pValue)} (${p.mcnemar.baselineOnly} rows only the baseline got right, ${p.mcnemar.candidateOnly} only the candidate, of ${p.mcnemar.n})`);
    }
    if (report) notes.push(`the baseline report ${report.file} was also given${reportValueNote(report.metrics.overall[r.metric]?.value, r.metric)}; the paired comparison on the same rows is used`);
    return dropFinding(ctx, opts, r.metric, higherIsBetter, {
      candidate: p.candidate.value, baseline: p.baseline.value, drop: p.drop, relativeDrop: p.relativeDrop,
      source: `baseline column ${cols}`, n: p.candidate.n, notes,
      reason: p.candidate.reason ?? p.baseline.reason,
      details: { source: 'columns', column: cols, method: p.method, ...(p.mcnemar ? { mcnemar: p.mcnemar } : {}), baselineInterval: p.baseline.interval },
    }, metricValue(p.candidate));
  }
  if (report) {
    const { overall } = evaluateMetric(r.metric, ctx.roles, { level, seedKey: metricSeed(r.metric) });
    const cmp = reportComparison(r.metric, overall, report, higherIsBetter);
    if ('error' in cmp) return { status: 'error', metric: r.metric, subject: 'overall', message: cmp.error, thresholdKey: 'metric' };
    const notes: string[] = [];
    if (report.datasetSha256 && report.datasetSha256 !== ctx.datasetInfo.sha256) {
      notes.push(`the baseline was computed on a different holdout (sha256 ${report.datasetSha256.slice(0, 12)}… vs ${ctx.datasetInfo.sha256.slice(0, 12)}…), so the two values are not on the same rows`);
    }
    notes.push('unpaired: the interval reflects the candidate\'s uncertainty only; add baseline_prediction/baseline_score columns for a paired test');
    return dropFinding(ctx, opts, r.metric, higherIsBetter, {
      candidate: overall.value, baseline: cmp.baseline, drop: cmp.drop, relativeDrop: cmp.relativeDrop,
      source: `baseline report ${report.file}`, n: overall.n, notes, reason: overall.reason,
      details: { source: 'report', file: report.file, baselineDatasetSha256: report.datasetSha256 },
    }, metricValue(overall));
  }
  const message = `no baseline for ${r.metric}: pass --baseline REPORT.json (a previous modelgate JSON report) or add columns ${ctx.columns.baseline_prediction}/${ctx.columns.baseline_score} to the holdout`;
  return { status: opts.required ? 'error' : 'skipped', metric: r.metric, subject: 'overall', message, thresholdKey: 'metric' };
}

const fmtP = (p: number) => (p < 1e-4 ? p.toExponential(1) : p.toFixed(4));

function reportValueNote(v: number | null | undefined, metric: string): string {
  return typeof v === 'number' ? ` (${metric} ${fmt(v)} there)` : '';
}

interface Comparison {
  candidate: number | null;
  baseline: number | null;
  drop: DropEstimate;
  relativeDrop: DropEstimate;
  source: string;
  n: number;
  notes: string[];
  reason?: string | undefined;
  details: Record<string, unknown>;
}

const RANK: Record<DecisionDetail['status'], number> = { fail: 0, error: 1, inconclusive: 2, pass: 3 };

function dropFinding(ctx: CheckContext, opts: Mg202Options, metric: string, higherIsBetter: boolean, c: Comparison, own: { value: number | null }): Finding {
  const gates: { key: 'max_drop' | 'max_relative_drop'; est: DropEstimate; bound: number; what: string }[] = [];
  if (opts.max_drop !== undefined) gates.push({ key: 'max_drop', est: c.drop, bound: opts.max_drop, what: 'drop' });
  if (opts.max_relative_drop !== undefined) gates.push({ key: 'max_relative_drop', est: c.relativeDrop, bound: opts.max_relative_drop, what: 'relative drop' });
  const decided = gates.map((g) => ({ ...g, d: decideDetailed(g.est, { max: g.bound }, ctx.settings) }));
  const worst = [...decided].sort((a, b) => RANK[a.d.status] - RANK[b.d.status])[0]!;
  const head = c.candidate === null || c.baseline === null
    ? `${metric} is undefined (${c.reason ?? 'zero denominator'}): candidate ${show(c.candidate)}, baseline ${show(c.baseline)} (${c.source})`
    : `${metric} ${fmt(c.candidate)} vs baseline ${fmt(c.baseline)} (${c.source})`;
  const parts = [head, ...decided.map((g) => g.est.value === null
    ? `${g.what} undefined; ${g.key} ${fmt(g.bound)}`
    : `${g.what} ${fmt(g.est.value, g.bound)}${fmtInterval(g.est.interval)}; ${g.key} ${fmt(g.bound, g.est.value)}`)];
  if (decided.some((g) => g.d.basis === 'point (no interval)')) parts.push('no interval for the drop: decided on the estimate');
  if (worst.d.status === 'inconclusive') parts.push('the interval straddles the threshold');
  parts.push(...c.notes);
  const status = worst.d.status === 'error' ? (c.reason && !/needs the/.test(c.reason) ? 'insufficient' : 'error') : worst.d.status;
  return {
    status,
    message: parts.join('; '),
    // The observed value is the drop, not the metric: say so wherever metric and value are printed.
    metric: `${metric}_${worst.key === 'max_drop' ? 'drop' : 'relative_drop'}`,
    subject: metric,
    observed: worst.est.value,
    interval: worst.est.interval,
    threshold: { max: worst.bound },
    comparator: '<=',
    sampleSize: c.n,
    thresholdKey: worst.key,
    details: {
      ...c.details,
      candidate: c.candidate,
      baseline: c.baseline,
      drop: c.drop.value,
      dropInterval: c.drop.interval,
      relativeDrop: c.relativeDrop.value,
      relativeDropInterval: c.relativeDrop.interval,
      metric,
      higherIsBetter,
    },
    metrics: { overall: { [metric]: own } },
  };
}

const show = (v: number | null) => (v === null ? 'undefined' : fmt(v));
