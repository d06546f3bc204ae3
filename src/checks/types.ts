/**
 * A check is data plus one pure function (STYLE habit 1). The catalogue is an explicit array in
 * ./index.ts. Checks receive everything in memory (CheckContext); the only I/O they may do goes
 * through `ctx.io`, which the engine provides and tests fake.
 */
import type { z } from 'zod';
import type { Columns, Defaults, LoadedModel, ResolvedPolicy, Severity, SourceLocation, Task } from '../config/types.js';
import type { CategoryColumn, ColumnSchema, Dataset, DatasetInfo, ReadAs } from '../data/dataset.js';
import type { Category, Comparator, GroupResult, Interval, MetricsBlock, Status, Threshold } from '../report/model.js';

/** Dataset columns interpreted by role and validated (labels in domain, scores finite in [0,1]). */
export interface Roles {
  task: Task;
  rows: number;
  /**
   * Binary: 0/1. Multiclass: class index into `classes`. Regression: the target value.
   * Always present (a dataset without a label column cannot be gated on performance; see needs).
   * Binary 0/1 come as bytes (Uint8Array) from the engine; other tasks as doubles.
   */
  label: Float64Array | Uint8Array | null;
  prediction: Float64Array | Uint8Array | null;
  /** Probability of the positive class (binary only), finite in [0, 1]. */
  score: Float64Array | null;
  /** Multiclass: class names, index = code used in label/prediction. */
  classes: string[] | null;
  /** Sensitive columns named in the policy, by column name. Missing values have code -1. */
  sensitive: Map<string, CategoryColumn>;
  id: CategoryColumn | null;
  baselinePrediction: Float64Array | Uint8Array | null;
  baselineScore: Float64Array | null;
  /** Rows dropped by on_invalid_rows: drop, with the reason counts. */
  dropped: { rows: number; reasons: Record<string, number> };
}

/** The I/O a check may do, injected by the engine (tests pass fakes). */
export interface CheckIO {
  /** sha256 (hex) of a file, or an error message when it cannot be read. */
  sha256File(path: string): Promise<{ ok: true; sha256: string } | { ok: false; message: string }>;
  /** Runs git with an argument array (never a shell) in `cwd`. */
  git(args: string[], cwd: string): Promise<{ exitCode: number; stdout: string; stderr: string }>;
  /** Resolves a path written in a metadata/policy file relative to that file. */
  resolve(fromFile: string, path: string): string;
  fileExists(path: string): Promise<boolean>;
  /** Every value of one column of a local dataset file, as strings (missing values left out). */
  readColumn(path: string, column: string): Promise<string[]>;
}

export interface CheckContext {
  model: LoadedModel;
  policy: ResolvedPolicy;
  columns: Columns;
  /** `defaults` merged with this entry's overrides. */
  settings: Defaults;
  dataset: Dataset;
  datasetInfo: DatasetInfo;
  roles: Roles;
  /** The entry that configured this check (location, keyLocations). */
  entry: { location: SourceLocation; keyLocations: Record<string, SourceLocation> };
  /**
   * Group subjects (`race=Native American`) waived for this check by an active waiver. Group-wise
   * checks mark those groups `waived` and leave them out of the gate's aggregate.
   */
  waivedSubjects: ReadonlySet<string>;
  /** What this check's stream sink folded (see CheckDef.stream); undefined for non-streaming checks. */
  streamed?: unknown;
  /** Baseline report (--baseline), when given. */
  baseline: { file: string; metrics: MetricsBlock; datasetSha256: string } | null;
  io: CheckIO;
}

/** What a check returns: one finding per subject. The engine adds ID, severity, waivers, blocking. */
export interface Finding {
  status: Status;
  message: string;
  metric?: string | null;
  subject?: string | null;
  observed?: number | null;
  interval?: Interval | null;
  threshold?: Threshold | null;
  comparator?: Comparator | null;
  sampleSize?: number | null;
  groups?: GroupResult[];
  /** What each group's `value` measures when it differs from `metric` (Result.groupMetric). */
  groupMetric?: string | null;
  /** The bound each group's own value is held to (Result.groupThreshold). */
  groupThreshold?: Threshold | null;
  /** Which option key set the threshold (`min`, `max`, `max_drop`): the engine maps it to a line. */
  thresholdKey?: string;
  /** For lineage: the metadata path the finding is about (located in the metadata file). */
  metadataPath?: string;
  details?: Record<string, unknown>;
  /** Metrics this finding computed, to be merged into the report's metrics block. */
  metrics?: Partial<MetricsBlock>;
}

export interface NeedsEnv {
  policy: ResolvedPolicy;
  columns: Columns;
  model: LoadedModel;
  /** Every column of the dataset file. */
  schema: ColumnSchema[];
}

export interface ColumnNeed {
  name: string;
  as: ReadAs;
  /** When false, a missing column is fine (the check adapts); when true, it is an input error. */
  required: boolean;
}

export interface CheckDef<O = Record<string, unknown>> {
  id: string;
  slug: string;
  category: Category;
  title: string;
  /** One line for `modelgate checks`. */
  summary: string;
  defaultSeverity: Severity;
  /** Markdown for `modelgate explain`: what it measures, formulas, options, how to waive. */
  docs: string;
  /** The check's own options (everything in its policy entry but id/severity/defaults keys). */
  options: z.ZodType<O>;
  /** Whether the check reads the dataset at all (lineage checks mostly do not). */
  needsData: boolean;
  /** Extra dataset columns beyond the role columns the engine always reads. */
  columns?(opts: O, env: NeedsEnv): ColumnNeed[];
  /** Tasks the check applies to; others get `skipped` with a reason. Omit = all. */
  tasks?: Task[];
  /** Role columns this check cannot work without (a missing one is an input error, exit 2). */
  requires?: Array<'label' | 'prediction' | 'score'>;
  /**
   * Optional streaming part: columns the check needs only batch by batch (wide columns such as
   * per-feature attributions) and a sink folding each validated batch into small state. Those
   * columns are never held whole in memory; `run` then finds the sink's result in `ctx.streamed`.
   */
  stream?(opts: O, env: StreamEnv): { columns: ColumnNeed[]; sink: StreamSink };
  run(ctx: CheckContext, opts: O): Promise<Finding[]> | Finding[];
}

export interface StreamEnv extends NeedsEnv {
  waivedSubjects: ReadonlySet<string>;
  settings: Defaults;
}

/**
 * Receives every batch once, in file order, after role validation (rows dropped by
 * `on_invalid_rows: drop` are already gone). `batch` is a CheckContext whose dataset and roles
 * cover only this batch (multiclass class codes are batch-local); `rowOffset` counts kept rows.
 */
export interface StreamSink {
  add(batch: CheckContext, rowOffset: number): void;
  result(): unknown;
}

/** Identity helper that keeps the option type attached to the definition. */
export function defineCheck<O>(def: CheckDef<O>): CheckDef<O> {
  return def;
}

export const DOCS_BASE = 'https://github.com/modelgate/modelgate/blob/main/README.md';
export function docsUrl(id: string, slug: string): string {
  return `${DOCS_BASE}#${id.toLowerCase()}-${slug}`;
}
