/**
 * Interval of a disparity by bootstrap over per-group counts (DESIGN §5): every replicate redraws
 * each group's confusion cells from Multinomial(n_g, observed proportions) with the group's own
 * generator, seeded `<seed>|<group subject>`, so the interval depends neither on row order nor on
 * group order; the overall value is the sum of the redrawn groups. The bootstrap of a max − min
 * (or min / max) is approximate when groups are tied or nearly tied at the extreme: the maximum of
 * noisy equals overshoots. Metrics that are not functions of counts (AUC, losses, regression
 * errors) get no disparity interval here; the gate is then decided on its estimate.
 */
import type { Task } from '../../config/types.js';
import type { Interval } from '../../report/model.js';
import {
  DEFAULT_REPLICATES, percentileOfReplicates, Rng,
  type GroupStats, type MetricValue, type ReferenceSpec,
} from '../../stats/index.js';
import { metricDefinition } from '../shared/evaluate.js';
import { gateValue, type PartInput } from './aggregate.js';
import type { GroupEvaluation } from './group-stats.js';
import type { GateSpec } from './options.js';

export interface GateInterval {
  interval: Interval | null;
  reason?: string;
}

const doubleOnly = (v: MetricValue): MetricValue => ({ value: v.value });
const NOT_DRAWN: MetricValue = { value: null, reason: 'overall not drawn (not a to_overall gate)' };

export function gateInterval(
  spec: GateSpec,
  ev: GroupEvaluation,
  task: Task,
  classes: readonly string[] | null,
  reference: ReferenceSpec,
  opts: { level: number; seed: string; replicates?: number },
): GateInterval {
  const defs = ev.parts.map((p) => metricDefinition(p, task, classes));
  const bad = ev.parts.find((_, i) => defs[i] === undefined || (defs[i]!.needs !== 'confusion' && defs[i]!.needs !== 'matrix'));
  if (bad !== undefined) return { interval: null, reason: `${bad} is not a function of counts: no bootstrap interval for its disparity` };
  const need = defs[0]!.needs as 'confusion' | 'matrix';
  const stats = ev.cache.get(need);
  const cellsOf = (s: GroupStats): Float64Array => {
    if (need === 'matrix') return s.matrix!.cells;
    const c = s.confusion!;
    return Float64Array.from([c.tn, c.fp, c.fn, c.tp]);
  };
  const statsOf = (cells: Float64Array): GroupStats => need === 'matrix'
    ? { matrix: { classes: Math.round(Math.sqrt(cells.length)), cells } }
    : { confusion: { tn: cells[0]!, fp: cells[1]!, fn: cells[2]!, tp: cells[3]! } };

  // Only to_overall needs the groups that are not judged: they are part of the overall value.
  const drawn = spec.method === 'to_overall' ? ev.groups : ev.judged;
  const observed = drawn.map((g) => cellsOf(stats[g.code]!));
  const probs = observed.map((cells, k) => Float64Array.from(cells, (c) => (drawn[k]!.n === 0 ? 0 : c / drawn[k]!.n)));
  const rngs = drawn.map((g) => new Rng(`${opts.seed}|${g.subject}`));
  const draws = observed.map((cells) => new Float64Array(cells.length));
  const judgedIndex = ev.judged.map((g) => drawn.indexOf(g));
  // disparity() reads the overall value only for to_overall: other gates neither sum nor evaluate it.
  const total = spec.method === 'to_overall' ? new Float64Array(observed[0]?.length ?? 4) : null;

  const reps = opts.replicates ?? DEFAULT_REPLICATES;
  // One slot per replicate (NaN when the gate is undefined), as percentileInterval would collect them.
  const values = new Float64Array(reps > 0 ? Math.ceil(reps) : 0);
  for (let r = 0; r < values.length; r++) {
    for (let k = 0; k < drawn.length; k++) rngs[k]!.multinomial(drawn[k]!.n, probs[k]!, draws[k]!);
    if (total !== null) {
      total.fill(0);
      for (let k = 0; k < drawn.length; k++) for (let c = 0; c < total.length; c++) total[c]! += draws[k]![c]!;
    }
    const groupStats = judgedIndex.map((k) => statsOf(draws[k]!));
    const totalStats = total === null ? null : statsOf(total);
    const inputs: PartInput[] = defs.map((def) => ({
      overall: totalStats === null ? NOT_DRAWN : doubleOnly(def!.compute(totalStats)),
      groups: ev.judged.map((g, j) => ({ key: g.subject, n: g.n, value: doubleOnly(def!.compute(groupStats[j]!)) })),
    }));
    values[r] = gateValue(spec, inputs, reference).value ?? Number.NaN;
  }
  const iv = percentileOfReplicates(values, opts.level);
  if (iv.lower === null || iv.upper === null) return { interval: null, reason: iv.reason ?? 'bootstrap interval undefined' };
  const interval: Interval = { lower: iv.lower, upper: iv.upper, level: iv.level, method: 'bootstrap' };
  return iv.reason !== undefined ? { interval, reason: iv.reason } : { interval };
}
