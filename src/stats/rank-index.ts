/**
 * The sorted views of a score column behind every rank statistic (rank.ts), each computed once
 * per column and cached by array identity (the engine's Roles arrays are read-only after
 * validation; a sample of the scores is kept beside each view, and a hit whose sample differs —
 * someone wrote into the array — sorts again).
 *
 * - sortedScores: the permutation (row of each rank) and tie-block starts.
 * - packedSort: the tie-block starts and, per sorted row, the label and the codes of a few
 *   category columns packed into the sort's payload. A grouping derived from those columns is then
 *   one sequential pass, with no gather through the permutation: at 10M rows a gather pass is a
 *   cache miss per row (~1 s), the sequential pass ~0.05 s.
 */
import { sortKeyed, sortKeyedSlices, type PayloadOf } from './radix-sort.js';
import type { GroupCodes, Outcomes } from './types.js';

/** A score column in ascending order: row of each rank, and where each distinct score begins. */
export interface SortedScores {
  /** order[k] = the row with the k-th smallest score (ties in row order). */
  order: Uint32Array;
  /** starts[k] = 1 when sorted row k has a larger score than sorted row k-1 (and for k = 0). */
  starts: Uint8Array;
}

/**
 * One sort per score column, whatever the number of groupings and metrics asking: the engine's
 * Roles arrays are read-only after validation, so the order is cached by array identity (a
 * WeakMap: it goes with the array). At 10M rows the sort is ~1 s and each later pass ~0.1-0.2 s.
 * A sample of the scores is kept beside the order; a hit whose sample differs (someone wrote into
 * the array) sorts again.
 */
const sortedCache = new WeakMap<Float64Array, { sorted: SortedScores; sample: Float64Array }>();
const SAMPLE = 4096;

function sampleOf(score: Float64Array): Float64Array {
  const n = score.length;
  const m = Math.min(n, SAMPLE);
  const out = new Float64Array(m);
  for (let j = 0; j < m; j++) out[j] = score[Math.floor((j * n) / m)]!;
  return out;
}

function sameSample(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  // Object.is: NaN never gets here (sortKeyed rejects it), and -0/+0 tie in the sort anyway.
  for (let j = 0; j < a.length; j++) if (a[j] !== b[j]) return false;
  return true;
}

export function sortedScores(score: Float64Array): SortedScores {
  const hit = sortedCache.get(score);
  if (hit && sameSample(hit.sample, sampleOf(score))) return hit.sorted;
  const n = score.length;
  const a = sortKeyed(score, null);
  const order = new Uint32Array(n);
  const starts = new Uint8Array(n);
  unpackSorted(a, n, order, starts, { at: 0, hi: -1, lo: -1 });
  const sorted = { order, starts };
  sortedCache.set(score, { sorted, sample: sampleOf(score) });
  return sorted;
}


/** Labels and category codes in sorted-score order, bit-packed (see packedSort). */
export interface PackedSort {
  starts: Uint8Array;
  /** Per sorted row: bit 0 the label; column c's code + 1 in bits [shift[c], shift[c] + bits[c]). */
  packed: Uint32Array;
  /** The packed columns (a prefix of those asked for: the ones that fit in 31 bits). */
  columns: Int32Array[];
  shift: number[];
  bits: number[];
}

/**
 * Slices of packedSort's sort (sortKeyedSlices): a working buffer of 12 bytes per row / PACKED_SLICES
 * plus half a byte per row (each row's slice); each later slice one more pass over those bytes
 * (10M rows, 4 slices: ~+0.15 s CPU against one slice, from ~+0.28 s when each pass re-read the scores).
 */
const PACKED_SLICES = 4;

const packedCache = new WeakMap<Float64Array, { sorted: PackedSort; label: Outcomes; asked: Int32Array[]; sample: Float64Array }>();

function bitsFor(codes: Int32Array): number {
  let max = 0;
  for (let i = 0; i < codes.length; i++) if (codes[i]! + 1 > max) max = codes[i]! + 1;
  let b = 1;
  while (b < 31 && 2 ** b <= max) b++;
  return b;
}

/**
 * Sorts the scores once carrying (label, code + 1 of each column) as payload. Labels must be 0/1
 * (RangeError otherwise); codes are ≥ -1 (a category's missing value). Columns are packed in the
 * given order while they fit.
 */
