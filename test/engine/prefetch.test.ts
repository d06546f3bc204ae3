/**
 * The rank worker and the prefetch step against the main-thread path they stand in for: every
 * statistic a cache holds after prefetchStatistics is compared with Object.is against the same
 * statistic computed by a fresh StatsCache on copies of the same data (no worker, no prefetch).
 * Data: random and adversarial (heavy ties, -0 and +0, groups with one label only, missing codes,
 * a grouping that is not a function of the packed columns, a column outside the sensitive set).
 * The worker itself runs from the build (dist/stats/rank-worker.js), as the e2e tests run the CLI.
 * Failing, silent and absent workers must leave the caches to the main thread, without a hang.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { columnGroups } from '../../src/checks/performance/groups.js';
import { statsCacheFor, type StatsCache } from '../../src/checks/shared/stats-cache.js';
import { buildGrouping } from '../../src/checks/shared/grouping.js';
import type { Roles } from '../../src/checks/types.js';
import type { CategoryColumn, Dataset } from '../../src/data/dataset.js';
import { prefetchStatistics } from '../../src/engine/prefetch.js';
import { mayNeedRank, prefetchPlan, type PrefetchPlan } from '../../src/engine/prefetch-plan.js';
import { rankGroupings } from '../../src/stats/rank-worker-job.js';
import type { StatsNeed } from '../../src/stats/index.js';
import { rng } from '../support/rng.js';

const WORKER = new URL('../../dist/stats/rank-worker.js', import.meta.url);

interface Data {
  roles: Roles;
  dataset: Dataset;
}

function column(r: () => number, name: string, dictionary: string[], rows: number, missing = 0.1): CategoryColumn {
  const codes = new Int32Array(rows);
  for (let i = 0; i < rows; i++) codes[i] = r() < missing ? -1 : Math.floor(r() * r() * dictionary.length);
  return { kind: 'category', name, codes, dictionary };
}

/** `ties`: scores on a coarse grid (with -0 and +0); `skew`: group `z` of `race` has only positives. */
function data(seed: number, rows: number, kind: 'random' | 'ties' | 'skew'): Data {
  const r = rng(seed);
  const race = column(r, 'race', ['w', 'b', 'a', 'z', 'o'], rows);
  const sex = column(r, 'sex', ['M', 'F'], rows, 0.02);
  const age = column(r, 'age', ['<20', '20-40', '>40'], rows);
  const region = column(r, 'region', ['n', 's', 'e', 'w'], rows, 0);
  const label = new Float64Array(rows);
  const score = new Float64Array(rows);
  const prediction = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    label[i] = kind === 'skew' && race.codes[i] === 3 ? 1 : r() < 0.3 ? 1 : 0;
    const s = kind === 'ties' ? Math.round(r() * 8) / 8 : r();
    score[i] = kind === 'ties' && s === 0 && r() < 0.5 ? -0 : s;
    prediction[i] = score[i]! >= 0.5 ? 1 : 0;
  }
  const roles: Roles = {
    task: 'binary_classification', rows, label, prediction, score, classes: null,
    sensitive: new Map([['race', race], ['sex', sex], ['age', age]]),
    id: null, baselinePrediction: null, baselineScore: null, dropped: { rows: 0, reasons: {} },
  };
  const dataset: Dataset = { rows, columns: new Map<string, CategoryColumn>([['race', race], ['sex', sex], ['age', age], ['region', region]]) };
  return { roles, dataset };
}

/** The same values in new arrays and column objects: nothing cached for them yet. */
function copy(d: Data): Data {
  const col = (c: CategoryColumn): CategoryColumn => ({ ...c, codes: Int32Array.from(c.codes) });
  const sensitive = new Map([...d.roles.sensitive].map(([k, c]) => [k, col(c)]));
  const f = <T extends Float64Array | Uint8Array | null>(a: T): T => (a instanceof Uint8Array ? Uint8Array.from(a) : a ? Float64Array.from(a) : null) as T;
  const roles: Roles = { ...d.roles, label: f(d.roles.label), prediction: f(d.roles.prediction), score: f(d.roles.score), sensitive };
  const region = col(d.dataset.columns.get('region') as CategoryColumn);
  return { roles, dataset: { rows: d.dataset.rows, columns: new Map([...sensitive, ['region', region]]) } };
}

