/**
 * The rank statistics' pass over the sorted rows (rank.ts), for one or several groupings at once,
 * walking the global tie blocks (rows of one distinct score). A group's tie block is the part of a
 * global block in that group, and every group's blocks are still closed in ascending score order,
 * so each group's state sees exactly the sequence of `close` calls of the one-grouping pass.
 *
 * With full-precision scores almost every global block is one row. Such a row is its group's whole
 * block, closed at once by `single`: the `close` arithmetic with p = y, q = 1 - y substituted, term
 * for term the same doubles (p·v·v with p = 1 is v·v; (P − pb − p/2) with p = 0 is P − pb), and no
 * per-group open-block bookkeeping. Its label branch goes too: the terms of the other label are
 * multiplied by 0, and adding +0 to a compensated sum leaves both of its doubles' bits unchanged
 * (neither the sum nor its compensation is ever −0: they start at +0 and a sum is −0 only when
 * both addends are; the terms are ≥ 0 and finite).
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
 * close(st, o, y, 1 - y) for a one-row block. The denominators are ≥ 1 where used (the row itself
 * is still above, so P + N − nb − pb ≥ 1), so y·term is +0 or the term itself. The P > 0 / N > 0
 * tests stay: they are per group, so they predict well, and they avoid 0/0.
 */
function single(st: Float64Array, o: number, y: number): void {
  const nb = st[o + fNB]!;
  const pb = st[o + fPB]!;
  st[o + fBLK]!++;
  if (y !== 0) {
    const P = st[o + fP]!;
    const N = st[o + fN]!;
    st[o + fAUC]! += 2 * nb;
    acc(st, o + fAP, (P - pb) / (P + N - nb - pb));
    if (N > 0) {
      const v = nb / N;
      acc(st, o + fV10, v * v);
    }
    st[o + fPB] = pb + 1;
  } else {
    const P = st[o + fP]!;
    if (P > 0) {
      const v = (P - pb) / P;
      acc(st, o + fV01, v * v);
    }
    st[o + fNB] = nb + 1;
  }
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
  // Multi-row blocks: per slot its positives/negatives in the open block and the block it is in.
  const mark = new Float64Array(slots).fill(-1);
  const cur = new Float64Array(2 * slots);
  const touched = new Int32Array(slots);
  let k = 0;
  while (k < n) {
    if (k + 1 === n || starts[k + 1] === 1) {
      const x = packed[k]!;
      const y = x & 1;
      for (let t = (x >>> 1) & mask, j = 0; j < J; j++, t += K) single(st, S * slotOf[t]!, y);
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
      close(st, S * s, cur[2 * s + 1]!, cur[2 * s]!);
    }
    k = e;
  }
}
