/**
 * The columnar Dataset every reader produces. Readers read only the columns asked for, into typed
 * arrays; strings are dictionary-coded; missing values are a validity mask (number/presence) or
 * code -1 (category). Nothing here knows about roles (label, score, ...): that is the engine's job.
 */

export type DataFormat = 'csv' | 'tsv' | 'parquet' | 'arrow' | 'jsonl';

/**
 * How a needed column is read.
 * - `number`: Float64Array. Missing (empty CSV field, JSON null, Parquet/Arrow null) -> valid[i] = 0
 *   and values[i] = NaN. Booleans become 1/0 (CSV text true/false, any case). The texts NaN, Inf,
 *   Infinity, -Infinity parse to those doubles and stay *valid*, so role validation can name them.
 *   Any other non-numeric text is a DataError naming file, row and column.
 * - `category`: every value as a string, dictionary-coded (Int32Array, -1 = missing). Integers are
 *   written as String(n) whatever the physical type (Parquet INT64 1 and CSV "1" are both "1"); other
 *   numbers as String(x); booleans as "true"/"false".
 * - `presence`: only the validity mask (1 = present), for null-rate checks on any type.
 */
export type ReadAs = 'number' | 'category' | 'presence';

export interface NumberColumn {
  kind: 'number';
  name: string;
  values: Float64Array;
  /** 1 = present, 0 = missing. null means every value is present. */
  valid: Uint8Array | null;
}

export interface CategoryColumn {
  kind: 'category';
  name: string;
  /** Index into `dictionary`; -1 = missing. */
  codes: Int32Array;
  /** Distinct values in order of first appearance. Shared by every batch of one scan. */
  dictionary: string[];
}

export interface PresenceColumn {
  kind: 'presence';
  name: string;
  /** 1 = present, 0 = missing. */
  valid: Uint8Array;
}

export type Column = NumberColumn | CategoryColumn | PresenceColumn;

/** Needed columns, fully materialized. Also the shape of one batch of a scan. */
export interface Dataset {
  rows: number;
  columns: Map<string, Column>;
  /**
   * A scan batch only, when the format does not say how many rows the file has (CSV, JSONL): the
   * reader's estimate of the whole file's rows, so whoever collects the batches can size its
   * buffers once. Never a count to rely on.
   */
  estimatedRows?: number;
}

/** Logical type of a column as the file declares it (Parquet/Arrow) or as sniffed (CSV/JSONL). */
export type ColumnType = 'number' | 'integer' | 'boolean' | 'string' | 'date' | 'null' | 'mixed' | 'unknown';

export interface ColumnSchema {
  name: string;
  type: ColumnType;
  /** The physical type as the format names it (INT64, DOUBLE, Utf8, ...), when known. */
  physical?: string;
}

export interface DatasetInfo {
  /** Path as given by the user. */
  path: string;
  format: DataFormat;
  /** `gzip` for .csv.gz/.jsonl.gz; the codec(s) for Parquet when known. */
  compression?: string;
  /** sha256 of the file bytes, lowercase hex. */
  sha256: string;
  bytes: number;
  /** Number of data rows (header excluded). Known after reading. */
  rows: number;
  /** Every column of the file, in file order. */
  columns: ColumnSchema[];
}

export interface ColumnRequest {
  name: string;
  as: ReadAs;
}

export interface ReadRequest {
  columns: ColumnRequest[];
  /**
   * scan only: each batch's arrays are views that the next batch overwrites, so a batch must be
   * consumed (or copied) before the next is asked for. Saves an allocation per batch.
   */
  reuse?: boolean;
}

/** An opened dataset: header/schema known, columns not read yet. */
export interface DatasetSource {
  readonly path: string;
  readonly format: DataFormat;
  /** Every column of the file in order (names and declared/sniffed types). */
  readonly schema: ColumnSchema[];
  /** Data rows, when the file's metadata says so before reading (Parquet, Arrow IPC file); null otherwise. */
  readonly rowCount?: number | null;
  /**
   * Streams the requested columns batch by batch. A requested column that the file lacks is a
   * DataError naming the file and the column and listing what is there. Category dictionaries are
   * shared across the batches of one scan (codes are stable), so batches can be concatenated.
   */
  scan(request: ReadRequest): AsyncIterable<Dataset>;
  /** Reads everything requested into one Dataset, and the file's info (rows, sha256, ...). */
  read(request: ReadRequest): Promise<{ info: DatasetInfo; data: Dataset }>;
}

/** Builds a Dataset from literal columns (tests, and engine-derived data). */
export function datasetFromColumns(columns: Column[]): Dataset {
  let rows = -1;
  const map = new Map<string, Column>();
  for (const c of columns) {
    const n = c.kind === 'category' ? c.codes.length : c.kind === 'number' ? c.values.length : c.valid.length;
    if (rows === -1) rows = n;
    else if (rows !== n) throw new Error(`column ${c.name} has ${n} rows, expected ${rows}`);
    map.set(c.name, c);
  }
  return { rows: Math.max(rows, 0), columns: map };
}

/** Literal helpers for tests: numbers (null = missing) and strings (null = missing). */
export function numberColumn(name: string, values: ReadonlyArray<number | null>): NumberColumn {
  const v = new Float64Array(values.length);
  let valid: Uint8Array | null = null;
  values.forEach((x, i) => {
    if (x === null) {
      valid ??= new Uint8Array(values.length).fill(1);
      valid[i] = 0;
      v[i] = Number.NaN;
    } else v[i] = x;
  });
  return { kind: 'number', name, values: v, valid };
}

export function categoryColumn(name: string, values: ReadonlyArray<string | null>): CategoryColumn {
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(values.length);
  values.forEach((x, i) => {
    if (x === null) {
      codes[i] = -1;
      return;
    }
    let code = index.get(x);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(x);
      index.set(x, code);
    }
    codes[i] = code;
  });
  return { kind: 'category', name, codes, dictionary };
}

export function isPresent(col: Column, i: number): boolean {
  switch (col.kind) {
    case 'number':
      return col.valid === null || col.valid[i] === 1;
    case 'category':
      return col.codes[i]! >= 0;
    case 'presence':
      return col.valid[i] === 1;
  }
}
