/**
 * CSV/TSV reader: streams the file through the byte tokenizer, converting only requested fields.
 * The header and the first rows are read once at open time to validate names and sniff types.
 */
import { DataError, type Problem } from '../errors.js';
import type { CategoryBuilder, ColumnBuilder, DatasetBuilder } from './builders.js';
import { ByteSource } from './byte-source.js';
import { CsvByteCodes } from './csv-byte-codes.js';
import { CsvFastRows } from './csv-fast-rows.js';
import { CsvTokenizer, fieldText } from './csv-tokenizer.js';
import type { ColumnRequest, ColumnSchema, ColumnType } from './dataset.js';
import { decimalBytes } from './number-bytes.js';
import { parseNumberText } from './number-text.js';
import type { FileFacts, FormatReader } from './source.js';
import { sniffTextType, mergeTextType } from './sniff.js';

const SNIFF_ROWS = 1000;
const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/;

export interface CsvOptions {
  format: 'csv' | 'tsv';
  gzip: boolean;
}

interface Header {
  names: string[];
  /** Offset just past the header (and BOM) in the first buffer fill. */
  bodyStart: number;
  bodyLine: number;
}

function hasBom(buf: Buffer, end: number): boolean {
  return end >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
}

/** Reads the header record, refilling until it is complete. */
async function readHeader(path: string, src: ByteSource, delimiter: number): Promise<{ header: Header; tok: CsvTokenizer }> {
  const tok = new CsvTokenizer({ file: path, delimiter, fieldCount: -1, want: null, names: [] });
  const s = src.state;
  await src.refill(0);
  for (;;) {
    const start = hasBom(s.buf, s.end) ? 3 : 0;
    let got = false;
    const next = tok.parse(s.buf.subarray(0, s.end), start, s.end, s.eof, () => (got = true), 1);
    if (got) {
      const names: string[] = [];
      for (let i = 0; i < tok.all.length; i += 3) names.push(fieldText(s.buf, tok.all[i]!, tok.all[i + 1]!, tok.all[i + 2]!));
      return { header: { names, bodyStart: next, bodyLine: tok.line }, tok };
    }
    if (s.eof) throw new DataError({ file: path, message: 'empty file: expected a header row' });
    await src.refill(0); // grows the buffer: the header is longer than one chunk
  }
}

function headerProblems(path: string, names: string[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    if (name.trim() === '') {
      problems.push({
        file: path,
        line: 1,
        message: `header field ${i + 1} is empty: every column needs a name`,
        ...(i === 0 ? { hint: 'a pandas index column? write the file with index=False' } : {}),
      });
    }
    const first = seen.get(name);
    if (first !== undefined && name.trim() !== '') {
      problems.push({ file: path, line: 1, field: name, message: `duplicate column name "${name}" (fields ${first + 1} and ${i + 1})` });
    } else seen.set(name, i);
  });
  return problems;
}

export async function openCsv(path: string, opts: CsvOptions): Promise<FormatReader> {
  const delimiter = opts.format === 'tsv' ? 0x09 : 0x2c;
  const src = await ByteSource.open(path, opts.gzip, false);
  let names: string[];
  const types: ColumnType[] = [];
  try {
    const { header } = await readHeader(path, src, delimiter);
    names = header.names;
    const problems = headerProblems(path, names);
    if (problems.length) throw new DataError(problems);
    // Sniff types from the rows already in the first buffer fill (up to SNIFF_ROWS).
    const s = src.state;
    const tok = new CsvTokenizer({ file: path, delimiter, fieldCount: names.length, want: null, names });
    tok.line = header.bodyLine;
    types.push(...names.map((): ColumnType => 'null'));
    tok.parse(s.buf.subarray(0, s.end), header.bodyStart, s.end, s.eof, () => {
      for (let c = 0, i = 0; i < tok.all.length; c++, i += 3) {
        if (tok.all[i] === tok.all[i + 1]) continue;
        types[c] = mergeTextType(types[c]!, sniffTextType(fieldText(s.buf, tok.all[i]!, tok.all[i + 1]!, tok.all[i + 2]!)));
      }
    }, SNIFF_ROWS);
  } finally {
    await src.close();
  }
  const schema: ColumnSchema[] = names.map((name, i) => ({ name, type: types[i]! }));
  return {
    format: opts.format,
    schema,
    schemaComplete: true,
    fill: (out, request, hash) => fillCsv(path, opts, delimiter, schema, out, request, hash),
  };
}

type Convert = (buf: Buffer, start: number, end: number, escaped: number, row: number, line: number) => void;

/**
 * A category field's code from its text. Numeric and boolean columns are normalized so "1.0",
 * 1.0 (Parquet) and 1 agree; codes are cached by text.
 */
