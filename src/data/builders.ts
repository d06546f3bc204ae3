/**
 * Column builders shared by every reader: growing typed buffers (amortized doubling, or sized once
 * from a row estimate) and one global dictionary per category column, so batches of one scan share
 * codes. Readers write straight into the public buffers after `reserve(n)`; the builders only own
 * growth, batching and trimming (the buffers themselves: builder-buffers.ts).
 */
import { isPresent as isPresentAt, type CategoryColumn, type Column, type ColumnRequest, type Dataset, type NumberColumn, type PresenceColumn, type ReadAs } from './dataset.js';
import { float64s, grownCapacity, handOut, int32s, type TakeMode } from './builder-buffers.js';

export type { TakeMode };

export class NumberBuilder {
  readonly kind = 'number';
  length = 0;
  values: Float64Array = new Float64Array(0);
  /** Allocated on the first missing value; until then every value is present. */
  valid: Uint8Array | null = null;
  /** Rows this builder expects in all (an estimate; 0 = unknown): growth sizes for it at once. */
  expected = 0;

  constructor(readonly name: string) {}

  /** Ensures room for `extra` more rows; returns the index of the first of them. */
  reserve(extra: number): number {
    const needed = this.length + extra;
    if (needed > this.values.length) {
      const cap = grownCapacity(this.values.length, needed, this.expected);
      const next = float64s(cap);
      next.set(this.values.subarray(0, this.length));
      this.values = next;
      if (this.valid) {
        const v = new Uint8Array(cap).fill(1);
        v.set(this.valid.subarray(0, this.length));
        this.valid = v;
      }
    }
    return this.length;
  }

  /** Marks row i missing (i must be reserved). Reserved slots of `valid` are kept at 1. */
  setMissing(i: number): void {
    if (!this.valid) this.valid = new Uint8Array(this.values.length).fill(1);
    this.values[i] = Number.NaN;
    this.valid[i] = 0;
  }

  /** Commits `count` rows written (values, and setMissing for the missing ones) after `reserve`. */
  commit(count: number): void {
    this.length += count;
  }

  push(value: number): void {
    const i = this.reserve(1);
    this.values[i] = value;
    this.length = i + 1;
  }

  pushMissing(): void {
    const i = this.reserve(1);
    this.setMissing(i);
    this.length = i + 1;
  }

  take(copy: TakeMode): NumberColumn {
    const values = handOut(this.values, this.length, copy);
    const valid = this.valid && handOut(this.valid, this.length, copy);
    return { kind: 'number', name: this.name, values, valid: valid && valid.includes(0) ? valid : null };
  }

  reset(): void {
    this.length = 0;
    this.valid = null;
  }
}

export class CategoryBuilder {
  readonly kind = 'category';
  length = 0;
  codes: Int32Array = new Int32Array(0);
  dictionary: string[] = [];
  private readonly index = new Map<string, number>();
  /** Rows this builder expects in all (an estimate; 0 = unknown): growth sizes for it at once. */
  expected = 0;

  constructor(readonly name: string) {}

  /** Uses a scan's shared dictionary (appending batches whose codes refer to it). */
  adopt(dictionary: string[]): void {
    this.dictionary = dictionary;
  }

  reserve(extra: number): number {
    const needed = this.length + extra;
    if (needed > this.codes.length) {
      const next = int32s(grownCapacity(this.codes.length, needed, this.expected));
      next.set(this.codes.subarray(0, this.length));
      this.codes = next;
    }
    return this.length;
  }

  /** Code of `value` in the shared dictionary, adding it on first sight. */
  codeOf(value: string): number {
    let code = this.index.get(value);
    if (code === undefined) {
      code = this.dictionary.length;
      this.dictionary.push(value);
      this.index.set(value, code);
    }
    return code;
  }

  push(code: number): void {
    const i = this.reserve(1);
    this.codes[i] = code;
    this.length = i + 1;
  }

  take(copy: TakeMode): CategoryColumn {
    const codes = handOut(this.codes, this.length, copy);
    return { kind: 'category', name: this.name, codes, dictionary: this.dictionary };
  }

  reset(): void {
    this.length = 0;
  }
}

export class PresenceBuilder {
  readonly kind = 'presence';
  length = 0;
  valid = new Uint8Array(0);
  /** Rows this builder expects in all (an estimate; 0 = unknown): growth sizes for it at once. */
  expected = 0;

  constructor(readonly name: string) {}

  reserve(extra: number): number {
    const needed = this.length + extra;
    if (needed > this.valid.length) {
      const next = new Uint8Array(grownCapacity(this.valid.length, needed, this.expected));
      next.set(this.valid.subarray(0, this.length));
      this.valid = next;
    }
    return this.length;
  }

  push(present: boolean): void {
    const i = this.reserve(1);
    this.valid[i] = present ? 1 : 0;
    this.length = i + 1;
  }

