/**
 * An Arrow IPC file announces its rows from the footer's record batch messages (so the builders are
 * sized once); a stream, which has no footer, announces none. Expected counts: rows written here,
 * and the data rows of fixtures/data/sample.csv for the sample files.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Table, tableToIPC, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { openDataset } from '../../src/data/open.js';

const fixtures = path.resolve(__dirname, '../../fixtures/data');
const dir = mkdtempSync(path.join(tmpdir(), 'mg-arc-'));

describe('Arrow row count', () => {
  it('the sample file announces the rows of sample.csv; the sample stream announces none', async () => {
    const csvRows = readFileSync(path.join(fixtures, 'sample.csv'), 'utf8').trimEnd().split('\n').length - 1;
    expect((await openDataset(path.join(fixtures, 'sample.arrow'))).rowCount).toBe(csvRows);
    expect((await openDataset(path.join(fixtures, 'sample.arrows'))).rowCount).toBeNull();
  });

  it('a file of several record batches of different sizes announces their sum, and reads exactly that many', async () => {
    const tables = [5, 1000, 37].map((n, k) => new Table({ x: vectorFromArray(Float64Array.from({ length: n }, (_, i) => i + k)) }));
    const table = tables[0]!.concat(...tables.slice(1));
    expect(table.batches.length).toBe(3);
    const file = path.join(dir, 'multi.arrow');
    writeFileSync(file, tableToIPC(table, 'file'));
    const src = await openDataset(file);
    expect(src.rowCount).toBe(1042);
    const { data } = await src.read({ columns: [{ name: 'x', as: 'number' }] });
    expect(data.rows).toBe(1042);
  });
});
