/**
 * The CSV records of one read, converted on this thread: plain records in the fast loop
 * (csv-fast-rows.ts), every other record through the tokenizer and the converters. `parse` takes
 * the complete records of the work buffer; the sequential reader (csv.ts) calls it once per buffer
 * fill, the two-thread reader (csv-parallel.ts) for the stretches the parse worker did not take.
 */
import { DataError } from '../errors.js';
import type { ColumnBuilder, DatasetBuilder } from './builders.js';
import type { TextChunks } from './byte-source.js';
import { CsvByteCodes } from './csv-byte-codes.js';
import { categoryCoder } from './csv-category.js';
import { CsvFastRows } from './csv-fast-rows.js';
import { CsvTokenizer, fieldText } from './csv-tokenizer.js';
import type { ColumnRequest, ColumnSchema } from './dataset.js';
import { decimalBytes } from './number-bytes.js';
import { parseNumberText } from './number-text.js';

type Convert = (buf: Buffer, start: number, end: number, escaped: number, row: number, line: number) => void;

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

export class CsvRecords {
  readonly tok: CsvTokenizer;
  /** The requested columns' builders, in request order. */
  readonly builders: ColumnBuilder[];
  private readonly fast: CsvFastRows;
  private readonly onRow: (line: number) => void;
  private s: TextChunks | null = null;

  /** `bodyLine`: the physical line of the first record after the header. */
  constructor(path: string, delimiter: number, schema: readonly ColumnSchema[], private readonly out: DatasetBuilder, request: readonly ColumnRequest[], bodyLine: number) {
    const names = schema.map((c) => c.name);
    const want = new Int32Array(names.length).fill(-1);
    const slotOf = new Map(request.map((c, slot) => [c.name, slot]));
    names.forEach((n, i) => (want[i] = slotOf.get(n) ?? -1));
    const tok = new CsvTokenizer({ file: path, delimiter, fieldCount: names.length, want, names });
    tok.line = bodyLine;
    this.tok = tok;
    const builders = request.map((c) => out.columns.find((b) => b.name === c.name)!);
    this.builders = builders;
    const coders = builders.map((b) => (b.kind === 'category' ? categoryCoder(b, schema[names.indexOf(b.name)]!.type) : null));
    const converts = builders.map((b, k) => converter(path, b, coders[k]!));
    this.fast = new CsvFastRows(
      delimiter,
      names.map((_, i) => (want[i]! >= 0 ? builders[want[i]!]! : null)),
      names.map((_, i) => (want[i]! >= 0 && coders[want[i]!] ? new CsvByteCodes(coders[want[i]!]!) : null)),
    );
    this.onRow = (line: number): void => {
      const buf = this.s!.buf;
      const row = tok.records;
      for (let k = 0; k < converts.length; k++) converts[k]!(buf, tok.starts[k]!, tok.ends[k]!, tok.escaped[k]!, row, line);
      out.rows++;
    };
  }

  /**
   * Converts the complete records of s.buf[p, s.end) that start before `stop`, and returns the
   * offset after them: at or past `stop`, at s.end, or the start of an unfinished record (the
   * caller refills). s.buf[s.end] is overwritten (the fast loop's sentinel, see ByteSource).
   */
  parse(s: TextChunks, p: number, stop = Infinity): number {
    const { tok, fast, builders, out } = this;
    this.s = s;
    const buf = s.buf.subarray(0, s.end);
    s.buf[s.end] = 0;
    const fastBuf = s.buf.subarray(0, s.end + 1);
    // Plain records in the fast loop; each record it stops at goes through the tokenizer alone.
    while (p < s.end && p < stop) {
      for (const b of builders) b.reserve(FAST_BLOCK);
      p = csvFastLoop.enabled ? fast.run(fastBuf, p, s.end, out.rows, FAST_BLOCK, stop) : p;
      const n = csvFastLoop.enabled ? fast.rows : 0;
      if (n > 0) {
        for (const b of builders) b.length += n;
        out.rows += n;
        tok.records += n;
        tok.line += n; // plain records are one line each
      }
      if (n === FAST_BLOCK || p >= s.end || p >= stop) continue;
      const next = tok.parse(buf, p, s.end, s.eof, this.onRow, 1);
      if (next === p) break; // an incomplete record: refill
      p = next;
    }
    return p;
  }
}