  take(copy: TakeMode): PresenceColumn {
    const valid = handOut(this.valid, this.length, copy);
    return { kind: 'presence', name: this.name, valid };
  }

  reset(): void {
    this.length = 0;
  }
}

export type ColumnBuilder = NumberBuilder | CategoryBuilder | PresenceBuilder;

function builderFor(name: string, as: ReadAs): ColumnBuilder {
  return as === 'number' ? new NumberBuilder(name) : as === 'category' ? new CategoryBuilder(name) : new PresenceBuilder(name);
}

/**
 * The requested columns being built. A column requested twice is read once: `presence` yields to
 * the richer read (number and category carry validity too); number vs category on one name is a bug
 * in the caller.
 */
export function normalizeRequest(columns: readonly ColumnRequest[]): ColumnRequest[] {
  const byName = new Map<string, ReadAs>();
  for (const c of columns) {
    const prev = byName.get(c.name);
    if (prev === undefined || prev === 'presence') byName.set(c.name, c.as);
    else if (c.as !== 'presence' && c.as !== prev) {
      throw new Error(`column "${c.name}" requested both as ${prev} and as ${c.as}`);
    }
  }
  return [...byName].map(([name, as]) => ({ name, as }));
}

export class DatasetBuilder {
  readonly columns: ColumnBuilder[];
  /** Rows committed since the last `take` (every builder has this length). */
  rows = 0;
  /**
   * The reader's estimate of the rows in the whole file (0 = unknown), reported with `estimate` by
   * readers whose format does not say (CSV, JSONL: from bytes per row so far) and handed on with
   * every batch `take` cuts, so a builder collecting the batches can size its buffers once.
   */
  estimatedRows = 0;

  /**
   * `expectedRows`, when the file says how many rows it has (Parquet, Arrow metadata), sizes every
   * buffer once: no growth copies, and `finish` hands the buffers over without a trimming copy.
   */
  constructor(request: readonly ColumnRequest[], expectedRows = 0) {
    this.columns = normalizeRequest(request).map((c) => builderFor(c.name, c.as));
    if (expectedRows > 0) for (const b of this.columns) b.reserve(expectedRows);
  }

  /** Readers: the whole file's rows are estimated at `rows` (only recorded; see `expect`). */
  estimate(rows: number): void {
    if (Number.isFinite(rows) && rows > 0) this.estimatedRows = Math.ceil(rows);
  }

  /**
   * Grow for `rows` rows in all when growth is next needed (an estimate: more or fewer may come).
   * Only for a builder that keeps every row (a batching one is reset at each take).
   */
  expect(rows: number | undefined): void {
    if (rows === undefined || !(rows > 0)) return;
    for (const b of this.columns) b.expected = rows;
  }

  /**
   * The rows since the last take, as one batch; dictionaries stay shared. `view`: the batch's
   * arrays are views into the builder's buffers, overwritten by the next batch (no allocation per
   * batch: at 10M rows the copies were ~2 GB of short-lived buffers and most of the GC time).
   */
  take(view = false): Dataset {
    const batch = this.collect(view ? 'view' : true);
    if (this.estimatedRows > 0) batch.estimatedRows = this.estimatedRows;
    for (const b of this.columns) b.reset();
    this.rows = 0;
    return batch;
  }

  /**
   * Appends the columns of a batch from a scan (same names; category codes refer to the scan's
   * shared dictionary, which this builder adopts). Columns the builder does not have are ignored.
   */
  append(batch: Dataset): void {
    const n = batch.rows;
    this.expect(batch.estimatedRows);
    for (const b of this.columns) {
      const col = batch.columns.get(b.name);
      if (!col) throw new Error(`internal: batch lacks column ${b.name}`);
      const at = b.reserve(n);
      if (b instanceof NumberBuilder && col.kind === 'number') {
        b.values.set(col.values, at);
        if (col.valid) for (let i = 0; i < n; i++) if (col.valid[i] === 0) b.setMissing(at + i);
      } else if (b instanceof CategoryBuilder && col.kind === 'category') {
        b.codes.set(col.codes, at);
        b.adopt(col.dictionary);
      } else if (b instanceof PresenceBuilder) {
        if (col.kind === 'presence') b.valid.set(col.valid, at);
        else for (let i = 0; i < n; i++) b.valid[at + i] = isPresentAt(col, i) ? 1 : 0;
      } else {
        throw new Error(`internal: column ${b.name} is ${col.kind}, builder is ${b.kind}`);
      }
      b.length = at + n;
    }
    this.rows += n;
  }

  /** Everything built, trimmed; the builder must not be used afterwards. */
  finish(): Dataset {
    return this.collect(false);
  }

  private collect(copy: TakeMode): Dataset {
    const columns = new Map<string, Column>();
    for (const b of this.columns) {
      if (b.length !== this.rows) throw new Error(`internal: column ${b.name} has ${b.length} rows, expected ${this.rows}`);
      columns.set(b.name, b.take(copy));
    }
    return { rows: this.rows, columns };
  }
}
