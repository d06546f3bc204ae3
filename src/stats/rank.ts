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
import { sumError } from './sum.js';
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

/**
 * Per-group running state, flat (stride S) so one group's fields share a cache line: P, N,
 * negatives and positives below the open block, blocks closed, 2·P·N·AUC, and three Neumaier
 * (sum, compensation) pairs for AP·P, Σ p·V10², Σ q·V01².
 */
const S = 12;
const [fP, fN, fNB, fPB, fBLK, fAUC, fAP, fV10, fV01] = [0, 1, 2, 3, 4, 5, 6, 8, 10];

/** Neumaier step into st[at] (sum) and st[at + 1] (compensation). */
function acc(st: Float64Array, at: number, x: number): void {
  const s = st[at]!;
  const t = s + x;
  st[at + 1]! += sumError(s, x, t);
  st[at] = t;
}

/** Closes a tie block of p positives and q negatives in the group whose state starts at o. */
function close(st: Float64Array, o: number, p: number, q: number): void {
  const P = st[o + fP]!;
  const N = st[o + fN]!;
  const nb = st[o + fNB]!;
  const pb = st[o + fPB]!;
  st[o + fBLK]!++;
  st[o + fAUC]! += p * (2 * nb + q);
  if (p > 0) {
    acc(st, o + fAP, (p * (P - pb)) / (P + N - nb - pb));
    if (N > 0) {
      const v = (nb + q / 2) / N;
      acc(st, o + fV10, p * v * v);
    }
  }
  if (q > 0 && P > 0) {
    const v = (P - pb - p / 2) / P;
    acc(st, o + fV01, q * v * v);
  }
  st[o + fNB] = nb + q;
  st[o + fPB] = pb + p;
}

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
  let p = 0;
  let q = 0;
  for (let k = 0; k < n; k++) {
    if (starts[k] === 1 && k > 0) {
      close(st, 0, p, q);
      p = 0;
      q = 0;
    }
    if ((packed[k]! & 1) === 1) p++;
    else q++;
  }
  if (n > 0) close(st, 0, p, q);
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
  label: Float64Array,
  group: Int32Array | null = null,
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
  const st = new Float64Array(S * groups);
  // A grouping known to derive from packed columns skips groupTable's check pass over the rows,
  // and with its label counts also the counting pass (its codes need no range check: the table
  // only yields codes of its tuples).
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
  const table = derived ?? groupTable(sorted, group);
  const { starts, packed } = sorted;
  // Without a table: each sorted row's group through the permutation (a gather per row).
  const order = table === null ? sortedScores(score).order : null;
  // Per group: the distinct-score index of its open block, and that block's positives/negatives.
  const open = new Float64Array(groups).fill(-1);
  const cur = new Float64Array(2 * groups);
  let b = -1;
  for (let k = 0; k < n; k++) {
    b += starts[k]!;
    const x = packed[k]!;
    const g = table !== null ? table[x >>> 1]! : group[order![k]!]!;
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
