/**
 * Groups of one or more sensitive columns for the group-wise checks (DESIGN §5): every combination
 * of values present in the data is a group (an intersection, not a cross product), a missing value
 * is its own `(missing)` group, and groups are numbered in the sorted order of their values, so the
 * same rows in another order or another file format give the same codes and the same report.
 */
import type { CategoryColumn } from '../../data/dataset.js';
import type { GroupCodes } from '../../stats/types.js';

export const MISSING_GROUP = '(missing)';

export interface Grouping {
  /** The sensitive columns, in the order the policy names them. */
  columns: string[];
  /** The gate subject: the columns joined by ` × ` (`race × sex`). */
  subject: string;
  /** Group code of every row, 0..count-1: bytes up to 256 groups, then 16 bits, then 32 (codeArray). */
  codes: GroupCodes;
  count: number;
  /** Per group: column -> value (null for a missing value). */
  keys: Record<string, string | null>[];
  /** Per group: `race=African-American, sex=Male`; waivers match groups by this string. */
  subjects: string[];
  /** Rows per group. */
  sizes: number[];
}

export function groupingSubject(columns: readonly string[]): string {
  return columns.join(' × ');
}

export function groupSubject(columns: readonly string[], values: readonly (string | null)[]): string {
  return columns.map((c, k) => `${c}=${values[k] ?? MISSING_GROUP}`).join(', ');
}

