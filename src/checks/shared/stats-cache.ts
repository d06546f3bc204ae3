/**
 * The statistics cache: each grouping's sufficient statistics (confusion counts, score sums, rank
 * statistics, regression sums), computed once per run and shared by every check and metric that
 * asks (statsCacheFor), or put there ahead of time by the prefetch (prefetchStats, engine/prefetch).
 */
import {
  binaryCounts, binaryCountsMulti, confusionOf, matrixOf, multiclassCounts, rankStats,
  regressionSums, scoreSums, scoreSumsMulti,
  type GroupCodes, type GroupStats, type Outcomes, type StatsNeed,
} from '../../stats/index.js';
import type { GroupDerivation } from '../../stats/rank-index.js';
import type { Roles } from '../types.js';
import { groupingSource } from './grouping.js';

/**
 * Lazily computed statistics of one grouping, shared by every metric evaluated on it (the
 * metrics block asks for fifteen metrics; each statistic kind is still one pass).
 */
export class StatsCache {
  private readonly stats = new Map<StatsNeed, GroupStats[]>();
  private counts: { n: number; pos: number }[] | null = null;
  private readonly arrays: readonly unknown[];
  constructor(
    readonly roles: Roles,
    readonly group: GroupCodes | null,
    readonly groups: number,
  ) {
    this.arrays = [roles.rows, roles.label, roles.prediction, roles.score, roles.classes];
  }

  /** False when the roles' arrays were replaced since (a test reusing a Roles object). */
  current(): boolean {
    const r = this.roles;
    return [r.rows, r.label, r.prediction, r.score, r.classes].every((x, k) => x === this.arrays[k]);
  }

  get(need: StatsNeed): GroupStats[] {
    let s = this.stats.get(need);
    if (!s) this.stats.set(need, (s = this.compute(need)));
    return s;
  }

  has(need: StatsNeed): boolean {
    return this.stats.has(need);
  }

  /** Stores statistics computed elsewhere for this cache's grouping (see prefetchStats). */
  put(need: StatsNeed, stats: GroupStats[]): void {
    this.stats.set(need, stats);
  }

  /** Rows and positive labels per group (binary: label 1; other tasks: positives unused). */
  sizes(): { n: number; pos: number }[] {
    if (this.counts) return this.counts;
    const { group, groups } = this;
    const confusion = this.roles.task === 'binary_classification' ? this.stats.get('confusion') : undefined;
    if (confusion) {
      // The 2x2 counts already hold both (exact integer sums): no pass over the rows.
      return (this.counts = confusion.map((s) => {
        const c = s.confusion!;
        return { n: c.tn + c.fp + c.fn + c.tp, pos: c.fn + c.tp };
      }));
    }
    const label = this.roles.label;
    const n = new Float64Array(groups);
    const pos = new Float64Array(groups);
    const rows = this.roles.rows;
    if (group === null) {
      n[0] = rows;
      if (label !== null) for (let i = 0; i < rows; i++) if (label[i] === 1) pos[0]!++;
    } else if (label !== null && this.roles.task === 'binary_classification') {
      // Binary labels are validated 0/1: add them instead of branching on each.
      for (let i = 0; i < rows; i++) {
        const g = group[i]!;
        n[g]!++;
        pos[g]! += label[i]!;
      }
    } else {
      for (let i = 0; i < rows; i++) {
        const g = group[i]!;
        n[g]!++;
        if (label !== null && label[i] === 1) pos[g]!++;
      }
    }
    return (this.counts = Array.from({ length: groups }, (_, g) => ({ n: n[g]!, pos: pos[g]! })));
  }

  private rank(label: Outcomes): GroupStats['rank'][] {
    const { packed, derivation } = this.rankInputs();
    return rankStats(this.roles.score!, label, this.group, this.groups, packed, derivation).groups;
  }

