/**
 * RFC 4180 tokenizer over bytes: quoted fields, doubled quotes, embedded newlines, CRLF or LF.
 * It never copies field text: for each complete record it records [start, end) of the fields the
 * caller wants and calls back; values are converted by the caller. Blank lines are skipped (as
 * pandas does). A quote inside an unquoted field is kept literally, as most writers expect.
 */
import { DataError } from '../errors.js';
import { MAX_RECORD_BYTES } from './byte-source.js';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export interface TokenizerOptions {
  file: string;
  delimiter: number;
  /** Expected fields per record; -1 while reading the header. */
  fieldCount: number;
  /** For each field index, the slot to store it in, or -1 to skip it. null = keep every field. */
  want: Int32Array | null;
  /** Header names for messages (may be empty while reading the header). */
  names: readonly string[];
}

export class CsvTokenizer {
  /** Physical line (1-based) where the next record starts. */
  line = 1;
  /** Data records completed so far. */
  records = 0;
  /** Per slot: field bytes [starts, ends) and whether it holds doubled quotes to unescape. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly escaped: Uint8Array;
  /** With want = null: every field of the last record, as [start, end, escaped] triples. */
  all: number[] = [];
  /** Fields in the last completed record. */
  fields = 0;

  constructor(private readonly o: TokenizerOptions) {
    const slots = o.want ? Math.max(0, ...o.want) + 1 : 0;
    this.starts = new Int32Array(slots);
    this.ends = new Int32Array(slots);
    this.escaped = new Uint8Array(slots);
  }

  /**
   * Tokenizes complete records in buf[start, end) and calls `onRow(line)` after each, up to
   * `maxRecords`. Returns the offset of the first byte not consumed (the start of an unfinished
   * record, unless `eof`). `buf` must not extend past `end` (indexOf searches to its length).
   */
  parse(buf: Buffer, start: number, end: number, eof: boolean, onRow: (line: number) => void, maxRecords = Infinity): number {
    const { delimiter, want } = this.o;
    let p = start;
    let done = 0;
    while (p < end && done < maxRecords) {
      const recordStart = p;
      const recordLine = this.line;
      let lines = 0;
      const c0 = buf[p];
      if (c0 === LF || (c0 === CR && p + 1 < end && buf[p + 1] === LF)) {
        p += c0 === LF ? 1 : 2;
        this.line++;
        continue;
      }
      if (c0 === CR && p + 1 >= end && !eof) return this.incomplete(recordStart, end, recordLine, -1);
      let col = 0;
      if (!want) this.all = [];
      for (;;) {
        let fs: number;
        let fe: number;
        let esc = 0;
        if (p < end && buf[p] === QUOTE) {
          const opened = p;
          let k = p + 1;
          for (;;) {
            const q = buf.indexOf(QUOTE, k);
            if (q < 0 || q >= end) {
              if (eof) this.unterminated(recordLine + this.countLines(buf, recordStart, opened), col);
              return this.incomplete(recordStart, end, recordLine, col);
            }
            if (q + 1 >= end && !eof) return this.incomplete(recordStart, end, recordLine, col);
            if (buf[q + 1] === QUOTE) {
              esc = 1;
              k = q + 2;
              continue;
            }
            fs = opened + 1;
            fe = q;
            p = q + 1;
            break;
          }
          lines += this.countLines(buf, fs, fe);
        } else {
          let k = p;
          while (k < end) {
            const c = buf[k];
            if (c === delimiter || c === LF) break;
            k++;
          }
          if (k >= end && !eof) return this.incomplete(recordStart, end, recordLine, col);
          fs = p;
          fe = k;
          if (fe > fs && buf[fe - 1] === CR && (k >= end || buf[k] === LF)) fe--;
          p = k;
        }
        if (want) {
          const slot = col < want.length ? want[col]! : -1;
          if (slot >= 0) {
            this.starts[slot] = fs;
            this.ends[slot] = fe;
            this.escaped[slot] = esc;
          }
        } else this.all.push(fs, fe, esc);
        col++;
        if (p >= end) break; // eof: the last record has no line break
        const c = buf[p];
        if (c === delimiter) {
          p++;
          continue;
        }
        if (c === LF) {
          p++;
          break;
        }
        if (c === CR) {
          if (p + 1 >= end && !eof) return this.incomplete(recordStart, end, recordLine, col);
          if (p + 1 >= end || buf[p + 1] === LF) {
            p = Math.min(p + 2, end);
            break;
          }
        }
        this.fail(recordLine + lines, col - 1, 'unexpected text after a closing quote (a quote inside a quoted field must be doubled: "")');
      }
      if (p - recordStart > MAX_RECORD_BYTES) this.fail(recordLine, -1, `record is longer than ${MAX_RECORD_BYTES / 1024 / 1024} MiB`);
      this.line = recordLine + lines + 1;
      this.fields = col;
      if (this.o.fieldCount >= 0 && col !== this.o.fieldCount) {
        this.fail(recordLine, -1, `row has ${col} field${col === 1 ? '' : 's'}, the header has ${this.o.fieldCount}`);
      }
      this.records++;
      done++;
      onRow(recordLine);
    }
    return p;
  }

  private countLines(buf: Buffer, from: number, to: number): number {
    let n = 0;
    for (let i = buf.indexOf(LF, from); i >= 0 && i < to; i = buf.indexOf(LF, i + 1)) n++;
    return n;
  }

  private incomplete(recordStart: number, end: number, line: number, col: number): number {
    if (end - recordStart > MAX_RECORD_BYTES) {
      const what = col >= 0 ? ` (in ${this.columnLabel(col)}; an unterminated quote?)` : '';
      this.fail(line, -1, `record is longer than ${MAX_RECORD_BYTES / 1024 / 1024} MiB${what}`);
    }
    return recordStart;
  }

  private unterminated(line: number, col: number): never {
    this.fail(line, col, 'unterminated quoted field: the quote opened here is never closed');
  }

  private columnLabel(col: number): string {
    const name = this.o.names[col];
    return name !== undefined ? `column "${name}"` : `field ${col + 1}`;
  }

  fail(line: number, col: number, message: string): never {
    const field = col >= 0 ? this.o.names[col] : undefined;
    throw new DataError({
      file: this.o.file,
      line,
      ...(this.o.fieldCount >= 0 ? { row: this.records + 1 } : {}),
      ...(field !== undefined ? { field } : {}),
      message: field === undefined && col >= 0 ? `field ${col + 1}: ${message}` : message,
    });
  }
}

/** Field text with doubled quotes collapsed. */
export function fieldText(buf: Buffer, start: number, end: number, escaped: number): string {
  const s = buf.toString('utf8', start, end);
  return escaped ? s.replaceAll('""', '"') : s;
}
