/**
 * Named fairness metrics (Fairlearn definitions, DESIGN §5) from per-group confusion counts, and a
 * seeded bootstrap interval for them.
 *   demographic_parity_* : selection rate        equal_opportunity_* : TPR
 *   equalized_odds_difference = max(D_TPR, D_FPR);  equalized_odds_ratio = min(R_TPR, R_FPR)
 *   disparate_impact_ratio = min SR / max SR (the four-fifths rule; always between groups)
 */
import type { Confusion, MetricValue, StatsInterval } from './types.js';
import { mergeConfusions } from './counts.js';
import { fpr, recall, selectionRate } from './metrics-binary.js';
import { disparity, type AggregateValue, type AggregationMethod, type Disparity, type ReferenceSpec } from './fairness.js';
import { qCmp } from './exact.js';
import { DEFAULT_LEVEL, DEFAULT_REPLICATES, percentileInterval } from './intervals.js';
import { Rng } from './random.js';

export const FAIRNESS_METRICS = [
  'demographic_parity_difference', 'demographic_parity_ratio',
  'equalized_odds_difference', 'equalized_odds_ratio',
  'equal_opportunity_difference', 'equal_opportunity_ratio',
  'disparate_impact_ratio',
] as const;
export type FairnessMetricName = (typeof FAIRNESS_METRICS)[number];

export interface GroupCounts {
  key: string;
  confusion: Confusion;
}

export interface FairnessOptions {
  method?: AggregationMethod;
  reference?: ReferenceSpec;
}

export interface FairnessResult extends AggregateValue {
  name: FairnessMetricName;
  aggregate: 'difference' | 'ratio';
  /** The base rate(s) the metric compares, per group, and the disparity detail. */
  parts: { metric: 'selection_rate' | 'tpr' | 'fpr'; detail: Disparity; groupValues: MetricValue[] }[];
  /** For equalized odds: which of TPR/FPR gave the worst case. */
  decidedBy: 'selection_rate' | 'tpr' | 'fpr';
}

const RATE = { selection_rate: selectionRate, tpr: recall, fpr } as const;

function partsFor(name: FairnessMetricName): ('selection_rate' | 'tpr' | 'fpr')[] {
  if (name.startsWith('demographic_parity') || name === 'disparate_impact_ratio') return ['selection_rate'];
  if (name.startsWith('equal_opportunity')) return ['tpr'];
  return ['tpr', 'fpr'];
}

/** Larger of two aggregate values (difference: worst case is the max; ratio: the min). */
function worse(a: AggregateValue, b: AggregateValue, kind: 'difference' | 'ratio'): 0 | 1 {
  if (a.value === null) return 0; // an undefined part makes the whole undefined
  if (b.value === null) return 1;
  const c = a.exact && b.exact ? qCmp(a.exact, b.exact) : a.value - b.value;
  if (kind === 'difference') return c >= 0 ? 0 : 1;
  return c <= 0 ? 0 : 1;
}

export function fairnessMetric(name: FairnessMetricName, groups: GroupCounts[], opts: FairnessOptions = {}): FairnessResult {
  const kind = name.endsWith('_ratio') ? 'ratio' : 'difference';
  const method = name === 'disparate_impact_ratio' ? 'between_groups' : (opts.method ?? 'between_groups');
  const overall = mergeConfusions(groups.map((g) => g.confusion));
  const n = (c: Confusion) => c.tp + c.fp + c.tn + c.fn;
  const parts = partsFor(name).map((metric) => {
    const groupValues = groups.map((g) => RATE[metric](g.confusion));
    const detail = disparity(
      groups.map((g, i) => ({ key: g.key, n: n(g.confusion), value: groupValues[i]! })),
      RATE[metric](overall), method, opts.reference ?? 'majority',
    );
    return { metric, detail, groupValues };
  });
  let pick = 0;
  if (parts.length === 2) pick = worse(parts[0]!.detail[kind], parts[1]!.detail[kind], kind);
  const chosen = parts[pick]!;
  return { ...chosen.detail[kind], name, aggregate: kind, parts, decidedBy: chosen.metric };
}

/**
 * Percentile bootstrap interval of a fairness metric: every replicate redraws each group's four
 * cells from Multinomial(n_g, observed proportions) with that group's own generator, seeded by
 * `${seed}|${group key}`, so the interval does not depend on group order; the overall counts are
 * the sum of the redrawn groups. The bootstrap of a max − min (or min/max) is biased when groups
 * are tied or nearly tied at the extreme (the max of noisy equals overshoots): treat it as
 * approximate there.
 */
export function fairnessInterval(
  name: FairnessMetricName,
  groups: GroupCounts[],
  opts: FairnessOptions & { seed: string; level?: number; replicates?: number },
): StatsInterval {
  const level = opts.level ?? DEFAULT_LEVEL;
  const reps = opts.replicates ?? DEFAULT_REPLICATES;
  const rngs = groups.map((g) => new Rng(`${opts.seed}|${g.key}`));
  const probs = groups.map(({ confusion: c }) => {
    const n = c.tn + c.fp + c.fn + c.tp;
    return n === 0 ? [0, 0, 0, 1] : [c.tn / n, c.fp / n, c.fn / n, c.tp / n];
  });
  const draw = new Float64Array(4);
  const values: (number | null)[] = [];
  for (let r = 0; r < reps; r++) {
    const sample = groups.map((g, i) => {
      const c = g.confusion;
      const n = c.tn + c.fp + c.fn + c.tp;
      const d = rngs[i]!.multinomial(n, probs[i]!, draw);
      return { key: g.key, confusion: { tn: d[0]!, fp: d[1]!, fn: d[2]!, tp: d[3]! } };
    });
    values.push(fairnessMetric(name, sample, opts).value);
  }
  return percentileInterval(values, level);
}