const GROUPINGS = [['race'], ['sex'], ['age'], ['race', 'sex', 'age'], ['age', 'region']];

function caches(d: Data): StatsCache[] {
  const cols = (names: string[]) => names.map((n) => (d.roles.sensitive.get(n) ?? d.dataset.columns.get(n)) as CategoryColumn);
  return [
    statsCacheFor(d.roles, null, 1),
    ...GROUPINGS.map((names) => {
      if (names.length === 1) {
        const g = columnGroups(cols(names)[0]!);
        return statsCacheFor(d.roles, g.codes, g.groups);
      }
      const g = buildGrouping(cols(names));
      return statsCacheFor(d.roles, g.codes, g.count);
    }),
  ];
}

const ALL: PrefetchPlan = {
  overall: { rank: true, scores: true, confusion: true },
  groupings: GROUPINGS.map((columns) => ({ columns, rank: true, scores: true, confusion: true })),
};

/** Numbers in a statistic (nested objects, arrays, typed arrays): the count compared. */
function sameBits(x: unknown, y: unknown, at: string): number {
  if (typeof y === 'number') {
    if (!Object.is(x, y)) throw new Error(`${at}: ${String(x)} vs ${y}`);
    return 1;
  }
  if (typeof y !== 'object' || y === null) {
    expect(x, at).toBe(y);
    return 0;
  }
  const xs = x as Record<string, unknown>;
  const ys = y as Record<string, unknown>;
  expect(Object.keys(xs), at).toEqual(Object.keys(ys));
  return Object.keys(ys).reduce((n, f) => n + sameBits(xs[f], ys[f], `${at} ${f}`), 0);
}

/** Every number of every group's statistic, compared with Object.is (−0 ≠ +0, NaN = NaN). */
function expectSameBits(got: StatsCache[], want: StatsCache[], needs: StatsNeed[]): void {
  expect(got.length).toBe(want.length);
  let compared = 0;
  got.forEach((c, k) => {
    for (const need of needs) {
      const a = c.get(need);
      const b = want[k]!.get(need);
      expect(a.length).toBe(b.length);
      a.forEach((s, g) => {
        compared += sameBits(s[need], b[g]![need], `cache ${k} ${need} group ${g}`);
      });
    }
  });
  expect(compared).toBeGreaterThan(100);
}

describe('rankGroupings (the worker computation)', () => {
  it.each(['random', 'ties', 'skew'] as const)('equals StatsCache.rank() bit for bit (%s data)', (kind) => {
    const d = data(11, 30_000, kind);
    const mine = caches(d);
    const ref = caches(copy(d));
    const job = { score: d.roles.score!, label: d.roles.label!, columns: mine[0]!.rankInputs().packed };
    // With label counts known for some groupings (confusion first), not for others.
    mine[1]!.get('confusion');
    mine[4]!.get('confusion');
    const stats = rankGroupings(job, mine.map((c) => ({ group: c.group, groups: c.groups, derivation: c.rankInputs().derivation })));
    mine.forEach((c, j) => c.put('rank', stats[j]!.map((rank) => ({ rank }))));
    expectSameBits(mine, ref, ['rank']);
  });
});

