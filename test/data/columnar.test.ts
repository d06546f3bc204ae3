/**
 * Parquet and Arrow specifics: INT64 labels, nullable columns, several row groups, strings read as
 * numbers, dates refused as numbers, only requested columns read, scans share dictionaries. Inputs
 * are written here with DuckDB SQL whose values are stated literally.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CategoryColumn, NumberColumn } from '../../src/data/dataset.js';
import { openDataset } from '../../src/data/open.js';
import { DataError } from '../../src/errors.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mg-col-'));
const pq = path.join(dir, 'rows.parquet');

beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  // 10 000 rows, row groups of 1 000: label = i % 2 (INT64), g = 'g' || i % 3 with NULL every 7th,
  // s = text of i / 4 (a number stored as a string), d = a DATE, big = 2^53 + 1 + i % 2.
  await c.run(`COPY (SELECT (i % 2)::BIGINT AS label, CASE WHEN i % 7 = 0 THEN NULL ELSE 'g' || (i % 3) END AS g,
      (i / 4)::VARCHAR AS s, DATE '2020-01-01' + (i % 3)::INTEGER AS d, (9007199254740993 + i % 2)::BIGINT AS big,
      CASE WHEN i % 5 = 0 THEN NULL ELSE i * 0.5 END AS x, [i, i] AS lst
    FROM range(10000) t(i)) TO '${pq}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 1000)`);
  await c.run(`COPY (SELECT 'abc' AS s) TO '${path.join(dir, 'bad.parquet')}' (FORMAT parquet)`);
  c.closeSync();
  db.closeSync();
});

describe('Parquet', () => {
  it('INT64 labels, nullable doubles and strings, several row groups', async () => {
    const { data, info } = await (await openDataset(pq)).read({
      columns: [{ name: 'label', as: 'number' }, { name: 'x', as: 'number' }, { name: 'g', as: 'category' }, { name: 's', as: 'number' }],
    });
    expect(info.rows).toBe(10000);
    expect(info.compression).toBe('zstd');
    const label = data.columns.get('label') as NumberColumn;
    expect(label.valid).toBeNull();
    expect(label.values.reduce((s, v) => s + v, 0)).toBe(5000);
    const x = data.columns.get('x') as NumberColumn;
    expect(x.valid!.reduce((s, v) => s + v, 0)).toBe(8000); // every 5th row is NULL
    expect(x.values[3]).toBe(1.5);
    expect(x.values[5]).toBeNaN();
    const g = data.columns.get('g') as CategoryColumn;
    expect(g.dictionary).toEqual(['g1', 'g2', 'g0']); // first appearance: rows 1, 2, 3 (row 0 is NULL)
    expect(g.codes[0]).toBe(-1);
    expect([...g.codes].filter((k) => k < 0).length).toBe(Math.ceil(10000 / 7));
    expect((data.columns.get('s') as NumberColumn).values[9999]).toBe(2499.75);
  });

  it('integers as categories are exact beyond 2^53; dates print as ISO text', async () => {
    const { data } = await (await openDataset(pq)).read({ columns: [{ name: 'big', as: 'category' }, { name: 'd', as: 'category' }] });
    expect((data.columns.get('big') as CategoryColumn).dictionary).toEqual(['9007199254740993', '9007199254740994']);
    expect(new Set((data.columns.get('d') as CategoryColumn).dictionary)).toEqual(new Set(['2020-01-01', '2020-01-02', '2020-01-03']));
  });

  it('a date or list column read as a number is a DataError; unrequested list columns are fine', async () => {
    const src = await openDataset(pq);
    await expect(src.read({ columns: [{ name: 'd', as: 'number' }] })).rejects.toThrow(/column "d" has type .*DATE.*; expected a number/);
    const { data } = await src.read({ columns: [{ name: 'lst', as: 'presence' }, { name: 'label', as: 'number' }] });
    expect([...data.columns.keys()]).toEqual(['lst', 'label']);
  });

  it('non-numeric text in a string column read as number names the row', async () => {
    const p = path.join(dir, 'bad.parquet');
    const err = await (await openDataset(p)).read({ columns: [{ name: 's', as: 'number' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).problems[0]).toMatchObject({ file: p, row: 1, field: 's', message: 'expected a number, got "abc"' });
  });

  it('missing column lists the available ones', async () => {
    const err = await (await openDataset(pq)).read({ columns: [{ name: 'score', as: 'number' }] }).catch((e: unknown) => e);
    expect((err as DataError).message).toContain('column "score" not found; the file has: label, g, s, d, big, x, lst');
  });

  it('scan yields batches with one shared dictionary and the same total', async () => {
    const src = await openDataset(pq);
    let rows = 0;
    const dicts = new Set<string[]>();
    for await (const b of src.scan({ columns: [{ name: 'g', as: 'category' }] })) {
      rows += b.rows;
      dicts.add((b.columns.get('g') as CategoryColumn).dictionary);
    }
    expect(rows).toBe(10000);
    expect(dicts.size).toBe(1);
  });

  it('sha256 equals the hash of the file bytes', async () => {
    const { createHash } = await import('node:crypto');
    const { readFileSync } = await import('node:fs');
    const { info } = await (await openDataset(pq)).read({ columns: [] });
    expect(info.sha256).toBe(createHash('sha256').update(readFileSync(pq)).digest('hex'));
    expect(info.bytes).toBe(readFileSync(pq).length);
  });
});
