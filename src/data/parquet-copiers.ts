/**
 * Copies DuckDB result vectors into the dataset builders, one copier per selected column (see
 * parquet.ts for how each column is selected): doubles as they are, category values through a
 * remap to our first-appearance codes, and presence-only columns as bits of a packed UINTEGER.
 */
import { DataError } from '../errors.js';
import type { CategoryBuilder, DatasetBuilder, NumberBuilder, PresenceBuilder } from './builders.js';
import { forEachMissing, isValid, vectorItems, vectorValidity } from './duckdb-vectors.js';
import { parseNumberText } from './number-text.js';

/** How a selected column's vector is copied (parquet.ts's Plan decides it from the column's type). */
export type CopyKind = 'double' | 'double-category' | 'int-category' | 'code-category' | 'code-number' | 'presence';

export type Copier = (vector: Parameters<typeof vectorItems>[0], n: number, firstRow: number) => void;

/**
 * Presence-only columns (MG501's features) travel as bits of one UINTEGER column per 32 of them:
 * one DuckDB vector to read out per chunk instead of one per column. (DuckDB folds `x IS NOT NULL` of
 * a column whose statistics show no nulls to a constant but still decodes the column; parquet.ts
 * does not select such columns at all and fills them with onesFiller, see parquet-footer.ts.)
 */
export const PRESENCE_BITS = 32;

export function presenceBitsCopier(bs: PresenceBuilder[]): Copier {
  for (const b of bs) if (b.kind !== 'presence') throw new Error('internal: builder mismatch');
  return (v, n) => {
    const items = vectorItems(v) as Uint32Array;
    let all = -1;
    let any = 0;
    for (let j = 0; j < n; j++) {
      all &= items[j]!;
      any |= items[j]!;
    }
    for (let bit = 0; bit < bs.length; bit++) {
      const b = bs[bit]!;
      const i0 = b.reserve(n);
      const valid = b.valid;
      // A column present (or missing) in the whole chunk is one fill; only mixed chunks go row by row.
      if ((all >>> bit) & 1) valid.fill(1, i0, i0 + n);
      else if (((any >>> bit) & 1) === 0) valid.fill(0, i0, i0 + n);
      else for (let j = 0; j < n; j++) valid[i0 + j] = (items[j]! >>> bit) & 1;
      b.length += n;
    }
  };
}

/** A presence column the footer proves free of nulls: `n` more present rows per chunk, no vector. */
export function onesFiller(b: PresenceBuilder): (n: number) => void {
  if (b.kind !== 'presence') throw new Error('internal: builder mismatch');
  return (n) => {
    const i0 = b.reserve(n);
    b.valid.fill(1, i0, i0 + n);
    b.length += n;
  };
}

/**
 * The copier of one selected column into its builder; `values` is the column's ENUM dictionary for
 * the code-* kinds (DuckDB's distinct list, remapped to first-appearance codes here). With
 * `positions`, a code is a 1-based index into `values` and `values.length + 1` means missing
 * (parquet.ts's positionExpr); otherwise a 0-based enum code, missing by the validity mask.
 */
export function copier(path: string, kind: CopyKind, b: DatasetBuilder['columns'][number], values: string[], positions = false): Copier {
  if (kind === 'presence') throw new Error('internal: presence columns are copied as bits');
  if (kind === 'double') return doubleCopier(b as NumberBuilder);
  const cat = b as CategoryBuilder;
  if (kind === 'double-category') {
    const seen = new Map<number, number>();
    return (v, n) => {
      const items = vectorItems(v) as Float64Array;
      const words = vectorValidity(v);
      const i0 = cat.reserve(n);
      for (let j = 0; j < n; j++) {
        if (words && !isValid(words, j)) {
          cat.codes[i0 + j] = -1;
          continue;
        }
        const x = items[j]!;
        let code = seen.get(x);
        if (code === undefined) seen.set(x, (code = cat.codeOf(String(x))));
        cat.codes[i0 + j] = code;
      }
      cat.length += n;
    };
  }
  if (kind === 'int-category') return intCategoryCopier(cat);
  // Codes index DuckDB's distinct list; map them to first-appearance codes in our dictionary. The
  // slot after the last value is the missing one of `positions` codes (enum codes never reach it).
  const base = positions ? 1 : 0;
  const missing = values.length;
  const remap = new Int32Array(values.length + 1).fill(-2);
  remap[missing] = -1;
  if (kind === 'code-category') {
    return (v, n) => {
      const items = vectorItems(v) as Uint32Array | Int32Array;
      const words = vectorValidity(v);
      const i0 = cat.reserve(n);
      for (let j = 0; j < n; j++) {
        if (words && !isValid(words, j)) {
          cat.codes[i0 + j] = -1;
          continue;
        }
        const e = items[j]! - base;
        let code = remap[e]!;
        if (code === -2) code = remap[e] = cat.codeOf(values[e]!);
        cat.codes[i0 + j] = code;
      }
      cat.length += n;
    };
  }
  const num = b as NumberBuilder;
  const numbers = values.map((s) => parseNumberText(s));
  return (v, n, firstRow) => {
    const items = vectorItems(v) as Uint32Array | Int32Array;
    const words = vectorValidity(v);
    const i0 = num.reserve(n);
    for (let j = 0; j < n; j++) {
      const e = items[j]! - base;
      if ((words && !isValid(words, j)) || e === missing) {
        num.setMissing(i0 + j);
        continue;
      }
      const x = numbers[e];
      if (x === undefined) {
        const text = values[e]!;
        throw new DataError({ file: path, row: firstRow + j + 1, field: num.name, message: `expected a number, got ${JSON.stringify(text)}` });
      }
      num.values[i0 + j] = x;
    }
    num.commit(n);
  };
}

function doubleCopier(num: NumberBuilder): Copier {
  return (v, n) => {
    const items = vectorItems(v) as Float64Array;
    const words = vectorValidity(v);
    const i0 = num.reserve(n);
    num.values.set(items.subarray(0, n), i0);
    if (words) forEachMissing(words, n, (j) => num.setMissing(i0 + j));
    num.commit(n);
  };
}

function intCategoryCopier(cat: CategoryBuilder): Copier {
  const seen = new Map<number, number>();
  return (v, n) => {
    const items = vectorItems(v) as BigInt64Array;
    const words32 = new Int32Array(items.buffer, items.byteOffset, n * 2);
    const valid = vectorValidity(v);
    const i0 = cat.reserve(n);
    for (let j = 0; j < n; j++) {
      if (valid && !isValid(valid, j)) {
        cat.codes[i0 + j] = -1;
        continue;
      }
      const x = words32[2 * j + 1]! * 4294967296 + (words32[2 * j]! >>> 0);
      let code = seen.get(x);
      if (code === undefined) {
        // Beyond 2^53 the double is not the integer: print the exact 64-bit value.
        code = cat.codeOf(Number.isSafeInteger(x) ? String(x) : String(items[j]));
        if (Number.isSafeInteger(x)) seen.set(x, code);
      }
      cat.codes[i0 + j] = code;
    }
    cat.length += n;
  };
}
