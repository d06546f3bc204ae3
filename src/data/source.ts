/**
 * The one DatasetSource every format shares: a format only supplies a `fill` that appends batches
 * into a DatasetBuilder. Column checks, batching for `scan` and assembly for `read` live here.
 */
import { DataError, type Problem } from '../errors.js';
import { DatasetBuilder, normalizeRequest } from './builders.js';
import type { ColumnRequest, ColumnSchema, DataFormat, Dataset, DatasetInfo, DatasetSource, ReadRequest } from './dataset.js';

/** Facts about the file bytes, known once a full read is done. */
export interface FileFacts {
  sha256: string;
  bytes: number;
  compression?: string;
}

export interface FormatReader {
  readonly format: DataFormat;
  readonly schema: ColumnSchema[];
  /** False when `schema` is sniffed from the first rows only (JSONL): the reader checks absent columns itself. */
  readonly schemaComplete: boolean;
  /** Data rows when known from metadata before reading; null otherwise. */
  readonly rowCount?: number | null;
  /**
   * Appends the requested columns to `out`, yielding after each batch; returns the file facts
   * (hashing the file only when `hash` is set). Must release its resources when closed early.
   */
  fill(out: DatasetBuilder, request: ColumnRequest[], hash: boolean): AsyncGenerator<void, FileFacts | null>;
}

/** Rows per batch handed out by `scan` (readers may append more per step; batches are cut at steps). */
const SCAN_BATCH_ROWS = 64 * 1024;

export function missingColumnProblems(path: string, schema: readonly ColumnSchema[], request: readonly ColumnRequest[]): Problem[] {
  const have = new Set(schema.map((c) => c.name));
  const list = schema.map((c) => c.name).join(', ');
  return request
    .filter((c) => !have.has(c.name))
    .map((c) => ({ file: path, field: c.name, message: `column "${c.name}" not found; the file has: ${list || '(no columns)'}` }));
}

export class Source implements DatasetSource {
  constructor(
    readonly path: string,
    private readonly reader: FormatReader,
  ) {}

  get format(): DataFormat {
    return this.reader.format;
  }

  get schema(): ColumnSchema[] {
    return this.reader.schema;
  }

  get rowCount(): number | null {
    return this.reader.rowCount ?? null;
  }

  private checked(request: ReadRequest): ColumnRequest[] {
    const columns = normalizeRequest(request.columns);
    if (this.reader.schemaComplete) {
      const problems = missingColumnProblems(this.path, this.reader.schema, columns);
      if (problems.length) throw new DataError(problems);
    }
    return columns;
  }

  async *scan(request: ReadRequest): AsyncIterable<Dataset> {
    const columns = this.checked(request);
    const out = new DatasetBuilder(columns);
    for await (const _ of this.reader.fill(out, columns, false)) {
      if (out.rows >= SCAN_BATCH_ROWS) yield out.take(request.reuse === true);
    }
    if (out.rows > 0) yield out.take(request.reuse === true);
  }

  async read(request: ReadRequest): Promise<{ info: DatasetInfo; data: Dataset }> {
    const columns = this.checked(request);
    const out = new DatasetBuilder(columns, this.rowCount ?? 0);
    const it = this.reader.fill(out, columns, true);
    let step = await it.next();
    while (!step.done) {
      out.expect(out.estimatedRows); // text formats: size the buffers once from the reader's estimate
      step = await it.next();
    }
    const facts = step.value;
    if (!facts) throw new Error('internal: reader returned no file facts for a hashed read');
    const data = out.finish();
    const info: DatasetInfo = {
      path: this.path,
      format: this.reader.format,
      sha256: facts.sha256,
      bytes: facts.bytes,
      rows: data.rows,
      columns: this.reader.schema,
      ...(facts.compression ? { compression: facts.compression } : {}),
    };
    return { info, data };
  }
}
