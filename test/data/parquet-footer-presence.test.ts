/**
 * Presence-only Parquet columns answered from the footer's null counts (parquet-footer.ts). The
 * expected masks come from each column's null pattern, stated in the SQL that writes the file; the
 * MG501 finding from the footer path must equal the one from decoding every column.
 *
 *   a  never NULL: every row group's null_count is 0, so the footer answers
 *   b  NULL in rows 6000-6009 only, all in the second row group (DuckDB cuts at 3072): the others say 0
 *   c  an INTERVAL, NULL where i % 7 = 3: DuckDB writes no statistics at all for INTERVAL columns
 *   d  an INTERVAL never NULL: no statistic, so decoded although it has no null
 * (DuckDB's COPY has no option to leave statistics out: `WRITE_STATISTICS`/`STATISTICS` are refused.)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { mg501 } from '../../src/checks/data/mg501-feature-null-rate.js';
import type { CheckContext, Finding } from '../../src/checks/types.js';
import { DEFAULTS } from '../../src/config/types.js';
import type { Column, PresenceColumn } from '../../src/data/dataset.js';
import { openDataset } from '../../src/data/open.js';
import { openParquet } from '../../src/data/parquet.js';
import { footerNullFree, nullFreeByFooter, type ColumnChunkStat } from '../../src/data/parquet-footer.js';
import { Source } from '../../src/data/source.js';
import { perfContext } from '../checks/performance/fake-context.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mg-pfoot-'));
const file = path.join(dir, 'features.parquet');
const ROWS = 9000;
const NAMES = ['a', 'b', 'c', 'd'];

function present(name: string, i: number): boolean {
  if (name === 'b') return i < 6000 || i > 6009;
  if (name === 'c') return i % 7 !== 3;
  return true;
}

beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run(`COPY (SELECT i::DOUBLE AS x, i * 2 AS a, CASE WHEN i BETWEEN 6000 AND 6009 THEN NULL ELSE i END::DOUBLE AS b,
      CASE WHEN i % 7 = 3 THEN NULL ELSE INTERVAL 1 DAY * i END AS c, INTERVAL 1 HOUR * i AS d
    FROM range(${ROWS}) t(i)) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 3000)`);
  c.closeSync();
  db.closeSync();
});

const presenceOf = (names: string[]) => names.map((name) => ({ name, as: 'presence' as const }));

async function masks(footerPresence: boolean, names = NAMES): Promise<Map<string, Uint8Array>> {
  const src = new Source(file, await openParquet(file, { footerPresence }));
  const { data } = await src.read({ columns: presenceOf(names) });
  expect(data.rows).toBe(ROWS);
  return new Map(names.map((n) => [n, (data.columns.get(n) as PresenceColumn).valid]));
}

async function mg501Finding(cols: Map<string, Uint8Array>): Promise<Finding> {
  const columns: Column[] = [...cols].map(([name, valid]) => ({ kind: 'presence', name, valid }));
  const findings = await mg501.run(perfContext({ columns, meta: { task: 'binary_classification', features: [...cols.keys()] } }), mg501.options.parse({ max: 0.1 }));
  return findings[0]!;
}

describe('Parquet presence from the footer', () => {
  it('the written file has the statistics each case needs', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    const rows = (await c.runAndReadAll(`SELECT path_in_schema, list(stats_null_count ORDER BY row_group_id)::VARCHAR FROM parquet_metadata('${file}') GROUP BY 1 ORDER BY 1`)).getRows();
    expect(Object.fromEntries(rows.map((r) => [String(r[0]), String(r[1])]))).toEqual({
      a: '[0, 0, 0]', b: '[0, 10, 0]', c: '[NULL, NULL, NULL]', d: '[NULL, NULL, NULL]', x: '[0, 0, 0]',
    });
    expect([...(await footerNullFree(c, `'${file}'`, ['x', ...NAMES], NAMES))]).toEqual(['a']);
    c.closeSync();
    db.closeSync();
  });

  it('masks equal the stated null pattern and the decoding path, row by row', async () => {
    const fromFooter = await masks(true);
    const decoded = await masks(false);
    for (const name of NAMES) {
      const expected = Uint8Array.from({ length: ROWS }, (_, i) => (present(name, i) ? 1 : 0));
      expect({ name, footer: fromFooter.get(name)!.join('') }).toEqual({ name, footer: expected.join('') });
      expect({ name, decoded: decoded.get(name)!.join('') }).toEqual({ name, decoded: expected.join('') });
    }
  });

  it('MG501 finds the same from the footer as from decoding', async () => {
    const fromFooter = await mg501Finding(await masks(true));
    const decoded = await mg501Finding(await masks(false));
    expect(fromFooter).toEqual(decoded);
    // c: 9000 rows, i % 7 = 3 for 1286 of them (3, 10, ..., 8998) -> 0.1429 > 0.1
    expect(fromFooter.groups!.map((g) => [g.subject, g.value])).toEqual([['a', 0], ['b', 10 / ROWS], ['c', 1286 / ROWS], ['d', 0]]);
    expect(fromFooter.status).toBe('fail');
  });

  it('only footer-proven columns requested: the scan still counts every row, in batches', async () => {
    const sink = mg501.stream!(mg501.options.parse({}), { model: { meta: { task: 'binary_classification', features: ['a'] } }, waivedSubjects: new Set(), settings: DEFAULTS } as never).sink;
    let rows = 0;
    for await (const batch of (await openDataset(file)).scan({ columns: presenceOf(['a']) })) {
      expect([...(batch.columns.get('a') as PresenceColumn).valid.subarray(0, batch.rows)].every((v) => v === 1)).toBe(true);
      sink.add({ dataset: batch } as unknown as CheckContext, rows);
      rows += batch.rows;
    }
    expect(rows).toBe(ROWS);
    expect(sink.result()).toEqual({ rows: ROWS, missing: new Map([['a', 0]]) });
  });
});

describe('nullFreeByFooter', () => {
  const chunk = (rowGroup: number, nullCount: number | null, p = 'f', columnId = 0, f = 'x.parquet'): ColumnChunkStat => ({ file: f, rowGroup, columnId, path: p, nullCount });

  it.each<[string, ColumnChunkStat[], number, string[], string[]]>([
    ['0 in every row group', [chunk(0, 0), chunk(1, 0)], 2, ['f'], ['f']],
    ['nulls in one row group', [chunk(0, 0), chunk(1, 3)], 2, ['f'], []],
    ['no statistic in one row group', [chunk(0, 0), chunk(1, null)], 2, ['f'], []],
    ['a row group missing from the footer rows', [chunk(0, 0)], 2, ['f'], []],
    ['a row group listed twice', [chunk(0, 0), chunk(0, 0)], 2, ['f'], []],
    ['a row group id out of range', [chunk(0, 0), chunk(2, 0)], 2, ['f'], []],
    ['two leaves with the same path', [chunk(0, 0, 'f', 0), chunk(0, 0, 'f', 1)], 1, ['f', 'g'], []],
    ['two files', [chunk(0, 0, 'f', 0, 'x.parquet'), chunk(0, 0, 'g', 1, 'y.parquet')], 1, ['f', 'g'], []],
    ['no row groups', [], 0, ['f'], []],
    ['a nested leaf is not its parent', [chunk(0, 0, 'f, list, element')], 1, ['f'], []],
    ['the leaf is at its column position', [chunk(0, 0, 's, a', 0), chunk(0, 0, 'f', 1)], 1, ['s', 'f'], ['f']],
    ['the leaf is not at its column position (a nested column with two leaves before it)', [chunk(0, 0, 's, a', 0), chunk(0, 0, 's, b', 1), chunk(0, 0, 'f', 2)], 1, ['s', 'f'], []],
    ['a name DuckDB gave no leaf (a renamed duplicate)', [chunk(0, 0, 'f', 0), chunk(0, 0, 'f', 1)], 1, ['f', 'f_1'], []],
  ])('%s', (_, chunks, rowGroups, columns, proven) => {
    const names = columns.includes('f_1') ? ['f', 'f_1'] : ['f'];
    expect([...nullFreeByFooter(chunks, rowGroups, columns, names)]).toEqual(proven);
  });

  it('DuckDB numbers leaves in column order: a flat column after a one-leaf struct is proven, after a two-leaf struct it is decoded', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    const one = path.join(dir, 'one-leaf.parquet');
    const two = path.join(dir, 'two-leaf.parquet');
    await c.run(`COPY (SELECT {'a': i} AS s, i AS f FROM range(10) t(i)) TO '${one}' (FORMAT parquet)`);
    await c.run(`COPY (SELECT {'a': i, 'b': i} AS s, i AS f FROM range(10) t(i)) TO '${two}' (FORMAT parquet)`);
    expect([...(await footerNullFree(c, `'${one}'`, ['s', 'f'], ['s', 'f']))]).toEqual(['f']);
    expect([...(await footerNullFree(c, `'${two}'`, ['s', 'f'], ['s', 'f']))]).toEqual([]);
    c.closeSync();
    db.closeSync();
    const { data } = await (await openDataset(two)).read({ columns: presenceOf(['s', 'f']) });
    expect([...(data.columns.get('f') as PresenceColumn).valid]).toEqual(Array(10).fill(1));
    expect([...(data.columns.get('s') as PresenceColumn).valid]).toEqual(Array(10).fill(1));
  });
});