  /**
   * What rankStats gets besides score, label and group codes: the sensitive codes that travel with
   * the sort and how this grouping derives from them. Shared with the rank worker (engine/prefetch.ts),
   * so both compute from the same arguments.
   */
  rankInputs(): { packed: Int32Array[]; derivation: GroupDerivation | null } {
    const { roles, group } = this;
    const packed = [...roles.sensitive.values()].map((c) => c.codes);
    // A grouping of the sensitive columns: its key -> group table comes from its code tuples.
    const source = group === null ? undefined : groupingSource(group);
    const at = source?.columns.map((c) => packed.indexOf(c.codes)) ?? [];
    // Binary label counts per group, when a cheaper statistic already gave them (no extra pass).
    const sizes = roles.task !== 'binary_classification' ? null : this.counts ?? (this.stats.has('confusion') ? this.sizes() : null);
    const counts = sizes ? { pos: sizes.map((s) => s.pos), neg: sizes.map((s) => s.n - s.pos) } : undefined;
    const derivation = source && at.every((k) => k >= 0) ? { columns: at, tuples: source.tuples, counts } : null;
    return { packed, derivation };
  }

  private compute(need: StatsNeed): GroupStats[] {
    const { roles, group, groups } = this;
    const label = roles.label!;
    const each = <T>(list: T[], key: StatsNeed): GroupStats[] => list.map((x) => ({ [key]: x }) as GroupStats);
    switch (need) {
      case 'confusion': {
        const c = binaryCounts(label, roles.prediction!, group, groups);
        return each(Array.from({ length: groups }, (_, g) => confusionOf(c, g)), need);
      }
      case 'matrix': {
        const c = multiclassCounts(label, roles.prediction!, roles.classes!.length, group, groups);
        return each(Array.from({ length: groups }, (_, g) => matrixOf(c, g)), need);
      }
      case 'scores':
        return each(scoreSums(label, roles.score!, group, groups), need);
      case 'rank':
        // The policy's sensitive codes travel with the sort: their groupings' passes are sequential.
        return each(this.rank(label), need);
      case 'regression':
        return each(regressionSums(label, roles.prediction!, group, groups), need);
    }
  }
}

/**
 * Computes a statistic for several caches of the same roles in one pass where that saves work
 * (score sums: each row's log loss is computed once, not once per grouping); the values are the
 * ones each cache would compute alone.
 */
export function prefetchStats(need: StatsNeed, caches: readonly StatsCache[]): void {
  const todo = caches.filter((c) => !c.has(need));
  if (todo.length < 2 || todo.some((c) => c.roles !== todo[0]!.roles)) return;
  const roles = todo[0]!.roles;
  const groupings = todo.map((c) => ({ group: c.group, groups: c.groups }));
  if (need === 'scores' && roles.label !== null && roles.score !== null) {
    const sums = scoreSumsMulti(roles.label, roles.score, groupings);
    todo.forEach((c, j) => c.put(need, sums[j]!.map((x) => ({ scores: x }))));
  } else if (need === 'confusion' && roles.task === 'binary_classification' && roles.label !== null && roles.prediction !== null) {
    // Labels and predictions are checked once, then each row adds to every grouping's cells.
    const counts = binaryCountsMulti(roles.label, roles.prediction, groupings);
    todo.forEach((c, j) => c.put(need, Array.from({ length: c.groups }, (_, g) => ({ confusion: confusionOf(counts[j]!, g) }))));
  }
}

// Every check of a run gets the same Roles object, and groupings are built once per columns
// (grouping.ts, groups.ts), so their code arrays identify them: one cache per roles and grouping.
const shared = new WeakMap<Roles, Map<GroupCodes | null, StatsCache>>();

/** The run's shared cache for these roles and group codes: each statistic is computed once. */
export function statsCacheFor(roles: Roles, group: GroupCodes | null, groups: number): StatsCache {
  let byGroup = shared.get(roles);
  if (!byGroup) shared.set(roles, (byGroup = new Map()));
  let c = byGroup.get(group);
  if (!c || c.groups !== groups || !c.current()) byGroup.set(group, (c = new StatsCache(roles, group, groups)));
  return c;
}
