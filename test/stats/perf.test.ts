/**
 * Timings at 10M random rows (skipped unless STATS_PERF=1, so CI stays fast):
 *   STATS_PERF=1 npx vitest run test/stats/perf.test.ts
 * Prints ms per step; asserts only generous ceilings so a regression by an order of magnitude fails.
 */
import { describe, expect, it } from 'vitest';
import { binaryCounts, rankStats, Rng, scoreSums, sortOrder } from '../../src/stats/index.js';

describe.skipIf(!process.env.STATS_PERF)('10M-row timings', () => {
  it('confusion loop, score sums, radix sort, rank stats', () => {
    const n = 10_000_000;
    const rng = new Rng('perf');
    const label = new Float64Array(n);
    const pred = new Float64Array(n);
    const score = new Float64Array(n);
    const group = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      score[i] = rng.next();
      label[i] = rng.next() < score[i]! ? 1 : 0;
      pred[i] = score[i]! >= 0.5 ? 1 : 0;
      group[i] = rng.int(6);
    }
    const time = <T>(what: string, f: () => T): T => {
      const t = performance.now();
      const r = f();
      console.info(`${what}: ${(performance.now() - t).toFixed(0)} ms`);
      return r;
    };
    time('binaryCounts, 6 groups', () => binaryCounts(label, pred, group, 6));
    time('binaryCounts, 6 groups (warm)', () => binaryCounts(label, pred, group, 6));
    time('scoreSums (log loss, brier, ECE), 6 groups', () => scoreSums(label, score, group, 6));
    time('sortOrder (radix permutation)', () => sortOrder(score));
    time('Float64Array.prototype.sort (for comparison)', () => score.slice().sort());
    time('rankStats overall (sort + pass)', () => rankStats(score, label));
    const t = performance.now();
    rankStats(score, label, group, 6);
    const rankMs = performance.now() - t;
    console.info(`rankStats, 6 groups + overall (sort + pass): ${rankMs.toFixed(0)} ms`);
    expect(rankMs).toBeLessThan(5000);
  });
});
