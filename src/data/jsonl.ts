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
import { decimalBytes } from './number-bytes.js';
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

const ABSENT = 0;
const NUMBER = 1;
const STRING = 2;
const TRUE = 3;
const FALSE = 4;
const NULL = 5;

/**
 * The common JSONL line straight from bytes: a flat object with no whitespace, printable-ASCII keys
 * and strings without escapes, JSON numbers, true/false/null. It records each requested key's value
 * (the last one when a key repeats, as JSON.parse keeps it); any other line (whitespace, escapes,
 * non-ASCII, nesting, invalid JSON) returns false and is parsed as text by JSON.parse as before.
 * A JSON number's text is valid `decimalBytes` text, and JSON.parse and Number() round it alike.
 */
export class JsonlFlatLine {
  private readonly names: Buffer[];
  /** Per requested key: the kind of its value in the last line, and where the value is. */
  readonly tags: Uint8Array;
  readonly numbers: Float64Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** Per member position: the key bytes and slot seen there last (lines usually repeat their keys). */
  private readonly lastKey: (Buffer | null)[] = [];
  private readonly lastSlot: number[] = [];

  /** `valued[k]`: 0 when only presence is read for key k (its number needs no parsing). */
  constructor(
    names: readonly string[],
    private readonly valued: Uint8Array,
  ) {
    this.names = names.map((n) => Buffer.from(n, 'utf8'));
    this.tags = new Uint8Array(names.length);
    this.numbers = new Float64Array(names.length);
    this.starts = new Int32Array(names.length);
    this.ends = new Int32Array(names.length);
  }

  /** Parses buf[start, end) (which starts with '{'); false when the line is not of the simple kind. */
  parse(buf: Buffer, start: number, end: number): boolean {
    const tags = this.tags;
    tags.fill(ABSENT);
    let i = start + 1;
    if (i < end && buf[i] === 0x7d) return i + 1 === end; // {}
    for (let member = 0; ; member++) {
      if (i >= end || buf[i] !== 0x22) return false;
      const ks = ++i;
      while (i < end) {
        const c = buf[i]!;
        if (c === 0x22) break;
        if (c < 0x20 || c > 0x7e || c === 0x5c) return false;
        i++;
      }
      if (i >= end) return false;
      const slot = this.slotOf(member, buf, ks, i);
      i++;
      if (i >= end || buf[i] !== 0x3a) return false;
      i++;
      if (i >= end) return false;
      const c = buf[i]!;
      let tag: number;
      const vs = i;
      if (c === 0x22) {
        i++;
        while (i < end) {
          const d = buf[i]!;
          if (d === 0x22) break;
          if (d < 0x20 || d > 0x7e || d === 0x5c) return false;
          i++;
        }
        if (i >= end) return false;
        if (slot >= 0) {
          this.starts[slot] = vs + 1;
          this.ends[slot] = i;
        }
        i++;
        tag = STRING;
      } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
        i = jsonNumberEnd(buf, i, end);
        if (i < 0) return false;
        if (slot >= 0 && this.valued[slot]) this.numbers[slot] = decimalBytes(buf, vs, i);
        tag = NUMBER;
      } else if (c === 0x74 && i + 4 <= end && buf[i + 1] === 0x72 && buf[i + 2] === 0x75 && buf[i + 3] === 0x65) {
        i += 4;
        tag = TRUE;
      } else if (c === 0x66 && i + 5 <= end && buf[i + 1] === 0x61 && buf[i + 2] === 0x6c && buf[i + 3] === 0x73 && buf[i + 4] === 0x65) {
        i += 5;
        tag = FALSE;
      } else if (c === 0x6e && i + 4 <= end && buf[i + 1] === 0x75 && buf[i + 2] === 0x6c && buf[i + 3] === 0x6c) {
        i += 4;
        tag = NULL;
      } else return false;
      if (slot >= 0) tags[slot] = tag;
      if (i >= end) return false;
      const sep = buf[i]!;
      i++;
      if (sep === 0x7d) return i === end;
      if (sep !== 0x2c) return false;
    }
  }

  private slotOf(member: number, buf: Buffer, start: number, end: number): number {
    const last = this.lastKey[member];
    if (last && sameBytes(last, buf, start, end)) return this.lastSlot[member]!;
    let slot = -1;
    for (let k = 0; k < this.names.length; k++) {
      if (sameBytes(this.names[k]!, buf, start, end)) {
        slot = k;
        break;
      }
    }
    this.lastKey[member] = Buffer.from(buf.subarray(start, end));
    this.lastSlot[member] = slot;
    return slot;
  }
}

function sameBytes(a: Buffer, buf: Buffer, start: number, end: number): boolean {
  if (a.length !== end - start) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== buf[start + i]) return false;
  return true;
}

/** End of the JSON number starting at i (`-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`), or -1. */
function jsonNumberEnd(buf: Buffer, i: number, end: number): number {
  if (buf[i] === 0x2d) i++;
  if (i >= end) return -1;
  if (buf[i] === 0x30) i++;
  else if (buf[i]! >= 0x31 && buf[i]! <= 0x39) while (i < end && buf[i]! >= 0x30 && buf[i]! <= 0x39) i++;
  else return -1;
  if (i < end && buf[i] === 0x2e) {
    const from = ++i;
    while (i < end && buf[i]! >= 0x30 && buf[i]! <= 0x39) i++;
    if (i === from) return -1;
  }
  if (i < end && (buf[i] === 0x65 || buf[i] === 0x45)) {
    i++;
    if (i < end && (buf[i] === 0x2b || buf[i] === 0x2d)) i++;
    const from = i;
    while (i < end && buf[i]! >= 0x30 && buf[i]! <= 0x39) i++;
    if (i === from) return -1;
  }
  return i;
}

/**
 * Stores a line `JsonlFlatLine` parsed, exactly as `store` stores JSON.parse's object; false (and
 * nothing stored) when a string in a number column is not number text: the text path then
 * reports it.
 */
function storeFlat(flat: JsonlFlatLine, buf: Buffer, builders: ColumnBuilder[], codes: (CsvByteCodes | null)[], seen: Uint8Array): boolean {
  const { tags, numbers, starts, ends } = flat;
  for (let k = 0; k < builders.length; k++) {
    if (tags[k] === STRING && builders[k]!.kind === 'number' && parseNumberText(buf.toString('latin1', starts[k]!, ends[k]!)) === undefined) return false;
  }
  for (let k = 0; k < builders.length; k++) {
    const b = builders[k]!;
    const tag = tags[k]!;
    if (tag !== ABSENT) seen[k] = 1;
    if (b.kind === 'presence') b.push(tag !== ABSENT && tag !== NULL);
    else if (tag === ABSENT || tag === NULL) {
      if (b.kind === 'number') b.pushMissing();
      else b.push(-1);
    } else if (b.kind === 'number') {
      b.push(tag === NUMBER ? numbers[k]! : tag === TRUE ? 1 : tag === FALSE ? 0 : parseNumberText(buf.toString('latin1', starts[k]!, ends[k]!))!);
    } else {
      // A string's code by its bytes (printable ASCII: bytes and text are one to one).
      if (tag === STRING) b.push(codes[k]!.code(buf, starts[k]!, ends[k]!));
      else b.push(b.codeOf(tag === NUMBER ? String(numbers[k]!) : tag === TRUE ? 'true' : 'false'));
    }
  }
  return true;
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
