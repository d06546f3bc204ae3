/**
 * Paired comparison of the candidate and a baseline model scored on the same holdout rows
 * (`baseline_prediction` / `baseline_score` columns). The drop is oriented so that positive means
 * worse: baseline − candidate for a higher-is-better metric, candidate − baseline otherwise.
 *   Correctness rates (accuracy, recall, specificity, fpr, fnr, per-class recall): exact McNemar
 *   p-value on the discordant rows of the metric's denominator, and the paired normal interval of
 *   the difference (src/stats/paired.ts).
 *   Binary count metrics (precision, f1, ...): bootstrap over the 8 joint cells (label × candidate
 *   prediction × baseline prediction) — the same as resampling rows, without touching them.
 *   Everything else (auc, log_loss, regression, multiclass f1): paired bootstrap over rows, both
 *   models evaluated on the same resampled rows so their correlation is kept.
 * The relative drop (drop / |baseline|) always takes its interval from the bootstrap.
 */
import {
  bootstrapCounts, mcnemar, pairedBootstrap, percentileInterval, rankStatsFromBlocks, rational, sortOrder,
  type Confusion, type MetricDef, type Rational, type StatsInterval,
} from '../../stats/index.js';
import type { Interval } from '../../report/model.js';
import { estimateGroups, type MetricEstimate } from '../shared/evaluate.js';
import { StatsCache } from '../shared/stats-cache.js';
import type { Roles } from '../types.js';

export interface DropEstimate {
  value: number | null;
  interval: Interval | null;
  exact?: { num: bigint; den: bigint };
}

export interface PairedResult {
  candidate: MetricEstimate;
  baseline: MetricEstimate;
  drop: DropEstimate;
  relativeDrop: DropEstimate;
  method: 'mcnemar' | 'bootstrap';
  mcnemar?: { pValue: number; baselineOnly: number; candidateOnly: number; n: number };
}

export interface PairedInput {
  metric: string;
  def: MetricDef;
  roles: Roles;
  baseline: Roles;
  higherIsBetter: boolean;
  level: number;
  seedKey: string;
  replicates: number;
}

/** The baseline model's outputs as Roles; a binary baseline prediction is derived from its score if absent. */
export function baselineRoles(roles: Roles, threshold: number): Roles {
  let prediction = roles.baselinePrediction;
  if (prediction === null && roles.baselineScore !== null) {
    prediction = Uint8Array.from(roles.baselineScore, (s) => (s >= threshold ? 1 : 0));
  }
  return { ...roles, prediction, score: roles.baselineScore };
}

/** Rows of the metric's denominator and whether the metric counts correct rows or errors. */
function correctness(metric: string, roles: Roles): { subset: (y: number) => boolean; errorRate: boolean } | null {
  const classRecall = /^recall:(.+)$/.exec(metric);
  if (classRecall) {
    const k = roles.classes?.indexOf(classRecall[1]!) ?? -1;
    return k < 0 ? null : { subset: (y) => y === k, errorRate: false };
  }
  switch (metric) {
    case 'accuracy': return { subset: () => true, errorRate: false };
    case 'recall': return { subset: (y) => y === 1, errorRate: false };
    case 'fnr': return { subset: (y) => y === 1, errorRate: true };
    case 'specificity': return { subset: (y) => y === 0, errorRate: false };
    case 'fpr': return { subset: (y) => y === 0, errorRate: true };
    default: return null;
  }
}

const toInterval = (s: StatsInterval): Interval | null =>
  s.lower === null || s.upper === null ? null : { lower: s.lower, upper: s.upper, level: s.level, method: s.method };

function exactOf(e: MetricEstimate): Rational | null {
  return e.exact ? rational(e.exact.num, e.exact.den) : null;
}

export function pairedComparison(p: PairedInput): PairedResult {
  const { roles, baseline, level } = p;
  const est = (r: Roles) => estimateGroups(p.metric, new StatsCache(r, null, 1), { level, seedKey: p.seedKey })[0]!;
  const candidate = est(roles);
  const base = est(baseline);
  const sign = p.higherIsBetter ? 1 : -1;
  const dropOf = (c: number | null, b: number | null) => (c === null || b === null ? null : sign * (b - c));
  const relOf = (c: number | null, b: number | null) => (c === null || b === null || b === 0 ? null : (sign * (b - c)) / Math.abs(b));
  const drop: DropEstimate = { value: dropOf(candidate.value, base.value), interval: null };
  const relativeDrop: DropEstimate = { value: relOf(candidate.value, base.value), interval: null };
  const qc = exactOf(candidate);
  const qb = exactOf(base);
  if (qc && qb) {
    const d = rational(BigInt(sign) * (qb.num * qc.den - qc.num * qb.den), qb.den * qc.den);
    drop.exact = d;
    if (qb.num !== 0n) relativeDrop.exact = rational(d.num * qb.den, d.den * (qb.num < 0n ? -qb.num : qb.num));
  }
  const result: PairedResult = { candidate, baseline: base, drop, relativeDrop, method: 'bootstrap' };
  if (drop.value === null) return result;

  const rel: (number | null)[] = [];
  const statistic = (c: number | null, b: number | null) => {
    rel.push(relOf(c, b));
    return dropOf(c, b);
  };
  const opts = { level, seed: `${p.seedKey}|paired`, replicates: p.replicates };
  const iv = p.def.needs === 'confusion' ? jointCountBootstrap(p, statistic, opts) : rowBootstrap(p, statistic, opts);
  drop.interval = toInterval(iv);
  relativeDrop.interval = relativeDrop.value === null ? null : toInterval(percentileInterval(rel, level));

  const c = roles.label !== null ? correctness(p.metric, roles) : null;
  if (c) {
    const y = roles.label!;
    const cand: number[] = [];
    const prev: number[] = [];
    for (let i = 0; i < roles.rows; i++) {
      if (!c.subset(y[i]!)) continue;
      cand.push(roles.prediction![i] === y[i] ? 1 : 0);
      prev.push(baseline.prediction![i] === y[i] ? 1 : 0);
    }
    const m = mcnemar(Uint8Array.from(cand), Uint8Array.from(prev), level);
    result.method = 'mcnemar';
    result.mcnemar = { pValue: m.pValue, baselineOnly: m.baselineOnly, candidateOnly: m.candidateOnly, n: m.n };
    const d = toInterval(m.interval);
    // McNemar's interval is of (candidate − baseline) correctness; flip it onto the drop scale.
    const metricSign = c.errorRate ? -1 : 1;
    if (d && d.lower !== null && d.upper !== null) {
      const ends = [-sign * metricSign * d.lower, -sign * metricSign * d.upper].sort((a, b) => a - b);
      drop.interval = { ...d, lower: ends[0]!, upper: ends[1]! };
    }
  }
  return result;
}

