/**
 * One chunk of a large CSV parsed on its own, speculatively, for the two-thread reader
 * (csv-parallel.ts): chunk k is the lines starting in file bytes [k * size, (k + 1) * size), i.e.
 * from just after the first line break at or after byte k * size - 1 to just after the first at or
 * after (k + 1) * size - 1 (or the end of the file). Its records go through the same fast loop as
 * the reader's (CsvFastRows) into the chunk's own buffers; category codes are local to the chunk, in
 * first-appearance order, with their dictionary entries. The chunk is `plain` only when every line
 * of it is a plain record or a blank line and no line is longer than `maxLine`: anything else (a
 * quote, a bad number, another field count, no line break at the end of the file) makes it not
 * plain, and the reader parses those bytes itself, with its usual values and errors.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { CategoryBuilder, NumberBuilder, PresenceBuilder, type ColumnBuilder } from './builders.js';
import { CsvByteCodes } from './csv-byte-codes.js';
import { categoryCoder } from './csv-category.js';
import { CsvFastRows } from './csv-fast-rows.js';
import type { ColumnType, ReadAs } from './dataset.js';

const LF = 0x0a;
const CR = 0x0d;
const BLOCK = 4096;
/** Bytes read past a chunk's nominal end at first to find its last line break. */
const FIRST_TAIL = 64 * 1024;

/** What the chunk parser needs to know (sent to the worker once). */
export interface ChunkPlan {
  path: string;
  /** The file's size when the read started. */
  size: number;
  chunkBytes: number;
  /** Longest line (with its line break) a plain chunk may hold. */
  maxLine: number;
  delimiter: number;
  /** Per field of the file: the request slot it is read into, or -1. */
  want: number[];
  /** Per request slot: how it is read, and the column's sniffed type (category normalization). */
  slots: { as: ReadAs; type: ColumnType }[];
}

export type ChunkColumn =
  | { kind: 'number'; values: Float64Array; valid: Uint8Array | null }
  | { kind: 'presence'; valid: Uint8Array }
  | { kind: 'category'; codes: Int32Array; dictionary: string[] };

export type ChunkResult =
  | { k: number; plain: false }
  | {
      k: number;
      plain: true;
      /** File offsets of the chunk's first byte and of the byte after it. */
      start: number;
      end: number;
      rows: number;
      /** Per row: the file offset after its line break, minus `base`. */
      rowEnds: Int32Array;
      base: number;
      /** File offsets after each blank line, ascending. */
      blankEnds: number[];
      /** Per request slot, `rows` rows (values of missing numbers are NaN, as the builders write them). */
      columns: ChunkColumn[];
    };

/** A chunk's buffers, reused for chunk k + slots once the reader has taken chunk k. */
interface Slot {
  builders: ColumnBuilder[];
  rowEnds: Int32Array;
}

export class ChunkParser {
  private readonly fd: number;
  private buf: Buffer;
  private readonly slots: Slot[] = [];
  /** Most rows in a chunk so far: a slot's buffers grow to a little more at once. */
  private mostRows = 0;

  constructor(private readonly plan: ChunkPlan, private readonly slotCount: number) {
    this.fd = openSync(plan.path, 'r');
    this.buf = Buffer.allocUnsafe(plan.chunkBytes + FIRST_TAIL + 2);
  }

  close(): void {
    closeSync(this.fd);
  }

  private read(at: number, from: number, len: number): number {
    let got = 0;
    while (got < len) {
      const n = readSync(this.fd, this.buf, at + got, len - got, from + got);
      if (n === 0) break;
      got += n;
    }
    return got;
  }

  /** Chunk k (k >= 1); never throws for the file's content (not plain instead). */
  parse(k: number): ChunkResult {
    const { chunkBytes: C, size, maxLine } = this.plan;
    const from = k * C - 1;
    if (k < 1 || from >= size) return { k, plain: false };
    // Bytes [from, from + have) in buf; buf[i] is file byte from + i.
    let have = this.read(0, from, Math.min(C + FIRST_TAIL, size - from));
    const first = this.buf.indexOf(LF, 0);
    if (first < 0 || first >= have) return { k, plain: false };
    // The end: after the first line break at or after (k + 1) * C - 1, i.e. buf index >= C.
    let last: number;
    if (from + C >= size) last = size - from; // the file ends in this chunk
    else {
      let lf = this.buf.indexOf(LF, C);
      if (lf < 0 || lf >= have) {
        // A long last line: read on, up to the longest line a plain chunk may hold.
        const want = Math.min(C + maxLine + 1, size - from);
        if (want > have) {
          if (this.buf.length < want + 1) {
            const bigger = Buffer.allocUnsafe(want + 1);
            this.buf.copy(bigger, 0, 0, have);
            this.buf = bigger;
          }
          have += this.read(have, from + have, want - have);
        }
        lf = this.buf.indexOf(LF, C);
        if (lf >= have) lf = -1;
      }
      if (lf < 0) {
        if (from + have < size) return { k, plain: false };
        last = size - from;
      } else last = lf + 1;
    }
    const startAt = Math.min(first + 1, last);
    return this.records(k, from, startAt, last);
  }

