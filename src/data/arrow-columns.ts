/**
 * Copies one Arrow `Data` chunk into a builder, reading the buffers directly (validity bitmap,
 * values, offsets) instead of boxing every value through Vector.get().
 */
import { Type, type Data, type DataType, type Vector } from 'apache-arrow';
import { DataError } from '../errors.js';
import type { CategoryBuilder, ColumnBuilder, NumberBuilder, PresenceBuilder } from './builders.js';
import { parseNumberText } from './number-text.js';

export function isStringType(t: DataType): boolean {
  return t.typeId === Type.Utf8 || t.typeId === Type.LargeUtf8;
}

/** A row-presence test for chunk `d` (the bitmap is absent or irrelevant when there are no nulls). */
function validity(d: Data): (j: number) => boolean {
  const bitmap = d.nullBitmap;
  if (d.typeId === Type.Null) return () => false;
  if (!bitmap || bitmap.length === 0 || d.nullCount === 0) return () => true;
  const offset = d.offset;
  return (j) => {
    const bit = offset + j;
    return ((bitmap[bit >> 3]! >> (bit & 7)) & 1) === 1;
  };
}

/** The null bitmap when it matters (some row of the chunk is null), else null; as `validity`, not for Type.Null. */
function nullBits(d: Data): Uint8Array | null {
  const bitmap = d.nullBitmap;
  return !bitmap || bitmap.length === 0 || d.nullCount === 0 ? null : bitmap;
}

/** IEEE 754 half precision to double. */
function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 31) return frac ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