/** Code-unit order (locale-independent); a missing value sorts before every value. */
function compareValues(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/**
 * Dense group codes for the intersection of `columns` (all with the same row count). One pass per
 * column: the running combination code is re-densified after each column, so it never exceeds
 * rows × (distinct values + 1) and stays an exact integer in a double.
 */
// Several checks group by the same columns: build each grouping once (keyed by the column objects,
// which the engine never changes after reading), so its codes also key the shared StatsCache.
const built = new WeakMap<CategoryColumn, { columns: readonly CategoryColumn[]; grouping: Grouping }[]>();

export function buildGrouping(columns: readonly CategoryColumn[]): Grouping {
  const first = columns[0];
  const list = first ? built.get(first) ?? [] : [];
  const hit = list.find((e) => e.columns.length === columns.length && e.columns.every((c, k) => c === columns[k]));
  if (hit) return hit.grouping;
  const grouping = computeGrouping(columns);
  if (first) built.set(first, [...list, { columns: [...columns], grouping }]);
  return grouping;
}

/** Where a grouping's codes come from: its columns and each group's codes in them (-1: missing). */
export interface GroupingSource {
  columns: readonly CategoryColumn[];
  tuples: number[][];
}

const sources = new WeakMap<GroupCodes, GroupingSource>();

/** The source of codes built here (undefined for any other array): lets rank passes skip a check. */
export function groupingSource(codes: GroupCodes): GroupingSource | undefined {
  return sources.get(codes);
}

function computeGrouping(columns: readonly CategoryColumn[]): Grouping {
  const g = computeCodes(columns);
  sources.set(g.grouping.codes, { columns: [...columns], tuples: g.tuples });
  return g.grouping;
}

function computeCodes(columns: readonly CategoryColumn[]): { grouping: Grouping; tuples: number[][] } {
  if (columns.length === 0) throw new RangeError('a grouping needs at least one column');
  if (columns.length === 1) return singleColumn(columns[0]!);
  const rows = columns[0]!.codes.length;
  for (const c of columns) {
    if (c.codes.length !== rows) throw new RangeError(`column ${c.name} has ${c.codes.length} rows, expected ${rows}`);
  }
  // The fused pass numbers at most its key space of tuples, so its codes fit the width for that;
  // the column-by-column passes may number up to one per row.
  const space = fusedSpace(columns);
  const combo = codeArray(rows, space === null ? rows : Math.min(rows, space));
  const fused = space === null ? null : fusedPass(columns, rows, combo);
  const firstRow: number[] = fused?.firstRow ?? [];
  let count = fused?.count ?? 0;
  for (let k = fused ? columns.length : 0; k < columns.length; k++) {
    const codes = columns[k]!.codes;
    const width = columns[k]!.dictionary.length + 1;
    const seenAt: number[] = [];
    const space = (k === 0 ? 1 : count) * width;
    if (space <= 1 << 22) {
      // Small key space: a table instead of a Map (same first-appearance numbering).
      const dense = new Int32Array(space).fill(-1);
      let size = 0;
      for (let i = 0; i < rows; i++) {
        const key = (k === 0 ? 0 : combo[i]! * width) + codes[i]! + 1;
        let id = dense[key]!;
        if (id < 0) {
          id = dense[key] = size++;
          seenAt.push(i);
        }
        combo[i] = id;
      }
      count = size;
    } else {
      const dense = new Map<number, number>();
      for (let i = 0; i < rows; i++) {
        const key = (k === 0 ? 0 : combo[i]! * width) + codes[i]! + 1;
        let id = dense.get(key);
        if (id === undefined) {
          id = dense.size;
          dense.set(key, id);
          seenAt.push(i);
        }
        combo[i] = id;
      }
      count = dense.size;
    }
    firstRow.length = 0;
    firstRow.push(...seenAt);
  }

  const valuesOf = (row: number) => columns.map((c) => {
    const code = c.codes[row]!;
    return code < 0 ? null : c.dictionary[code]!;
  });
  const tuples = firstRow.map(valuesOf);
  const order = tuples.map((_, g) => g).sort((a, b) => {
    for (let k = 0; k < columns.length; k++) {
      const c = compareValues(tuples[a]![k]!, tuples[b]![k]!);
      if (c !== 0) return c;
    }
    return 0;
  });
  const rank = new Int32Array(count);
  order.forEach((g, r) => (rank[g] = r));
  // Renumbered in place (the combination codes are not needed afterwards), unless fewer groups
  // than the combination codes' width allows fit a narrower array.
  const narrow = codeArray(rows, count);
  const codes = narrow.BYTES_PER_ELEMENT === combo.BYTES_PER_ELEMENT ? combo : narrow;
  for (let i = 0; i < rows; i++) codes[i] = rank[combo[i]!]!;
  const sizes = Array.from(countGroups(codes, count));
  const grouping = groupingOf(columns.map((c) => c.name), order.map((g) => tuples[g]!), codes, sizes);
  return { grouping, tuples: order.map((g) => columns.map((c) => c.codes[firstRow[g]!]!)) };
}

/**
 * The loop above for two or three columns in one pass, when their whole key space fits a table:
 * it numbers the full code tuples in order of first appearance, which is what the column-by-column
 * passes end with (each pass numbers prefix tuples by first appearance), so `combo`, `firstRow`
 * and `count` come out the same. Only when fusedSpace says it applies (else the general passes run).
 */
function fusedPass(columns: readonly CategoryColumn[], rows: number, combo: GroupCodes): { firstRow: number[]; count: number } {
  const w1 = columns[1]!.dictionary.length + 1;
  const w2 = columns.length === 3 ? columns[2]!.dictionary.length + 1 : 1;
  const dense = new Int32Array((columns[0]!.dictionary.length + 1) * w1 * w2).fill(-1);
  const a = columns[0]!.codes;
  const b = columns[1]!.codes;
  // Two columns: the third is read as "missing" everywhere (a zero-width digit).
  const c = columns.length === 3 ? columns[2]!.codes : null;
  const firstRow: number[] = [];
  let size = 0;
  for (let i = 0; i < rows; i++) {
    const key = ((a[i]! + 1) * w1 + b[i]! + 1) * w2 + (c === null ? 0 : c[i]! + 1);
    let id = dense[key]!;
    if (id < 0) {
      id = dense[key] = size++;
      firstRow.push(i);
    }
    combo[i] = id;
  }
  return { firstRow, count: size };
}

/** The key space of fusedPass for these columns; null when it does not apply (the general passes run). */
function fusedSpace(columns: readonly CategoryColumn[]): number | null {
  if (columns.length > 3) return null;
  const space = columns.reduce((a, c) => a * (c.dictionary.length + 1), 1);
  return space > 1 << 22 ? null : space;
}

/**
 * One column: the groups are its present values (missing first, then code-unit order), so a count
 * per dictionary code and one renumbering pass give the same codes as the general path.
 */
function singleColumn(col: CategoryColumn): { grouping: Grouping; tuples: number[][] } {
  const src = col.codes;
  const rows = src.length;
  const width = col.dictionary.length + 1;
  const perCode = countCodes(src, width);
  const valueOf = (v: number) => (v === 0 ? null : col.dictionary[v - 1]!);
  const present: number[] = [];
  for (let v = 0; v < width; v++) if (perCode[v]! > 0) present.push(v);
  present.sort((a, b) => compareValues(valueOf(a), valueOf(b)));
  const rank = new Int32Array(width).fill(-1);
  present.forEach((v, r) => (rank[v] = r));
  const codes = codeArray(rows, present.length);
  remapCodes(src, rank, codes);
  const grouping = groupingOf([col.name], present.map((v) => [valueOf(v)]), codes, present.map((v) => perCode[v]!));
  return { grouping, tuples: present.map((v) => [v - 1]) };
}

/**
 * Rows per column code + 1 (0: missing), exact integers. Four rows at a time into four tables, added
 * up at the end: runs of one code no longer wait on the previous increment of the same counter.
 */
export function countCodes(src: Int32Array, width: number): Uint32Array {
  const t = new Uint32Array(4 * width);
  const n = src.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    t[src[i]! + 1]!++;
    t[width + src[i + 1]! + 1]!++;
    t[2 * width + src[i + 2]! + 1]!++;
    t[3 * width + src[i + 3]! + 1]!++;
  }
  for (; i < n; i++) t[src[i]! + 1]!++;
  const perCode = new Uint32Array(width);
  for (let v = 0; v < width; v++) perCode[v] = t[v]! + t[width + v]! + t[2 * width + v]! + t[3 * width + v]!;
  return perCode;
}

