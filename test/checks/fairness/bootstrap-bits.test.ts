/**
 * The gate bootstrap against the code it replaced (bootstrap-old.ts, verbatim): the same interval
 * bits (Object.is) or the same reason, for every aggregation method and aggregate, one and two
 * parts, 2x2 counts and a multiclass matrix, groups that are empty, tiny, insufficient or waived,
 * and replicates where the gate is undefined.
 */
import { describe, expect, it } from 'vitest';
import { gateInterval } from '../../../src/checks/fairness/bootstrap.js';
import type { GroupEval, GroupEvaluation, GroupState } from '../../../src/checks/fairness/group-stats.js';
import type { GateSpec } from '../../../src/checks/fairness/options.js';
import type { StatsCache } from '../../../src/checks/shared/stats-cache.js';
import type { Task } from '../../../src/config/types.js';
import type { AggregationMethod, GroupStats, ReferenceSpec } from '../../../src/stats/index.js';
import { rng } from '../../support/rng.js';
import { bitDiffs } from '../../support/same-bits.js';
import { oldGateInterval } from './bootstrap-old.js';

interface Group {
  cells: number[];
  state: GroupState;
}

function evaluation(groups: Group[], parts: string[], matrix: boolean): GroupEvaluation {
  const stats: GroupStats[] = groups.map(({ cells: c }) => matrix
    ? { matrix: { classes: Math.round(Math.sqrt(c.length)), cells: Float64Array.from(c) } }
    : { confusion: { tn: c[0]!, fp: c[1]!, fn: c[2]!, tp: c[3]! } });
  const evals: GroupEval[] = groups.map((g, code) => ({
    code, subject: `g=${code}`, key: { g: String(code) }, n: g.cells.reduce((s, x) => s + x, 0),
    positives: null, negatives: null, values: [], state: g.state,
  }));
  const cache = { get: () => stats } as unknown as StatsCache;
  return { parts, overall: [], groups: evals, judged: evals.filter((g) => g.state === 'judged'), level: 0.95, simultaneous: false, cache };
}

const METHODS: AggregationMethod[] = ['between_groups', 'to_overall', 'to_reference'];
const REFERENCES: ReferenceSpec[] = ['majority', 'max', 'min', { group: 'g=1' }];
const PARTS: [string[], Task, boolean][] = [
  [['selection_rate'], 'binary_classification', false],
  [['tpr', 'fpr'], 'binary_classification', false],
  [['f1'], 'binary_classification', false],
  [['precision'], 'binary_classification', false],
  [['macro_f1'], 'multiclass_classification', true],
  [['auc'], 'binary_classification', false],
];

function randomGroups(r: () => number, cellsPerGroup: number, count: number): Group[] {
  return Array.from({ length: count }, (_, k) => {
    const size = [0, 3, 40, 5000, 250000][Math.floor(r() * 5)]!;
    const cells = Array.from({ length: cellsPerGroup }, () => (r() < 0.15 ? 0 : r()));
    const total = cells.reduce((s, x) => s + x, 0) || 1;
    const counts = cells.map((c) => Math.round((c / total) * size));
    const state: GroupState = k < 2 ? 'judged' : (['judged', 'judged', 'insufficient', 'waived'] as const)[Math.floor(r() * 4)]!;
    return { cells: counts, state };
  });
}

describe('gateInterval equals the previous bootstrap bit for bit', () => {
  let trial = 0;
  const outcomes = { interval: 0, none: 0 };
  for (const [parts, task, matrix] of PARTS) {
    for (const method of METHODS) {
      for (const aggregate of ['difference', 'ratio'] as const) {
        const t = trial++;
        it(`${parts.join('+')} ${aggregate} ${method}`, () => {
          const r = rng(500 + t);
          const spec: GateSpec = { metric: 'm', named: null, parts, aggregate, method, reference: 'majority' };
          const classes = matrix ? ['a', 'b', 'c'] : null;
          for (let round = 0; round < 4; round++) {
            const ev = evaluation(randomGroups(r, matrix ? 9 : 4, 2 + Math.floor(r() * 5)), parts, matrix);
            const reference = REFERENCES[(t + round) % REFERENCES.length]!;
            const opts = { level: [0.95, 0.99, 0.5][round % 3]!, seed: `MG301|g|m${t}|gate`, replicates: [200, 1, 0, 37][round]! };
            const now = gateInterval(spec, ev, task, classes, reference, opts);
            const old = oldGateInterval(spec, ev, task, classes, reference, opts);
            expect(bitDiffs(now, old)).toEqual([]);
            outcomes[now.interval === null ? 'none' : 'interval']++;
          }
        });
      }
    }
  }

  it('the random trials above produced both intervals and undefined ones', () => {
    expect(outcomes.interval).toBeGreaterThan(30);
    expect(outcomes.none).toBeGreaterThan(20);
  });

  it('intervals exist in the common case (the comparison is not between two nulls)', () => {
    const ev = evaluation([{ cells: [5000, 800, 600, 2500], state: 'judged' }, { cells: [9000, 2000, 1500, 3000], state: 'judged' }, { cells: [100, 30, 20, 60], state: 'judged' }], ['tpr', 'fpr'], false);
    for (const method of METHODS) {
      const spec: GateSpec = { metric: 'm', named: null, parts: ['tpr', 'fpr'], aggregate: 'difference', method, reference: 'majority' };
      const opts = { level: 0.95, seed: 'x', replicates: 300 };
      const now = gateInterval(spec, ev, 'binary_classification', null, 'majority', opts);
      expect(now.interval).not.toBeNull();
      expect(bitDiffs(now, oldGateInterval(spec, ev, 'binary_classification', null, 'majority', opts))).toEqual([]);
    }
  });
});
