/**
 * Statistics the checks will ask for, computed before they run so the second core works too: the
 * rank statistics (packed radix sort + one pass per grouping, ~2 s at 10M rows) on a worker thread,
 * while this thread builds the groupings' codes, their confusion counts and score sums. Results go
 * into the run's shared StatsCaches (checks/shared/stats-cache.ts), where every check finds them; the
 * worker makes the same calls on the same values as StatsCache.rank(), so the numbers are the same.
 *
 * Only for enough rows to pay for the worker (start-up ~30-60 ms). Anything that goes wrong here
 * (the worker cannot start, fails, exits) leaves the caches to the checks' own main-thread path.
 */
import { Worker } from 'node:worker_threads';
import type { CategoryColumn, Dataset } from '../data/dataset.js';
import type { Roles } from '../checks/types.js';
import { columnGroups } from '../checks/performance/groups.js';
import { prefetchStats, statsCacheFor, type StatsCache } from '../checks/shared/stats-cache.js';
import { buildGrouping } from '../checks/shared/grouping.js';
import type { RankJobGrouping } from '../stats/rank-worker-job.js';
import type { RankWorkerReply, RankWorkerRequest } from '../stats/rank-worker.js';
import type { RankGroupStats } from '../stats/rank.js';
import { RANK_WORKER_ROWS, type PrefetchPlan } from './prefetch-plan.js';

export const RANK_WORKER_URL = new URL('../stats/rank-worker.js', import.meta.url);

export interface PrefetchOptions {
  minRows?: number;
  workerUrl?: URL;
  /** A worker started during the scan (warmRankWorker), used instead of a new one when alive. */
  warm?: WarmWorker | null;
  /** Give up on the worker after this long (default: 60 s + 10 µs per row); the checks then compute. */
  timeoutMs?: number;
}

type Shareable = Float64Array | Int32Array | Uint16Array | Uint8Array;

/** An array the worker can read without a copy: the same one when already shared, else a shared copy. */
function shared<T extends Shareable>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const Ctor = a.constructor as new (b: SharedArrayBuffer) => T;
  const out = new Ctor(new SharedArrayBuffer(a.byteLength));
  out.set(a);
  return out;
}

/** A started rank worker; `result` never rejects (null: compute on this thread). */
interface RankWorker {
  send(groupings: RankJobGrouping[]): void;
  result: Promise<RankGroupStats[][] | null>;
  stop(): void;
}

/**
 * A rank worker started ahead (during the scan), so its thread and module load are off the path
 * from the scan's end to the rank statistics. Unreferenced until used: an unused one never holds
 * the process; whoever started it ends it with `stop` if startPrefetch does not take it.
 */
export interface WarmWorker {
  readonly worker: Worker;
  /** The worker failed or exited before it was used. */
  gone: boolean;
  stop(): void;
}

export function warmRankWorker(url: URL = RANK_WORKER_URL): WarmWorker | null {
  try {
    const worker = new Worker(url);
    const warm: WarmWorker = { worker, gone: false, stop: () => void worker.terminate() };
    // Listeners at once: an 'error' event without one would be thrown.
    worker.on('error', () => (warm.gone = true));
    worker.once('exit', () => (warm.gone = true));
    worker.unref();
    return warm;
  } catch {
    return null;
  }
}

