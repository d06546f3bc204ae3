/**
 * A CheckContext for the performance and data-quality checks built from literal arrays: the role
 * arrays the engine would have validated, sensitive categories, extra dataset columns.
 */
import type { CheckContext, Roles } from '../../../src/checks/types.js';
import { DEFAULT_COLUMNS, DEFAULTS, type Columns, type Defaults, type ModelMeta, type Task } from '../../../src/config/types.js';
import { categoryColumn, type Column, type ColumnSchema } from '../../../src/data/dataset.js';
import type { MetricsBlock } from '../../../src/report/model.js';
import { NO_IO } from '../no-io.js';

export interface PerfInput {
  task?: Task;
  label?: number[] | null;
  prediction?: number[] | null;
  score?: number[] | null;
  classes?: string[];
  baselinePrediction?: number[];
  baselineScore?: number[];
  sensitive?: Record<string, ReadonlyArray<string | null>>;
  /** Other dataset columns (features), read by the check itself. */
  columns?: Column[];
  /** Columns in the file header (defaults to the role columns plus `columns`). */
  header?: string[];
  settings?: Partial<Defaults>;
  meta?: ModelMeta;
  baseline?: { file: string; metrics: MetricsBlock; datasetSha256: string } | null;
  datasetSha256?: string;
  waived?: string[];
  dropped?: number;
}

const f64 = (x: number[] | null | undefined) => (x ? Float64Array.from(x) : null);

export function perfContext(input: PerfInput): CheckContext {
  const columns: Columns = { ...DEFAULT_COLUMNS, sensitive: Object.keys(input.sensitive ?? {}) };
  const sensitive = new Map(Object.entries(input.sensitive ?? {}).map(([n, v]) => [n, categoryColumn(n, v)]));
  const rows = (input.label ?? input.prediction ?? input.score ?? [])?.length
    || (input.columns?.[0] ? lengthOf(input.columns[0]) : 0);
  const roles: Roles = {
    task: input.task ?? 'binary_classification',
    rows,
    label: f64(input.label),
    prediction: f64(input.prediction),
    score: f64(input.score),
    classes: input.classes ?? null,
    sensitive,
    id: null,
    baselinePrediction: f64(input.baselinePrediction),
    baselineScore: f64(input.baselineScore),
    dropped: { rows: input.dropped ?? 0, reasons: input.dropped ? { 'label outside {0,1}': input.dropped } : {} },
  };
  const header = input.header ?? [
    ...(input.label ? ['label'] : []), ...(input.prediction ? ['prediction'] : []), ...(input.score ? ['score'] : []),
    ...sensitive.keys(), ...(input.columns ?? []).map((c) => c.name),
  ];
  const schema: ColumnSchema[] = header.map((name) => ({ name, type: 'number' }));
  const settings = { ...DEFAULTS, ...input.settings };
  return {
    model: { meta: input.meta ?? { task: roles.task }, file: 'model.yaml', format: 'yaml', sha256: '0'.repeat(64), raw: {}, locate: () => null },
    policy: { files: ['policy.yaml'], sha256: '', environment: null, columns, defaults: settings, checks: [], waivers: [] },
    columns,
    settings,
    dataset: { rows, columns: new Map((input.columns ?? []).map((c) => [c.name, c])) },
    datasetInfo: { path: 'holdout.csv', format: 'csv', sha256: input.datasetSha256 ?? 'a'.repeat(64), bytes: 0, rows, columns: schema },
    roles,
    entry: { location: { file: 'policy.yaml', line: 1 }, keyLocations: {} },
    waivedSubjects: new Set(input.waived ?? []),
    baseline: input.baseline ?? null,
    io: NO_IO,
  };
}

function lengthOf(c: Column): number {
  return c.kind === 'category' ? c.codes.length : c.kind === 'number' ? c.values.length : c.valid.length;
}

/** n rows: the first `pos` labelled 1; among positives the first `tp` predicted 1; among negatives the first `fp`. */
export function confusionRows(tp: number, fn: number, fp: number, tn: number): { label: number[]; prediction: number[] } {
  const label = [...Array(tp + fn).fill(1), ...Array(fp + tn).fill(0)];
  const prediction = [...Array(tp).fill(1), ...Array(fn).fill(0), ...Array(fp).fill(1), ...Array(tn).fill(0)];
  return { label, prediction };
}
