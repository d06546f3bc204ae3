/** MG302 on the anchors §6.6 groups (TPR A 40/50 = 0.8, B 12/20 = 0.6, C 3/4 = 0.75; FNR = 1 − TPR). */
import { describe, expect, it } from 'vitest';
import { mg302 } from '../../../src/checks/fairness/mg302.js';
import type { Finding } from '../../../src/checks/types.js';
import type { Defaults } from '../../../src/config/types.js';
import { dataset, fairContext, groupRows, type FairInput } from './fake-context.js';

const A = groupRows('A', { tp: 40, fn: 10, fp: 10, tn: 40 });
const B = groupRows('B', { tp: 12, fn: 8, fp: 3, tn: 27 });
const C = groupRows('C', { tp: 3, fn: 1, fp: 1, tn: 5 });
const ABC = dataset([A, B, C]);
const ALL_IN: Partial<Defaults> = { min_group_size: 1, min_group_positives: 1, min_group_negatives: 1 };

const run = (input: FairInput, options: Record<string, unknown>): Finding[] =>
  mg302.run(fairContext(input), mg302.options.parse(options)) as Finding[];
const rows = (fs: Finding[]) => fs.map((f) => [f.subject, f.status, f.observed]);

describe('MG302 group-floor', () => {
  it('one result per group, each held to min', () => {
    const fs = run({ ...ABC, settings: ALL_IN }, { metric: 'recall', min: 0.75 });
    expect(rows(fs)).toEqual([['g=A', 'pass', 0.8], ['g=B', 'fail', 0.6], ['g=C', 'pass', 0.75]]);
    expect(fs[1]!.message).toMatch(/^recall for g=B is 0\.600 \[0\.\d{3}, 0\.\d{3}\] \(n 50, 20 positives, 30 negatives\); min 0\.75$/);
    expect(fs[1]!.metrics!.groups!['g']!['g=B']!['recall']!.value).toBe(0.6);
    expect(fs[1]!.details!['key']).toEqual({ g: 'B' });
    expect(fs.every((f) => f.metric === 'recall' && f.comparator === '>=')).toBe(true);
  });

  it('max bound, exact at the boundary (FNR of C is 1/4)', () => {
    const fs = run({ ...ABC, settings: ALL_IN }, { metric: 'fnr', max: 0.25 });
    expect(rows(fs).map((r) => r[1])).toEqual(['pass', 'fail', 'pass']);
    expect(fs[1]!.thresholdKey).toBe('max');
  });

  it('intervals are simultaneous over three groups', () => {
    const fs = run({ ...ABC, settings: ALL_IN }, { metric: 'recall', min: 0.5 });
    expect(fs[0]!.interval!.level).toBeCloseTo(1 - 0.05 / 3, 15);
    expect(fs[0]!.interval!.method).toBe('wilson');
  });

  it.each([
    ['warn', 'insufficient'],
    ['fail', 'insufficient'],
    ['ignore', 'skipped'],
  ] as const)('a group under its minimum with on_insufficient %s -> %s, with its counts', (on, status) => {
    const fs = run({ ...ABC, settings: { on_insufficient: on } }, { metric: 'recall', min: 0.5 });
    expect(fs[2]!.status).toBe(status);
    expect(fs[2]!.message).toBe('recall for g=C cannot be judged: n 10 < min_group_size 30, 4 positives < min_group_positives 10 (n 10, 4 positives, 6 negatives); min 0.50');
  });

  it('decision interval: a straddling interval is inconclusive', () => {
    // B's recall 12/20 = 0.6 with a 98.3% Wilson interval of about [0.35, 0.81].
    const fs = run({ ...ABC, settings: { ...ALL_IN, decision: 'interval' } }, { metric: 'recall', min: 0.7 });
    expect(fs[1]!.status).toBe('inconclusive');
    expect(fs[1]!.message).toContain('its 98.3% interval straddles the threshold');
  });

  it('groups by a column named only on the check', () => {
    const input = { ...ABC, sensitive: {}, extra: { region: ABC.sensitive.g.map((g) => (g === 'A' ? 'north' : 'south')) }, settings: ALL_IN };
    const fs = run(input, { metric: 'recall', sensitive: ['region'], min: 0.7 });
    // south = B + C: 15/24 = 0.625.
    expect(rows(fs)).toEqual([['region=north', 'pass', 0.8], ['region=south', 'fail', 0.625]]);
  });

  it('skipped without sensitive columns; an error for a metric the task lacks', () => {
    expect(run({ label: [1], prediction: [1], sensitive: {} }, { metric: 'recall', min: 0.5 })[0]!.status).toBe('skipped');
    const e = run({ ...ABC, settings: ALL_IN }, { metric: 'mae', max: 0.5 });
    expect(e[0]!.status).toBe('error');
    expect(e[0]!.message).toMatch(/^metric "mae" is not defined for binary classification; valid: accuracy, /);
  });
});