type Statistic = (candidate: number | null, baseline: number | null) => number | null;
interface BootOpts { level: number; seed: string; replicates: number }

/** Binary confusion metrics: resample the 8 (label, candidate, baseline) cells multinomially. */
function jointCountBootstrap(p: PairedInput, stat: Statistic, opts: BootOpts): StatsInterval {
  const y = p.roles.label!;
  const cp = p.roles.prediction!;
  const bp = p.baseline.prediction!;
  const cells = new Float64Array(8);
  for (let i = 0; i < y.length; i++) cells[4 * y[i]! + 2 * cp[i]! + bp[i]!]!++;
  const confusion = (d: Float64Array, which: 'c' | 'b'): Confusion => {
    const at = (label: number, pred: number) =>
      which === 'c' ? d[4 * label + 2 * pred]! + d[4 * label + 2 * pred + 1]! : d[4 * label + pred]! + d[4 * label + 2 + pred]!;
    return { tn: at(0, 0), fp: at(0, 1), fn: at(1, 0), tp: at(1, 1) };
  };
  return bootstrapCounts(cells, (d) => stat(
    p.def.compute({ confusion: confusion(d, 'c') }).value,
    p.def.compute({ confusion: confusion(d, 'b') }).value,
  ), opts);
}

/** Other metrics: resample rows; rank metrics gather the rows in score order so nothing is re-sorted. */
function rowBootstrap(p: PairedInput, stat: Statistic, opts: BootOpts): StatsInterval {
  const n = p.roles.rows;
  const rank = p.def.needs === 'rank';
  const sides = [p.roles, p.baseline].map((r) => ({ roles: r, order: rank ? sortOrder(r.score!) : null, buf: buffers(r, n) }));
  const weight = new Uint32Array(n);
  return pairedBootstrap(n, (rows) => {
    weight.fill(0);
    for (let k = 0; k < n; k++) weight[rows[k]!]!++;
    const values = sides.map((s) => {
      const sub = gather(s.roles, s.buf, weight, s.order);
      if (rank) return p.def.compute({ rank: sortedBlocks(sub.score!, sub.label!) }).value;
      return p.def.compute(new StatsCache(sub, null, 1).get(p.def.needs)[0]!).value;
    });
    return stat(values[0]!, values[1]!);
  }, opts);
}

/** Tie blocks (positives, negatives per distinct score) of rows already in ascending score order. */
function sortedBlocks(score: Float64Array, label: Float64Array | Uint8Array) {
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < score.length; i++) {
    if (i === 0 || score[i] !== score[i - 1]) {
      pos.push(0);
      neg.push(0);
    }
    if (label[i] === 1) pos[pos.length - 1]!++;
    else neg[neg.length - 1]!++;
  }
  return rankStatsFromBlocks(pos, neg);
}

interface Buffers { label: Float64Array | Uint8Array; prediction: Float64Array | Uint8Array | null; score: Float64Array | null }

/** Resample buffers of the roles' own array types (binary 0/1 bytes stay bytes: the kernels see one type). */
function buffers(r: Roles, n: number): Buffers {
  const like = (a: Float64Array | Uint8Array | null) => (a instanceof Uint8Array ? new Uint8Array(n) : new Float64Array(n));
  return {
    label: like(r.label),
    prediction: r.prediction ? like(r.prediction) : null,
    score: r.score ? new Float64Array(n) : null,
  };
}

/** Rows repeated by their bootstrap weight, in `order` when given (ascending score). */
function gather(r: Roles, b: Buffers, weight: Uint32Array, order: Uint32Array | null): Roles {
  let j = 0;
  for (let k = 0; k < weight.length; k++) {
    const i = order ? order[k]! : k;
    for (let w = weight[i]!; w > 0; w--, j++) {
      b.label[j] = r.label![i]!;
      if (b.prediction) b.prediction[j] = r.prediction![i]!;
      if (b.score) b.score[j] = r.score![i]!;
    }
  }
  return { ...r, label: b.label, prediction: b.prediction, score: b.score };
}
