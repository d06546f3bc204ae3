/**
 * MG301's gate bootstrap as it was before it skipped the overall value for gates that do not use
 * it and kept replicates in a typed array (commit 8e969ec, src/checks/fairness/bootstrap.ts),
 * verbatim but for the name and import paths: the reference the current gateInterval must match.
 */
import type { Task } from '../../../src/config/types.js';
import type { Interval } from '../../../src/report/model.js';
import {
  DEFAULT_REPLICATES, percentileInterval, Rng,
  type GroupStats, type MetricValue, type ReferenceSpec,
} from '../../../src/stats/index.js';
import { metricDefinition } from '../../../src/checks/shared/evaluate.js';
import { gateValue, type PartInput } from '../../../src/checks/fairness/aggregate.js';
import type { GroupEvaluation } from '../../../src/checks/fairness/group-stats.js';
import type { GateSpec } from '../../../src/checks/fairness/options.js';

interface GateInterval {
  interval: Interval | null;
  reason?: string;
}

const doubleOnly = (v: MetricValue): MetricValue => ({ value: v.value });

export function oldGateInterval(
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
  const total = new Float64Array(observed[0]?.length ?? 4);
  const judgedIndex = ev.judged.map((g) => drawn.indexOf(g));

  const values: (number | null)[] = [];
  const reps = opts.replicates ?? DEFAULT_REPLICATES;
  for (let r = 0; r < reps; r++) {
    total.fill(0);
    for (let k = 0; k < drawn.length; k++) {
      rngs[k]!.multinomial(drawn[k]!.n, probs[k]!, draws[k]!);
      for (let c = 0; c < total.length; c++) total[c]! += draws[k]![c]!;
    }
    const inputs: PartInput[] = defs.map((def) => ({
      overall: doubleOnly(def!.compute(statsOf(total))),
      groups: ev.judged.map((g, j) => ({ key: g.subject, n: g.n, value: doubleOnly(def!.compute(statsOf(draws[judgedIndex[j]!]!))) })),
    }));
    values.push(gateValue(spec, inputs, reference).value);
  }
  const iv = percentileInterval(values, opts.level);
  if (iv.lower === null || iv.upper === null) return { interval: null, reason: iv.reason ?? 'bootstrap interval undefined' };
  const interval: Interval = { lower: iv.lower, upper: iv.upper, level: iv.level, method: 'bootstrap' };
  return iv.reason !== undefined ? { interval, reason: iv.reason } : { interval };
}