function categoryCoder(b: CategoryBuilder, type: ColumnType): (text: string) => number {
  const cache = new Map<string, number>();
  const normalize = (text: string): string => {
    if (type === 'integer' || type === 'number') {
      // Integer text keeps every digit (ids beyond 2^53); other numbers print as String(x).
      if (INTEGER_TEXT.test(text)) return BigInt(text.trim()).toString();
      const n = parseNumberText(text);
      return n === undefined || sniffTextType(text) === 'boolean' ? text : String(n);
    }
    if (type === 'boolean') {
      const l = text.trim().toLowerCase();
      return l === 'true' || l === 'false' ? l : text;
    }
    return text;
  };
  return (text) => {
    let code = cache.get(text);
    if (code === undefined) {
      code = b.codeOf(normalize(text));
      cache.set(text, code);
    }
    return code;
  };
}

function converter(path: string, b: ColumnBuilder, codeOfText: ((text: string) => number) | null): Convert {
  if (b.kind === 'presence') {
    return (_buf, start, end) => b.push(end > start);
  }
  if (b.kind === 'number') {
    return (buf, start, end, escaped, row, line) => {
      if (start === end) return b.pushMissing();
      let v = escaped ? Number.NaN : decimalBytes(buf, start, end);
      if (Number.isNaN(v)) {
        const text = fieldText(buf, start, end, escaped);
        const parsed = parseNumberText(text);
        if (parsed === undefined) {
          throw new DataError({ file: path, line, row, field: b.name, message: `expected a number, got ${JSON.stringify(text)}` });
        }
        v = parsed;
      }
      b.push(v);
    };
  }
  const code = codeOfText!;
  return (buf, start, end, escaped) => {
    if (start === end) return b.push(-1);
    b.push(code(fieldText(buf, start, end, escaped)));
  };
}

/** Rows the fast loop converts between two reserves of the builders. */
const FAST_BLOCK = 4096;

/**
 * Tests turn the fast loop off to compare it with the general path (tokenizer + converters, the
 * reader as it was before the fast loop) on the same files. Never changed by the product.
 */
export const csvFastLoop = { enabled: true };

async function* fillCsv(
  path: string,
  opts: CsvOptions,
  delimiter: number,
  schema: ColumnSchema[],
  out: DatasetBuilder,
  request: ColumnRequest[],
  hash: boolean,
): AsyncGenerator<void, FileFacts | null> {
  const names = schema.map((c) => c.name);
  const src = await ByteSource.open(path, opts.gzip, hash);
  try {
    const { header } = await readHeader(path, src, delimiter);
    if (header.names.length !== names.length) throw new DataError({ file: path, message: 'the file changed while it was being read' });
    const want = new Int32Array(names.length).fill(-1);
    const slotOf = new Map(request.map((c, slot) => [c.name, slot]));
    names.forEach((n, i) => (want[i] = slotOf.get(n) ?? -1));
    const tok = new CsvTokenizer({ file: path, delimiter, fieldCount: names.length, want, names });
    tok.line = header.bodyLine;
    const builders = request.map((c) => out.columns.find((b) => b.name === c.name)!);
    const coders = builders.map((b) => (b.kind === 'category' ? categoryCoder(b, schema[names.indexOf(b.name)]!.type) : null));
    const converts = builders.map((b, k) => converter(path, b, coders[k]!));
    const fast = new CsvFastRows(
      delimiter,
      names.map((_, i) => (want[i]! >= 0 ? builders[want[i]!]! : null)),
      names.map((_, i) => (want[i]! >= 0 && coders[want[i]!] ? new CsvByteCodes(coders[want[i]!]!) : null)),
    );
    const s = src.state;
    let pos = header.bodyStart;
    const onRow = (line: number): void => {
      const buf = s.buf;
      const row = tok.records;
      for (let k = 0; k < converts.length; k++) converts[k]!(buf, tok.starts[k]!, tok.ends[k]!, tok.escaped[k]!, row, line);
      out.rows++;
    };
    for (;;) {
      const buf = s.buf.subarray(0, s.end);
      // The fast loop's sentinel in the byte ByteSource leaves free after the data.
      s.buf[s.end] = 0;
      const fastBuf = s.buf.subarray(0, s.end + 1);
      let p = pos;
      // Plain records in the fast loop; each record it stops at goes through the tokenizer alone.
      while (p < s.end) {
        for (const b of builders) b.reserve(FAST_BLOCK);
        p = csvFastLoop.enabled ? fast.run(fastBuf, p, s.end, out.rows, FAST_BLOCK) : p;
        const n = csvFastLoop.enabled ? fast.rows : 0;
        if (n > 0) {
          for (const b of builders) b.length += n;
          out.rows += n;
          tok.records += n;
          tok.line += n; // plain records are one line each
        }
        if (n === FAST_BLOCK || p >= s.end) continue;
        const next = tok.parse(buf, p, s.end, s.eof, onRow, 1);
        if (next === p) break; // an incomplete record: refill
        p = next;
      }
      if (s.eof) break;
      // Bytes per row so far: whoever keeps every row sizes its buffers once (builders.ts).
      out.estimate(src.estimateRows(tok.records, p));
      yield;
      await src.refill(p);
      pos = 0;
    }
    yield;
    if (!hash) return null;
    return { ...src.digest(), ...(opts.gzip ? { compression: 'gzip' } : {}) };
  } finally {
    await src.close();
  }
}
