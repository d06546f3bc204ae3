import { describe, expect, it } from 'vitest';
import { mg402 } from '../../../src/checks/explainability/mg402.js';
import type { Finding } from '../../../src/checks/types.js';
import { fakeContext, type FakeInput } from './fake-context.js';

const FEATURES = ['age', 'income', 'debt_ratio', 'tenure', 'accounts'];
const col = (n = 2) => new Array(n).fill(0.1);

async function runAll(input: FakeInput, options: Record<string, unknown> = {}): Promise<Finding[]> {
  return mg402.run(fakeContext({ score: [0.5, 0.5], ...input }), mg402.options.parse(options));
}

/** The share finding, with the worst status of all findings (stray columns are a second finding). */
async function run(input: FakeInput, options: Record<string, unknown> = {}): Promise<Finding> {
  const findings = await runAll(input, options);
  expect(findings.length).toBeGreaterThanOrEqual(1);
  expect(findings.length).toBeLessThanOrEqual(2);
  return { ...findings[0]!, status: findings.some((f) => f.status === 'fail') ? 'fail' : findings[0]!.status };
}

const withColumns = (...names: string[]): FakeInput => ({
  meta: { features: FEATURES },
  explanations: Object.fromEntries([...names, 'shap_base_value'].map((n) => [n, col()])),
});

describe('MG402 explained-features', () => {
  it.each([
    // [attribution columns, options, status, observed, missing, unknown]
    [['shap_age', 'shap_income', 'shap_debt_ratio', 'shap_tenure', 'shap_accounts'], {}, 'pass', 1, [], []],
    [['shap_age', 'shap_income', 'shap_debt_ratio', 'shap_accounts'], {}, 'fail', 0.8, ['tenure'], []],
    [['shap_age', 'shap_income', 'shap_debt_ratio', 'shap_accounts'], { min: 0.8 }, 'pass', 0.8, ['tenure'], []],
    [['shap_age', 'shap_income', 'shap_debt_ratio', 'shap_accounts'], { min: 0.8000001 }, 'fail', 0.8, ['tenure'], []],
    [['shap_age', 'shap_income', 'shap_debt_ratio', 'shap_tenure', 'shap_accounts', 'shap_zip'], {}, 'fail', 1, [], ['shap_zip']],
    [['shap_age', 'shap_income', 'shap_debt_ratio', 'shap_tenure', 'shap_accounts', 'shap_zip'], { allow_unknown: true }, 'pass', 1, [], ['shap_zip']],
    [[], {}, 'fail', 0, FEATURES, []],
  ])('%j %j -> %s', async (names, opts, status, observed, missing, unknown) => {
    const f = await run(withColumns(...names), opts);
    expect(f.status).toBe(status);
    expect(f.observed).toBe(observed);
    expect(f.sampleSize).toBe(5);
    expect(f.details).toMatchObject({ missingFeatures: missing, unknownColumns: unknown });
  });

  it('reports stray columns as their own finding, so the shown share agrees with its status', async () => {
    const [share, stray] = await runAll(withColumns('shap_age', 'shap_income', 'shap_debt_ratio', 'shap_tenure', 'shap_accounts', 'shap_zip'));
    expect(share!.status).toBe('pass');
    expect(share!.observed).toBe(1);
    expect(stray!.status).toBe('fail');
    expect(stray!.observed).toBe(1);
    expect(stray!.threshold).toEqual({ max: 0 });
    expect(stray!.message).toContain('shap_zip');
  });

  it('names the missing feature and the stray column in the message', async () => {
    const f = await run(withColumns('shap_age', 'shap_income', 'shap_debt_ratio', 'shap_tenure_yrs', 'shap_accounts'));
    expect(f.message).toBe(
      '4 of 5 model features have an attribution column (0.800); min 1.000; missing: tenure; 1 attribution column naming no model feature: shap_tenure_yrs',
    );
  });

  it('explicit mapping: a mapped column absent from the file is a missing feature, named with its column', async () => {
    const f = await run({
      meta: { features: ['age', 'income'] },
      explanations: { phi_age: col() },
      columns: { explanations: { columns: { age: 'phi_age', income: 'phi_income' } } },
    });
    expect(f.status).toBe('fail');
    expect(f.observed).toBe(0.5);
    expect(f.message).toContain('missing: income; mapped but not in the dataset: income -> phi_income');
  });

  it('counts a feature listed twice once', async () => {
    const f = await run({ meta: { features: ['age', 'age', 'income'] }, explanations: { shap_age: col() } });
    expect(f.observed).toBe(0.5);
    expect(f.details).toMatchObject({ missingFeatures: ['income'] });
  });

  it('without a feature list in the metadata it cannot judge (error), pointing at the metadata', async () => {
    const f = await run({ meta: {}, explanations: { shap_age: col() } });
    expect(f.status).toBe('error');
    expect(f.metadataPath).toBe('features');
    expect(f.message).toBe('explained features cannot be measured: the model metadata (model.yaml) lists no features');
  });

  it('reads no dataset columns', () => {
    const ctx = fakeContext(withColumns('shap_age'));
    expect(mg402.columns!(mg402.options.parse({}), { policy: ctx.policy, columns: ctx.columns, model: ctx.model, schema: ctx.datasetInfo.columns })).toEqual([]);
  });
});
