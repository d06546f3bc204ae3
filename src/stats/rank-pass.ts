/**
 * The rank statistics' pass over the sorted rows (rank.ts), for one or several groupings at once,
 * walking the global tie blocks (rows of one distinct score). A group's tie block is the part of a
 * global block in that group, and every group's blocks are still closed in ascending score order,
 * so each group's state sees exactly the sequence of `close` calls of the one-grouping pass.
 *
 * With full-precision scores almost every global block is one row (10M bench rows: 9.38M of
 * 9.69M blocks). Such a row is its group's whole block, closed at once in the row loop: the `close`
 * arithmetic with p = y, q = 1 − y substituted, term for term the same doubles (p·v·v with p = 1 is
 * v·v; (P − pb − p/2) with p = 0 is P − pb), and no per-group open-block bookkeeping.
 *
 * Measured and not kept: a branch-free one-row close (the other label's terms multiplied by 0,
 * which leaves a compensated sum's bits unchanged) was slower, 3 compensated sums per row instead
 * of 1-2 (10M, 4 groupings: 1188 vs 994 ms; with AP's and V01's divisions shared, 1096 ms); a
 * group-major pass (rows scattered by group, each group's state in locals) was slower still.
 */
import { sumError } from './sum.js';

/** Per-slot state, stride S (the layout of rank.ts): P, N, negBelow, posBelow, blocks, 2PN·AUC, then (sum, comp) of AP·P, Σp·V10², Σq·V01². */
export const S = 12;
export const [fP, fN, fNB, fPB, fBLK, fAUC, fAP, fV10, fV01] = [0, 1, 2, 3, 4, 5, 6, 8, 10] as const;

/** Neumaier step into st[at] (sum) and st[at + 1] (compensation). */
function acc(st: Float64Array, at: number, x: number): void {
  const s = st[at]!;
  const t = s + x;
  st[at + 1]! += sumError(s, x, t);
  st[at] = t;
}

