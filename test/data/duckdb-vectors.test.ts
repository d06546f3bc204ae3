/**
 * Guards the private-field adapter over @duckdb/node-api vectors: if an upgrade changes the layout,
 * this fails instead of the readers silently misreading.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { expect, it } from 'vitest';
import { forEachMissing, isValid, vectorItems, vectorValidity } from '../../src/data/duckdb-vectors.js';

it('reads items and validity of DOUBLE, UINTEGER and BIGINT vectors', async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const r = await c.stream('SELECT CASE WHEN i % 3 = 0 THEN NULL ELSE (i * 1.5)::DOUBLE END AS x, i::UINTEGER AS u, (i - 5)::BIGINT AS b FROM range(100) t(i)');
  const chunk = (await r.fetchChunk())!;
  const x = chunk.getColumnVector(0);
  const items = vectorItems(x) as Float64Array;
  expect(items[1]).toBe(1.5);
  const words = vectorValidity(x)!;
  expect(isValid(words, 0)).toBe(false);
  expect(isValid(words, 1)).toBe(true);
  const missing: number[] = [];
  forEachMissing(words, chunk.rowCount, (i) => missing.push(i));
  expect(missing).toEqual(Array.from({ length: 34 }, (_, k) => 3 * k));
  expect([...(vectorItems(chunk.getColumnVector(1)) as Uint32Array).slice(0, 3)]).toEqual([0, 1, 2]);
  expect(vectorValidity(chunk.getColumnVector(1))).toBeNull();
  expect((vectorItems(chunk.getColumnVector(2)) as BigInt64Array)[0]).toBe(-5n);
  c.closeSync();
  db.closeSync();
});
