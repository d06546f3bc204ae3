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
import { Accumulators } from './sum.js';
import { checkGroupArgs } from './counts.js';
import { sortKeyed } from './radix-sort.js';

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

class RankState {
  readonly P: Float64Array;
  readonly N: Float64Array;
  readonly negBelow: Float64Array;
  readonly posBelow: Float64Array;
  readonly blocks: Float64Array;
  readonly auc: Float64Array;
  readonly ap: Accumulators;
  readonly v10: Accumulators;
  readonly v01: Accumulators;
  constructor(groups: number) {
    this.P = new Float64Array(groups);
    this.N = new Float64Array(groups);
    this.negBelow = new Float64Array(groups);
    this.posBelow = new Float64Array(groups);
    this.blocks = new Float64Array(groups);
    this.auc = new Float64Array(groups);
    this.ap = new Accumulators(groups);
    this.v10 = new Accumulators(groups);
    this.v01 = new Accumulators(groups);
  }

  close(g: number, p: number, q: number): void {
    const P = this.P[g]!;
    const N = this.N[g]!;
    const nb = this.negBelow[g]!;
    const pb = this.posBelow[g]!;
    this.blocks[g]!++;
    this.auc[g]! += p * (2 * nb + q);
    if (p > 0) {
      this.ap.add(g, (p * (P - pb)) / (P + N - nb - pb));
      if (N > 0) {
        const v = (nb + q / 2) / N;
        this.v10.add(g, p * v * v);
      }
    }
    if (q > 0 && P > 0) {
      const v = (P - pb - p / 2) / P;
      this.v01.add(g, q * v * v);
    }
    this.negBelow[g] = nb + q;
    this.posBelow[g] = pb + p;
  }

  result(g: number): RankGroupStats {
    return {
      positives: this.P[g]!,
      negatives: this.N[g]!,
      blocks: this.blocks[g]!,
      aucTwiceNum: this.auc[g]!,
      apNum: this.ap.value(g),
      sumV10Sq: this.v10.value(g),
      sumV01Sq: this.v01.value(g),
    };
  }
}

export interface RankResult {
  groups: RankGroupStats[];
  /** Every row together (the overall metric), from the same sort and pass. */
  overall: RankGroupStats;
}

/** A score column in ascending order: row of each rank, and where each distinct score begins. */
export interface SortedScores {
  /** order[k] = the row with the k-th smallest score (ties in row order). */
  order: Uint32Array;
  /** starts[k] = 1 when sorted row k has a larger score than sorted row k-1 (and for k = 0). */
  starts: Uint8Array;
}

/**
 * One sort per score column, whatever the number of groupings and metrics asking: the engine's
 * Roles arrays are read-only after validation, so the order is cached by array identity (a
 * WeakMap: it goes with the array). At 10M rows the sort is ~1 s and each later pass ~0.1-0.2 s.
 * A sample of the scores is kept beside the order; a hit whose sample differs (someone wrote into
 * the array) sorts again.
 */
const sortedCache = new WeakMap<Float64Array, { sorted: SortedScores; sample: Float64Array }>();
const SAMPLE = 4096;

function sampleOf(score: Float64Array): Float64Array {
  const n = score.length;
  const m = Math.min(n, SAMPLE);
  const out = new Float64Array(m);
  for (let j = 0; j < m; j++) out[j] = score[Math.floor((j * n) / m)]!;
  return out;
}

function sameSample(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  // Object.is: NaN never gets here (sortKeyed rejects it), and -0/+0 tie in the sort anyway.
  for (let j = 0; j < a.length; j++) if (a[j] !== b[j]) return false;
  return true;
}

export function sortedScores(score: Float64Array): SortedScores {
  const hit = sortedCache.get(score);
  if (hit && sameSample(hit.sample, sampleOf(score))) return hit.sorted;
  const n = score.length;
  const a = sortKeyed(score, null);
  const order = new Uint32Array(n);
  const starts = new Uint8Array(n);
  let hi = -1;
  let lo = -1;
  for (let k = 0; k < n; k++) {
    const h = a[3 * k]!;
    const l = a[3 * k + 1]!;
    starts[k] = h !== hi || l !== lo ? 1 : 0;
    hi = h;
    lo = l;
    order[k] = a[3 * k + 2]!;
  }
  const sorted = { order, starts };
  sortedCache.set(score, { sorted, sample: sampleOf(score) });
  return sorted;
}

