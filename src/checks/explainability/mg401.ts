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
  stream(opts, env) {
    const layout = resolveLayout(env.columns, env.schema, env.model.meta);
    const extra = (opts.sensitive ?? [])
      .filter((c) => !env.columns.sensitive.includes(c))
      .map((name) => ({ name, as: 'category' as const, required: true }));
    const acc = coverageAccumulator(layout, env.columns.sensitive, opts, env.waivedSubjects);
    return {
      columns: [...explanationColumnNeeds(layout, false), ...extra],
      sink: { add: (batch, rowOffset) => acc.add(explanationView(batch), rowOffset), result: () => acc.result() },
    };
  },
  run: (ctx, opts) => [runCoverage(ctx, opts)],
});

function coverageAccumulator(layout: ExplanationLayout, sensitive: string[], opts: Mg401Options, waived: ReadonlySet<string>): CoverageAccumulator {
  const groupings = !opts.per_group ? [] : opts.sensitive ? [opts.sensitive] : sensitive.map((c) => [c]);
  return new CoverageAccumulator(layout.attributions.map((a) => a.column), groupings, waived);
}

function runCoverage(ctx: CheckContext, opts: Mg401Options): Finding {
  const layout = resolveLayout(ctx.columns, ctx.datasetInfo.columns, ctx.model.meta);
  const streamed = ctx.streamed as CoverageResult | undefined;
  if (streamed) return coverageFinding(streamed, layout, opts);
  const acc = coverageAccumulator(layout, ctx.columns.sensitive, opts, ctx.waivedSubjects ?? new Set());
  acc.add(explanationView(ctx), 0);
  return coverageFinding(acc.result(), layout, opts);
}

interface Gap {
  grouping: string;
  gap: number;
  lowest: GroupCount;
  highest: GroupCount;
}

const rate = (g: GroupCount) => g.complete / g.n;

export function coverageFinding(res: CoverageResult, layout: ExplanationLayout, opts: Mg401Options): Finding {
  const rows = res.rows - res.waived.rows;
  const complete = res.complete - res.waived.complete;
  const base = { subject: 'all rows', metric: 'explanation_coverage', threshold: { min: opts.min }, comparator: '>=' as const, sampleSize: rows };
  if (res.rows === 0) {
    return { ...base, status: 'error', observed: null, thresholdKey: 'min', message: 'explanation coverage is undefined: the holdout has no rows' };
  }
  if (rows === 0) {
    return { ...base, status: 'skipped', observed: null, thresholdKey: 'min', message: `every row is in a waived group (${res.rows} rows)` };
  }
  const minGroup = opts.min_group ?? opts.min;
  const groupKey = opts.min_group !== undefined ? 'min_group' : 'min';
  const observed = complete / rows;
  const groups: GroupResult[] = [];
  const gaps: Gap[] = [];
  const metricsGroups: Record<string, Record<string, Record<string, { value: number; n: number }>>> = {};
  for (const g of res.groupings) {
    const grouping = g.columns.join(' × ');
    const perGroup: Record<string, Record<string, { value: number; n: number }>> = (metricsGroups[grouping] = {});
    for (const c of g.groups) {
      const value = rate(c);
      perGroup[c.subject] = { explanation_coverage: { value, n: c.n } };
      const status = c.waived ? 'waived' : value >= minGroup ? 'pass' : 'fail';
      groups.push({ key: c.key, subject: c.subject, n: c.n, positives: null, negatives: null, value, interval: null, status });
    }
    // Stable sort: among equal shares the first subject in sorted order is named.
    const judged = g.groups.filter((c) => !c.waived).sort((a, b) => rate(a) - rate(b));
    if (judged.length > 0) {
      const lowest = judged[0]!;
      const highest = judged[judged.length - 1]!;
      gaps.push({ grouping, gap: rate(highest) - rate(lowest), lowest, highest });
    }
  }

  const overallFails = observed < opts.min;
  const failingGroups = groups.filter((g) => g.status === 'fail');
  const gapFails = opts.max_gap === undefined ? [] : gaps.filter((g) => g.gap > opts.max_gap!);
  const parts = [`explanation coverage is ${fmtShare(observed, opts.min)} (${complete} of ${plural(rows, 'row')}); min ${opts.min.toFixed(3)}`];
  if (res.waived.rows > 0) parts.push(`${plural(res.waived.rows, 'row')} of waived groups left out`);
  if (layout.attributions.length === 0) parts.push(noColumnsReason(layout));
  const emptyEverywhere = Object.entries(res.missingByColumn).filter(([, m]) => m === res.rows).map(([c]) => c);
  if (emptyEverywhere.length > 0) parts.push(`empty in every row: ${list(emptyEverywhere)}`);
  const lowest = [...gaps].sort((a, b) => rate(a.lowest) - rate(b.lowest))[0];
  if (lowest !== undefined) {
    parts.push(`lowest group ${lowest.lowest.subject} ${fmtShare(rate(lowest.lowest), minGroup)} (${lowest.lowest.complete} of ${lowest.lowest.n})`);
  }
  if (failingGroups.length > 0) {
    const worstFirst = [...failingGroups].sort((a, b) => a.value! - b.value!);
    parts.push(`${plural(failingGroups.length, 'group')} below ${groupKey} ${minGroup.toFixed(3)}: ${list(worstFirst.map((g) => `${g.subject} ${fmtShare(g.value!, minGroup)}`))}`);
  }
  for (const g of gapFails) {
    parts.push(`coverage gap across ${g.grouping} is ${g.gap.toFixed(3)} (${g.highest.subject} vs ${g.lowest.subject}); max_gap ${opts.max_gap!.toFixed(3)}`);
  }
  const thresholdKey = overallFails ? 'min' : failingGroups.length > 0 ? groupKey : gapFails.length > 0 ? 'max_gap' : 'min';
  return {
    ...base,
    status: overallFails || failingGroups.length > 0 || gapFails.length > 0 ? 'fail' : 'pass',
    observed,
    message: parts.join('; '),
    groups,
    thresholdKey,
    details: {
      rows: res.rows,
      complete: res.complete,
      incomplete: res.rows - res.complete,
      waivedRows: res.waived.rows,
      missingByColumn: res.missingByColumn,
      attributionColumns: layout.attributions.map((a) => a.column),
      gaps: gaps.map((g) => ({ grouping: g.grouping, gap: g.gap, lowest: g.lowest.subject, highest: g.highest.subject })),
    },
    metrics: { overall: { explanation_coverage: { value: observed, n: rows } }, groups: metricsGroups },
  };
}

export function noColumnsReason(layout: ExplanationLayout): string {
  if (layout.mode === 'explicit') {
    if (layout.absentMapped.length === 0) return 'columns.explanations.columns maps no feature to a column';
    return `none of the columns mapped in columns.explanations.columns is in the dataset (${list(layout.absentMapped.map((a) => a.column))})`;
  }
  return `no attribution columns: no dataset column starts with "${layout.prefix}"`;
}
