/**
 * A rank worker started ahead (warmRankWorker, during the scan) and then handed to the prefetch:
 * the caches get the same statistics as the main thread's own path (Object.is), the warm worker is
 * the one used, and a warm worker that died before use leaves the run to a new worker or the main
 * thread without a hang.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { statsCacheFor } from '../../src/checks/shared/stats-cache.js';
import type { Roles } from '../../src/checks/types.js';
import type { CategoryColumn, Dataset } from '../../src/data/dataset.js';
import { prefetchStatistics, warmRankWorker } from '../../src/engine/prefetch.js';
import type { PrefetchPlan } from '../../src/engine/prefetch-plan.js';
import { rng } from '../support/rng.js';

const WORKER = new URL('../../dist/stats/rank-worker.js', import.meta.url);

function data(seed: number, rows: number): { roles: Roles; dataset: Dataset } {
  const r = rng(seed);
  const codes = new Int32Array(rows);
  const label = new Float64Array(rows);
  const score = new Float64Array(rows);
  const prediction = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    codes[i] = r() < 0.1 ? -1 : Math.floor(r() * 4);
    label[i] = r() < 0.3 ? 1 : 0;
    score[i] = Math.round(r() * 16) / 16;
    prediction[i] = score[i]! >= 0.5 ? 1 : 0;
  }
  const race: CategoryColumn = { kind: 'category', name: 'race', codes, dictionary: ['a', 'b', 'c', 'd'] };
  const roles: Roles = {
    task: 'binary_classification', rows, label, prediction, score, classes: null, sensitive: new Map([['race', race]]),
    id: null, baselinePrediction: null, baselineScore: null, dropped: { rows: 0, reasons: {} },
  };
  return { roles, dataset: { rows, columns: new Map([['race', race]]) } };
}

const PLAN: PrefetchPlan = { overall: { rank: true, scores: false, confusion: false }, groupings: [] };

function overallRank(roles: Roles): unknown {
  return statsCacheFor(roles, null, 1).get('rank')[0]!.rank;
}

function sameBits(x: unknown, y: unknown, at: string): number {
  if (typeof y === 'number') {
    if (!Object.is(x, y)) throw new Error(`${at}: ${String(x)} vs ${y}`);
    return 1;
  }
  if (typeof y !== 'object' || y === null) return 0;
  return Object.keys(y).reduce((n, f) => n + sameBits((x as Record<string, unknown>)[f], (y as Record<string, unknown>)[f], `${at} ${f}`), 0);
}

describe('warmRankWorker', () => {
  it('the warm worker computes the rank statistics, equal to the main thread', async () => {
    const d = data(1, 30_000);
    const warm = warmRankWorker(WORKER)!;
    let exited = false;
    warm.worker.once('exit', () => (exited = true));
    await new Promise((r) => setTimeout(r, 200));
    await prefetchStatistics(d.roles, d.dataset, PLAN, { minRows: 0, warm });
    expect(statsCacheFor(d.roles, null, 1).has('rank')).toBe(true);
    // Used and then stopped by the prefetch.
    await new Promise((r) => setTimeout(r, 100));
    expect(exited).toBe(true);
    const ref = data(1, 30_000);
    expect(sameBits(overallRank(d.roles), overallRank(ref.roles), 'rank')).toBeGreaterThan(0);
  });

  it('a warm worker that died before use: a new worker, same numbers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-warm-'));
    const f = join(dir, 'throws.mjs');
    writeFileSync(f, "throw new Error('boom');\n");
    const warm = warmRankWorker(pathToFileURL(f))!;
    await new Promise((r) => warm.worker.once('exit', r));
    expect(warm.gone).toBe(true);
    const d = data(2, 20_000);
    await prefetchStatistics(d.roles, d.dataset, PLAN, { minRows: 0, warm, workerUrl: WORKER, timeoutMs: 5_000 });
    expect(statsCacheFor(d.roles, null, 1).has('rank')).toBe(true);
    const ref = data(2, 20_000);
    expect(sameBits(overallRank(d.roles), overallRank(ref.roles), 'rank')).toBeGreaterThan(0);
  });

  it('an unused warm worker does not hold the process and stops on request', async () => {
    const warm = warmRankWorker(WORKER)!;
    const exit = new Promise<number>((r) => warm.worker.once('exit', r));
    warm.stop();
    await expect(exit).resolves.toBeTypeOf('number');
    expect(warm.gone).toBe(true);
  });
});