/** Closes a tie block of p positives and q negatives in the slot whose state starts at o. */
export function close(st: Float64Array, o: number, p: number, q: number): void {
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

/**
 * The state of every slot during a pass, one array per field (structure of arrays), copied from
 * and back to the stride-S array around the pass. With the one-row close written out in the row
 * loop over these arrays in locals: 10M sorted rows, one 6-group grouping, 240 -> 206 ms.
 */
class Soa {
  readonly P: Float64Array;
  readonly N: Float64Array;
  readonly nb: Float64Array;
  readonly pb: Float64Array;
  readonly blk: Float64Array;
  readonly auc: Float64Array;
  /** (sum, compensation) pairs at 2s, 2s + 1. */
  readonly ap: Float64Array;
  readonly v10: Float64Array;
  readonly v01: Float64Array;
  constructor(st: Float64Array, slots: number) {
    const f = (at: number) => Float64Array.from({ length: slots }, (_, s) => st[S * s + at]!);
    const pair = (at: number) => Float64Array.from({ length: 2 * slots }, (_, k) => st[S * (k >> 1) + at + (k & 1)]!);
    this.P = f(fP);
    this.N = f(fN);
    this.nb = f(fNB);
    this.pb = f(fPB);
    this.blk = f(fBLK);
    this.auc = f(fAUC);
    this.ap = pair(fAP);
    this.v10 = pair(fV10);
    this.v01 = pair(fV01);
  }

  store(st: Float64Array): void {
    for (let s = 0; s < this.P.length; s++) {
      const o = S * s;
      st[o + fNB] = this.nb[s]!;
      st[o + fPB] = this.pb[s]!;
      st[o + fBLK] = this.blk[s]!;
      st[o + fAUC] = this.auc[s]!;
      for (const [at, a] of [[fAP, this.ap], [fV10, this.v10], [fV01, this.v01]] as const) {
        st[o + at] = a[2 * s]!;
        st[o + at + 1] = a[2 * s + 1]!;
      }
    }
  }
}

/** close() on the structure of arrays: the same expressions in the same order. */
function closeSoa(z: Soa, s: number, p: number, q: number): void {
  const P = z.P[s]!;
  const N = z.N[s]!;
  const nb = z.nb[s]!;
  const pb = z.pb[s]!;
  z.blk[s]!++;
  z.auc[s]! += p * (2 * nb + q);
  if (p > 0) {
    acc(z.ap, 2 * s, (p * (P - pb)) / (P + N - nb - pb));
    if (N > 0) {
      const v = (nb + q / 2) / N;
      acc(z.v10, 2 * s, p * v * v);
    }
  }
  if (q > 0 && P > 0) {
    const v = (P - pb - p / 2) / P;
    acc(z.v01, 2 * s, q * v * v);
  }
  z.nb[s] = nb + q;
  z.pb[s] = pb + p;
}

/**
 * One pass over the sorted rows for J groupings. `slotOf[j * K + key]` is the state slot (of
 * `slots`, stride S in `st`, P and N already set) of the group of a row whose packed value is
 * (key << 1) | label, with key masked by `mask` (0 for the overall slot: K = 1), in grouping j;
 * only keys that occur are read.
 */
export function blockPass(
  st: Float64Array,
  slots: number,
  slotOf: Int32Array,
  J: number,
  K: number,
  mask: number,
  starts: Uint8Array,
  packed: Uint32Array,
): void {
  const n = packed.length;
  const z = new Soa(st, slots);
  const { P: PP, N: NN, nb: NB, pb: PB, blk: BLK, auc: AUC, ap: AP, v10: V10, v01: V01 } = z;
  // Multi-row blocks: per slot its positives/negatives in the open block and the block it is in.
  const mark = new Float64Array(slots).fill(-1);
  const cur = new Float64Array(2 * slots);
  const touched = new Int32Array(slots);
  let k = 0;
  while (k < n) {
    if (k + 1 === n || starts[k + 1] === 1) {
      const x = packed[k]!;
      const y = x & 1;
      // close(z, s, y, 1 − y) for this one-row block, with p = y and q = 1 − y substituted term
      // for term: p·(2nb + q) is 2nb or 0 (adding +0 to the integer-valued AUC sum changes
      // nothing), p·v·v with p = 1 is v·v, (nb + q/2) with q = 0 is nb, (P − pb − p/2) with
      // p = 0 is P − pb. Written out here, with the state arrays in locals: ~20 % faster than a
      // call per row.
      for (let t = (x >>> 1) & mask, j = 0; j < J; j++, t += K) {
        const s = slotOf[t]!;
        if (y !== 0) {
          const nb = NB[s]!;
          const pb = PB[s]!;
          const P = PP[s]!;
          const N = NN[s]!;
          AUC[s]! += 2 * nb;
          const a = (P - pb) / (P + N - nb - pb);
          let u = AP[2 * s]!;
          let w = u + a;
          AP[2 * s + 1]! += sumError(u, a, w);
          AP[2 * s] = w;
          if (N > 0) {
            const v = nb / N;
            const h = v * v;
            u = V10[2 * s]!;
            w = u + h;
            V10[2 * s + 1]! += sumError(u, h, w);
            V10[2 * s] = w;
          }
          PB[s] = pb + 1;
        } else {
          const P = PP[s]!;
          if (P > 0) {
            const v = (P - PB[s]!) / P;
            const l = v * v;
            const u = V01[2 * s]!;
            const w = u + l;
            V01[2 * s + 1]! += sumError(u, l, w);
            V01[2 * s] = w;
          }
          NB[s]! += 1;
        }
        BLK[s]!++;
      }
      k++;
      continue;
    }
    let e = k + 2;
    while (e < n && starts[e] === 0) e++;
    let m = 0;
    for (let r = k; r < e; r++) {
      const x = packed[r]!;
      for (let t = (x >>> 1) & mask, j = 0; j < J; j++, t += K) {
        const s = slotOf[t]!;
        if (mark[s] !== k) {
          mark[s] = k;
          cur[2 * s] = 0;
          cur[2 * s + 1] = 0;
          touched[m++] = s;
        }
        cur[2 * s + (x & 1)]!++;
      }
    }
    for (let i = 0; i < m; i++) {
      const s = touched[i]!;
      closeSoa(z, s, cur[2 * s + 1]!, cur[2 * s]!);
    }
    k = e;
  }
  z.store(st);
}
