/**
 * JSON Lines reader: one object per line, streamed through the shared byte source. The schema is
 * the union of keys in the first lines; a requested key absent from a row is a missing value, and a
 * requested key absent from every row is an error once the whole file has been seen.
 */
import { DataError } from '../errors.js';
import type { ColumnBuilder, DatasetBuilder } from './builders.js';
import { ByteSource, MAX_RECORD_BYTES } from './byte-source.js';
import type { ColumnRequest, ColumnSchema, ColumnType } from './dataset.js';
import { CsvByteCodes } from './csv-byte-codes.js';
import { JsonlFlatLine, storeFlat } from './jsonl-flat-lines.js';
import { parseNumberText } from './number-text.js';
import { sniffJsonType } from './sniff.js';
import { missingColumnProblems, type FileFacts, type FormatReader } from './source.js';

const SNIFF_LINES = 1000;
const LF = 0x0a;

/** Calls `onLine(text, line)` for every non-blank complete line in buf[start, end); returns the first unconsumed offset. */
function eachLine(
  path: string,
  buf: Buffer,
  start: number,
  end: number,
  eof: boolean,
  firstLine: number,
  onLine: (text: string, line: number) => boolean | void,
  /** Handles a line straight from its bytes; false = give it to `onLine` as text. */
  fastLine?: (buf: Buffer, start: number, end: number, line: number) => boolean,
): { next: number; line: number; stopped: boolean } {
  let p = start;
  let line = firstLine;
  while (p < end) {
    let nl = buf.indexOf(LF, p);
    if (nl < 0 || nl >= end) {
      if (!eof) {
        if (end - p > MAX_RECORD_BYTES) throw new DataError({ file: path, line, message: `line is longer than ${MAX_RECORD_BYTES / 1024 / 1024} MiB` });
        return { next: p, line, stopped: false };
      }
      nl = end;
    }
    if (fastLine && buf[p] === 0x7b && fastLine(buf, p, nl, line)) {
      p = Math.min(nl + 1, end);
      line++;
      continue;
    }
    const text = buf.toString('utf8', p, nl);
    p = Math.min(nl + 1, end);
    const current = line++;
    if (text.trim() === '') continue;
    if (onLine(text, current) === false) return { next: p, line, stopped: true };
  }
  return { next: p, line, stopped: false };
}

function parseObject(path: string, text: string, line: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new DataError({ file: path, line, message: `invalid JSON: ${(err as Error).message}` });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    throw new DataError({ file: path, line, message: `expected a JSON object on each line, got ${got}` });
  }
  return value as Record<string, unknown>;
}

function bomSkip(buf: Buffer, end: number): number {
  return end >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
}

function mergeJsonType(a: ColumnType, b: ColumnType): ColumnType {
  if (a === b || b === 'null') return a;
  if (a === 'null') return b;
  if ((a === 'integer' && b === 'number') || (a === 'number' && b === 'integer')) return 'number';
  return 'mixed';
}

export async function openJsonl(path: string, gzip: boolean): Promise<FormatReader> {
  const src = await ByteSource.open(path, gzip, false);
  const types = new Map<string, ColumnType>();
  try {
    await src.refill(0);
    const s = src.state;
    if (s.end === 0) throw new DataError({ file: path, message: 'empty file: expected one JSON object per line' });
    let seen = 0;
    eachLine(path, s.buf, bomSkip(s.buf, s.end), s.end, s.eof, 1, (text, line) => {
      const obj = parseObject(path, text, line);
      for (const [k, v] of Object.entries(obj)) types.set(k, mergeJsonType(types.get(k) ?? 'null', sniffJsonType(v)));
      return ++seen < SNIFF_LINES;
    });
  } finally {
    await src.close();
  }
  const schema: ColumnSchema[] = [...types].map(([name, type]) => ({ name, type }));
  return {
    format: 'jsonl',
    schema,
    schemaComplete: false,
    fill: (out, request, hash) => fillJsonl(path, gzip, schema, out, request, hash),
  };
}

function store(path: string, b: ColumnBuilder, v: unknown, line: number, row: number): void {
  if (b.kind === 'presence') return b.push(v !== null && v !== undefined);
  if (v === null || v === undefined) return b.kind === 'number' ? b.pushMissing() : b.push(-1);
  if (typeof v === 'object') {
    throw new DataError({ file: path, line, row, field: b.name, message: `expected a ${b.kind === 'number' ? 'number' : 'scalar value'}, got a nested ${Array.isArray(v) ? 'array' : 'object'}` });
  }
  if (b.kind === 'number') {
    if (typeof v === 'number') return b.push(v);
    if (typeof v === 'boolean') return b.push(v ? 1 : 0);
    const x = parseNumberText(String(v));
    if (x === undefined) throw new DataError({ file: path, line, row, field: b.name, message: `expected a number, got ${JSON.stringify(v)}` });
    return b.push(x);
  }
  b.push(b.codeOf(String(v)));
}

/** Tests turn the byte path off to compare it with JSON.parse on the same files. */
export const jsonlFastLines = { enabled: true };

async function* fillJsonl(
  path: string,
  gzip: boolean,
  schema: ColumnSchema[],
  out: DatasetBuilder,
  request: ColumnRequest[],
  hash: boolean,
): AsyncGenerator<void, FileFacts | null> {
  const src = await ByteSource.open(path, gzip, hash);
  const builders = request.map((c) => out.columns.find((b) => b.name === c.name)!);
  const seen = new Uint8Array(request.length);
  let rows = 0;
  const flat = new JsonlFlatLine(
    request.map((c) => c.name),
    Uint8Array.from(builders, (b) => (b.kind === 'presence' ? 0 : 1)),
  );
  const codes = builders.map((b) => (b.kind === 'category' ? new CsvByteCodes((text) => b.codeOf(text)) : null));
  const fastLine = jsonlFastLines.enabled
    ? (buf: Buffer, start: number, end: number): boolean => {
        if (!flat.parse(buf, start, end) || !storeFlat(flat, buf, builders, codes, seen)) return false;
        rows++;
        out.rows++;
        return true;
      }
    : undefined;
  try {
    await src.refill(0);
    const s = src.state;
    let pos = bomSkip(s.buf, s.end);
    let line = 1;
    for (;;) {
      const r = eachLine(
        path,
        s.buf,
        pos,
        s.end,
        s.eof,
        line,
        (text, at) => {
          const obj = parseObject(path, text, at);
          rows++;
          for (let k = 0; k < builders.length; k++) {
            const v = obj[request[k]!.name];
            if (v !== undefined) seen[k] = 1;
            store(path, builders[k]!, v, at, rows);
          }
          out.rows++;
        },
        fastLine,
      );
      line = r.line;
      if (s.eof) break;
      // Bytes per row so far: whoever keeps every row sizes its buffers once (builders.ts).
      out.estimate(src.estimateRows(rows, r.next));
      yield;
      await src.refill(r.next);
      pos = 0;
    }
    yield;
    const absent = request.filter((_, k) => !seen[k]);
    if (absent.length) {
      const union: ColumnSchema[] = [...schema];
      throw new DataError(missingColumnProblems(path, union, absent).map((p) => ({ ...p, message: `${p.message} (no row has this key)` })));
    }
    if (!hash) return null;
    return { ...src.digest(), ...(gzip ? { compression: 'gzip' } : {}) };
  } finally {
    await src.close();
  }
}