/** Rows per group code, as countCodes (four interleaved tables). */
function countGroups(codes: GroupCodes, count: number): Uint32Array {
  const t = new Uint32Array(4 * count);
  const n = codes.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    t[codes[i]!]!++;
    t[count + codes[i + 1]!]!++;
    t[2 * count + codes[i + 2]!]!++;
    t[3 * count + codes[i + 3]!]!++;
  }
  for (; i < n; i++) t[codes[i]!]!++;
  const sizes = new Uint32Array(count);
  for (let g = 0; g < count; g++) sizes[g] = t[g]! + t[count + g]! + t[2 * count + g]! + t[3 * count + g]!;
  return sizes;
}

/**
 * codes[i] = rank[src[i] + 1] for every row, one loop per code width: each loop's stores see one
 * array type (monomorphic), where one loop over GroupCodes may be compiled for all three.
 */
function remapCodes(src: Int32Array, rank: Int32Array, codes: GroupCodes): void {
  if (codes instanceof Uint8Array) remap8(src, rank, codes);
  else if (codes instanceof Uint16Array) remap16(src, rank, codes);
  else remap32(src, rank, codes);
}

function remap8(src: Int32Array, rank: Int32Array, codes: Uint8Array): void {
  for (let i = 0; i < src.length; i++) codes[i] = rank[src[i]! + 1]!;
}

function remap16(src: Int32Array, rank: Int32Array, codes: Uint16Array): void {
  for (let i = 0; i < src.length; i++) codes[i] = rank[src[i]! + 1]!;
}

function remap32(src: Int32Array, rank: Int32Array, codes: Int32Array): void {
  for (let i = 0; i < src.length; i++) codes[i] = rank[src[i]! + 1]!;
}

/**
 * Rows from which the engine may hand group codes to the rank worker (engine/prefetch.ts): such
 * arrays live on a SharedArrayBuffer, so the worker reads them without a copy. Same zeroed memory,
 * same element access; below this size nothing changes.
 */
const SHARED_CODES_ROWS = 65_536;

/**
 * Zeroed codes for `rows` rows whose codes are below `count`: one byte a code up to 256 groups, two
 * up to 65536, else four (a 10M-row grouping of a few sensitive columns: 10 MB instead of 40 MB).
 */
export function codeArray(rows: number, count: number): GroupCodes {
  const bytes = count <= 0x100 ? 1 : count <= 0x10000 ? 2 : 4;
  const buffer = rows >= SHARED_CODES_ROWS ? new SharedArrayBuffer(bytes * rows) : new ArrayBuffer(bytes * rows);
  return bytes === 1 ? new Uint8Array(buffer) : bytes === 2 ? new Uint16Array(buffer) : new Int32Array(buffer);
}

function groupingOf(names: string[], sortedTuples: (string | null)[][], codes: GroupCodes, sizes: number[]): Grouping {
  return {
    columns: names,
    subject: groupingSubject(names),
    codes,
    count: sortedTuples.length,
    keys: sortedTuples.map((t) => Object.fromEntries(names.map((n, k) => [n, t[k]!]))),
    subjects: sortedTuples.map((t) => groupSubject(names, t)),
    sizes,
  };
}