describe('prefetchStatistics', () => {
  it.each(['random', 'ties', 'skew'] as const)('with the built worker: the statistics the main thread computes (%s data)', async (kind) => {
    const d = data(5, 50_000, kind);
    const before = caches(d);
    expect(before.some((c) => c.has('rank'))).toBe(false);
    await prefetchStatistics(d.roles, d.dataset, ALL, { minRows: 0, workerUrl: WORKER });
    const mine = caches(d);
    // The caches the checks will look up are the ones filled, and the rank came from the worker.
    expect(mine).toEqual(before);
    for (const c of mine) for (const need of ['rank', 'scores', 'confusion'] as const) expect(c.has(need)).toBe(true);
    expectSameBits(mine, caches(copy(d)), ['rank', 'scores', 'confusion']);
  });

  it('below the row threshold nothing is computed ahead', async () => {
    const d = data(6, 5_000, 'random');
    await prefetchStatistics(d.roles, d.dataset, ALL, { minRows: 5_001, workerUrl: WORKER });
    for (const c of caches(d)) for (const need of ['rank', 'scores', 'confusion'] as const) expect(c.has(need)).toBe(false);
  });

  const dir = mkdtempSync(join(tmpdir(), 'mg-rank-worker-'));
  const worker = (name: string, source: string) => {
    const f = join(dir, name);
    writeFileSync(f, source);
    return pathToFileURL(f);
  };
  it.each([
    ['absent', pathToFileURL(join(dir, 'no-such-worker.js'))],
    ['throws on load', worker('throws.mjs', "throw new Error('boom');\n")],
    ['exits without a reply', worker('exits.mjs', "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', (m) => { if (m.kind === 'groupings') process.exit(3); });\n")],
    ['replies an error', worker('fails.mjs', "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', (m) => { if (m.kind === 'groupings') parentPort.postMessage({ ok: false, message: 'no' }); });\n")],
    ['replies too few results', worker('short.mjs', "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', (m) => { if (m.kind === 'groupings') parentPort.postMessage({ ok: true, stats: [] }); });\n")],
    ['silent (past the timeout)', worker('silent.mjs', "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => undefined);\n")],
  ])('a worker that is %s leaves the rank to the main thread, same numbers', async (_, url) => {
    const d = data(7, 20_000, 'ties');
    const t0 = performance.now();
    await prefetchStatistics(d.roles, d.dataset, ALL, { minRows: 0, workerUrl: url, timeoutMs: 1_500 });
    expect(performance.now() - t0).toBeLessThan(20_000);
    const mine = caches(d);
    for (const c of mine) expect(c.has('rank')).toBe(false);
    expectSameBits(mine, caches(copy(d)), ['rank', 'scores', 'confusion']);
  });
});

describe('prefetchPlan', () => {
  const planned = (id: string, options: unknown) => ({ def: { id }, options });
  it('the bench policy: overall, each sensitive column for the metrics block, their intersection for MG301/MG302', () => {
    const plan = prefetchPlan([
      planned('MG101', {}), planned('MG201', { metric: 'auc' }), planned('MG203', { per_group: true }),
      planned('MG301', { metric: 'demographic_parity_difference' }), planned('MG301', { metric: 'equalized_odds_difference' }),
      planned('MG302', { metric: 'auc' }),
    ], ['race', 'sex'], 'binary_classification');
    expect(plan.overall).toEqual({ rank: true, scores: true, confusion: true });
    expect(plan.groupings).toEqual([
      { columns: ['race'], rank: true, scores: true, confusion: true },
      { columns: ['sex'], rank: true, scores: true, confusion: true },
      { columns: ['race', 'sex'], rank: true, scores: false, confusion: true },
    ]);
  });

  it('which checks wait for the rank worker: the metrics block and rank metrics only', () => {
    const waits = (id: string, options: unknown) => mayNeedRank(planned(id, options), ['race'], 'binary_classification');
    expect(waits('MG201', { metric: 'recall' })).toBe(true); // attaches the metrics block (auc, pr_auc)
    expect(waits('MG203', {})).toBe(true);
    expect(waits('MG204', {})).toBe(true); // default metric auc
    expect(waits('MG204', { metric: 'accuracy' })).toBe(false);
    expect(waits('MG202', { metric: 'pr_auc' })).toBe(true);
    expect(waits('MG301', { metric: 'equalized_odds_difference' })).toBe(false);
    expect(waits('MG301', { group_metric: 'auc', aggregate: 'difference' })).toBe(true);
    expect(waits('MG302', { metric: 'auc' })).toBe(true);
    expect(waits('MG302', { metric: 'recall' })).toBe(false);
    for (const id of ['MG101', 'MG102', 'MG401', 'MG403', 'MG501']) expect(waits(id, {})).toBe(false);
  });

  it('no rank metric, no rank; a check-level sensitive list is its own grouping', () => {
    const plan = prefetchPlan([
      planned('MG202', { metric: 'recall' }),
      planned('MG301', { metric: 'demographic_parity_difference', sensitive: ['age'] }),
    ], ['race'], 'binary_classification');
    expect(plan.overall).toEqual({ rank: false, scores: false, confusion: true });
    expect(plan.groupings).toEqual([{ columns: ['age'], rank: false, scores: false, confusion: true }]);
  });
});
