/**
 * Arrow Utf8 categories matched by 32-bit words against the code they replaced (the byte-hash
 * table of commit 8e969ec, kept below verbatim as `oldCopyUtf8Codes`) and against decoding every
 * row: same codes and the same dictionary order, on values built to defeat a word compare
 * (same length, one byte different at every position, lengths 0-40 around the 3/4/8/16-byte
 * boundaries, multi-byte UTF-8), with nulls, more distinct values than a chunk remembers, and
 * values that end the buffer. (Chunks as the IPC reader makes them, at offset 0: apache-arrow's
 * slice() shifts the offsets buffer itself, which this copy does not expect.)
 */
import { Utf8, vectorFromArray, type Data } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { copyCategory } from '../../src/data/arrow-columns.js';
import { CategoryBuilder } from '../../src/data/builders.js';
import { rng } from '../support/rng.js';

const MAX_REMEMBERED = 256;
const SLOTS = 1024; // power of two, 4x MAX_REMEMBERED: short probe runs
function oldCopyUtf8Codes(buf: Buffer, offsets: Int32Array, base: number, n: number, bitmap: Uint8Array | null, b: CategoryBuilder, i0: number): void {
  const codes = b.codes;
  const slots = new Int32Array(SLOTS).fill(-1);
  const starts: number[] = [];
  const lens: number[] = [];
  const known: number[] = [];
  for (let j = 0; j < n; j++) {
    // The bitmap read inline: a validity closure per row was a call the loop could not inline.
    if (bitmap !== null && ((bitmap[(base + j) >> 3]! >> ((base + j) & 7)) & 1) === 0) {
      codes[i0 + j] = -1;
      continue;
    }
    const s0 = offsets[base + j]!;
    const e0 = offsets[base + j + 1]!;
    const len = e0 - s0;
    // Length and three bytes pick the slot (the byte comparison below decides); cheaper than hashing every byte.
    const h = len === 0 ? 0 : Math.imul(len, 0x9e3779b1) ^ Math.imul(buf[s0]!, 0x85ebca6b) ^ Math.imul(buf[e0 - 1]!, 0xc2b2ae35) ^ (buf[s0 + (len >> 1)]! << 7);
    let slot = (h ^ (h >>> 16)) & (SLOTS - 1);
    let code = -1;
    for (;;) {
      const e = slots[slot]!;
      if (e < 0) break;
      if (lens[e] === len) {
        const r0 = starts[e]!;
        let k = 0;
        while (k < len && buf[r0 + k] === buf[s0 + k]) k++;
        if (k === len) {
          code = known[e]!;
          break;
        }
      }
      slot = (slot + 1) & (SLOTS - 1);
    }
    if (code < 0) {
      code = b.codeOf(buf.toString('utf8', s0, e0));
      if (starts.length < MAX_REMEMBERED) {
        slots[slot] = starts.length;
        starts.push(s0);
        lens.push(len);
        known.push(code);
      }
    }
    codes[i0 + j] = code;
  }
}

function nullBits(d: Data): Uint8Array | null {
  const bitmap = d.nullBitmap;
  return !bitmap || bitmap.length === 0 || d.nullCount === 0 ? null : bitmap;
}

interface Coded {
  codes: number[];
  dictionary: string[];
}

function viaNew(chunks: Data[]): Coded {
  const b = new CategoryBuilder('g');
  for (const d of chunks) copyCategory(d, b, { file: 'x.arrow', rowsBefore: 0 });
  return { codes: [...b.codes.subarray(0, b.length)], dictionary: b.dictionary };
}

function viaOld(chunks: Data[]): Coded {
  const b = new CategoryBuilder('g');
  for (const d of chunks) {
    const i0 = b.reserve(d.length);
    const v = d.values as Uint8Array;
    oldCopyUtf8Codes(Buffer.from(v.buffer, v.byteOffset, v.byteLength), d.valueOffsets as Int32Array, d.offset, d.length, nullBits(d), b, i0);
    b.length += d.length;
  }
  return { codes: [...b.codes.subarray(0, b.length)], dictionary: b.dictionary };
}

function decoded(chunks: (string | null)[][]): Coded {
  const b = new CategoryBuilder('g');
  return { codes: chunks.flat().map((v) => (v === null ? -1 : b.codeOf(v))), dictionary: b.dictionary };
}

const utf8 = (values: (string | null)[]) => vectorFromArray(values, new Utf8()).data[0]!;

/** Every variant of `base` with one character replaced: same length, one byte position differs. */
function oneByteOff(base: string): string[] {
  return [...base].map((_, p) => base.slice(0, p) + (base[p] === 'a' ? 'b' : 'a') + base.slice(p + 1));
}

function check(chunks: (string | null)[][], data: Data[] = chunks.map(utf8)): void {
  const now = viaNew(data);
  expect(now).toEqual(viaOld(data));
  expect(now).toEqual(decoded(chunks));
}

describe('Arrow Utf8 codes by words equal the byte-hash table and decoding', () => {
  it('same length, one byte different at each position, every length 0-40', () => {
    const r = rng(21);
    for (let len = 0; len <= 40; len++) {
      const base = 'a'.repeat(len);
      const pool = [base, ...oneByteOff(base), ...oneByteOff('ab'.repeat(len).slice(0, len))];
      const rows = Array.from({ length: 400 }, () => (r() < 0.05 ? null : pool[Math.floor(r() * pool.length)]!));
      check([rows]);
    }
  });

  it('multi-byte UTF-8, empty strings, nulls, several chunks', () => {
    const r = rng(22);
    const pool = ['', 'é', 'e', 'ée', 'eé', 'ü', '日本', '日本語', '日本語テキスト', 'Native American', 'Native Americam', 'Hispanic', 'White', 'Whitf', '18-24', '65+', '🙂', '🙂🙂🙂🙂🙂'];
    const chunks = Array.from({ length: 5 }, (_, c) => Array.from({ length: 200 * c + 1 }, () => (r() < 0.1 ? null : pool[Math.floor(r() * pool.length)]!)));
    check(chunks);
  });

  it('more distinct values than a chunk remembers (decoded per row beyond that)', () => {
    const r = rng(23);
    const pool = Array.from({ length: 900 }, (_, i) => `${'x'.repeat(i % 23)}${i}`);
    const chunks = Array.from({ length: 3 }, () => Array.from({ length: 2500 }, () => (r() < 0.03 ? null : pool[Math.floor(r() * pool.length)]!)));
    check(chunks);
  });

  it('one-row, empty and all-null chunks; a value that ends the buffer', () => {
    check([['abcdefghijklmnopq'], [], [null, null, null], ['abcd', null, 'abcdefghijklmnopr'], ['x', 'abcdefghijklmnopq']]);
  });
});