function startWorker(url: URL, roles: Roles, columns: Int32Array[], timeoutMs: number, warm: WarmWorker | null): RankWorker | null {
  let worker: Worker;
  const reused = warm !== null && !warm.gone;
  if (reused) {
    worker = warm.worker;
    worker.ref();
  } else {
    warm?.stop();
    try {
      worker = new Worker(url);
    } catch {
      return null;
    }
  }
  const result = new Promise<RankGroupStats[][] | null>((resolve) => {
    worker.once('message', (m: RankWorkerReply) => resolve(m.ok ? m.stats : null));
    worker.on('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
    // A warm worker that died before these listeners: its events are past.
    if (reused && warm.gone) resolve(null);
    // A worker that never answers must not hold the run: the main thread takes over.
    setTimeout(() => resolve(null), timeoutMs).unref();
  });
  const post = (m: RankWorkerRequest) => worker.postMessage(m);
  try {
    post({ kind: 'job', job: { score: shared(roles.score!), label: shared(roles.label!), columns: columns.map(shared) } });
  } catch {
    void worker.terminate();
    return null;
  }
  return {
    send: (groupings) => post({ kind: 'groupings', groupings }),
    result,
    stop: () => void worker.terminate(),
  };
}

function columnsOf(names: readonly string[], roles: Roles, dataset: Dataset): CategoryColumn[] | null {
  const cols: CategoryColumn[] = [];
  for (const name of names) {
    // As the fairness checks resolve them (fairness/context.ts groupingOf).
    const col = roles.sensitive.get(name) ?? dataset.columns.get(name);
    if (col === undefined || col.kind !== 'category') return null;
    cols.push(col as CategoryColumn);
  }
  return cols;
}

/** The grouping's cache as the checks will look it up (a single column: the metrics block's view). */
function cacheOf(cols: CategoryColumn[], roles: Roles): StatsCache {
  if (cols.length === 1) {
    const g = columnGroups(cols[0]!);
    return statsCacheFor(roles, g.codes, g.groups);
  }
  const g = buildGrouping(cols);
  return statsCacheFor(roles, g.codes, g.count);
}

/**
 * Starts the rank worker and does this thread's share before returning; the promise settles (never
 * rejects) once the worker's statistics are in the caches or given up. Null, with nothing done,
 * when it does not pay: too few rows, no rank statistic planned, not a binary task with scores.
 */
export function startPrefetch(roles: Roles, dataset: Dataset, plan: PrefetchPlan, opts: PrefetchOptions = {}): Promise<void> | null {
  const { label, score } = roles;
  if (roles.task !== 'binary_classification' || label === null || score === null) return null;
  if (roles.rows < (opts.minRows ?? RANK_WORKER_ROWS)) return null;
  if (!plan.overall.rank && !plan.groupings.some((g) => g.rank)) return null;
  const overall = statsCacheFor(roles, null, 1);
  if (overall.has('rank')) return null;
  const timeout = opts.timeoutMs ?? 60_000 + roles.rows / 100;
  const worker = startWorker(opts.workerUrl ?? RANK_WORKER_URL, roles, overall.rankInputs().packed, timeout, opts.warm ?? null);
  if (worker === null) return null;
  return share(roles, dataset, plan, overall, worker);
}

/** startPrefetch, awaited (tests). */
export async function prefetchStatistics(roles: Roles, dataset: Dataset, plan: PrefetchPlan, opts: PrefetchOptions = {}): Promise<void> {
  await startPrefetch(roles, dataset, plan, opts);
}

async function share(roles: Roles, dataset: Dataset, plan: PrefetchPlan, overall: StatsCache, worker: RankWorker): Promise<void> {
  try {
    // Meanwhile (the worker sorts): group codes and confusion counts, which also give the
    // worker each grouping's label counts (no counting pass there).
    const groups = plan.groupings.flatMap((w) => {
      const cols = columnsOf(w.columns, roles, dataset);
      return cols ? [{ w, cache: cacheOf(cols, roles) }] : [];
    });
    if (roles.prediction !== null) {
      const counted = [...(plan.overall.confusion ? [overall] : []), ...groups.filter((g) => g.w.confusion).map((g) => g.cache)];
      prefetchStats('confusion', counted.filter((c, k, all) => all.indexOf(c) === k));
      if (plan.overall.confusion) overall.get('confusion');
      for (const { w, cache } of groups) if (w.confusion) cache.get('confusion');
    }
    const ranked = [overall, ...groups.filter((g) => g.w.rank).map((g) => g.cache)].filter((c, k, all) => all.indexOf(c) === k);
    worker.send(ranked.map((c) => ({ group: c.group === null ? null : shared(c.group), groups: c.groups, derivation: c.rankInputs().derivation })));
    const scored = [...(plan.overall.scores ? [overall] : []), ...groups.filter((g) => g.w.scores).map((g) => g.cache)];
    prefetchStats('scores', scored.filter((c, k, all) => all.indexOf(c) === k));
    const stats = await worker.result;
    if (stats === null || stats.length !== ranked.length) return;
    ranked.forEach((c, j) => {
      if (!c.has('rank') && stats[j]!.length === c.groups) c.put('rank', stats[j]!.map((rank) => ({ rank })));
    });
  } catch {
    // Only a head start: the checks compute whatever is missing (and meet any error) themselves.
  } finally {
    worker.stop();
  }
}
