/**
 * Binary outcomes as bytes: role validation gives a binary label/prediction as 0/1 Uint8Array (other
 * tasks keep doubles), and the scan keeps a binary task's outcome columns as the bytes each batch
 * validated, not as dataset columns, unless a check asks for the column by name or invalid rows
 * are dropped.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COLUMNS } from '../../src/config/types.js';
import {
  categoryColumn, datasetFromColumns, numberColumn, type Column, type Dataset, type DatasetSource, type NumberColumn,
} from '../../src/data/dataset.js';
import { loadData } from '../../src/engine/load-data.js';
import { outcomeBytes } from '../../src/engine/outcome-bytes.js';
import { buildRoles, planRoles } from '../../src/engine/roles.js';
import { DataError } from '../../src/errors.js';

const present = (...n: string[]) => new Set(n);
const binary = planRoles('binary_classification', undefined, DEFAULT_COLUMNS, present('label', 'prediction', 'score'));

describe('buildRoles: binary outcomes as bytes', () => {
  it('number and category labels, and a prediction derived from the score, come as 0/1 bytes', () => {
    const data = datasetFromColumns([numberColumn('label', [0, 1, -0, 1]), numberColumn('prediction', [1, 1, 0, 0]), numberColumn('score', [0.1, 0.9, 0.5, 0.2])]);
    const { roles } = buildRoles('d.csv', data, binary, 0.5, 'error');
    expect(roles.label).toBeInstanceOf(Uint8Array);
    expect([...roles.label!]).toEqual([0, 1, 0, 1]);
    expect(roles.prediction).toBeInstanceOf(Uint8Array);
    expect([...roles.prediction!]).toEqual([1, 1, 0, 0]);
    const derived = buildRoles('d.csv', data, planRoles('binary_classification', undefined, DEFAULT_COLUMNS, present('label', 'score')), 0.5, 'error').roles;
    expect(derived.prediction).toBeInstanceOf(Uint8Array);
    expect([...derived.prediction!]).toEqual([0, 1, 1, 0]);
    const p = planRoles('binary_classification', 'yes', DEFAULT_COLUMNS, present('label'));
    const cat = buildRoles('d.csv', datasetFromColumns([categoryColumn('label', ['no', 'yes', 'yes'])]), p, 0.5, 'error').roles;
    expect(cat.label).toBeInstanceOf(Uint8Array);
    expect([...cat.label!]).toEqual([0, 1, 1]);
  });

  it('the same messages for bad labels: outside {0,1} (2, 0.5, NaN, -1) and missing (even with a stored 0)', () => {
    const label: NumberColumn = { kind: 'number', name: 'label', values: Float64Array.of(0, 2, 0.5, Number.NaN, -1, 0, 1), valid: Uint8Array.of(1, 1, 1, 1, 1, 0, 1) };
    const data = datasetFromColumns([label, numberColumn('prediction', [0, 0, 0, 0, 0, 0, 0]), numberColumn('score', [0, 0, 0, 0, 0, 0, 0])]);
    try {
      buildRoles('d.csv', data, binary, 0.5, 'error');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DataError);
      expect((e as DataError).problems.map((p) => [p.row, p.message])).toEqual([
        [2, 'label 2 is outside {0, 1}'],
        [3, 'label 0.5 is outside {0, 1}'],
        [4, 'label NaN is outside {0, 1}'],
        [5, 'label -1 is outside {0, 1}'],
        [6, 'missing label: expected 0 or 1'],
      ]);
    }
  });

  it('multiclass and regression outcomes stay doubles', () => {
    const mc = planRoles('multiclass_classification', undefined, DEFAULT_COLUMNS, present('label', 'prediction'));
    const m = buildRoles('d.csv', datasetFromColumns([categoryColumn('label', ['a', 'b']), categoryColumn('prediction', ['b', 'b'])]), mc, 0.5, 'error').roles;
    expect(m.label).toBeInstanceOf(Float64Array);
    const rg = planRoles('regression', undefined, DEFAULT_COLUMNS, present('label', 'prediction'));
    const r = buildRoles('d.csv', datasetFromColumns([numberColumn('label', [1.5, 2]), numberColumn('prediction', [1, 2.5])]), rg, 0.5, 'error', 0, true).roles;
    expect(r.label).toBeInstanceOf(Float64Array);
    expect([...r.prediction!]).toEqual([1, 2.5]);
  });
});

describe('outcomeBytes', () => {
  it('only for a binary task that fails on invalid rows, and only the columns no check asks for', () => {
    expect(outcomeBytes(binary, 'drop', new Set(), 0)).toBeNull();
    expect(outcomeBytes(planRoles('regression', undefined, DEFAULT_COLUMNS, present('label', 'prediction')), 'error', new Set(), 0)).toBeNull();
    expect(outcomeBytes(binary, 'error', new Set(['label', 'prediction']), 0)).toBeNull();
    const b = outcomeBytes(binary, 'error', new Set(['prediction']), 0)!;
    expect(b.has('label')).toBe(true);
    expect(b.has('prediction')).toBe(false);
  });

  it('appends batches (growing past a low estimate) and hands out shared bytes of the exact length', () => {
    const b = outcomeBytes(binary, 'error', new Set(), 0)!;
    const rows: number[][] = [[1, 0, 1], [0, 0], [1, 1, 1, 0, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]];
    for (const r of rows) {
      const label = Uint8Array.from(r);
      b.append({ rows: r.length, label, prediction: label.map((x) => 1 - x) } as never, 4);
    }
    const out = b.finish();
    const all = rows.flat();
    expect([...out.get('label')!]).toEqual(all);
    expect([...out.get('prediction')!]).toEqual(all.map((x) => 1 - x));
    expect(out.get('label')!.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(() => outcomeBytes(binary, 'error', new Set(), 0)!.append({ rows: 2, label: Float64Array.of(0, 1), prediction: Uint8Array.of(0, 1) } as never)).toThrow(/not a byte column/);
  });
});

/** A source that yields the columns in batches of `batch` rows (the file is only hashed). */
function source(columns: Column[], batch: number, rowCount: number | null): DatasetSource {
  const dir = mkdtempSync(join(tmpdir(), 'mg-bytes-'));
  const path = join(dir, 'd.csv');
  writeFileSync(path, 'x\n');
  const whole = datasetFromColumns(columns);
  const slice = (c: Column, s: number, e: number): Column => c.kind === 'number'
    ? { ...c, values: c.values.slice(s, e), valid: c.valid && c.valid.slice(s, e) }
    : c.kind === 'category' ? { ...c, codes: c.codes.slice(s, e) } : { ...c, valid: c.valid.slice(s, e) };
  return {
    path, format: 'csv', rowCount,
    schema: columns.map((c) => ({ name: c.name, type: c.kind === 'number' ? 'double' : 'string' }) as never),
    async *scan(req) {
      for (let s = 0; s < whole.rows; s += batch) {
        const e = Math.min(whole.rows, s + batch);
        yield { rows: e - s, columns: new Map(req.columns.map((r) => [r.name, slice(whole.columns.get(r.name)!, s, e)])) } as Dataset;
      }
    },
    read: () => Promise.reject(new Error('not used')),
  };
}

