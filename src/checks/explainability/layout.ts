/**
 * Where a holdout keeps its explanations: which columns hold per-row attributions (and for which
 * feature), where the base value comes from, and which output space the explanation claims.
 * Resolved from the file's schema alone, so `columns()` can ask the reader for exactly these.
 */
import type { Columns, ModelMeta, OutputSpace } from '../../config/types.js';
import type { ColumnSchema } from '../../data/dataset.js';

export interface Attribution {
  /** The feature the column claims to explain. */
  feature: string;
  column: string;
}

export interface ExplanationLayout {
  /** `prefix` (columns found by name) or `explicit` (columns.explanations.columns). */
  mode: 'prefix' | 'explicit';
  prefix: string;
  /** Attribution columns present in the file, in file order (prefix) or mapping order (explicit). */
  attributions: Attribution[];
  /** Model features (metadata `features`) without an attribution column; null without a feature list. */
  missingFeatures: string[] | null;
  /** Explicitly mapped features whose column is absent from the file: feature -> column. */
  absentMapped: Attribution[];
  /** Attribution columns naming no feature of the model; empty without a feature list. */
  unknown: Attribution[];
  /** Per-row base value column when the file has it. */
  baseColumn: string | null;
  /** The configured base column name (whether or not the file has it). */
  baseColumnName: string;
  /** `explainability.base_value` from the model metadata. */
  baseConstant: number | null;
  /** Declared output space and who declared it; null when nobody did. */
  outputSpace: { space: OutputSpace; from: 'check option' | 'policy columns' | 'model metadata' } | null;
}

export function resolveLayout(
  columns: Columns,
  schema: readonly ColumnSchema[],
  meta: ModelMeta,
  spaceOption?: OutputSpace,
): ExplanationLayout {
  const cfg = columns.explanations;
  const inFile = new Set(schema.map((c) => c.name));
  const baseColumnName = cfg.base_value;
  const explicit = cfg.columns !== undefined;
  const attributions: Attribution[] = [];
  const absentMapped: Attribution[] = [];

  if (explicit) {
    for (const [feature, column] of Object.entries(cfg.columns!)) {
      (inFile.has(column) ? attributions : absentMapped).push({ feature, column });
    }
  } else {
    const taken = reservedColumns(columns);
    for (const c of schema) {
      if (!c.name.startsWith(cfg.prefix) || c.name === baseColumnName || taken.has(c.name)) continue;
      const feature = c.name.slice(cfg.prefix.length);
      if (feature !== '') attributions.push({ feature, column: c.name });
    }
  }

  const features = meta.features ?? null;
  const explained = new Set(attributions.map((a) => a.feature));
  const known = new Set(features ?? []);
  return {
    mode: explicit ? 'explicit' : 'prefix',
    prefix: cfg.prefix,
    attributions,
    missingFeatures: features === null ? null : features.filter((f) => !explained.has(f)),
    absentMapped,
    unknown: features === null ? [] : attributions.filter((a) => !known.has(a.feature)),
    baseColumn: inFile.has(baseColumnName) ? baseColumnName : null,
    baseColumnName,
    baseConstant: finiteOrNull(meta.explainability?.base_value),
    outputSpace: declaredSpace(spaceOption, columns, meta),
  };
}

/** Role columns never count as attributions, even when their names happen to carry the prefix. */
function reservedColumns(columns: Columns): Set<string> {
  return new Set([
    columns.label, columns.prediction, columns.score, columns.id, ...columns.sensitive,
    columns.baseline_prediction, columns.baseline_score,
  ]);
}

function declaredSpace(option: OutputSpace | undefined, columns: Columns, meta: ModelMeta): ExplanationLayout['outputSpace'] {
  if (option !== undefined) return { space: option, from: 'check option' };
  if (columns.explanations.output_space !== undefined) return { space: columns.explanations.output_space, from: 'policy columns' };
  const m = meta.explainability?.output_space;
  return m !== undefined ? { space: m, from: 'model metadata' } : null;
}

function finiteOrNull(x: unknown): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}

/** Columns to read for the per-row checks; optional, because the checks report what is absent. */
export function explanationColumnNeeds(layout: ExplanationLayout, withBase: boolean) {
  const needs = layout.attributions.map((a) => ({ name: a.column, as: 'number' as const, required: false }));
  if (withBase && layout.baseColumn !== null) needs.push({ name: layout.baseColumn, as: 'number', required: false });
  return needs;
}
