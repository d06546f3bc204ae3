/**
 * Interprets dataset columns by role (label, prediction, score, sensitive, id, baseline) and
 * validates them against the task's domain. Invalid rows are an input error (exit 2) naming the
 * first bad rows, unless the policy says `on_invalid_rows: drop`.
 */
import type { Columns, Task } from '../config/types.js';
import type { CategoryColumn, Column, Dataset, NumberColumn, ReadAs } from '../data/dataset.js';
import { DataError, type Problem } from '../errors.js';
import type { Roles } from '../checks/types.js';

export interface RolePlan {
  task: Task;
  /** Read binary label/prediction as categories (positive_label is a string) or numbers. */
  labelAs: ReadAs;
  positiveLabel: string;
  label: string | null;
  prediction: string | null;
  score: string | null;
  sensitive: string[];
  id: string | null;
  baselinePrediction: string | null;
  baselineScore: string | null;
}

/** Which role columns exist in the file; `required` ones were validated by the caller. */
export function planRoles(
  task: Task,
  positive: string | number | boolean | undefined,
  columns: Columns,
  present: ReadonlySet<string>,
): RolePlan {
  const has = (name: string) => (present.has(name) ? name : null);
  const labelAs: ReadAs =
    task === 'multiclass_classification' || (task === 'binary_classification' && typeof positive === 'string')
      ? 'category'
      : 'number';
  return {
    task,
    labelAs,
    positiveLabel: positive === undefined ? '1' : positive === true ? '1' : positive === false ? '0' : String(positive),
    label: has(columns.label),
    prediction: has(columns.prediction),
    score: task === 'binary_classification' ? has(columns.score) : null,
    sensitive: columns.sensitive,
    id: has(columns.id),
    baselinePrediction: has(columns.baseline_prediction),
    baselineScore: task === 'binary_classification' ? has(columns.baseline_score) : null,
  };
}

export function roleRequests(plan: RolePlan): { name: string; as: ReadAs }[] {
  const out: { name: string; as: ReadAs }[] = [];
  if (plan.label) out.push({ name: plan.label, as: plan.labelAs });
  if (plan.prediction) out.push({ name: plan.prediction, as: plan.labelAs });
  if (plan.score) out.push({ name: plan.score, as: 'number' });
  for (const s of plan.sensitive) out.push({ name: s, as: 'category' });
  if (plan.id) out.push({ name: plan.id, as: 'category' });
  if (plan.baselinePrediction) out.push({ name: plan.baselinePrediction, as: plan.labelAs });
  if (plan.baselineScore) out.push({ name: plan.baselineScore, as: 'number' });
  return out;
}

const MAX_LISTED = 5;

interface Invalid {
  /** 1 for an invalid row; allocated at the first one (10 MB at 10M rows that valid data never needs). */
  rows: Uint8Array | null;
  count: number;
  reasons: Record<string, number>;
  examples: Problem[];
}

/**
 * Builds Roles from the read dataset. `threshold` derives prediction from score when there is no
 * prediction column. Throws DataError listing the first bad rows, or drops them when `drop`.
 */
