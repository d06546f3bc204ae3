/**
 * Parquet categories are coded inside DuckDB: by list_position() over the ENUM's values for at most
 * POSITION_LOOKUP_MAX distinct values, by an ENUM cast above. Expected values come from the
 * formulas below, the same ones the SQL writing the files states; each file is written twice,
 * dictionary-encoded and plainly encoded (DuckDB's reader hands the two differently to functions).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CategoryColumn, NumberColumn } from '../../src/data/dataset.js';
import { openDataset } from '../../src/data/open.js';
import { POSITION_LOOKUP_MAX, positionExpr } from '../../src/data/parquet.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mg-pcat-'));
const ROWS = 7000;
const EIGHT = ['', "it's", 'é', 'a', 'b', 'c', 'd', 'e e'];
const NINE = [...EIGHT, 'nine'];
const NUMS = ['1.5', '2', '-3'];

const s8 = (i: number): string | null => (i % 7 === 0 ? null : EIGHT[i % 8]!);
const s9 = (i: number): string | null => (i % 11 === 0 ? null : NINE[i % 9]!);
const n3 = (i: number): number | null => (i % 5 === 0 ? null : Number(NUMS[i % 3]!));
const b = (i: number): string | null => (i % 4 === 0 ? null : i % 3 === 0 ? 'true' : 'false');

const sqlList = (xs: string[]) => `[${xs.map((x) => `'${x.replaceAll("'", "''")}'`).join(', ')}]`;
const files = { dictionary: path.join(dir, 'dict.parquet'), plain: path.join(dir, 'plain.parquet') };

beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const select = `SELECT
      CASE WHEN i % 7 = 0 THEN NULL ELSE ${sqlList(EIGHT)}[i % 8 + 1] END AS s8,
      CASE WHEN i % 11 = 0 THEN NULL ELSE ${sqlList(NINE)}[i % 9 + 1] END AS s9,
      CASE WHEN i % 5 = 0 THEN NULL ELSE ${sqlList(NUMS)}[i % 3 + 1] END AS n3,
      CASE WHEN i % 4 = 0 THEN NULL ELSE i % 3 = 0 END AS b
    FROM range(${ROWS}) t(i)`;
  await c.run(`COPY (${select}) TO '${files.dictionary}' (FORMAT parquet, ROW_GROUP_SIZE 3000)`);
  await c.run(`COPY (${select}) TO '${files.plain}' (FORMAT parquet, ROW_GROUP_SIZE 3000, DICTIONARY_SIZE_LIMIT 1)`);
  const encodings = (f: string) => c.runAndReadAll(`SELECT DISTINCT encodings FROM parquet_metadata('${f}') WHERE path_in_schema = 's8'`);
  expect((await encodings(files.dictionary)).getRows().flat()).toEqual(['PLAIN_DICTIONARY']);
  expect((await encodings(files.plain)).getRows().flat()).toEqual(['PLAIN']);
  c.closeSync();
  db.closeSync();
});

function decoded(col: CategoryColumn): (string | null)[] {
  return [...col.codes].map((k) => (k < 0 ? null : col.dictionary[k]!));
}

describe('Parquet category lookup', () => {
  it('the bound sits between the two test columns', () => {
    expect(EIGHT.length).toBe(POSITION_LOOKUP_MAX);
    expect(NINE.length).toBe(POSITION_LOOKUP_MAX + 1);
  });

  it.each(Object.entries(files))('%s pages: every row reads back its value or its null', async (_, file) => {
    const { data } = await (await openDataset(file)).read({
      columns: [{ name: 's8', as: 'category' }, { name: 's9', as: 'category' }, { name: 'n3', as: 'number' }, { name: 'b', as: 'category' }],
    });
    const rows = Array.from({ length: ROWS }, (_, i) => i);
    expect(decoded(data.columns.get('s8') as CategoryColumn)).toEqual(rows.map(s8));
    expect(decoded(data.columns.get('s9') as CategoryColumn)).toEqual(rows.map(s9));
    expect(decoded(data.columns.get('b') as CategoryColumn)).toEqual(rows.map(b));
    const n = data.columns.get('n3') as NumberColumn;
    expect(rows.map((i) => (n.valid![i] ? n.values[i] : null))).toEqual(rows.map(n3));
    // First-appearance order: row 0 is null, row 8 brings the empty string, row 15 (15 % 7 = 1) the last value.
    expect((data.columns.get('s8') as CategoryColumn).dictionary).toEqual([1, 2, 3, 4, 5, 6, 8, 15].map((i) => EIGHT[i % 8]));
  });

  it('a value outside the dictionary is an error, not a missing value', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    await c.run(`CREATE TYPE two AS ENUM ('a', 'b')`);
    const ok = await c.runAndReadAll(`SELECT ${positionExpr('x', 'two')} FROM (VALUES ('b'), (NULL), ('a')) t(x)`);
    expect(ok.getRows().flat()).toEqual([2, 3, 1]);
    await expect(c.runAndReadAll(`SELECT ${positionExpr('x', 'two')} FROM (VALUES ('a'), ('c')) t(x)`)).rejects.toThrow(/outside the column's dictionary/);
    c.closeSync();
    db.closeSync();
  });
});
