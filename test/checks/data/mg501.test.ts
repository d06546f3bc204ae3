/** MG501 feature-null-rate: null counts by construction; a rate equal to max passes. */
import { describe, expect, it } from 'vitest';
import { countMissing, mg501 } from '../../../src/checks/data/mg501-feature-null-rate.js';
import type { Finding } from '../../../src/checks/types.js';
import { categoryColumn, numberColumn, type Column } from '../../../src/data/dataset.js';
import { perfContext, type PerfInput } from '../performance/fake-context.js';

async function run(input: PerfInput, options: Record<string, unknown> = {}): Promise<Finding> {
  const findings = await mg501.run(perfContext(input), mg501.options.parse(options));
  expect(findings).toHaveLength(1);
  return findings[0]!;
}

/** 20 values with `nulls` missing at the end. */
const num = (name: string, nulls: number): Column => numberColumn(name, Array.from({ length: 20 }, (_, i) => (i < 20 - nulls ? i : null)));
const presence = (name: string, nulls: number): Column => ({ kind: 'presence', name, valid: Uint8Array.from({ length: 20 }, (_, i) => (i < 20 - nulls ? 1 : 0)) });
const features = (cols: Column[], meta = cols.map((c) => c.name)): PerfInput => ({ columns: cols, meta: { task: 'binary_classification', features: meta } });

describe('MG501 feature-null-rate', () => {
  it.each([
    [0, 0.05, 'pass'],
    [1, 0.05, 'pass'], // 1/20 = 0.05: at max passes
    [2, 0.05, 'fail'],
    [2, 0.1, 'pass'],
    [20, 0.99, 'fail'],
    [1, 0, 'fail'],
  ])('%i of 20 missing, max %d -> %s', async (nulls, max, status) => {
    const f = await run(features([presence('income', nulls)]), { max });
    expect(f.status).toBe(status);
    expect(f.observed).toBe(nulls / 20);
  });

  it('reads every column kind: numbers, categories, presence masks', async () => {
    const region = categoryColumn('region', Array.from({ length: 20 }, (_, i) => (i < 3 ? null : 'north')));
    const f = await run(features([num('age', 0), region, presence('income', 2)]), { max: 0.12 });
    expect(f.groups!.map((g) => [g.subject, g.value, g.status])).toEqual([['age', 0, 'pass'], ['region', 0.15, 'fail'], ['income', 0.1, 'pass']]);
    expect(f.message).toBe('highest null rate 0.150 (region) across 3 feature columns; max 0.120; 1 failing: region 0.150 (3 of 20 missing) > max 0.120');
    expect(f.metrics!.overall!['null_rate:region']).toEqual({ value: 0.15, interval: null, n: 20 });
  });

  it('per_column overrides max; a missing feature column fails, named', async () => {
    const f = await run(features([presence('income', 4), presence('age', 0)], ['income', 'age', 'employer']), { per_column: { income: 0.2 } });
    expect(f.status).toBe('fail');
    expect(f.groups!.map((g) => [g.subject, g.status])).toEqual([['income', 'pass'], ['age', 'pass'], ['employer', 'fail']]);
    expect(f.message).toContain('feature column "employer" is not in the dataset');
    expect(f.thresholdKey).toBe('columns');
    const tight = await run(features([presence('income', 4)]), { per_column: { income: 0.1 } });
    expect(tight).toMatchObject({ status: 'fail', thresholdKey: 'per_column' });
    expect(tight.message).toContain('income 0.200 (4 of 20 missing) > per_column.income 0.100');
  });

  it('a waived column is reported as waived and leaves the verdict', async () => {
    const f = await run({ ...features([presence('income', 10), presence('age', 0)]), waived: ['income'] });
    expect(f.status).toBe('pass');
    expect(f.groups!.find((g) => g.subject === 'income')!.status).toBe('waived');
  });

  it('`columns` replaces the model features; no features at all is skipped', async () => {
    const f = await run({ ...features([presence('a', 5), presence('b', 0)], ['a']) }, { columns: ['b'] });
    expect(f.status).toBe('pass');
    expect(f.groups!.map((g) => g.subject)).toEqual(['b']);
    expect((await run({ columns: [presence('a', 0)], meta: {} })).status).toBe('skipped');
  });

  it('streams the feature columns as presence masks, not required, counting nulls batch by batch', async () => {
    const opts = mg501.options.parse({ max: 0.12 });
    const env = { policy: {} as never, columns: {} as never, model: { meta: { features: ['age', 'region', 'income'] } } as never, schema: [], waivedSubjects: new Set<string>(), settings: {} as never };
    const s = mg501.stream!(opts, env);
    expect(s.columns).toEqual(['age', 'region', 'income'].map((name) => ({ name, as: 'presence', required: false })));
    // 20 rows in batches of 7, 7 and 6: 3 regions and 2 incomes missing, as in the whole-dataset test above.
    const region = Array.from({ length: 20 }, (_, i) => (i < 3 ? null : 'north'));
    const income = Array.from({ length: 20 }, (_, i) => (i < 18 ? 1 : 0));
    for (const [from, to] of [[0, 7], [7, 14], [14, 20]] as const) {
      const cols = [numberColumn('age', Array.from({ length: to - from }, (_, i) => i)), categoryColumn('region', region.slice(from, to)),
        { kind: 'presence', name: 'income', valid: Uint8Array.from(income.slice(from, to)) } as Column];
      s.sink.add(perfContext({ columns: cols, meta: { task: 'binary_classification', features: ['age', 'region', 'income'] } }), from);
    }
    const whole = perfContext({ columns: [presence('age', 0), presence('region', 3), presence('income', 2)], meta: { task: 'binary_classification', features: ['age', 'region', 'income'] } });
    // The streamed counts decide; the (deliberately different) kept columns are not read.
    const f = (await mg501.run({ ...whole, dataset: { rows: 20, columns: new Map() }, streamed: s.sink.result() }, opts))[0]!;
    expect(f.groups!.map((g) => [g.subject, g.value, g.status])).toEqual([['age', 0, 'pass'], ['region', 0.15, 'fail'], ['income', 0.1, 'pass']]);
  });
});

describe('countMissing', () => {
  it('equals Σ (1 − valid[i]) for every offset and length (random and adversarial bytes)', () => {
    let s = 11;
    const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const buf = new Uint8Array(4099);
    for (let i = 0; i < buf.length; i++) buf[i] = r() < 0.9 ? 1 : r() < 0.9 ? 0 : Math.floor(r() * 256);
    buf.fill(1, 100, 600);
    buf.fill(0, 700, 720);
    for (const offset of [0, 1, 2, 3, 4, 5, 8]) {
      for (const rows of [0, 1, 3, 4, 5, 17, 1000, 4090]) {
        const valid = buf.subarray(offset, offset + rows);
        let expected = 0;
        for (let i = 0; i < rows; i++) expected += 1 - valid[i]!;
        expect(countMissing(valid, rows)).toBe(expected);
      }
    }
  });
});
