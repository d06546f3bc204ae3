/**
 * Equalized odds compares two rates, but a group row carries only the deciding one: the finding's
 * `details.groupParts` carries both, so reports can show TPR and FPR per group. Numbers are the
 * anchors §6.6 worked example (see mg301.test.ts): A TPR 40/50, FPR 10/50; B TPR 12/20, FPR 3/30;
 * C TPR 3/4, FPR 1/6. Disparity between groups is m_g over the highest group's m (A on both rates).
 */
import { describe, expect, it } from 'vitest';
import { mg301 } from '../../../src/checks/fairness/mg301.js';
import type { Finding } from '../../../src/checks/types.js';
import { dataset, fairContext, groupRows } from './fake-context.js';

const ABC = dataset([
  groupRows('A', { tp: 40, fn: 10, fp: 10, tn: 40 }),
  groupRows('B', { tp: 12, fn: 8, fp: 3, tn: 27 }),
  groupRows('C', { tp: 3, fn: 1, fp: 1, tn: 5 }),
]);

interface Parts { metrics: string[]; groups: Record<string, { value: number | null; interval: unknown; disparity?: number | null }[]> }

function parts(options: Record<string, unknown>, settings = { min_group_size: 1, min_group_positives: 1, min_group_negatives: 1 }): Parts | undefined {
  const [f] = mg301.run(fairContext({ ...ABC, settings }), mg301.options.parse(options)) as Finding[];
  return f!.details!['groupParts'] as Parts | undefined;
}

describe('MG301 details.groupParts', () => {
  it('equalized odds: TPR and FPR of every group, with intervals and disparity to the highest group', () => {
    const p = parts({ metric: 'equalized_odds_difference', max: 0.1 })!;
    expect(p.metrics).toEqual(['tpr', 'fpr']);
    expect(Object.keys(p.groups)).toEqual(['g=A', 'g=B', 'g=C']);
    const v = (s: string) => p.groups[s]!.map((x) => x.value);
    expect(v('g=A')).toEqual([0.8, 0.2]);
    expect(v('g=B')[0]).toBeCloseTo(0.6, 15);
    expect(v('g=B')[1]).toBeCloseTo(0.1, 15);
    expect(v('g=C')[0]).toBeCloseTo(0.75, 15);
    expect(v('g=C')[1]).toBeCloseTo(1 / 6, 15);
    expect(p.groups['g=B']![1]!.disparity).toBeCloseTo(0.1 / 0.2, 12);
    expect(p.groups['g=C']![0]!.disparity).toBeCloseTo(0.75 / 0.8, 12);
    expect(p.groups['g=A']![1]!.interval).toMatchObject({ method: 'wilson' });
  });

  it('present also when the gate cannot be judged, without disparity', () => {
    const p = parts({ metric: 'equalized_odds_ratio', min: 0.5 }, { min_group_size: 60, min_group_positives: 1, min_group_negatives: 1 })!;
    expect(p.metrics).toEqual(['tpr', 'fpr']);
    expect(p.groups['g=B']![1]!.value).toBeCloseTo(0.1, 15);
    expect(p.groups['g=B']![1]!.disparity).toBeUndefined();
  });

  it('absent for a one-metric gate', () => {
    expect(parts({ metric: 'demographic_parity_ratio', min: 0.8 })).toBeUndefined();
  });
});