/**
 * Rank statistics per group and overall: the scores' sorted order (sortedScores, cached), then one
 * pass in that order reading each row's label and group. Each grouping costs one pass, not a sort.
 */
export function rankStats(
  score: Float64Array,
  label: Float64Array,
  group: Int32Array | null = null,
  groups = 1,
): RankResult {
  const n = score.length;
  if (label.length !== n) throw new RangeError(`label has ${label.length} rows, expected ${n}`);
  checkGroupArgs(n, group, groups);
  if (groups >= 2 ** 30) throw new RangeError('too many groups');
  // Without group codes the one group is the overall: one state serves both.
  const G = group === null ? 0 : groups; // index G holds the overall state
  const st = new RankState(G + 1);
  const cnt = new Float64Array(2 * (G + 1));
  for (let i = 0; i < n; i++) {
    const g = group === null ? 0 : group[i]!;
    if (g >>> 0 >= groups) throw new RangeError(`row ${i}: group code ${g} out of range`);
    const y = label[i]!;
    const yi = y | 0;
    if (yi !== y || yi >>> 1) throw new RangeError(`row ${i}: label ${y} is not 0/1`);
    cnt[(g << 1) | yi]!++;
  }
  for (let g = 0; g < G; g++) {
    st.N[g] = cnt[2 * g]!;
    st.P[g] = cnt[2 * g + 1]!;
    st.P[G]! += st.P[g]!;
    st.N[G]! += st.N[g]!;
  }
  if (group === null) {
    st.N[0] = cnt[0]!;
    st.P[0] = cnt[1]!;
  }
  const { order, starts } = sortedScores(score);
  // Per state: the distinct-score index of its open block, and that block's negatives/positives.
  const open = new Float64Array(G + 1).fill(-1);
  const cur = new Float64Array(2 * (G + 1));
  let b = -1;
  for (let k = 0; k < n; k++) {
    b += starts[k]!;
    const i = order[k]!;
    const y = label[i]! | 0;
    if (group !== null) {
      const g = group[i]!;
      if (open[g] !== b) {
        if (open[g]! >= 0) st.close(g, cur[2 * g + 1]!, cur[2 * g]!);
        open[g] = b;
        cur[2 * g] = 0;
        cur[2 * g + 1] = 0;
      }
      cur[(g << 1) | y]!++;
    }
    if (open[G] !== b) {
      if (open[G]! >= 0) st.close(G, cur[2 * G + 1]!, cur[2 * G]!);
      open[G] = b;
      cur[2 * G] = 0;
      cur[2 * G + 1] = 0;
    }
    cur[(G << 1) | y]!++;
  }
  const out: RankGroupStats[] = [];
  for (let g = 0; g <= G; g++) {
    if (open[g]! >= 0) st.close(g, cur[2 * g + 1]!, cur[2 * g]!);
    out.push(st.result(g));
  }
  const overall = out.pop()!;
  return { groups: group === null ? [{ ...overall }] : out, overall };
}

/** The same statistics from tie blocks in ascending score order (e.g. from a SQL GROUP BY). */
export function rankStatsFromBlocks(pos: ArrayLike<number>, neg: ArrayLike<number>): RankGroupStats {
  if (pos.length !== neg.length) throw new RangeError('pos and neg block arrays differ in length');
  const st = new RankState(1);
  for (let k = 0; k < pos.length; k++) {
    st.P[0]! += pos[k]!;
    st.N[0]! += neg[k]!;
  }
  for (let k = 0; k < pos.length; k++) if (pos[k]! + neg[k]! > 0) st.close(0, pos[k]!, neg[k]!);
  return st.result(0);
}
