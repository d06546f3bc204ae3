/**
 * The JSONL reader's byte path for the common line (a flat object, printable ASCII, no whitespace
 * or escapes): parsed from bytes and stored exactly as JSON.parse's object would be; every other
 * line goes through JSON.parse in jsonl.ts.
 */
import type { ColumnBuilder } from './builders.js';
import type { CsvByteCodes } from './csv-byte-codes.js';
import { decimalBytes } from './number-bytes.js';
import { parseNumberText } from './number-text.js';

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
export function storeFlat(flat: JsonlFlatLine, buf: Buffer, builders: ColumnBuilder[], codes: (CsvByteCodes | null)[], seen: Uint8Array): boolean {
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
