import { describe, expect, it } from 'vitest';
import { resolveLayout } from '../../../src/checks/explainability/layout.js';
import { DEFAULT_COLUMNS, type Columns } from '../../../src/config/types.js';

const schema = (...names: string[]) => names.map((name) => ({ name, type: 'number' as const }));
const cols = (over: Partial<Columns['explanations']> = {}, rest: Partial<Columns> = {}): Columns => ({
  ...DEFAULT_COLUMNS,
  ...rest,
  explanations: { ...DEFAULT_COLUMNS.explanations, ...over },
});

describe('resolveLayout', () => {
  it('finds attribution columns by prefix, never the base value or role columns', () => {
    const l = resolveLayout(
      cols({}, { score: 'shap_score', sensitive: ['race'] }),
      schema('id', 'age', 'shap_age', 'shap_income', 'shap_base_value', 'shap_score', 'shap_', 'race'),
      { features: ['age', 'income', 'debt'] },
    );
    expect(l.attributions).toEqual([
      { feature: 'age', column: 'shap_age' },
      { feature: 'income', column: 'shap_income' },
    ]);
    expect(l.missingFeatures).toEqual(['debt']);
    expect(l.unknown).toEqual([]);
    expect(l.baseColumn).toBe('shap_base_value');
  });

  it('lists attribution columns that name no model feature', () => {
    const l = resolveLayout(cols(), schema('shap_age', 'shap_zip'), { features: ['age'] });
    expect(l.unknown).toEqual([{ feature: 'zip', column: 'shap_zip' }]);
    expect(l.missingFeatures).toEqual([]);
  });

  it('without a feature list there is nothing missing and nothing unknown', () => {
    const l = resolveLayout(cols(), schema('shap_age'), {});
    expect(l.missingFeatures).toBeNull();
    expect(l.unknown).toEqual([]);
  });

  it('explicit columns turn the prefix off and report mapped columns absent from the file', () => {
    const l = resolveLayout(
      cols({ columns: { age: 'phi_age', income: 'phi_income' } }),
      schema('phi_age', 'shap_debt'),
      { features: ['age', 'income'] },
    );
    expect(l.mode).toBe('explicit');
    expect(l.attributions).toEqual([{ feature: 'age', column: 'phi_age' }]);
    expect(l.absentMapped).toEqual([{ feature: 'income', column: 'phi_income' }]);
    expect(l.missingFeatures).toEqual(['income']);
  });

  it('honours a custom prefix and base column', () => {
    const l = resolveLayout(cols({ prefix: 'phi.', base_value: 'phi.base' }), schema('phi.a', 'phi.base', 'shap_b'), {});
    expect(l.attributions.map((a) => a.feature)).toEqual(['a']);
    expect(l.baseColumn).toBe('phi.base');
  });

  it.each([
    ['check option wins', 'raw', 'log_odds', 'probability', { space: 'raw', from: 'check option' }],
    ['policy columns before metadata', undefined, 'log_odds', 'probability', { space: 'log_odds', from: 'policy columns' }],
    ['metadata last', undefined, undefined, 'probability', { space: 'probability', from: 'model metadata' }],
    ['nobody declared', undefined, undefined, undefined, null],
  ] as const)('output space: %s', (_name, option, policy, meta, expected) => {
    const l = resolveLayout(
      cols(policy ? { output_space: policy } : {}),
      schema('shap_a'),
      meta ? { explainability: { output_space: meta } } : {},
      option,
    );
    expect(l.outputSpace).toEqual(expected);
  });

  it('takes a finite metadata base value and nothing else', () => {
    expect(resolveLayout(cols(), schema(), { explainability: { base_value: -0.25 } }).baseConstant).toBe(-0.25);
    expect(resolveLayout(cols(), schema(), { explainability: { base_value: Number.NaN } }).baseConstant).toBeNull();
    expect(resolveLayout(cols(), schema(), {}).baseColumn).toBeNull();
  });
});
