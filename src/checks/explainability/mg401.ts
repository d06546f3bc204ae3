/**
 * MG401 explanation-coverage: the share of rows whose explanation is complete, overall and in every
 * sensitive group. A census fact about the holdout, so it is decided on the observed value.
 */
import { z } from 'zod';
import type { GroupResult } from '../../report/model.js';
import { defineCheck, type CheckContext, type Finding } from '../types.js';
import { CoverageAccumulator, type CoverageResult, type GroupCount } from './coverage.js';
import { MG401_DOCS } from './docs.js';
import { fmtShare, list, plural } from './format.js';
import { explanationColumnNeeds, resolveLayout, type ExplanationLayout } from './layout.js';
import { explanationView } from './view.js';

const share = z.number().min(0).max(1);
export const mg401Options = z.strictObject({
  min: share.default(1),
  /** Per-group minimum; defaults to `min`. */
  min_group: share.optional(),
  /** Largest allowed difference between the best and worst covered group of one grouping. */
  max_gap: share.optional(),
  per_group: z.boolean().default(true),
  /** Cross these columns into intersectional groups instead of each policy sensitive column alone. */
  sensitive: z.array(z.string().min(1)).min(1).optional(),
});
export type Mg401Options = z.output<typeof mg401Options>;

export const mg401 = defineCheck<Mg401Options>({
  id: 'MG401',
  slug: 'explanation-coverage',
  category: 'explainability',
  title: 'Explanation coverage',
  summary: 'Share of rows with a complete explanation, overall and in every sensitive group',
  defaultSeverity: 'error',
  docs: MG401_DOCS,
  options: mg401Options as z.ZodType<Mg401Options>,
  needsData: true,
  columns(opts, env) {
    const layout = resolveLayout(env.columns, env.schema, env.model.meta);
    const extra = (opts.sensitive ?? [])
      .filter((c) => !env.columns.sensitive.includes(c))
      .map((name) => ({ name, as: 'category' as const, required: true }));
    return [...explanationColumnNeeds(layout, false), ...extra];
  },
  run: (ctx, opts) => [runCoverage(ctx, opts)],
});

function runCoverage(ctx: CheckContext, opts: Mg401Options): Finding {
  const layout = resolveLayout(ctx.columns, ctx.datasetInfo.columns, ctx.model.meta);
  const groupings = !opts.per_group ? [] : opts.sensitive ? [opts.sensitive] : ctx.columns.sensitive.map((c) => [c]);
  const acc = new CoverageAccumulator(layout.attributions.map((a) => a.column), groupings);
  acc.add(explanationView(ctx), 0);
  return coverageFinding(acc.result(), layout, opts);
}

export function coverageFinding(res: CoverageResult, layout: ExplanationLayout, opts: Mg401Options): Finding {
  const base = { metric: 'explanation_coverage', threshold: { min: opts.min }, comparator: '>=' as const, sampleSize: res.rows };
  if (res.rows === 0) {
    return { ...base, status: 'error', observed: null, thresholdKey: 'min', message: 'explanation coverage is undefined: the holdout has no rows' };
  }
  const minGroup = opts.min_group ?? opts.min;
  const observed = res.complete / res.rows;
  const groups: GroupResult[] = [];
  const gaps: { subject: string; gap: number; lowest: GroupCount; highest: GroupCount }[] = [];
  const metricsGroups: Record<string, Record<string, Record<string, { value: number; n: number }>>> = {};
  for (const g of res.groupings) {
    const name = g.columns.join(' × ');
    metricsGroups[name] = {};
    for (const c of g.groups) {
      const value = c.complete / c.n;
      metricsGroups[name]![c.subject] = { explanation_coverage: { value, n: c.n } };
      groups.push({ key: c.key, subject: c.subject, n: c.n, positives: null, negatives: null, value, interval: null, status: value >= minGroup ? 'pass' : 'fail' });
    }
    const sorted = [...g.groups].sort((a, b) => a.complete / a.n - b.complete / b.n);
    if (sorted.length > 0) {
      const lowest = sorted[0]!;
      const highest = sorted[sorted.length - 1]!;
      gaps.push({ subject: name, gap: highest.complete / highest.n - lowest.complete / lowest.n, lowest, highest });
    }
  }

  const overallFails = observed < opts.min;
  const failingGroups = groups.filter((g) => g.status === 'fail');
  const gapFails = opts.max_gap === undefined ? [] : gaps.filter((g) => g.gap > opts.max_gap!);
  const status = overallFails || failingGroups.length > 0 || gapFails.length > 0 ? 'fail' : 'pass';

  const parts = [`explanation coverage is ${fmtShare(observed, opts.min)} (${res.complete} of ${plural(res.rows, 'row')}); min ${opts.min.toFixed(3)}`];
  if (layout.attributions.length === 0) parts.push(noColumnsReason(layout));
  const lowest = [...gaps].sort((a, b) => a.lowest.complete / a.lowest.n - b.lowest.complete / b.lowest.n)[0];
  if (lowest !== undefined) {
    const v = lowest.lowest.complete / lowest.lowest.n;
    parts.push(`lowest group ${lowest.lowest.subject} ${fmtShare(v, minGroup)} (${lowest.lowest.complete} of ${lowest.lowest.n})`);
  }
  if (failingGroups.length > 0) {
    parts.push(`${plural(failingGroups.length, 'group')} below ${opts.min_group !== undefined ? 'min_group' : 'min'} ${minGroup.toFixed(3)}: ${list(failingGroups.map((g) => g.subject))}`);
  }
  for (const g of gapFails) parts.push(`coverage gap across ${g.subject} is ${g.gap.toFixed(3)} (${g.highest.subject} vs ${g.lowest.subject}); max_gap ${opts.max_gap!.toFixed(3)}`);

  return {
    ...base,
    status,
    observed,
    message: parts.join('; '),
    groups,
    thresholdKey: overallFails || failingGroups.length === 0 && gapFails.length === 0 ? 'min' : failingGroups.length > 0 ? (opts.min_group !== undefined ? 'min_group' : 'min') : 'max_gap',
    details: {
      rows: res.rows,
      complete: res.complete,
      incomplete: res.rows - res.complete,
      attributionColumns: layout.attributions.map((a) => a.column),
      gaps: gaps.map((g) => ({ grouping: g.subject, gap: g.gap, lowest: g.lowest.subject, highest: g.highest.subject })),
    },
    metrics: { overall: { explanation_coverage: { value: observed, n: res.rows } }, groups: metricsGroups },
  };
}

export function noColumnsReason(layout: ExplanationLayout): string {
  if (layout.mode === 'explicit') {
    if (layout.absentMapped.length === 0) return 'columns.explanations.columns maps no feature to a column';
    return `none of the columns mapped in columns.explanations.columns is in the dataset (${list(layout.absentMapped.map((a) => a.column))})`;
  }
  return `no attribution columns: no dataset column starts with "${layout.prefix}"`;
}
