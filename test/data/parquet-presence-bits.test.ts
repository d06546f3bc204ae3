/**
 * Presence-only Parquet columns are read as bits of packed columns (32 per pack). Expected masks come
 * from each column's null pattern, stated in the SQL that writes the file: column p<k> is NULL where
 * (i + k) % (k + 2) = 0, except p0 (never NULL), p1 (always NULL) and p33 (NULL only in rows 5000-5099).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NumberColumn, PresenceColumn } from '../../src/data/dataset.js';
import { openDataset } from '../../src/data/open.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mg-pb-'));
const file = path.join(dir, 'wide.parquet');
const ROWS = 9000;
const COLS = 40;

function present(k: number, i: number): boolean {
  if (k === 0) return true;
  if (k === 1) return false;
  if (k === 33) return i < 5000 || i >= 5100;
  return (i + k) % (k + 2) !== 0;
}

beforeAll(async () => {
  const cols = Array.from({ length: COLS }, (_, k) => {
    const cond = k === 0 ? 'false' : k === 1 ? 'true' : k === 33 ? 'i BETWEEN 5000 AND 5099' : `(i + ${k}) % ${k + 2} = 0`;
    return `CASE WHEN ${cond} THEN NULL ELSE i * ${k} END::${k % 2 ? 'DOUBLE' : 'VARCHAR'} AS p${k}`;
  });
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run(`COPY (SELECT i::DOUBLE AS x, ${cols.join(', ')} FROM range(${ROWS}) t(i)) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 3000)`);
  c.closeSync();
  db.closeSync();
});

describe('Parquet presence bits', () => {
  it('40 presence columns (two packs, bit 31 included) beside a number column read back exactly', async () => {
    const request = [
      ...Array.from({ length: 20 }, (_, k) => ({ name: `p${k}`, as: 'presence' as const })),
      { name: 'x', as: 'number' as const },
      ...Array.from({ length: 20 }, (_, k) => ({ name: `p${k + 20}`, as: 'presence' as const })),
    ];
    const { data } = await (await openDataset(file)).read({ columns: request });
    expect([...data.columns.keys()]).toEqual(request.map((r) => r.name));
    const x = data.columns.get('x') as NumberColumn;
    expect(x.values[8999]).toBe(8999);
    for (let k = 0; k < COLS; k++) {
      const valid = (data.columns.get(`p${k}`) as PresenceColumn).valid;
      expect(valid.length).toBe(ROWS);
      const wrong = [...valid].findIndex((v, i) => v !== (present(k, i) ? 1 : 0));
      expect({ column: k, wrong }).toEqual({ column: k, wrong: -1 });
    }
  });

  it('a scan in batches gives the same masks', async () => {
    const request = [{ name: 'p33', as: 'presence' as const }, { name: 'p2', as: 'presence' as const }];
    let at = 0;
    for await (const batch of (await openDataset(file)).scan({ columns: request })) {
      const p33 = (batch.columns.get('p33') as PresenceColumn).valid;
      const p2 = (batch.columns.get('p2') as PresenceColumn).valid;
      for (let i = 0; i < batch.rows; i++) {
        expect(p33[i]).toBe(present(33, at + i) ? 1 : 0);
        expect(p2[i]).toBe(present(2, at + i) ? 1 : 0);
      }
      at += batch.rows;
    }
    expect(at).toBe(ROWS);
  });
});
