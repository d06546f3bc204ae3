import { DEFAULTS } from '../../../src/config/types.js';
import { describe, expect, it } from 'vitest';
import { mg403 } from '../../../src/checks/explainability/mg403.js';
import type { Finding } from '../../../src/checks/types.js';
import { fakeContext, type FakeInput } from './fake-context.js';

const LN4 = 1.3862943611198906;
// Exact in log-odds with base -0.5: row sums 0, ln 4, -ln 4, 0 = logit(0.5), logit(0.8), logit(0.2), logit(0.5).
const EXACT: FakeInput = {
  id: ['k1', 'k2', 'k3', 'k4'],
  score: [0.5, 0.8, 0.2, 0.5],
  explanations: { shap_a: [0.5, 1, -0.5, 0.5], shap_b: [0, LN4 - 0.5, -(LN4 - 1), 0] },
  meta: { features: ['a', 'b'], explainability: { method: 'shap', output_space: 'log_odds', base_value: -0.5 } },
};
const withMeta = (explainability: Record<string, unknown>): FakeInput => ({ ...EXACT, meta: { features: ['a', 'b'], explainability } });

async function runAll(input: FakeInput, options: Record<string, unknown> = {}): Promise<Finding[]> {
  return mg403.run(fakeContext(input), mg403.options.parse(options));
}

/** The pass-rate finding (always first); a `base value` finding follows when there is a base column. */
async function run(input: FakeInput, options: Record<string, unknown> = {}): Promise<Finding> {
  const findings = await runAll(input, options);
  expect(findings.length).toBeGreaterThanOrEqual(1);
  expect(findings[0]!.subject).toBe('explained rows');
  return findings[0]!;
}

