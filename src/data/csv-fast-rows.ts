/**
 * The common CSV record in one tight loop: no quotes, no blank line, exactly the header's field
 * count, every number field plain decimal text. Fields go straight from the bytes into the builders'
 * buffers (numbers parsed from bytes, categories looked up by bytes, presence as a byte). Anything
 * else stops the loop at that record's start, uncommitted, and the caller hands that one record to
 * the general tokenizer and converters, which produce the same values or the same error as before.
 */
import type { CategoryBuilder, ColumnBuilder, NumberBuilder, PresenceBuilder } from './builders.js';
import { MAX_RECORD_BYTES } from './byte-source.js';
import type { CsvByteCodes } from './csv-byte-codes.js';
import { decimalBytes, longSignificand } from './number-bytes.js';
import { parseNumberText } from './number-text.js';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

const SKIP = 0;
const NUMBER = 1;
const PRESENCE = 2;
const CATEGORY = 3;

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const TWO53 = 2 ** 53;

const NO_NUMBERS = new Float64Array(0);
const NO_BYTES = new Uint8Array(0);
const NO_CODES = new Int32Array(0);

export class CsvFastRows {
  private readonly kinds: Uint8Array;
  private readonly numberBuilders: (NumberBuilder | null)[];
  private readonly presenceBuilders: (PresenceBuilder | null)[];
  private readonly categoryBuilders: (CategoryBuilder | null)[];
  private readonly byteCodes: (CsvByteCodes | null)[];
  /** Records completed by the last `run`. */
  rows = 0;

  /**
   * `columns[i]`: the builder of the file's field i, or null when it is not read; `codes[i]` the
   * byte lookup of a category field.
   */
  constructor(
    private readonly delimiter: number,
    columns: readonly (ColumnBuilder | null)[],
    codes: readonly (CsvByteCodes | null)[],
  ) {
    const n = columns.length;
    this.kinds = new Uint8Array(n);
    this.numberBuilders = columns.map((b) => (b?.kind === 'number' ? b : null));
    this.presenceBuilders = columns.map((b) => (b?.kind === 'presence' ? b : null));
    this.categoryBuilders = columns.map((b) => (b?.kind === 'category' ? b : null));
    this.byteCodes = [...codes];
    columns.forEach((b, i) => {
      this.kinds[i] = !b ? SKIP : b.kind === 'number' ? NUMBER : b.kind === 'presence' ? PRESENCE : CATEGORY;
      if (b?.kind === 'category' && !codes[i]) throw new Error('internal: a category field needs its byte codes');
    });
  }

  /**
   * Converts up to `maxRows` complete records from buf[p, end) into rows `base`, `base` + 1, ... of
   * the builders (each reserved for `maxRows` more rows, none committed); sets `rows` and returns
   * the offset after them. Stops at a record it does not handle, at an incomplete one, or at the
   * first record starting at or after `stop`. `ends`, when given, gets each record's end offset
   * (after its line break) at its row's index.
   *
   * buf[end] must exist and be 0 (a sentinel, see ByteSource): every byte scan stops there (0 is no
   * digit and below the delimiter and LF), so the per-byte loops need no `k < end` test (~15 % of
   * the scan's CPU); whether a field ended at `end` is decided once per field, as before.
   */
  run(buf: Buffer, p: number, end: number, base: number, maxRows: number, stop = end, ends: Int32Array | null = null): number {
    if (buf.length <= end || buf[end] !== 0) throw new Error('internal: the fast loop needs a 0 sentinel at the end');
    const { kinds, delimiter } = this;
    const n = kinds.length;
    const low = delimiter > LF ? delimiter : LF;
    // Buffers after the caller's reserve: reserve may have replaced them.
    const values = this.numberBuilders.map((b) => (b ? b.values : NO_NUMBERS));
    const present = this.presenceBuilders.map((b) => (b ? b.valid : NO_BYTES));
    const codes = this.categoryBuilders.map((b) => (b ? b.codes : NO_CODES));
    let r = 0;
    while (r < maxRows && p < end && p < stop) {
      const recordStart = p;
      const row = base + r;
      const c0 = buf[p];
      if (c0 === LF || c0 === CR) break; // a blank line, or a record starting with CR
      let ok = true;
      for (let col = 0; ; col++) {
        const kind = kinds[col]!;
        if (kind === NUMBER) {
          // Plain `-?digits[.digits]` parsed while scanning for the field's end; a significand
          // below 2^53 over at most 22 decimals is Clinger's exact case (see number-bytes.ts).
          let k = p;
          let c = buf[k]!;
          const negative = c === 0x2d;
          if (negative) c = buf[++k]!;
          let w = 0;
          let digits = 0;
          let scale = 0;
          while (c >= 0x30 && c <= 0x39) {
            w = w * 10 + (c - 0x30);
            digits++;
            c = buf[++k]!;
          }
          if (c === 0x2e) {
            c = buf[++k]!;
            while (c >= 0x30 && c <= 0x39) {
              w = w * 10 + (c - 0x30);
              digits++;
              scale++;
              c = buf[++k]!;
            }
          }
          if ((c === delimiter || c === LF) && digits > 0 && scale <= 22) {
            // 16-19 digits (42 % of printed random doubles need 17): exact, or NaN when undecided.
            const v = w < TWO53 ? (scale === 0 ? w : w / POW10[scale]!) : longSignificand(buf, negative ? p + 1 : p, k, scale);
            if (v === v) {
              if ((c === LF) !== (col === n - 1)) {
                ok = false;
                break;
              }
              values[col]![row] = negative ? -v : v;
              p = k + 1;
              if (c === LF) break;
              continue;
            }
          }
          // Anything else (empty, exponent, long significand, CR, text) takes the general field path.
        }
        if (buf[p] === QUOTE) {
          ok = false;
          break;
        }
        const fs = p;
        let k = p;
        let c = 0;
        for (;;) {
          // One compare per byte: text bytes are above both the delimiter and LF (and the sentinel).
          while ((c = buf[k]!) > low) k++;
          if (k >= end || c === delimiter || c === LF) break;
          k++;
        }
        // An incomplete record (the caller refills) or a field count other than the header's.
        if (k >= end || (c === LF) !== (col === n - 1)) {
          ok = false;
          break;
        }
        let fe = k;
        if (c === LF && fe > fs && buf[fe - 1] === CR) fe--;
        if (kind === NUMBER) {
          if (fe === fs) this.numberBuilders[col]!.setMissing(row);
          else {
            let v = decimalBytes(buf, fs, fe);
            if (v !== v) {
              // Number text outside the plain grammar (blanks, NaN, true, ...) reads as before;
              // text that is no number fails in the general path, which names the right field.
              const parsed = parseNumberText(buf.toString('utf8', fs, fe));
              if (parsed === undefined) {
                ok = false;
                break;
              }
              v = parsed;
            }
            values[col]![row] = v;
          }
        } else if (kind === PRESENCE) {
          present[col]![row] = fe > fs ? 1 : 0;
        } else if (kind === CATEGORY) {
          codes[col]![row] = fe === fs ? -1 : this.byteCodes[col]!.code(buf, fs, fe);
        }
        p = k + 1;
        if (c === LF) break;
      }
      // Nothing to undo: the general path rewrites every requested field of this row (an empty
      // number field is missing there too, so `valid` ends the same).
      if (!ok || p - recordStart > MAX_RECORD_BYTES) {
        p = recordStart;
        break;
      }
      if (ends) ends[row] = p;
      r++;
    }
    this.rows = r;
    return p;
  }
}