export function packedSort(score: Float64Array, label: Outcomes, columns: readonly Int32Array[]): PackedSort {
  const hit = packedCache.get(score);
  if (hit && hit.label === label && hit.asked.length === columns.length && hit.asked.every((c, k) => c === columns[k])
    && sameSample(hit.sample, sampleOf(score))) return hit.sorted;
  const n = score.length;
  if (label.length !== n) throw new RangeError(`label has ${label.length} rows, expected ${n}`);
  const packedCols: Int32Array[] = [];
  const shift: number[] = [];
  const bits: number[] = [];
  let used = 1;
  for (const c of columns) {
    if (c.length !== n) throw new RangeError(`codes have ${c.length} rows, expected ${n}`);
    const b = bitsFor(c);
    if (used + b > 31) break;
    packedCols.push(c);
    shift.push(used);
    bits.push(b);
    used += b;
  }
  // Labels first (the error a bad one gives comes before any about the scores).
  for (let i = 0; i < n; i++) {
    const y = label[i]!;
    const yi = y | 0;
    if (yi !== y || yi >>> 1) throw new RangeError(`row ${i}: label ${y} is not 0/1`);
  }
  // The payload of row i: the label and up to three columns in one expression (the common case),
  // any further column in a loop.
  const C = packedCols.length;
  const [c0, c1, c2] = packedCols;
  const [s0, s1, s2] = shift;
  const payloadOf: PayloadOf = C === 0 ? (i) => label[i]!
    : C === 1 ? (i) => label[i]! | ((c0![i]! + 1) << s0!)
    : C === 2 ? (i) => label[i]! | ((c0![i]! + 1) << s0!) | ((c1![i]! + 1) << s1!)
    : C === 3 ? (i) => label[i]! | ((c0![i]! + 1) << s0!) | ((c1![i]! + 1) << s1!) | ((c2![i]! + 1) << s2!)
    : (i) => {
      let x = label[i]!;
      for (let c = 0; c < C; c++) x |= (packedCols[c]![i]! + 1) << shift[c]!;
      return x;
    };
  // Sorted in slices (sortKeyedSlices), each unpacked at once, the payloads computed as rows are
  // placed instead of held: the sort's working memory is 12 bytes per slice row, not 16 per row.
  const packed = new Uint32Array(n);
  const starts = new Uint8Array(n);
  const prev = { at: 0, hi: -1, lo: -1 };
  sortKeyedSlices(score, payloadOf, Math.ceil(n / PACKED_SLICES), (a, rows) => unpackSorted(a, rows, packed, starts, prev));
  const sorted: PackedSort = { starts, packed, columns: packedCols, shift, bits };
  packedCache.set(score, { sorted, label, asked: [...columns], sample: sampleOf(score) });
  return sorted;
}

/**
 * The group code of every packed key (the packed value without its label bit), when `group` is a
 * function of the packed columns (checked on every row); null when it is not, or when the key
 * space is too large for a table.
 */
export function groupTable(sorted: PackedSort, group: GroupCodes): Int32Array | null {
  const keyBits = sorted.bits.reduce((a, b) => a + b, 0);
  if (keyBits > 20) return null;
  const table = new Int32Array(2 ** keyBits).fill(-1);
  const n = group.length;
  const { columns } = sorted;
  const sh = sorted.shift.map((x) => x - 1);
  const C = columns.length;
  // Unrolled for up to three columns (the common case); a zero-width column contributes 0.
  const zero = new Int32Array(1).fill(-1);
  const c0 = columns[0] ?? zero;
  const c1 = columns[1] ?? zero;
  const c2 = columns[2] ?? zero;
  const m0 = C > 0 ? n : 0;
  const m1 = C > 1 ? n : 0;
  const m2 = C > 2 ? n : 0;
  const s0 = sh[0] ?? 0;
  const s1 = sh[1] ?? 0;
  const s2 = sh[2] ?? 0;
  for (let i = 0; i < n; i++) {
    let k = ((i < m0 ? c0[i]! : -1) + 1) << s0;
    k |= ((i < m1 ? c1[i]! : -1) + 1) << s1;
    k |= ((i < m2 ? c2[i]! : -1) + 1) << s2;
    for (let c = 3; c < C; c++) k |= (columns[c]![i]! + 1) << sh[c]!;
    const g = group[i]!;
    const t = table[k]!;
    if (t === -1) table[k] = g;
    else if (t !== g) return null;
  }
  return table;
}

/**
 * A grouping known to be a function of some packed columns: their indexes in the columns given to
 * packedSort, and each group's codes in those columns (-1 for a missing value).
 */
export interface GroupDerivation {
  columns: readonly number[];
  tuples: readonly (readonly number[])[];
  /** Rows with label 1 and label 0 per group, when already counted (exact integers). */
  counts?: { pos: ArrayLike<number>; neg: ArrayLike<number> } | undefined;
}

/**
 * groupTable's table without its pass over the rows: the key -> group map is built from the
 * grouping's code tuples over the (≤ 2^20) key space. Every key that occurs maps to the same group
 * as in groupTable (a row's group is the one whose tuple equals the row's codes); keys that occur
 * in no row may differ, and are never looked up. Null when a column is not packed or the key space
 * is too large (the caller then falls back to groupTable).
 */
export function derivedGroupTable(sorted: PackedSort, d: GroupDerivation, asked: readonly Int32Array[]): Int32Array | null {
  const keyBits = sorted.bits.reduce((a, b) => a + b, 0);
  if (keyBits > 20) return null;
  const slots = d.columns.map((c) => sorted.columns.indexOf(asked[c]!));
  if (slots.some((s) => s < 0)) return null;
  let mask = 0;
  for (const s of slots) mask |= ((1 << sorted.bits[s]!) - 1) << (sorted.shift[s]! - 1);
  const size = 2 ** keyBits;
  const partial = new Int32Array(size).fill(-1);
  d.tuples.forEach((t, g) => {
    let k = 0;
    slots.forEach((s, j) => (k |= (t[j]! + 1) << (sorted.shift[s]! - 1)));
    partial[k] = g;
  });
  const table = new Int32Array(size);
  for (let k = 0; k < size; k++) table[k] = partial[k & mask]!;
  return table;
}

/**
 * From the sort's (score high word, score low word, payload) triplets: the payloads in sorted order
 * into `out`, and a 1 where a new distinct score (a tie block) starts.
 */
function unpackSorted(a: Uint32Array, rows: number, out: Uint32Array, starts: Uint8Array, prev: { at: number; hi: number; lo: number }): void {
  let { hi, lo } = prev;
  const at = prev.at;
  for (let k = 0; k < rows; k++) {
    const h = a[3 * k]!;
    const l = a[3 * k + 1]!;
    starts[at + k] = h !== hi || l !== lo ? 1 : 0;
    hi = h;
    lo = l;
    out[at + k] = a[3 * k + 2]!;
  }
  prev.at = at + rows;
  prev.hi = hi;
  prev.lo = lo;
}