describe('MG403 explanation-additivity', () => {
  it('passes an exact log-odds explanation with the base value from the metadata', async () => {
    const f = await run(EXACT);
    expect(f.status).toBe('pass');
    expect(f.observed).toBe(1);
    expect(f.sampleSize).toBe(4);
    expect(f.message).toBe('additivity holds in 4 of 4 explained rows (1.000); min 1.000 (|base + Σ attributions − logit(score)| ≤ 0.000001 + 0.000001·|logit(score)|)');
  });

  it('diagnoses log-odds attributions checked against probabilities', async () => {
    const f = await run(withMeta({ output_space: 'probability', base_value: -0.5 }));
    expect(f.status).toBe('fail');
    expect(f.observed).toBe(0);
    expect(f.message).toContain(
      'residuals look like an output-space mismatch: base + Σ attributions matches the score in log_odds (4 of 4 rows) but was checked in probability (declared probability by model metadata); set explainability.output_space: log_odds',
    );
    expect(f.details).toMatchObject({ alternative: { space: 'log_odds', checked: 4, passed: 4 } });
    // Worst rows by id: residuals 0 - 0.5, ln4 - 0.8, -ln4 - 0.2, 0 - 0.5 -> k3 (-1.586), k2 (0.586), k1, k4 (-0.5)
    expect((f.details!['worstRows'] as { id: string }[]).map((w) => w.id)).toEqual(['k3', 'k2', 'k1', 'k4']);
    expect(f.message).toContain('worst rows: k3 (residual -1.586), k2 (residual 0.5863), k1 (residual -0.5)');
  });

  it('diagnoses probability attributions checked in log-odds', async () => {
    // base 0.25, attributions summing to score - 0.25: exact in probability space.
    const f = await run({
      score: [0.5, 0.75, 0.25],
      explanations: { shap_a: [0.25, 0.5, 0], shap_base_value: [0.25, 0.25, 0.25] },
      meta: { explainability: { output_space: 'log_odds' } },
    });
    expect(f.status).toBe('fail');
    expect(f.message).toContain('matches the score in probability (3 of 3 rows) but was checked in log_odds');
  });

  it('policy columns override the metadata, and the check option overrides both', async () => {
    const policySays = { ...withMeta({ output_space: 'probability', base_value: -0.5 }), columns: { explanations: { output_space: 'log_odds' as const } } };
    expect((await run(policySays)).status).toBe('pass');
    expect((await run(policySays, { output_space: 'probability' })).status).toBe('fail');
    expect((await run(EXACT, { output_space: 'probability' })).details).toMatchObject({ declaredBy: 'check option' });
  });

  it('raw space of a binary score is its log-odds (the raw margin)', async () => {
    const f = await run(withMeta({ output_space: 'raw', base_value: -0.5 }));
    expect(f.status).toBe('pass');
    expect(f.details).toMatchObject({ outputSpace: 'raw', checkedSpace: 'log_odds' });
  });

  it('raw space of a regressor is its prediction', async () => {
    const f = await run({
      task: 'regression',
      prediction: [10, 12.5],
      explanations: { shap_a: [-1, 1.5], shap_base_value: [11, 11] },
      meta: { explainability: { output_space: 'raw' } },
    });
    expect(f.status).toBe('pass');
    expect(f.message).toContain('− prediction|');
  });

  it('a score of 0 or 1 in log-odds is not checkable and does not pass', async () => {
    const f = await run({ ...EXACT, score: [0.5, 0.8, 0.2, 1] });
    expect(f.status).toBe('fail');
    expect(f.observed).toBe(0.75);
    expect(f.message).toContain('1 row not checkable (score 0 or 1 has infinite log-odds)');
    expect(f.details).toMatchObject({ notCheckable: { infinite_output: 1 } });
  });

  it('min below the pass rate passes; the exact boundary passes', async () => {
    const one = { ...EXACT, explanations: { shap_a: [0.5, 1, -0.5, 0.75], shap_b: EXACT.explanations!['shap_b']! } };
    expect((await run(one, { min: 0.75 })).status).toBe('pass');
    expect((await run(one, { min: 0.7500001 })).status).toBe('fail');
  });

  it('rows without a complete explanation are left to MG401', async () => {
    const f = await run({ ...EXACT, explanations: { shap_a: [0.5, null, -0.5, 0.5], shap_b: EXACT.explanations!['shap_b']! } });
    expect(f.status).toBe('pass');
    expect(f.sampleSize).toBe(3);
    expect(f.message).toContain('1 row without a complete explanation left to MG401');
  });

  it('a base value that varies across rows is its own failing finding, unless allowed', async () => {
    // Per-row base column: rows 1-2 use -0.5, rows 3-4 use 0 with attributions shifted so each row still adds up.
    const input: FakeInput = {
      ...EXACT,
      explanations: { shap_a: [0.5, 1, -1, 0], shap_b: EXACT.explanations!['shap_b']!, shap_base_value: [-0.5, -0.5, 0, 0] },
    };
    const [rate, base] = await runAll(input);
    expect(rate).toMatchObject({ status: 'pass', observed: 1 });
    expect(base).toMatchObject({
      status: 'fail', subject: 'base value', metric: 'base_value_spread', observed: 0.5, comparator: '<=',
      threshold: { max: 1e-6 + 1e-6 * 0.5 }, sampleSize: 4, thresholdKey: 'constant_base',
    });
    expect(base!.message).toBe(
      'base value varies across rows: -0.5 in 2 rows, 0 in 2 rows (range -0.5 to 0), spread 0.5; expected one value; ' +
        'per-row base value differs from explainability.base_value -0.5 in 2 rows',
    );
    expect(await runAll(input, { constant_base: false })).toHaveLength(1);
  });

  it('a constant per-row base value passes its finding; a constant from the metadata needs none', async () => {
    const input: FakeInput = { ...EXACT, explanations: { ...EXACT.explanations, shap_base_value: [-0.5, -0.5, -0.5, -0.5] } };
    const [, base] = await runAll(input);
    expect(base).toMatchObject({ status: 'pass', observed: 0, message: 'base value is constant (-0.5 in 4 rows)' });
    expect(await runAll(EXACT)).toHaveLength(1);
  });

  it.each([
    ['no declared output space', withMeta({ base_value: -0.5 }), 'error', /output space is not declared.*as probability in 0 of 4 rows and as log_odds in 4 of 4 rows/],
    ['no base value anywhere', withMeta({ output_space: 'log_odds' }), 'error', /needs a base value: the dataset has no "shap_base_value" column/],
    ['no score', { ...EXACT, score: undefined }, 'error', /needs the model output: a score column \("score"\)/],
    ['no attribution columns', { ...EXACT, explanations: {} }, 'fail', /no explanations to check: no attribution columns/],
    ['no explained row', { ...EXACT, explanations: { shap_a: [null, null, null, null] } }, 'fail', /no row has a complete explanation \(0 of 4 rows\)/],
  ])('%s -> %s', async (_name, input, status, message) => {
    const f = await run(input as FakeInput);
    expect(f.status).toBe(status);
    expect(f.observed).toBeNull();
    expect(f.message).toMatch(message);
  });

  it('asks for the attribution and base columns as optional numbers', () => {
    const ctx = fakeContext({ ...EXACT, explanations: { ...EXACT.explanations, shap_base_value: [0, 0, 0, 0] } });
    const env = { policy: ctx.policy, columns: ctx.columns, model: ctx.model, schema: ctx.datasetInfo.columns };
    expect(mg403.stream!(mg403.options.parse({}), { ...env, waivedSubjects: new Set(), settings: DEFAULTS }).columns.map((n) => [n.name, n.as, n.required])).toEqual([
      ['shap_a', 'number', false], ['shap_b', 'number', false], ['shap_base_value', 'number', false],
    ]);
  });
});
