/** MG203 holdout-size: counts by construction; a count equal to its minimum passes. */
import { describe, expect, it } from 'vitest';
import { mg203 } from '../../../src/checks/performance/mg203-holdout-size.js';
import type { Finding } from '../../../src/checks/types.js';
import { perfContext, type PerfInput } from './fake-context.js';

async function run(input: PerfInput, options: Record<string, unknown> = {}): Promise<Finding> {
  const findings = await mg203.run(perfContext(input), mg203.options.parse(options));
  expect(findings).toHaveLength(1);
  return findings[0]!;
}

/** pos positives then neg negatives; predictions all 0. */
const rows = (pos: number, neg: number): PerfInput => {
  const label = [...Array(pos).fill(1), ...Array(neg).fill(0)];
  return { label, prediction: label.map(() => 0) };
};

describe('MG203 holdout-size', () => {
  it.each([
    [rows(10, 90), {}, 'pass', 'min_rows'], // 100 rows, 10 positives: every count at its minimum
    [rows(10, 89), {}, 'fail', 'min_rows'],
    [rows(9, 91), {}, 'fail', 'min_positives'],
    [rows(91, 9), {}, 'fail', 'min_negatives'],
    [rows(3, 7), { min_rows: 10, min_positives: 3, min_negatives: 7 }, 'pass', 'min_rows'],
    [rows(3, 7), { min_rows: 10, min_positives: 4, min_negatives: 7 }, 'fail', 'min_positives'],
  ])('%# -> %s (%s)', async (input, opts, status, key) => {
    const f = await run(input, opts);
    expect(f.status).toBe(status);
    expect(f.thresholdKey).toBe(key);
    if (status === 'fail') expect(f.metric).toBe(key === 'min_rows' ? 'rows' : key.slice(4));
  });

  it('names the counts and what is short', async () => {
    const f = await run(rows(9, 80));
    expect(f.message).toBe('the holdout has 89 rows (9 positives, 80 negatives); min 100 rows, 10 positives, 10 negatives; too small: 89 rows < min_rows 100, 9 positives < min_positives 10');
    expect(f).toMatchObject({ observed: 89, threshold: { min: 100 }, comparator: '>=', sampleSize: 89, metric: 'rows' });
    expect(f.details).toMatchObject({ rows: 89, positives: 9, negatives: 80 });
  });

  it('regression counts rows only', async () => {
    const f = await run({ task: 'regression', label: Array(100).fill(1.5), prediction: Array(100).fill(1) });
    expect(f.status).toBe('pass');
    expect(f.message).toBe('the holdout has 100 rows; min 100 rows');
  });

  it('per_group holds every group to the min_group_* defaults; waived groups are marked', async () => {
    // sex=F: 40 rows, 20 positives; sex=M: 25 rows (< min_group_size 30); (missing): 35 rows, 5 positives (< 10)
    const label = [...Array(20).fill(1), ...Array(20).fill(0), ...Array(12).fill(1), ...Array(13).fill(0), ...Array(5).fill(1), ...Array(30).fill(0)];
    const sex = [...Array(40).fill('F'), ...Array(25).fill('M'), ...Array(35).fill(null)];
    const input: PerfInput = { label, prediction: label, sensitive: { sex } };
    const f = await run(input, { per_group: true });
    expect(f.status).toBe('fail');
    expect(f.groups!.map((g) => [g.subject, g.n, g.positives, g.negatives, g.status])).toEqual([
      ['sex=(missing)', 35, 5, 30, 'fail'],
      ['sex=F', 40, 20, 20, 'pass'],
      ['sex=M', 25, 12, 13, 'fail'],
    ]);
    expect(f.message).toContain('2 groups too small: sex=(missing) 5 positives < min_group_positives 10; sex=M 25 rows < min_group_size 30');
    expect(f.thresholdKey).toBe('per_group');
    // the headline is the first short group's first shortfall
    expect(f).toMatchObject({ subject: 'sex=(missing)', metric: 'positives', observed: 5, threshold: { min: 10 } });
    const waived = await run({ ...input, waived: ['sex=M', 'sex=(missing)'] }, { per_group: true });
    expect(waived.status).toBe('pass');
    expect(waived.groups!.filter((g) => g.status === 'waived')).toHaveLength(2);
    const lowered = await run({ ...input, settings: { min_group_size: 25, min_group_positives: 5 } }, { per_group: true });
    expect(lowered.status).toBe('pass');
  });

  it('mentions rows dropped as invalid', async () => {
    const f = await run({ ...rows(10, 90), dropped: 3 });
    expect(f.message).toContain('3 invalid rows dropped before counting');
  });
});
