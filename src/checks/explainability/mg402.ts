/**
 * MG402 explained-features: does every feature of the model have an attribution column, and does
 * every attribution column name a feature of the model? Needs only the dataset's header.
 */
import { z } from 'zod';
import { defineCheck, type CheckContext, type Finding } from '../types.js';
import { MG402_DOCS } from './docs.js';
import { fmtShare, list, plural } from './format.js';
import { resolveLayout } from './layout.js';

export const mg402Options = z.strictObject({
  min: z.number().min(0).max(1).default(1),
  /** Attribution columns naming no model feature fail the check unless this is true. */
  allow_unknown: z.boolean().default(false),
});
export type Mg402Options = z.output<typeof mg402Options>;

export const mg402 = defineCheck<Mg402Options>({
  id: 'MG402',
  slug: 'explained-features',
  category: 'explainability',
  title: 'Explained features',
  summary: "Share of the model's features that have an attribution column",
  defaultSeverity: 'error',
  docs: MG402_DOCS,
  options: mg402Options as z.ZodType<Mg402Options>,
  // Only the header is read, but that still needs the dataset file.
  needsData: true,
  columns: () => [],
  run: (ctx, opts) => withStrayColumns(explainedFeatures(ctx, opts), opts),
});

export function explainedFeatures(ctx: Pick<CheckContext, 'columns' | 'datasetInfo' | 'model'>, opts: Mg402Options): Finding {
  const layout = resolveLayout(ctx.columns, ctx.datasetInfo.columns, ctx.model.meta);
  const features = [...new Set(ctx.model.meta.features ?? [])];
  const base = { subject: 'features', metric: 'explained_features', threshold: { min: opts.min }, comparator: '>=' as const, thresholdKey: 'min' };
  if (features.length === 0) {
    return {
      ...base,
      status: 'error',
      observed: null,
      sampleSize: 0,
      metadataPath: 'features',
      message: `explained features cannot be measured: the model metadata (${ctx.model.file}) lists no features`,
    };
  }
  const missing = [...new Set(layout.missingFeatures ?? [])];
  const unknown = layout.unknown.map((a) => a.column);
  const explained = features.length - missing.length;
  const observed = explained / features.length;
  const fails = observed < opts.min;

  const parts = [
    `${explained} of ${plural(features.length, 'model feature')} have an attribution column (${fmtShare(observed, opts.min)}); min ${opts.min.toFixed(3)}`,
  ];
  if (missing.length > 0) parts.push(`missing: ${list(missing, 10)}`);
  const absent = layout.absentMapped.filter((a) => missing.includes(a.feature));
  if (absent.length > 0) parts.push(`mapped but not in the dataset: ${list(absent.map((a) => `${a.feature} -> ${a.column}`))}`);
  if (unknown.length > 0) {
    parts.push(`${plural(unknown.length, 'attribution column')} naming no model feature: ${list(unknown, 10)}${opts.allow_unknown ? ' (allowed)' : ''}`);
  }
  if (layout.attributions.length === 0 && layout.mode === 'prefix') parts.push(`no dataset column starts with "${layout.prefix}"`);

  return {
    ...base,
    status: fails ? 'fail' : 'pass',
    observed,
    sampleSize: features.length,
    message: parts.join('; '),
    details: {
      features: features.length,
      explained,
      missingFeatures: missing,
      unknownColumns: unknown,
      absentMappedColumns: absent.map((a) => ({ feature: a.feature, column: a.column })),
      mode: layout.mode,
      ...(layout.mode === 'prefix' ? { prefix: layout.prefix } : {}),
    },
    metrics: { overall: { explained_features: { value: observed, n: features.length } }, groups: {} },
  };
}

/**
 * Attribution columns naming no model feature are their own finding, so the shown comparison
 * always agrees with the status (a 1.000 share next to FAIL would read as a contradiction).
 */
function withStrayColumns(main: Finding, opts: Mg402Options): Finding[] {
  const unknown = (main.details?.unknownColumns as string[] | undefined) ?? [];
  if (main.status === 'error' || unknown.length === 0 || opts.allow_unknown) return [main];
  return [main, {
    status: 'fail',
    subject: 'stray attribution columns',
    metric: 'unknown_attribution_columns',
    observed: unknown.length,
    threshold: { max: 0 },
    comparator: '<=',
    sampleSize: unknown.length,
    thresholdKey: 'allow_unknown',
    message: `${unknown.length === 1 ? '1 attribution column names' : `${unknown.length} attribution columns name`} no model feature: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ', ...' : ''}; list the feature in the model metadata, or set allow_unknown: true`,
    details: { unknownColumns: unknown },
  }];
}
