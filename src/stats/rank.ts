/**
 * Rank statistics per group from one ascending pass over sorted scores (radix-sort.ts, sorted once
 * per score column and cached): exact ROC AUC (ties count ½), average precision and the DeLong
 * variance components, without materializing anything per row. Everything is a function of the tie blocks — for each distinct score, ascending,
 * the count of positives p and negatives q in it — so a SQL engine can feed the same numbers with
 * `SELECT g, score, SUM(label), COUNT(*) - SUM(label) GROUP BY g, score ORDER BY score`
 * (rankStatsFromBlocks).
 *
 * For a block with p positives, q negatives, negBelow negatives and posBelow positives at lower
 * scores, in a group with P positives, N negatives, n = P + N rows:
 *   AUC·2PN        += p·(2·negBelow + q)                       (Mann–Whitney, ties ½; an integer)
 *   AP·P           += p · (P − posBelow) / (n − negBelow − posBelow)
 *                     (sklearn average_precision: thresholds at distinct scores, precision at
 *                      "score ≥ t", recall steps of p/P, no interpolation)
 *   DeLong V10 of each positive in the block = (negBelow + q/2)/N, V01 of each negative =
 *   (P − posBelow − p + p/2)/P; we keep Σ p·V10² and Σ q·V01².
 */
import { checkGroupArgs } from './counts.js';
import { blockPass, close, fAP, fBLK, fAUC, fN, fP, fV01, fV10, S } from './rank-pass.js';
import type { GroupCodes, Outcomes } from './types.js';
import { derivedGroupTable, groupTable, packedSort, sortedScores, type GroupDerivation, type PackedSort } from './rank-index.js';

export interface RankGroupStats {
  positives: number;
  negatives: number;
  /** Distinct scores in the group. */
  blocks: number;
  /** 2·P·N·AUC, an exact integer (below 2^53 for groups up to ~9·10^7 rows). */
  aucTwiceNum: number;
  /** P · AP (compensated sum). */
  apNum: number;
  sumV10Sq: number;
  sumV01Sq: number;
}

// Per-group running state (rank-pass.ts): flat, stride S, so one group's fields share a cache line.
function resultOf(st: Float64Array, o: number): RankGroupStats {
  return {
    positives: st[o + fP]!,
    negatives: st[o + fN]!,
    blocks: st[o + fBLK]!,
    aucTwiceNum: st[o + fAUC]!,
    apNum: st[o + fAP]! + st[o + fAP + 1]!,
    sumV10Sq: st[o + fV10]! + st[o + fV10 + 1]!,
    sumV01Sq: st[o + fV01]! + st[o + fV01 + 1]!,
  };
}

export interface RankResult {
  groups: RankGroupStats[];
  /** Every row together (the overall metric), from the same sort and pass. */
  overall: RankGroupStats;
}

/** The overall statistics: one sequential pass over the sorted labels, cached per sort. */
const overallCache = new WeakMap<PackedSort, RankGroupStats>();

function rankOverall(sorted: PackedSort): RankGroupStats {
  const hit = overallCache.get(sorted);
  if (hit) return { ...hit };
  const { starts, packed } = sorted;
  const n = packed.length;
  const st = new Float64Array(S);
  let pos = 0;
  for (let k = 0; k < n; k++) pos += packed[k]! & 1;
  st[fP] = pos;
  st[fN] = n - pos;
  // One slot, every key masked to 0.
  blockPass(st, 1, new Int32Array(1), 1, 1, 0, starts, packed);
  const out = resultOf(st, 0);
  overallCache.set(sorted, out);
  return { ...out };
}

/**
 * Rank statistics per group and overall: one sort per score column (rank-index.ts, cached), then
 * one pass in sorted order per grouping. `columns` are category codes the grouping may be derived
 * from (the policy's sensitive columns): they travel with the sort, so such a grouping's pass reads
 * everything sequentially; any other grouping reads its codes through the permutation.
 * `derivation` (optional) says how `group` follows from some of `columns`; the caller vouches for it.
 */
export function rankStats(
  score: Float64Array,
  label: Outcomes,
  group: GroupCodes | null = null,
  groups = 1,
  columns: readonly Int32Array[] = [],
  derivation: GroupDerivation | null = null,
): RankResult {
  const n = score.length;
  if (label.length !== n) throw new RangeError(`label has ${label.length} rows, expected ${n}`);
  checkGroupArgs(n, group, groups);
  if (groups >= 2 ** 30) throw new RangeError('too many groups');
  const sorted = packedSort(score, label, columns);
  const overall = rankOverall(sorted);
  if (group === null) return { groups: [{ ...overall }], overall };
  const { st, table } = prepare(sorted, label, group, groups, columns, derivation);
  const { starts, packed } = sorted;
  if (table !== null) {
    blockPass(st, groups, table, 1, table.length, table.length - 1, starts, packed);
    return { groups: Array.from({ length: groups }, (_, g) => resultOf(st, S * g)), overall };
  }
  // Without a table: each sorted row's group through the permutation (a gather per row).
  const order = sortedScores(score).order;
  // Per group: the distinct-score index of its open block, and that block's positives/negatives.
  const open = new Float64Array(groups).fill(-1);
  const cur = new Float64Array(2 * groups);
  let b = -1;
  for (let k = 0; k < n; k++) {
    b += starts[k]!;
    const x = packed[k]!;
    const g = group[order[k]!]!;
    if (open[g] !== b) {
      if (open[g]! >= 0) close(st, S * g, cur[2 * g + 1]!, cur[2 * g]!);
      open[g] = b;
      cur[2 * g] = 0;
      cur[2 * g + 1] = 0;
    }
    cur[2 * g + (x & 1)]!++;
  }
  const out: RankGroupStats[] = [];
  for (let g = 0; g < groups; g++) {
    if (open[g]! >= 0) close(st, S * g, cur[2 * g + 1]!, cur[2 * g]!);
    out.push(resultOf(st, S * g));
  }
  return { groups: out, overall };
}

