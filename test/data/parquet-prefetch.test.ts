/**
 * The Parquet scan keeps one chunk fetch in flight. A scan closed early, or failing on a late row
 * while the next fetch runs, must finish cleanly with the same error as before; a full scan reads
 * every row once, in file order.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NumberColumn } from '../../src/data/dataset.js';
import { openDataset } from '../../src/data/open.js';
import { DataError } from '../../src/errors.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mg-pf-'));
const good = path.join(dir, 'many.parquet');
const late = path.join(dir, 'late-bad.parquet');
const ROWS = 150_000; // ~73 DuckDB chunks, more than two scan batches

beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run(`COPY (SELECT i::DOUBLE AS x FROM range(${ROWS}) t(i)) TO '${good}' (FORMAT parquet, ROW_GROUP_SIZE 20000)`);
  // Number text everywhere except row 140 001 (1-based): the copier throws there, mid-scan.
  await c.run(`COPY (SELECT CASE WHEN i = 140000 THEN 'oops' ELSE (i % 10)::VARCHAR END AS s FROM range(${ROWS}) t(i))
    TO '${late}' (FORMAT parquet, ROW_GROUP_SIZE 20000)`);
  c.closeSync();
  db.closeSync();
});

describe('Parquet scan with a fetch in flight', () => {
  it('reads every row once, in order', async () => {
    let next = 0;
    for await (const batch of (await openDataset(good)).scan({ columns: [{ name: 'x', as: 'number' }] })) {
      const x = batch.columns.get('x') as NumberColumn;
      for (let i = 0; i < batch.rows; i++) expect(x.values[i]).toBe(next++);
    }
    expect(next).toBe(ROWS);
  });

  it('a scan closed after its first batch ends cleanly, and the file can be scanned again', async () => {
    const src = await openDataset(good);
    for await (const batch of src.scan({ columns: [{ name: 'x', as: 'number' }] })) {
      expect(batch.rows).toBeGreaterThan(0);
      break;
    }
    let rows = 0;
    for await (const batch of src.scan({ columns: [{ name: 'x', as: 'number' }] })) rows += batch.rows;
    expect(rows).toBe(ROWS);
  });

  it('an error on a late row names that row', async () => {
    const err = await (await openDataset(late)).read({ columns: [{ name: 's', as: 'number' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).problems[0]).toMatchObject({ file: late, row: 140001, field: 's', message: 'expected a number, got "oops"' });
  });
});