  /** The records of buf[p, end) (buf[end] becomes the fast loop's sentinel). */
  private records(k: number, base: number, p: number, end: number): ChunkResult {
    const { plan } = this;
    const slot = this.slot(k);
    const builders = slot.builders.map((b) => renewed(b, Math.ceil(this.mostRows * 1.1)));
    const fields = plan.want.map((s) => (s >= 0 ? builders[s]! : null));
    const codes = plan.want.map((s) => {
      const b = s >= 0 ? builders[s]! : null;
      return b instanceof CategoryBuilder ? new CsvByteCodes(categoryCoder(b, plan.slots[s]!.type)) : null;
    });
    const fast = new CsvFastRows(plan.delimiter, fields, codes);
    const start = p;
    const buf = this.buf;
    buf[end] = 0;
    const blankEnds: number[] = [];
    let rows = 0;
    let plain = true;
    let rowEnds = slot.rowEnds;
    while (p < end) {
      for (const b of builders) b.reserve(BLOCK);
      if (rowEnds.length < rows + BLOCK) {
        const bigger = new Int32Array(new SharedArrayBuffer(Math.max(rowEnds.length * 2, rows + BLOCK) * 4));
        bigger.set(rowEnds.subarray(0, rows));
        rowEnds = bigger;
      }
      p = fast.run(buf, p, end, rows, BLOCK, end, rowEnds);
      const n = fast.rows;
      rows += n;
      for (const b of builders) b.length += n;
      if (n === BLOCK || p >= end) continue;
      // A blank line (skipped, as the tokenizer does); anything else is not plain.
      if (buf[p] === LF) p += 1;
      else if (buf[p] === CR && p + 1 < end && buf[p + 1] === LF) p += 2;
      else {
        plain = false;
        break;
      }
      blankEnds.push(base + p);
    }
    slot.rowEnds = rowEnds;
    slot.builders = builders;
    this.mostRows = Math.max(this.mostRows, rows);
    if (!plain) return { k, plain: false };
    // Every line within maxLine, so the reader's buffer never grows inside the chunk (a row's
    // length here includes the blank lines before it: stricter, never looser).
    for (let r = 0, prev = start; r < rows; prev = rowEnds[r++]!) if (rowEnds[r]! - prev > plan.maxLine) return { k, plain: false };
    return {
      k,
      plain: true,
      start: base + start,
      end: base + end,
      rows,
      rowEnds,
      base,
      blankEnds,
      columns: builders.map((col) => columnOf(col, rows)),
    };
  }

  private slot(k: number): Slot {
    const i = k % this.slotCount;
    let slot = this.slots[i];
    if (!slot) {
      const builders = this.plan.slots.map(({ as }, s): ColumnBuilder => {
        const name = `slot ${s}`;
        return as === 'number' ? new NumberBuilder(name) : as === 'category' ? new CategoryBuilder(name) : new PresenceBuilder(name);
      });
      slot = { builders, rowEnds: new Int32Array(0) };
      this.slots[i] = slot;
    }
    return slot;
  }
}

/** An empty builder of the same kind on the same buffers (a fresh dictionary for categories). */
function renewed(b: ColumnBuilder, expected: number): ColumnBuilder {
  let next: ColumnBuilder;
  if (b instanceof NumberBuilder) {
    next = new NumberBuilder(b.name);
    next.values = b.values;
  } else if (b instanceof CategoryBuilder) {
    next = new CategoryBuilder(b.name);
    next.codes = b.codes;
  } else {
    next = new PresenceBuilder(b.name);
    next.valid = (b as PresenceBuilder).valid;
  }
  next.expected = expected;
  return next;
}

function columnOf(b: ColumnBuilder, rows: number): ChunkColumn {
  if (b instanceof NumberBuilder) return { kind: 'number', values: b.values, valid: b.valid ? b.valid.slice(0, rows) : null };
  if (b instanceof CategoryBuilder) return { kind: 'category', codes: b.codes, dictionary: b.dictionary };
  return { kind: 'presence', valid: (b as PresenceBuilder).valid.slice(0, rows) };
}