function bytesView(values: Uint8Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

/** Row j of a Utf8 chunk as a string. */
function stringAt(d: Data, buf: Buffer, j: number): string {
  const offsets = d.valueOffsets as Int32Array | BigInt64Array;
  const i = d.offset + j;
  return buf.toString('utf8', Number(offsets[i]), Number(offsets[i + 1]));
}

/** Integer (any width, 64-bit included) at row j as a double, exactly as Number(bigint) rounds. */
function intAt(d: Data, j: number, words: Int32Array | null): number {
  if (!words) return Number((d.values as ArrayLike<number>)[d.offset + j]);
  const i = 2 * (d.offset + j);
  const signed = (d.type as { isSigned?: boolean }).isSigned !== false;
  const hi = signed ? words[i + 1]! : words[i + 1]! >>> 0;
  return hi * 4294967296 + (words[i]! >>> 0);
}

/** Rows [o, o + n) of 64-bit integers (as 32-bit word pairs) to doubles, as intAt computes each. */
function copyInt64(words: Int32Array, o: number, n: number, signed: boolean, out: Float64Array, i0: number): void {
  if (signed) for (let j = 0; j < n; j++) out[i0 + j] = words[2 * (o + j) + 1]! * 4294967296 + (words[2 * (o + j)]! >>> 0);
  else for (let j = 0; j < n; j++) out[i0 + j] = (words[2 * (o + j) + 1]! >>> 0) * 4294967296 + (words[2 * (o + j)]! >>> 0);
}

function int64Words(d: Data): Int32Array | null {
  const v = d.values as unknown;
  if (v instanceof BigInt64Array || v instanceof BigUint64Array) return new Int32Array(v.buffer, v.byteOffset, v.length * 2);
  return null;
}

function boolAt(d: Data, j: number): boolean {
  const bit = d.offset + j;
  const values = d.values as Uint8Array;
  return ((values[bit >> 3]! >> (bit & 7)) & 1) === 1;
}

export interface CopyContext {
  file: string;
  /** Data rows (1-based) before this chunk, for messages. */
  rowsBefore: number;
}

export function unsupported(file: string, name: string, type: DataType, as: string): DataError {
  return new DataError({ file, field: name, message: `column "${name}" has Arrow type ${String(type)}, which cannot be read as ${as}` });
}

export function copyNumber(d: Data, b: NumberBuilder, ctx: CopyContext): void {
  const n = d.length;
  const i0 = b.reserve(n);
  const t = d.type;
  const out = b.values;
  const o = d.offset;
  // One tight loop per physical type; missing rows are marked afterwards from the bitmap.
  if (t.typeId === Type.Float && (t as { precision?: number }).precision !== 0) {
    out.set((d.values as Float64Array | Float32Array).subarray(o, o + n), i0);
  } else if (t.typeId === Type.Float) {
    const v = d.values as Uint16Array;
    for (let j = 0; j < n; j++) out[i0 + j] = halfToNumber(v[o + j]!);
  } else if (t.typeId === Type.Int) {
    const words = int64Words(d);
    if (words) copyInt64(words, o, n, (t as { isSigned?: boolean }).isSigned !== false, out, i0);
    else out.set((d.values as Int32Array).subarray(o, o + n), i0);
  } else if (t.typeId === Type.Bool) {
    for (let j = 0; j < n; j++) out[i0 + j] = boolAt(d, j) ? 1 : 0;
  } else if (t.typeId !== Type.Null) {
    copyNumberText(d, b, i0, ctx);
  }
  const validAt = validity(d);
  if (t.typeId === Type.Null || d.nullCount > 0) for (let j = 0; j < n; j++) if (!validAt(j)) b.setMissing(i0 + j);
  b.commit(n);
}

/** Strings (plain or dictionary-encoded) holding number text. */
function copyNumberText(d: Data, b: NumberBuilder, i0: number, ctx: CopyContext): void {
  const t = d.type;
  const dict = t.typeId === Type.Dictionary ? (d.dictionary as Vector) : null;
  const strings = isStringType(t) ? bytesView(d.values as Uint8Array) : null;
  if (!strings && !(dict && isStringType(dict.type))) throw unsupported(ctx.file, b.name, t, 'a number');
  const validAt = validity(d);
  for (let j = 0; j < d.length; j++) {
    if (!validAt(j)) continue;
    const text = strings ? stringAt(d, strings, j) : String(dict!.get((d.values as ArrayLike<number>)[d.offset + j]!));
    const x = parseNumberText(text);
    if (x === undefined) {
      throw new DataError({ file: ctx.file, row: ctx.rowsBefore + j + 1, field: b.name, message: `expected a number, got ${JSON.stringify(text)}` });
    }
    b.values[i0 + j] = x;
  }
}

/** Per-dictionary-vector mapping from Arrow dictionary index to our code (dictionaries may be replaced between batches). */
const dictionaryCodes = new WeakMap<Vector, Int32Array>();

export function copyCategory(d: Data, b: CategoryBuilder, ctx: CopyContext): void {
  const n = d.length;
  const i0 = b.reserve(n);
  const t = d.type;
  const validAt = validity(d);
  const codes = b.codes;
  if (isStringType(t)) {
    const buf = bytesView(d.values as Uint8Array);
    const offsets = d.valueOffsets as Int32Array | BigInt64Array;
    if (!(offsets instanceof Int32Array)) {
      for (let j = 0; j < n; j++) codes[i0 + j] = validAt(j) ? b.codeOf(stringAt(d, buf, j)) : -1;
    } else {
      const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
      copyUtf8Codes(buf, view, offsets, d.offset, n, nullBits(d), b, codes, i0, new Int32Array(SLOTS).fill(-1), new Int32Array(MAX_REMEMBERED * ENTRY));
    }
  } else if (t.typeId === Type.Dictionary) {
    const dict = d.dictionary as Vector;
    if (!isStringType(dict.type)) throw unsupported(ctx.file, b.name, t, 'a category');
    let remap = dictionaryCodes.get(dict);
    if (!remap) dictionaryCodes.set(dict, (remap = new Int32Array(dict.length).fill(-1)));
    const idx = d.values as ArrayLike<number>;
    for (let j = 0; j < n; j++) {
      if (!validAt(j)) {
        codes[i0 + j] = -1;
        continue;
      }
      const e = idx[d.offset + j]!;
      let code = remap[e]!;
      if (code < 0) code = remap[e] = b.codeOf(String(dict.get(e)));
      codes[i0 + j] = code;
    }
  } else if (t.typeId === Type.Int) {
    const words = int64Words(d);
    const values = d.values as ArrayLike<number | bigint>;
    for (let j = 0; j < n; j++) {
      if (!validAt(j)) {
        codes[i0 + j] = -1;
        continue;
      }
      const x = intAt(d, j, words);
      // Beyond 2^53 the double is not the integer: print the exact 64-bit value instead.
      codes[i0 + j] = b.codeOf(Number.isSafeInteger(x) ? String(x) : String(values[d.offset + j]));
    }
  } else if (t.typeId === Type.Float && (t as { precision?: number }).precision !== 0) {
    const values = d.values as Float64Array | Float32Array;
    for (let j = 0; j < n; j++) codes[i0 + j] = validAt(j) ? b.codeOf(String(values[d.offset + j])) : -1;
  } else if (t.typeId === Type.Bool) {
    for (let j = 0; j < n; j++) codes[i0 + j] = validAt(j) ? b.codeOf(boolAt(d, j) ? 'true' : 'false') : -1;
  } else if (t.typeId === Type.Null) {
    codes.fill(-1, i0, i0 + n);
  } else if (t.typeId === Type.Float) {
    const values = d.values as Uint16Array;
    for (let j = 0; j < n; j++) codes[i0 + j] = validAt(j) ? b.codeOf(String(halfToNumber(values[d.offset + j]!))) : -1;
  } else throw unsupported(ctx.file, b.name, t, 'a category');
  b.length += n;
}

/** Distinct values remembered per chunk; beyond that a row's text is decoded (still correct, slower). */
const MAX_REMEMBERED = 256;
const SLOTS = 1024; // power of two, 4x MAX_REMEMBERED: short probe runs

/**
 * Low-cardinality Utf8 to codes without decoding a string per row (the decode was most of an Arrow
 * read). A row's bytes are read as four little-endian 32-bit words, at 0, min(4, len − 4),
 * max(len − 8, 0) and len − 4 when len ≥ 4 (together they cover every byte of a value up to 16
 * bytes), or as its (at most three) bytes packed into one word. With the length these words are
 * the value itself up to 16 bytes, so an entry of the chunk's open-addressing table matches on
 * integer compares alone; a longer value is also compared byte by byte with its entry's first
 * occurrence in the same buffer. A value is decoded (and `codeOf` called) once per chunk, on its
 * first row, so codes are assigned in the same first-appearance order as decoding every row.
 * `slots` (SLOTS entries, all -1) and `entries` (MAX_REMEMBERED · ENTRY) are the chunk's table.
 */
function copyUtf8Codes(
  buf: Buffer, view: DataView, offsets: Int32Array, base: number, n: number, bitmap: Uint8Array | null,
  b: CategoryBuilder, codes: Int32Array, i0: number, slots: Int32Array, entries: Int32Array,
): void {
  // Everything is prepared by the caller: this loop starts (and is optimized on stack) in its
  // first call, before a property read here would have recorded what it reads.
  let count = 0;
  for (let j = 0; j < n; j++) {
    // The bitmap read inline: a validity closure per row was a call the loop could not inline.
    if (bitmap !== null && ((bitmap[(base + j) >> 3]! >> ((base + j) & 7)) & 1) === 0) {
      codes[i0 + j] = -1;
      continue;
    }
    const s0 = offsets[base + j]!;
    const len = offsets[base + j + 1]! - s0;
    let w0 = 0;
    let w1 = 0;
    let w2 = 0;
    let w3 = 0;
    if (len >= 4) {
      w0 = view.getInt32(s0, true);
      w3 = view.getInt32(s0 + len - 4, true);
      if (len > 8) {
        w1 = view.getInt32(s0 + 4, true);
        w2 = view.getInt32(s0 + len - 8, true);
      }
    } else if (len > 0) {
      // Bytes 0, len >> 1 and len − 1: every byte of a 1-3 byte value.
      w0 = buf[s0]! | (buf[s0 + (len >> 1)]! << 8) | (buf[s0 + len - 1]! << 16);
    }
    const h = Math.imul(w0 ^ len, 0x9e3779b1) ^ Math.imul(w3, 0x85ebca6b) ^ Math.imul(w1 ^ w2, 0xc2b2ae35);
    let slot = (h ^ (h >>> 15)) & (SLOTS - 1);
    let code = -1;
    for (;;) {
      const e = slots[slot]!;
      if (e < 0) break;
      const at = e * ENTRY;
      if (entries[at]! === w0 && entries[at + 3]! === w3 && entries[at + 4]! === len && entries[at + 1]! === w1 && entries[at + 2]! === w2) {
        if (len <= 16 || sameBytes(buf, entries[at + 5]!, s0, len)) {
          code = entries[at + 6]!;
          break;
        }
      }
      slot = (slot + 1) & (SLOTS - 1);
    }
    if (code < 0) {
      code = b.codeOf(buf.toString('utf8', s0, s0 + len));
      if (count < MAX_REMEMBERED) {
        const at = count * ENTRY;
        entries[at] = w0;
        entries[at + 1] = w1;
        entries[at + 2] = w2;
        entries[at + 3] = w3;
        entries[at + 4] = len;
        entries[at + 5] = s0;
        entries[at + 6] = code;
        slots[slot] = count++;
      }
    }
    codes[i0 + j] = code;
  }
}

/** Int32s per table entry: the four words, length, first row's start, code. */
const ENTRY = 7;

function sameBytes(buf: Buffer, a: number, b: number, len: number): boolean {
  let k = 0;
  while (k < len && buf[a + k] === buf[b + k]) k++;
  return k === len;
}

export function copyPresence(d: Data, b: PresenceBuilder): void {
  const n = d.length;
  const i0 = b.reserve(n);
  const valid = b.valid;
  const bitmap = nullBits(d);
  // Same answers as `validity(d)`, without a call per row: whole-chunk fills, else the bits unpacked.
  if (d.typeId === Type.Null) valid.fill(0, i0, i0 + n);
  else if (bitmap === null) valid.fill(1, i0, i0 + n);
  else {
    const o = d.offset;
    for (let j = 0; j < n; j++) valid[i0 + j] = (bitmap[(o + j) >> 3]! >> ((o + j) & 7)) & 1;
  }
  b.length += n;
}

export function copyData(d: Data, b: ColumnBuilder, ctx: CopyContext): void {
  if (b.kind === 'number') copyNumber(d, b, ctx);
  else if (b.kind === 'category') copyCategory(d, b, ctx);
  else copyPresence(d, b);
}