describe('loadData keeps binary outcomes as bytes', () => {
  const n = 23;
  const label = Array.from({ length: n }, (_, i) => (i * 7) % 3 === 0 ? 1 : 0);
  const pred = Array.from({ length: n }, (_, i) => (i % 4 === 0 ? 1 : 0));
  const score = Array.from({ length: n }, (_, i) => i / n);
  const cols = () => [numberColumn('label', label), numberColumn('prediction', pred), numberColumn('score', score), categoryColumn('race', label.map((y) => (y ? 'A' : 'B')))];
  const keep = [{ name: 'label', as: 'number' as const }, { name: 'prediction', as: 'number' as const }, { name: 'score', as: 'number' as const }, { name: 'race', as: 'category' as const }];
  const load = (asked: Set<string>, onInvalid: 'error' | 'drop', rowCount: number | null, columns = cols()) => {
    const src = source(columns, 5, rowCount);
    return loadData({ file: src.path, source: src, plan: binary, keep, asked, streamed: [], threshold: 0.5, onInvalid, targets: [] });
  };

  it('the label and prediction as bytes, not dataset columns; the same values', async () => {
    for (const rowCount of [n, null]) {
      const { roles, data } = await load(new Set(), 'error', rowCount);
      expect(roles.label).toBeInstanceOf(Uint8Array);
      expect([...roles.label!]).toEqual(label);
      expect([...roles.prediction!]).toEqual(pred);
      expect([...roles.score!]).toEqual(score);
      expect([...data.columns.keys()].sort()).toEqual(['race', 'score']);
    }
  });

  it('a column a check asks for stays a dataset column; drop mode keeps the columns as read', async () => {
    const asked = await load(new Set(['label']), 'error', n);
    expect([...asked.data.columns.keys()].sort()).toEqual(['label', 'race', 'score']);
    expect(asked.roles.label).toBeInstanceOf(Uint8Array);
    expect([...asked.roles.label!]).toEqual(label);
    const dropped = await load(new Set(), 'drop', n);
    expect([...dropped.data.columns.keys()].sort()).toEqual(['label', 'prediction', 'race', 'score']);
    expect([...dropped.roles.prediction!]).toEqual(pred);
  });

  it('a bad label in a later batch fails the read with the row in the whole file', async () => {
    const columns = cols();
    (columns[0] as NumberColumn).values[17] = 3;
    await expect(load(new Set(), 'error', n, columns)).rejects.toThrow(/label 3 is outside \{0, 1\}/);
    await load(new Set(), 'error', n, columns).catch((e: DataError) => expect(e.problems[0]!.row).toBe(18));
  });
});
