/**
 * Fairness messages read true at a glance: three significant digits, more when two numbers that
 * differ would otherwise print the same, and a tie never names one group twice. Every count below
 * is chosen so the rates are exact by hand (predicted positives / rows).
 */
import { describe, expect, it } from 'vitest';
import { fmt, fmtPair, sig } from '../../../src/checks/fairness/format.js';
import { mg301 } from '../../../src/checks/fairness/mg301.js';
import type { Finding } from '../../../src/checks/types.js';
import type { Defaults } from '../../../src/config/types.js';
import { dataset, fairContext, groupRows, type FairInput } from './fake-context.js';

const ALL_IN: Partial<Defaults> = { min_group_size: 1, min_group_positives: 1, min_group_negatives: 1 };

function run(input: FairInput, options: Record<string, unknown>): Finding {
  const findings = mg301.run(fairContext(input), mg301.options.parse(options)) as Finding[];
  return findings[0]!;
}

/** A group of n rows of which `selected` are predicted positive (labels split to keep both classes). */
function sel(value: string, n: number, selected: number) {
  return groupRows(value, { tp: selected, fn: n - selected - 1, fp: 0, tn: 1 });
}

describe('number formatting for fairness messages', () => {
  it.each([
    [0.257, '0.257'], [0.6, '0.600'], [0.013, '0.0130'], [0.007, '0.00700'], [1, '1.00'], [0, '0'],
    [12.345, '12.3'], [1234.5, '1235'], [-0.1234, '-0.123'],
  ])('sig(%d) = %s', (x, want) => expect(sig(x)).toBe(want));

  it('adds digits until a value that misses its threshold does not print as the threshold', () => {
    expect(fmt(0.7996, 0.8)).toBe('0.7996');
    expect(fmt(0.8, 0.8)).toBe('0.800');
    expect(fmt(null)).toBe('undefined');
  });

  it('adds digits until two different values print differently, the same digits for both', () => {
    expect(fmtPair(0.4501, 0.4499)).toEqual(['0.4501', '0.4499']);
    expect(fmtPair(0.5, 0.3)).toEqual(['0.500', '0.300']);
    expect(fmtPair(0.45, 0.45)).toEqual(['0.450', '0.450']);
    expect(fmtPair(0.45, null)).toEqual(['0.450', 'undefined']);
  });
});

describe('MG301 messages', () => {
  it('small rates keep their difference visible (ratio 7/13 = 0.538; two decimals printed 0.01 vs 0.01)', () => {
    const f = run({ ...dataset([sel('M', 1000, 13), sel('F', 1000, 7)], 'sex'), settings: ALL_IN }, { metric: 'demographic_parity_ratio', min: 0.8 });
    expect(f.status).toBe('fail');
    expect(f.message).toBe('selection-rate ratio across sex is 0.538 (M 0.0130 vs F 0.00700); min 0.80');
  });

  it('a gate value just under its threshold prints with the digits that show it (3998/5000 = 0.7996)', () => {
    const f = run({ ...dataset([sel('A', 10000, 5000), sel('B', 10000, 3998)]), settings: ALL_IN }, { metric: 'demographic_parity_ratio', min: 0.8 });
    expect(f.status).toBe('fail');
    expect(f.message).toBe('selection-rate ratio across g is 0.7996 (A 0.500 vs B 0.400); min 0.80');
  });

  it('close group values get a fourth digit (0.4501 vs 0.4499)', () => {
    const f = run({ ...dataset([sel('A', 10000, 4501), sel('B', 10000, 4499)]), settings: ALL_IN }, { metric: 'demographic_parity_difference', max: 0.1 });
    expect(f.message).toBe('selection-rate difference across g is 0.000200 (A 0.4501 vs B 0.4499); max 0.10');
  });

  it('a tie between two groups names both groups, not one twice (9/20 = 0.45 each)', () => {
    const f = run({ ...dataset([sel('east', 20, 9), sel('west', 20, 9)], 'region'), settings: ALL_IN }, { metric: 'demographic_parity_ratio', min: 0.8 });
    expect(f.status).toBe('pass');
    expect(f.message).toBe('selection-rate ratio across region is 1.00 (east 0.450 vs west 0.450); min 0.80');
  });

  it('a tie among all of three or more groups says so', () => {
    const f = run({ ...dataset([sel('a', 20, 9), sel('b', 40, 18), sel('c', 60, 27)]), settings: ALL_IN }, { metric: 'demographic_parity_difference', max: 0.1 });
    expect(f.message).toBe('selection-rate difference across g is 0 (all 3 groups 0.450); max 0.10');
  });
});