/**
 * A grouping's state with P and N per group, and its key -> group table (null: gather path).
 * A grouping known to derive from packed columns skips groupTable's check pass over the rows,
 * and with its label counts also the counting pass (its codes need no range check: the table
 * only yields codes of its tuples).
 */
function prepare(
  sorted: PackedSort,
  label: Outcomes,
  group: GroupCodes,
  groups: number,
  columns: readonly Int32Array[],
  derivation: GroupDerivation | null,
): { st: Float64Array; table: Int32Array | null } {
  const n = group.length;
  const st = new Float64Array(S * groups);
  const derived = derivation ? derivedGroupTable(sorted, derivation, columns) : null;
  const known = derived !== null ? derivation!.counts : undefined;
  if (known && known.pos.length === groups && known.neg.length === groups && derivation!.tuples.length === groups) {
    for (let g = 0; g < groups; g++) {
      st[S * g + fP] = known.pos[g]!;
      st[S * g + fN] = known.neg[g]!;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const g = group[i]!;
      if (g >>> 0 >= groups) throw new RangeError(`row ${i}: group code ${g} out of range`);
      // Labels are 0/1 (packedSort checked them): fN - label is fP or fN without a branch.
      st[S * g + fN - label[i]!]!++;
    }
  }
  return { st, table: derived ?? groupTable(sorted, group) };
}

/** One grouping for rankStatsMulti: rankStats's group, groups and derivation arguments. */
export interface RankGrouping {
  group: GroupCodes | null;
  groups: number;
  derivation?: GroupDerivation | null | undefined;
}

/**
 * rankStats for several groupings of the same score, label and packed columns: element j equals
 * rankStats(score, label, g.group, g.groups, columns, g.derivation) for g = groupings[j], every
 * number bit for bit (each group's state gets the same close steps in the same order). The
 * groupings with a key table (derived from the packed columns) share one pass over the sorted
 * rows; the others take rankStats's gather path, each on its own.
 */
export function rankStatsMulti(
  score: Float64Array,
  label: Outcomes,
  groupings: readonly RankGrouping[],
  columns: readonly Int32Array[] = [],
): RankResult[] {
  const n = score.length;
  if (label.length !== n) throw new RangeError(`label has ${label.length} rows, expected ${n}`);
  for (const { group, groups } of groupings) {
    checkGroupArgs(n, group, groups);
    if (groups >= 2 ** 30) throw new RangeError('too many groups');
  }
  const sorted = packedSort(score, label, columns);
  const overall = rankOverall(sorted);
  const out: RankResult[] = new Array<RankResult>(groupings.length);
  const shared: { j: number; st: Float64Array; table: Int32Array; groups: number }[] = [];
  groupings.forEach(({ group, groups, derivation }, j) => {
    if (group === null) {
      out[j] = { groups: [{ ...overall }], overall: { ...overall } };
      return;
    }
    const { st, table } = prepare(sorted, label, group, groups, columns, derivation ?? null);
    if (table !== null) shared.push({ j, st, table, groups });
    else out[j] = rankStats(score, label, group, groups, columns, derivation ?? null);
  });
  if (shared.length > 0) {
    // Every table has one entry per packed key (2^keyBits); slot = the grouping's base + group.
    const K = shared[0]!.table.length;
    const slotOf = new Int32Array(shared.length * K);
    const base: number[] = [];
    let slots = 0;
    for (const [i, { table, groups }] of shared.entries()) {
      base.push(slots);
      for (let key = 0; key < K; key++) slotOf[i * K + key] = table[key]! < 0 ? -1 : slots + table[key]!;
      slots += groups;
    }
    const st = new Float64Array(S * slots);
    shared.forEach((x, i) => st.set(x.st, S * base[i]!));
    blockPass(st, slots, slotOf, shared.length, K, K - 1, sorted.starts, sorted.packed);
    shared.forEach(({ j, groups }, i) => {
      out[j] = { groups: Array.from({ length: groups }, (_, g) => resultOf(st, S * (base[i]! + g))), overall: { ...overall } };
    });
  }
  return out;
}

/** The same statistics from tie blocks in ascending score order (e.g. from a SQL GROUP BY). */
export function rankStatsFromBlocks(pos: ArrayLike<number>, neg: ArrayLike<number>): RankGroupStats {
  if (pos.length !== neg.length) throw new RangeError('pos and neg block arrays differ in length');
  const st = new Float64Array(S);
  for (let k = 0; k < pos.length; k++) {
    st[fP]! += pos[k]!;
    st[fN]! += neg[k]!;
  }
  for (let k = 0; k < pos.length; k++) if (pos[k]! + neg[k]! > 0) close(st, 0, pos[k]!, neg[k]!);
  return resultOf(st, 0);
}
