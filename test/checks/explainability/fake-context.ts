/**
 * A minimal CheckContext for the explainability checks: literal explanation columns plus the role
 * arrays the engine would have validated (score, sensitive categories, id).
 */
import type { CheckContext } from '../../../src/checks/types.js';
import { DEFAULT_COLUMNS, DEFAULTS, type Columns, type ModelMeta, type Task } from '../../../src/config/types.js';
import { categoryColumn, numberColumn, type Column, type ColumnSchema } from '../../../src/data/dataset.js';
import { NO_IO } from '../no-io.js';

export interface FakeInput {
  /** Explanation columns (attributions, base value), number arrays with null = missing. */
  explanations?: Record<string, ReadonlyArray<number | null>>;
  score?: number[];
  prediction?: number[];
  sensitive?: Record<string, ReadonlyArray<string | null>>;
  id?: string[];
  meta?: ModelMeta;
  columns?: Partial<Omit<Columns, 'explanations'>> & { explanations?: Partial<Columns['explanations']> };
  /** Extra file columns that exist in the header but are not read (e.g. features). */
  otherColumns?: string[];
  task?: Task;
  waived?: string[];
}

export function fakeContext(input: FakeInput): CheckContext {
  const columns: Columns = {
    ...DEFAULT_COLUMNS,
    ...input.columns,
    sensitive: Object.keys(input.sensitive ?? {}),
    explanations: { ...DEFAULT_COLUMNS.explanations, ...input.columns?.explanations },
  };
  const expl: Column[] = Object.entries(input.explanations ?? {}).map(([name, v]) => numberColumn(name, v));
  const sensitive = new Map(Object.entries(input.sensitive ?? {}).map(([name, v]) => [name, categoryColumn(name, v)]));
  const rows = input.score?.length ?? input.prediction?.length ?? input.id?.length ?? (expl[0] ? (expl[0] as { values: Float64Array }).values.length : 0);
  const schemaNames = [
    ...(input.id ? [columns.id] : []),
    ...sensitive.keys(),
    ...(input.otherColumns ?? []),
    ...(input.score ? [columns.score] : []),
    ...(input.prediction ? [columns.prediction] : []),
    ...expl.map((c) => c.name),
  ];
  const schema: ColumnSchema[] = schemaNames.map((name) => ({ name, type: 'number' }));
  const task = input.task ?? 'binary_classification';
  return {
    model: { meta: input.meta ?? {}, file: 'model.yaml', format: 'yaml', sha256: '0'.repeat(64), raw: {}, locate: () => null },
    policy: { files: ['policy.yaml'], sha256: '', environment: null, columns, defaults: DEFAULTS, checks: [], waivers: [] },
    columns,
    settings: DEFAULTS,
    dataset: { rows, columns: new Map(expl.map((c) => [c.name, c])) },
    datasetInfo: { path: 'holdout.csv', format: 'csv', sha256: '', bytes: 0, rows, columns: schema },
    roles: {
      task,
      rows,
      label: null,
      prediction: input.prediction ? Float64Array.from(input.prediction) : null,
      score: input.score ? Float64Array.from(input.score) : null,
      classes: null,
      sensitive,
      id: input.id ? categoryColumn(columns.id, input.id) : null,
      baselinePrediction: null,
      baselineScore: null,
      dropped: { rows: 0, reasons: {} },
    },
    entry: { location: { file: 'policy.yaml', line: 1 }, keyLocations: {} },
    waivedSubjects: new Set(input.waived ?? []),
    baseline: null,
    io: NO_IO,
  };
}
