/**
 * The split scan -> sufficient statistics -> metrics lets an engine produce the statistics: per-group
 * confusion counts and the AUC tie blocks computed by DuckDB SQL (`GROUP BY`) on a Parquet file
 * equal, exactly, what the JS path computes from the same file read through the dataset reader and
 * role validation. The expected side is DuckDB's own aggregation, not a copy of the JS numbers.
 * Scores are rounded to 3 decimals so most tie blocks hold many rows of both labels.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_COLUMNS } from '../../src/config/types.js';
import type { CategoryColumn } from '../../src/data/dataset.js';
import { openDataset } from '../../src/data/open.js';
import { buildRoles, planRoles } from '../../src/engine/roles.js';
import { binaryCounts, rankStats, rankStatsFromBlocks, scoreSums } from '../../src/stats/index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mg-sql-'));
const pq = path.join(dir, 'holdout.parquet');
const ROWS = 200_000;
let db: DuckDBInstance;
let conn: DuckDBConnection;

beforeAll(async () => {
  db = await DuckDBInstance.create(':memory:', { threads: '2' });
  conn = await db.connect();
  const u = (k: number) => `(hash(i * 1024 + ${k}) / 18446744073709551616.0)`;
  await conn.run(`COPY (
    WITH s AS (SELECT i, round(${u(1)}, 3) AS score FROM range(${ROWS}) t(i))
    SELECT (${u(2)} < score)::BIGINT AS label, (score >= 0.5)::BIGINT AS prediction, score,
      CASE WHEN ${u(3)} < 0.5 THEN 'White' WHEN ${u(3)} < 0.8 THEN 'Black' WHEN ${u(3)} < 0.97 THEN 'Asian' ELSE 'Other' END AS race
    FROM s ORDER BY i) TO '${pq}' (FORMAT parquet, ROW_GROUP_SIZE 50000)`);
});

afterAll(() => {
  conn?.closeSync();
  db?.closeSync();
});

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  return (await conn.runAndReadAll(sql)).getRowObjects();
}

async function jsSide() {
  const source = await openDataset(pq);
  const columns = { ...DEFAULT_COLUMNS, sensitive: ['race'] };
  const plan = planRoles('binary_classification', 1, columns, new Set(source.schema.map((c) => c.name)));
  const { data } = await source.read({
    columns: [{ name: 'label', as: 'number' }, { name: 'prediction', as: 'number' }, { name: 'score', as: 'number' }, { name: 'race', as: 'category' }],
  });
  const { roles } = buildRoles(pq, data, plan, 0.5, 'error');
  const race = roles.sensitive.get('race') as CategoryColumn;
  return { roles, race };
}

describe('DuckDB SQL and the JS path give identical sufficient statistics', () => {
  it('per-group confusion counts', async () => {
    const { roles, race } = await jsSide();
    const counts = binaryCounts(roles.label!, roles.prediction!, race.codes, race.dictionary.length);
    const sql = await rows(`SELECT race, label, prediction, count(*)::DOUBLE AS n FROM '${pq}' GROUP BY ALL`);
    expect(sql.length).toBeGreaterThan(8);
    let total = 0;
    for (const r of sql) {
      const g = race.dictionary.indexOf(String(r.race));
      expect(counts.cells[4 * g + 2 * Number(r.label) + Number(r.prediction)]).toBe(Number(r.n));
      total += Number(r.n);
    }
    expect(total).toBe(ROWS);
  });

  it('AUC tie blocks per group and overall: every rank statistic bit for bit', async () => {
    const { roles, race } = await jsSide();
    const js = rankStats(roles.score!, roles.label!, race.codes, race.dictionary.length);
    const blocks = async (where: string) => {
      const b = await rows(`SELECT score, sum(label)::DOUBLE AS p, (count(*) - sum(label))::DOUBLE AS q
        FROM '${pq}' ${where} GROUP BY score ORDER BY score`);
      return rankStatsFromBlocks(b.map((r) => Number(r.p)), b.map((r) => Number(r.q)));
    };
    for (const [g, name] of race.dictionary.entries()) {
      const sql = await blocks(`WHERE race = '${name}'`);
      expect(sql.blocks).toBeGreaterThan(100);
      expect(js.groups[g]).toEqual(sql);
    }
    expect(js.overall).toEqual(await blocks(''));
    // Ties are real here: far fewer blocks than rows.
    expect(js.overall.blocks).toBeLessThanOrEqual(1001);
  });

  it('the same AUC from a second call (cached sort) and from another grouping', async () => {
    const { roles, race } = await jsSide();
    const first = rankStats(roles.score!, roles.label!, race.codes, race.dictionary.length);
    const again = rankStats(roles.score!, roles.label!, race.codes, race.dictionary.length);
    const ungrouped = rankStats(roles.score!, roles.label!);
    expect(again).toEqual(first);
    expect(ungrouped.overall).toEqual(first.overall);
    expect(ungrouped.groups[0]).toEqual(first.overall);
  });

  it('per-group calibration cells (rows per label and score bin)', async () => {
    const { roles, race } = await jsSide();
    const js = scoreSums(roles.label!, roles.score!, race.codes, race.dictionary.length);
    // Bin b holds b/10 <= score < (b+1)/10, the last bin closed; scores here have 3 decimals.
    const sql = await rows(`SELECT race, least(floor(score * 10), 9)::INTEGER AS bin, label, count(*)::DOUBLE AS n
      FROM '${pq}' GROUP BY ALL`);
    for (const r of sql) {
      const g = race.dictionary.indexOf(String(r.race));
      expect(js[g]!.binRows[2 * Number(r.bin) + Number(r.label)]).toBe(Number(r.n));
    }
  });
});
