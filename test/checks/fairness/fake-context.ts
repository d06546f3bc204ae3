/**
 * A CheckContext for the fairness checks: literal label/prediction (and score) arrays and
 * sensitive columns, with the settings and waived subjects a test wants.
 */
import type { CheckContext } from '../../../src/checks/types.js';
import { DEFAULT_COLUMNS, DEFAULTS, type Defaults, type Task } from '../../../src/config/types.js';
import { categoryColumn, type CategoryColumn } from '../../../src/data/dataset.js';
import { NO_IO } from '../no-io.js';

export interface FairInput {
  label: ArrayLike<number>;
  prediction: ArrayLike<number>;
  score?: ArrayLike<number>;
  sensitive: Record<string, ReadonlyArray<string | null> | CategoryColumn>;
  /** Columns named only on the check (`sensitive:` option), read as extra dataset columns. */
  extra?: Record<string, ReadonlyArray<string | null>>;
  settings?: Partial<Defaults>;
  waived?: string[];
  task?: Task;
  classes?: string[];
}

const asColumn = (name: string, v: ReadonlyArray<string | null> | CategoryColumn): CategoryColumn =>
  Array.isArray(v) ? categoryColumn(name, v as ReadonlyArray<string | null>) : (v as CategoryColumn);

export function fairContext(input: FairInput): CheckContext {
  const sensitive = new Map(Object.entries(input.sensitive).map(([name, v]) => [name, asColumn(name, v)]));
  const extra = Object.entries(input.extra ?? {}).map(([name, v]) => [name, categoryColumn(name, v)] as const);
  const columns = { ...DEFAULT_COLUMNS, sensitive: [...sensitive.keys()] };
  const rows = input.label.length;
  const settings: Defaults = { ...DEFAULTS, ...input.settings };
  return {
    model: { meta: {}, file: 'model.yaml', format: 'yaml', sha256: '0'.repeat(64), raw: {}, locate: () => null },
    policy: { files: ['policy.yaml'], sha256: '', environment: null, columns, defaults: settings, checks: [], waivers: [] },
    columns,
    settings,
    dataset: { rows, columns: new Map(extra) },
    datasetInfo: { path: 'holdout.csv', format: 'csv', sha256: '', bytes: 0, rows, columns: [] },
    roles: {
      task: input.task ?? 'binary_classification',
      rows,
      label: Float64Array.from(input.label),
      prediction: Float64Array.from(input.prediction),
      score: input.score ? Float64Array.from(input.score) : null,
      classes: input.classes ?? null,
      sensitive,
      id: null,
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

/** Rows of one group from its confusion counts: tp (1,1), fn (1,0), fp (0,1), tn (0,0). */
export function groupRows(value: string | null, c: { tp: number; fn: number; fp: number; tn: number }) {
  const label: number[] = [];
  const prediction: number[] = [];
  const push = (k: number, y: number, p: number) => { for (let i = 0; i < k; i++) { label.push(y); prediction.push(p); } };
  push(c.tp, 1, 1);
  push(c.fn, 1, 0);
  push(c.fp, 0, 1);
  push(c.tn, 0, 0);
  return { label, prediction, group: label.map(() => value) };
}

/** Concatenates groups into one input (column `g` unless named). */
export function dataset(groups: ReturnType<typeof groupRows>[], column = 'g') {
  return {
    label: groups.flatMap((g) => g.label),
    prediction: groups.flatMap((g) => g.prediction),
    sensitive: { [column]: groups.flatMap((g) => g.group) },
  };
}