export function buildRoles(
  file: string,
  data: Dataset,
  plan: RolePlan,
  threshold: number,
  onInvalid: 'error' | 'drop',
  /** Rows before this batch, so messages name the row in the whole file. */
  rowOffset = 0,
  /**
   * Every row already passed this validation batch by batch (nothing dropped): number columns are
   * then taken as they are, without a second pass over them (~0.2 s at 10M rows).
   */
  validated = false,
  /**
   * Binary outcome columns (label, prediction, baseline prediction) as their validated 0/1 bytes,
   * collected batch by batch (engine/load-data.ts): taken instead of the column, which `data`
   * then need not hold (8 bytes a row as numbers, 4 as category codes, against 1).
   */
  bytes: ReadonlyMap<string, Uint8Array> | null = null,
): { roles: Roles; data: Dataset } {
  const n = data.rows;
  const bad: Invalid = { rows: null, count: 0, reasons: {}, examples: [] };
  const mark = (i: number, field: string, reason: string, message: string) => {
    bad.rows ??= new Uint8Array(n);
    if (bad.rows[i] === 0) bad.count++;
    bad.rows[i] = 1;
    bad.reasons[reason] = (bad.reasons[reason] ?? 0) + 1;
    if (bad.examples.length < MAX_LISTED) bad.examples.push({ file, row: rowOffset + i + 1, field, message });
  };

  let classes: string[] | null = null;
  const outcome = (name: string | null, what: string): Float64Array | Uint8Array | null => {
    if (!name) return null;
    const given = plan.task === 'binary_classification' ? bytes?.get(name) : undefined;
    if (given !== undefined) {
      if (given.length !== n) throw new RangeError(`${what} has ${given.length} rows, expected ${n}`);
      return given;
    }
    const col = data.columns.get(name)!;
    if (plan.task === 'regression') return validated && col.kind === 'number' ? col.values : finiteNumbers(col as NumberColumn, what, mark);
    if (plan.task === 'multiclass_classification') {
      classes ??= classList(data, plan);
      return classCodes(col as CategoryColumn, classes, what, mark);
    }
    return binaryValues(col, plan.positiveLabel, what, mark);
  };

  const label = outcome(plan.label, 'label');
  let prediction = outcome(plan.prediction, 'prediction');
  let score: Float64Array | null = null;
  if (plan.score) {
    const col = data.columns.get(plan.score) as NumberColumn;
    score = validated ? col.values : probabilities(col, 'score', mark);
  }
  if (!prediction && score) {
    prediction = new Uint8Array(n);
    for (let i = 0; i < n; i++) prediction[i] = score[i]! >= threshold ? 1 : 0;
  }
  const baselinePrediction = outcome(plan.baselinePrediction, 'baseline prediction');
  const baselineCol = plan.baselineScore ? (data.columns.get(plan.baselineScore) as NumberColumn) : null;
  const baselineScore = baselineCol === null ? null : validated ? baselineCol.values : probabilities(baselineCol, 'baseline score', mark);

  const sensitive = new Map<string, CategoryColumn>();
  for (const s of plan.sensitive) sensitive.set(s, data.columns.get(s) as CategoryColumn);
  const id = plan.id ? (data.columns.get(plan.id) as CategoryColumn) : null;

  let roles: Roles = {
    task: plan.task, rows: n, label, prediction, score, classes,
    sensitive, id, baselinePrediction, baselineScore,
    dropped: { rows: 0, reasons: {} },
  };
  if (bad.count === 0) return { roles, data };
  if (onInvalid === 'error') {
    const more = bad.count > bad.examples.length ? ` (at least ${bad.count} invalid rows; first ${bad.examples.length} shown)` : '';
    const problems = bad.examples.map((p, k) => (k === 0 ? { ...p, message: p.message + more } : p));
    throw new DataError(problems.map((p) => ({
      ...p,
      hint: 'fix the data, or set `defaults.on_invalid_rows: drop` in the policy to drop such rows (the count is reported)',
    })));
  }
  const keep = bad.rows!.map((b) => 1 - b);
  const kept = compact(data, keep);
  roles = buildRoles(file, kept, plan, threshold, 'error').roles;
  roles.dropped = { rows: bad.count, reasons: bad.reasons };
  return { roles, data: kept };
}

type Mark = (i: number, field: string, reason: string, message: string) => void;

/**
 * A binary outcome column as 0/1 bytes (1 byte a row: the checks' kernels read bytes), marking the
 * rows outside the two classes (their bytes are left 0: such rows fail the read or are dropped).
 */
