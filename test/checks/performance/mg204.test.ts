/** MG204 suspicious-performance: AUCs counted by hand as the share of correctly ordered pairs. */
import { describe, expect, it } from 'vitest';
import { mg204 } from '../../../src/checks/performance/mg204-suspicious-performance.js';
import type { Finding } from '../../../src/checks/types.js';
import { perfContext, type PerfInput } from './fake-context.js';

async function run(input: PerfInput, options: Record<string, unknown> = {}): Promise<Finding> {
  const findings = await mg204.run(perfContext(input), mg204.options.parse(options));
  expect(findings).toHaveLength(1);
  return findings[0]!;
}

// 10 positives at 0.50..0.95, 20 negatives at 0.01..0.20 except one at 0.52, above the positive
// at 0.50 only: 1 of 200 pairs misordered, auc = 199/200 = 0.995 exactly.
const pos = Array.from({ length: 10 }, (_, i) => 0.5 + i * 0.05);
const neg = [0.52, ...Array.from({ length: 19 }, (_, i) => 0.01 * (i + 1))];
const NEAR: PerfInput = { label: [...pos.map(() => 1), ...neg.map(() => 0)], prediction: [...pos.map(() => 1), ...neg.map(() => 0)], score: [...pos, ...neg] };

describe('MG204 suspicious-performance', () => {
  it('auc exactly at the default ceiling 0.995 passes; above a lower ceiling fails with the leakage hint', async () => {
    const at = await run(NEAR);
    expect(at).toMatchObject({ status: 'pass', observed: 0.995, metric: 'auc', threshold: { max: 0.995 }, comparator: '<=' });
    const over = await run(NEAR, { max: 0.9949 });
    expect(over.status).toBe('fail');
    expect(over.message).toMatch(/^auc is 0\.9950 \[.*\] \(95% DeLong\); max 0\.9949; check for label leakage/);
  });

  it('perfect separation fails the default ceiling', async () => {
    const f = await run({ ...NEAR, score: [...pos, 0.3, ...neg.slice(1)] });
    expect(f).toMatchObject({ status: 'fail', observed: 1 });
  });

  it('decision: interval flags only when the whole interval is above the ceiling', async () => {
    const f = await run({ ...NEAR, score: [...pos, 0.3, ...neg.slice(1)], settings: { decision: 'interval' } });
    // DeLong has no variance at auc 1 (every V10 and V01 is 1): the interval is [1, 1]
    expect(f.status).toBe('fail');
    const near = await run({ ...NEAR, settings: { decision: 'interval' } }, { max: 0.99 });
    expect(near.status).toBe('inconclusive');
  });

  it('a lower-is-better metric needs a floor', async () => {
    const f = await run(NEAR, { metric: 'log_loss' });
    expect(f.status).toBe('error');
    expect(f.message).toBe('log_loss is lower-is-better: set `min`, the floor below which it is suspiciously good');
    expect((await run(NEAR, { metric: 'brier', min: 0.5 })).status).toBe('fail');
  });

  it('is skipped without a score for the default metric, and for other tasks without a metric', async () => {
    expect((await run({ label: [1, 0], prediction: [1, 0] })).status).toBe('skipped');
    expect((await run({ task: 'regression', label: [1, 2], prediction: [1, 2] })).status).toBe('skipped');
    // r2 on a perfect regression: 1 > 0.99
    expect((await run({ task: 'regression', label: [1, 2, 3], prediction: [1, 2, 3] }, { metric: 'r2', max: 0.99 })).status).toBe('fail');
  });

  it('defaults to warning severity', () => {
    expect(mg204.defaultSeverity).toBe('warning');
  });
});
