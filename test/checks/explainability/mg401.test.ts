import { DEFAULTS } from '../../../src/config/types.js';
import { describe, expect, it } from 'vitest';
import { mg401 } from '../../../src/checks/explainability/mg401.js';
import type { Finding } from '../../../src/checks/types.js';
import { fakeContext, type FakeInput } from './fake-context.js';

// The ten rows of coverage.test.ts (hand counts there): 6 of 10 complete; race=W 2/5, race=B 3/4,
// race=(missing) 1/1; sex=F 3/5, sex=M 3/5.
const TEN: FakeInput = {
  explanations: {
    shap_a: [1, 1, 1, Number.NaN, 1, 1, Number.POSITIVE_INFINITY, 1, 1, 1],
    shap_b: [2, null, 2, 2, null, 2, 2, 2, 2, 2],
  },
  score: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.5],
  sensitive: {
    race: ['W', 'W', 'W', 'W', 'W', 'B', 'B', 'B', 'B', null],
    sex: ['F', 'M', 'M', 'M', 'F', 'F', 'F', 'M', 'F', 'M'],
  },
};

async function run(input: FakeInput, options: Record<string, unknown> = {}): Promise<Finding> {
  const findings = await mg401.run(fakeContext(input), mg401.options.parse(options));
  expect(findings).toHaveLength(1);
  return findings[0]!;
}

/** n rows, the first `complete` of them explained, one group. */
function rowsWith(n: number, complete: number): FakeInput {
  return { explanations: { shap_x: Array.from({ length: n }, (_, i) => (i < complete ? 0.1 : null)) }, score: new Array(n).fill(0.5) };
}