function binaryValues(col: Column, positive: string, what: string, mark: Mark): Uint8Array {
  const n = col.kind === 'category' ? col.codes.length : (col as NumberColumn).values.length;
  const out = new Uint8Array(n);
  if (col.kind === 'category') {
    const present = col.dictionary;
    const negatives = present.filter((v) => v !== positive);
    const negative = negatives.length === 1 ? negatives[0] : null;
    for (let i = 0; i < n; i++) {
      const c = col.codes[i]!;
      if (c < 0) { mark(i, col.name, `missing ${what}`, `missing ${what}: expected ${positive} or another single class`); continue; }
      const v = present[c]!;
      if (v === positive) out[i] = 1;
      else if (v === negative) out[i] = 0;
      else mark(i, col.name, `${what} outside domain`, `${what} "${v}" is outside the two classes: positive "${positive}" and one other (found ${present.length} distinct values: ${present.slice(0, 5).join(', ')})`);
    }
    return out;
  }
  // Invalid rows never reach a check: they fail the read, or the roles are rebuilt from the rows
  // kept (see buildRoles).
  const { values, valid } = col as NumberColumn;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    // Bitwise, not `v !== 0 && v !== 1` (random labels mispredict that branch; see stats/counts.ts).
    const vi = v | 0;
    if (vi !== v || vi >>> 1 || (valid !== null && valid[i] === 0)) {
      if (valid !== null && valid[i] === 0) mark(i, col.name, `missing ${what}`, `missing ${what}: expected 0 or 1`);
      else mark(i, col.name, `${what} outside {0,1}`, `${what} ${fmt(v)} is outside {0, 1}`);
    } else out[i] = vi;
  }
  return out;
}

function probabilities(col: NumberColumn, what: string, mark: Mark): Float64Array {
  const { values, valid } = col;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (valid !== null && valid[i] === 0) mark(i, col.name, `missing ${what}`, `missing ${what}: expected a probability in [0, 1]`);
    else if (!(v >= 0 && v <= 1)) {
      mark(i, col.name, `${what} not a probability`, `${what} ${fmt(v)} is not a finite number in [0, 1]`);
    }
  }
  return values;
}

function finiteNumbers(col: NumberColumn, what: string, mark: Mark): Float64Array {
  const { values, valid } = col;
  for (let i = 0; i < values.length; i++) {
    if (valid !== null && valid[i] === 0) mark(i, col.name, `missing ${what}`, `missing ${what}: expected a finite number`);
    else if (!Number.isFinite(values[i]!)) mark(i, col.name, `${what} not finite`, `${what} ${fmt(values[i]!)} is not a finite number`);
  }
  return values;
}

function classList(data: Dataset, plan: RolePlan): string[] {
  const set = new Set<string>();
  for (const name of [plan.label, plan.prediction, plan.baselinePrediction]) {
    const col = name ? (data.columns.get(name) as CategoryColumn) : null;
    col?.dictionary.forEach((v) => set.add(v));
  }
  return [...set].sort(compareClassNames);
}

function compareClassNames(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

function classCodes(col: CategoryColumn, classes: string[], what: string, mark: Mark): Float64Array {
  const index = new Map(classes.map((c, k) => [c, k]));
  const remap = col.dictionary.map((v) => index.get(v)!);
  const out = new Float64Array(col.codes.length);
  for (let i = 0; i < out.length; i++) {
    const c = col.codes[i]!;
    if (c < 0) mark(i, col.name, `missing ${what}`, `missing ${what}: expected a class`);
    else out[i] = remap[c]!;
  }
  return out;
}

/** Keeps rows where keep[i] === 1, in every column. */
export function compact(data: Dataset, keep: Uint8Array): Dataset {
  let m = 0;
  for (let i = 0; i < keep.length; i++) m += keep[i]!;
  const columns = new Map<string, Column>();
  for (const [name, col] of data.columns) {
    const pick = <T extends Float64Array | Int32Array | Uint8Array>(src: T, make: (k: number) => T): T => {
      const out = make(m);
      let j = 0;
      for (let i = 0; i < keep.length; i++) if (keep[i]) out[j++] = src[i]!;
      return out;
    };
    if (col.kind === 'number') {
      columns.set(name, { ...col, values: pick(col.values, (k) => new Float64Array(k)), valid: col.valid ? pick(col.valid, (k) => new Uint8Array(k)) : null });
    } else if (col.kind === 'category') {
      columns.set(name, { ...col, codes: pick(col.codes, (k) => new Int32Array(k)) });
    } else {
      columns.set(name, { ...col, valid: pick(col.valid, (k) => new Uint8Array(k)) });
    }
  }
  return { rows: m, columns };
}

function fmt(v: number): string {
  return Number.isNaN(v) ? 'NaN' : String(v);
}
