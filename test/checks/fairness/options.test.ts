/** Policy-time validation of MG301/MG302 options, as the config layer reports it. */
import { describe, expect, it } from 'vitest';
import { mg301 } from '../../../src/checks/fairness/mg301.js';
import { mg302 } from '../../../src/checks/fairness/mg302.js';
import { gateSpec } from '../../../src/checks/fairness/options.js';
import { optionProblems } from '../../../src/config/issues.js';

describe('MG301 options', () => {
  it.each([
    [{ metric: 'demographic_parity_ratio', min: 80 }, [{ path: 'min', message: 'expected a number between 0 and 1, got 80', hint: 'did you mean 0.8?' }]],
    [{ group_metric: 'fpr', aggregate: 'ratio', min: 1.5 }, [{ path: 'min', message: 'expected a number between 0 and 1, got 1.5', hint: 'did you mean 0.015?' }]],
    [{ metric: 'equalized_odds_difference', max: -0.1 }, [{ path: 'max', message: 'expected a number between 0 and 1, got -0.1' }]],
    [{ group_metric: 'mae', aggregate: 'difference', max: 2.5 }, []],
    [{ group_metric: 'fpr', min: 0.8 }, [{ path: 'aggregate', message: 'missing required key "aggregate"', hint: 'expected difference or ratio' }]],
    [{ metric: 'demographic_parity_ratio' }, [{ path: '', message: 'set a threshold: `min` (for a ratio, e.g. min: 0.8) or `max` (for a difference, e.g. max: 0.1)' }]],
    [{ metric: 'disparate_impact_ratio', method: 'to_reference', min: 0.8 }, [{
      path: 'method', message: 'disparate_impact_ratio is the four-fifths rule: lowest over highest selection rate (between_groups)',
      hint: 'for a reference group use metric: demographic_parity_ratio with method: to_reference',
    }]],
    [{ metric: 'demographic_parity_ratio', reference: 'Caucasian', min: 0.8 }, [{ path: 'reference', message: '`reference` needs `method: to_reference`' }]],
    [{ group_metric: 'recall:cat', aggregate: 'ratio', min: 0.8 }, []],
    [{ metric: 'demographic_parity_ratio', group_metric: 'fpr', aggregate: 'ratio', min: 0.8 }, [{ path: '', message: 'set either `metric` or `group_metric`, not both' }]],
  ])('%j', (options, problems) => {
    expect(optionProblems(mg301.options, options)).toEqual(problems);
  });

  it('rejects an unknown metric and an unknown key with suggestions', () => {
    const [p] = optionProblems(mg301.options, { metric: 'demographic_parity_ration', min: 0.8 });
    expect(p!.message).toMatch(/^expected one of demographic_parity_difference, /);
    expect(p!.hint).toBe('did you mean "demographic_parity_ratio"?');
    const [u] = optionProblems(mg301.options, { group_metric: 'fpp', aggregate: 'ratio', min: 0.8 });
    expect(u!.message).toMatch(/^unknown metric "fpp"; expected one of /);
    const [k] = optionProblems(mg301.options, { metric: 'demographic_parity_ratio', min: 0.8, sensitve: ['race'] });
    expect(k).toMatchObject({ path: 'sensitve', message: 'unknown key "sensitve"', hint: 'did you mean "sensitive"?' });
  });

  it('names the gate metric with its method', () => {
    expect(gateSpec(mg301.options.parse({ group_metric: 'fpr', aggregate: 'ratio', method: 'to_reference', reference: 'Caucasian', min: 0.8 })))
      .toEqual({ metric: 'fpr_ratio_to_reference', named: null, parts: ['fpr'], aggregate: 'ratio', method: 'to_reference', reference: 'Caucasian' });
    expect(gateSpec(mg301.options.parse({ metric: 'equalized_odds_ratio', min: 0.8 })).parts).toEqual(['tpr', 'fpr']);
  });
});

describe('MG302 options', () => {
  it.each([
    [{ metric: 'recall', min: 0.7 }, []],
    [{ metric: 'recall' }, [{ path: '', message: 'set a threshold: `min` (e.g. min: 0.7 for recall) or `max` (e.g. max: 0.2 for fpr)' }]],
    [{ metric: 'recall', min: 0.7, max: 0.5 }, [{ path: 'max', message: 'max 0.5 is below min 0.7' }]],
  ])('%j', (options, problems) => {
    expect(optionProblems(mg302.options, options)).toEqual(problems);
  });
});