describe('MG401 explanation-coverage', () => {
  it('reports overall coverage, every group, and names the lowest group', async () => {
    const f = await run(TEN, { min: 0.5 });
    expect(f.status).toBe('fail');
    expect(f.observed).toBe(0.6);
    expect(f.sampleSize).toBe(10);
    expect(f.message).toBe(
      'explanation coverage is 0.600 (6 of 10 rows); min 0.500; lowest group race=W 0.400 (2 of 5); 1 group below min 0.500: race=W 0.400',
    );
    expect(f.thresholdKey).toBe('min');
    expect(f.groups!.map((g) => [g.subject, g.n, g.value, g.status])).toEqual([
      ['race=(missing)', 1, 1, 'pass'],
      ['race=B', 4, 0.75, 'pass'],
      ['race=W', 5, 0.4, 'fail'],
      ['sex=F', 5, 0.6, 'pass'],
      ['sex=M', 5, 0.6, 'pass'],
    ]);
    expect(f.metrics!.groups!['race']!['race=W']!['explanation_coverage']).toEqual({ value: 0.4, n: 5 });
  });

  it.each([
    // [rows, complete, min, status]: coverage exactly at min passes
    [4, 3, 0.75, 'pass'],
    [4, 3, 0.7500001, 'fail'],
    [20, 19, 0.95, 'pass'],
    [100, 7, 0.07, 'pass'],
    [100, 7, 0.08, 'fail'],
    [3, 3, 1, 'pass'],
    [2000, 1999, 1, 'fail'],
  ])('%i rows, %i explained, min %d -> %s', async (n, complete, min, status) => {
    const f = await run(rowsWith(n, complete), { min });
    expect(f.status).toBe(status);
    expect(f.observed).toBe(complete / n);
  });

  it('does not round a failing share up to the threshold in the message', async () => {
    const f = await run(rowsWith(2000, 1999), { min: 1 });
    expect(f.message).toBe('explanation coverage is 0.9995 (1999 of 2000 rows); min 1.000');
  });

  it('fails on a lagging group even when the overall share passes, and says which key decided', async () => {
    const f = await run(TEN, { min: 0.55, min_group: 0.45 });
    expect(f.status).toBe('fail');
    expect(f.thresholdKey).toBe('min_group');
    expect(f.message).toContain('1 group below min_group 0.450: race=W 0.400');
  });

  it('per_group: false judges the overall share only', async () => {
    const f = await run(TEN, { min: 0.6, per_group: false });
    expect(f.status).toBe('pass');
    expect(f.groups).toEqual([]);
  });

  it('max_gap bounds best minus worst group', async () => {
    // race: best (missing) 1.0, worst W 0.4 -> gap 0.6; sex: 0.
    const f = await run(TEN, { min: 0.4, max_gap: 0.5 });
    expect(f.status).toBe('fail');
    expect(f.thresholdKey).toBe('max_gap');
    expect(f.message).toContain('coverage gap across race is 0.600 (race=(missing) vs race=W); max_gap 0.500');
    expect((await run(TEN, { min: 0.4, max_gap: 0.6 })).status).toBe('pass');
  });

  it('crosses columns when the entry lists sensitive columns', async () => {
    const f = await run(TEN, { min: 0, sensitive: ['race', 'sex'] });
    expect(f.groups!.map((g) => g.subject)).toEqual([
      'race=(missing), sex=M', 'race=B, sex=F', 'race=B, sex=M', 'race=W, sex=F', 'race=W, sex=M',
    ]);
    expect(f.groups![0]!.key).toEqual({ race: null, sex: 'M' });
  });

  it('a waived group is marked waived and its rows leave the overall share', async () => {
    const f = await run({ ...TEN, waived: ['race=W'] }, { min: 0.8, min_group: 0.6 });
    // Without race=W: rows 5-9, complete 5, 7, 8, 9 -> 4 of 5.
    expect(f.observed).toBe(0.8);
    expect(f.status).toBe('pass');
    expect(f.groups!.find((g) => g.subject === 'race=W')!.status).toBe('waived');
  });

  it('no attribution column at all is coverage 0, and says why', async () => {
    const f = await run({ score: [0.5, 0.5], explanations: {} });
    expect(f.status).toBe('fail');
    expect(f.observed).toBe(0);
    expect(f.message).toBe('explanation coverage is 0.000 (0 of 2 rows); min 1.000; no attribution columns: no dataset column starts with "shap_"');
  });

  it('a column that exists but is empty in every row makes every row incomplete, and is named', async () => {
    const f = await run({ explanations: { shap_a: [0.1, 0.2, 0.3], shap_b: [null, null, null] }, score: [0.5, 0.5, 0.5] });
    expect(f.observed).toBe(0);
    expect(f.message).toBe('explanation coverage is 0.000 (0 of 3 rows); min 1.000; empty in every row: shap_b');
    expect(f.details).toMatchObject({ missingByColumn: { shap_b: 3 } });
  });

  it('reads explicitly mapped columns', async () => {
    const f = await run({
      explanations: { phi_age: [0.1, null, 0.3] },
      score: [0.5, 0.5, 0.5],
      columns: { explanations: { columns: { age: 'phi_age' } } },
    }, { min: 0.5 });
    expect(f.observed).toBe(2 / 3);
    expect(f.status).toBe('pass');
  });

  it('asks the reader for the attribution columns (optional) and extra crossed columns (required)', () => {
    const ctx = fakeContext(TEN);
    const env = { policy: ctx.policy, columns: ctx.columns, model: ctx.model, schema: ctx.datasetInfo.columns };
    expect(mg401.stream!(mg401.options.parse({ sensitive: ['race', 'region'] }), { ...env, waivedSubjects: new Set(), settings: DEFAULTS }).columns).toEqual([
      { name: 'shap_a', as: 'number', required: false },
      { name: 'shap_b', as: 'number', required: false },
      { name: 'region', as: 'category', required: true },
    ]);
  });

  it.each([[{ min: 80 }], [{ min: -0.1 }], [{ mni: 0.9 }], [{ per_group: 'yes' }]])('rejects options %j', (opts) => {
    expect(mg401.options.safeParse(opts).success).toBe(false);
  });
});
