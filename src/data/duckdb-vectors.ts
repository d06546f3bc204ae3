/**
 * The one place that reaches into @duckdb/node-api vectors' private fields (`items`, `validity`):
 * the public getItem() path boxes every value and is ~10x slower. The version is pinned in
 * package.json; test/data/duckdb-vectors.test.ts fails loudly if the private shape changes.
 */
import type { DuckDBVector } from '@duckdb/node-api';

export type VectorItems = Float64Array | Uint8Array | Uint16Array | Uint32Array | Int32Array | BigInt64Array;

interface RawVector {
  items?: unknown;
  validity?: { data: BigUint64Array | null; offset: number };
}

/** The vector's values as a typed array view (valid until the chunk is released). */
export function vectorItems(vector: DuckDBVector): VectorItems {
  const items = (vector as unknown as RawVector).items;
  if (
    items instanceof Float64Array ||
    items instanceof Uint8Array ||
    items instanceof Uint16Array ||
    items instanceof Uint32Array ||
    items instanceof Int32Array ||
    items instanceof BigInt64Array
  ) {
    return items;
  }
  throw new Error(`internal: unexpected DuckDB vector layout (${vector.constructor.name}); is @duckdb/node-api still the pinned version?`);
}

/**
 * The validity mask as 32-bit words (bit i set = row i present), or null when every row is present.
 * DuckDB stores it as little-endian uint64 words, so the 32-bit view keeps bit order.
 */
export function vectorValidity(vector: DuckDBVector): Uint32Array | null {
  const validity = (vector as unknown as RawVector).validity;
  if (!validity || typeof validity !== 'object' || !('data' in validity)) {
    throw new Error('internal: unexpected DuckDB validity layout; is @duckdb/node-api still the pinned version?');
  }
  if (validity.offset !== 0) throw new Error('internal: sliced DuckDB vectors are not expected here');
  const data = validity.data;
  return data ? new Uint32Array(data.buffer, data.byteOffset, data.length * 2) : null;
}

/** Calls `onMissing(i)` for each row in [0, count) whose validity bit is clear. */
export function forEachMissing(words: Uint32Array, count: number, onMissing: (i: number) => void): void {
  const nWords = Math.ceil(count / 32);
  for (let w = 0; w < nWords; w++) {
    const word = words[w]!;
    if (word === 0xffffffff) continue;
    const base = w * 32;
    const top = Math.min(32, count - base);
    for (let b = 0; b < top; b++) if (((word >>> b) & 1) === 0) onMissing(base + b);
  }
}

export function isValid(words: Uint32Array, i: number): boolean {
  return ((words[i >>> 5]! >>> (i & 31)) & 1) === 1;
}
