/**
 * Score sums and binary counts against their previous implementations, copied here unchanged as
 * references (the row-at-a-time score-sum loop with eceBin's divisions; binaryCounts, one call per
 * grouping). Every number must be the same double (Object.is). Split from kernels-reference.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { expectSameBits as same } from '../support/same-bits.js';
import { binaryCounts, binaryCountsMulti, eceBin, Rng, scoreSumsMulti, type ScoreGroupSums } from '../../src/stats/index.js';
import { sumError } from '../../src/stats/sum.js';

function refAcc(st: Float64Array, at: number, x: number): void {
  const s = st[at]!;
  const t = s + x;
  st[at + 1]! += sumError(s, x, t);
  st[at] = t;
}
function refBin(p: number): number {
  let b = Math.floor(p * 10);
  if (b > 9) b = 9;
  if (b < 0) b = 0;
  if (b > 0 && p < b / 10) b--;
  else if (b < 9 && p >= (b + 1) / 10) b++;
  return b;
}
function refScoreSums(label: Float64Array, score: Float64Array, group: Int32Array | null, groups: number): ScoreGroupSums[] {
  const W = 9;
  const a = new Float64Array(groups * W);
  const rows = new Float64Array(groups * 20);
  const cells = new Float64Array(groups * 40);
  const hi = 1 - 2 ** -52;
  for (let i = 0; i < label.length; i++) {
    const y = label[i]!;
    const p = score[i]!;
    const q = p < 2 ** -52 ? 2 ** -52 : p > hi ? hi : p;
    const l = y === 1 ? -Math.log(q) : -Math.log(1 - q);
    const d = p - y;
    const b2 = d * d;
    const g = group === null ? 0 : group[i]!;
    const o = g * W;
    a[o]!++;
    for (const [at, x] of [[1, l], [3, l * l], [5, b2], [7, b2 * b2]] as const) refAcc(a, o + at, x);
    const cell = g * 20 + refBin(p) * 2 + y;
    rows[cell]!++;
    refAcc(cells, 2 * cell, p);
  }
  return Array.from({ length: groups }, (_, g) => {
    const o = g * W;
    return {
      n: a[o]!, logLoss: a[o + 1]! + a[o + 2]!, logLossSq: a[o + 3]! + a[o + 4]!, brier: a[o + 5]! + a[o + 6]!,
      brierSq: a[o + 7]! + a[o + 8]!, binRows: rows.slice(g * 20, (g + 1) * 20),
      binScore: Float64Array.from({ length: 20 }, (_, k) => cells[2 * (g * 20 + k)]! + cells[2 * (g * 20 + k) + 1]!),
    };
  });
}


describe('score sums and binary counts equal the previous code', () => {
  it('scoreSumsMulti bit for bit, with bin-edge scores', () => {
    const rng = new Rng(3);
    const n = 9000;
    const edges = Array.from({ length: 11 }, (_, b) => b / 10).flatMap((e) => [e, e + Number.EPSILON * e, e - Number.EPSILON * e, e - 2 ** -60]).filter((p) => p >= 0 && p <= 1);
    const score = Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? edges[i % edges.length]! : i % 7 === 0 ? 0 : rng.next()));
    const label = Float64Array.from({ length: n }, () => (rng.next() < 0.3 ? 1 : 0));
    const g = Int32Array.from({ length: n }, () => Math.floor(rng.next() * 5));
    const multi = scoreSumsMulti(label, score, [{ group: null, groups: 1 }, { group: g, groups: 5 }]);
    same(multi[0], refScoreSums(label, score, null, 1));
    same(multi[1], refScoreSums(label, score, g, 5));
    for (const p of [...edges, ...score.subarray(0, 500)]) expect(eceBin(p)).toBe(refBin(p));
  });

  it('scoreSumsMulti (one row pass over every grouping) equals the reference per grouping: code widths, byte labels, repeated groupings', () => {
    const rng = new Rng(13);
    const n = 7001;
    const score = Float64Array.from({ length: n }, (_, i) => (i % 5 === 0 ? Math.round(rng.next() * 10) / 10 : rng.next()));
    const label = Float64Array.from({ length: n }, () => (rng.next() < 0.35 ? 1 : 0));
    const g5 = Int32Array.from({ length: n }, () => Math.floor(rng.next() * rng.next() * 5));
    const g300 = Int32Array.from({ length: n }, () => Math.floor(rng.next() * 300));
    const g70k = Int32Array.from({ length: n }, () => Math.floor(rng.next() * 70000));
    const gs = [
      { group: null, groups: 1, ref: null }, { group: Uint8Array.from(g5), groups: 5, ref: g5 },
      { group: Uint16Array.from(g300), groups: 300, ref: g300 }, { group: g70k, groups: 70000, ref: g70k },
      { group: null, groups: 1, ref: null }, { group: Uint8Array.from(g5), groups: 5, ref: g5 },
    ];
    for (const y of [label, Uint8Array.from(label)]) {
      const multi = scoreSumsMulti(y, score, gs);
      gs.forEach((x, j) => same(multi[j], refScoreSums(label, score, x.ref, x.groups)));
    }
    expect(scoreSumsMulti(label, score, [])).toEqual([]);
    // The first bad row fails, label before score within a row; a bad code fails before any row.
    const badScore = score.slice();
    badScore[40] = 1.5;
    const badLabel = label.slice();
    badLabel[40] = 2;
    badLabel[41] = 0.5;
    expect(() => scoreSumsMulti(label, badScore, gs)).toThrow('row 40: score 1.5 is not in [0, 1]');
    expect(() => scoreSumsMulti(badLabel, badScore, gs)).toThrow('row 40: label 2 is not 0/1');
    expect(() => scoreSumsMulti(badLabel, score, [])).toThrow('row 40: label 2 is not 0/1');
    expect(() => scoreSumsMulti(badLabel, score, [...gs, { group: Uint8Array.from(g5), groups: 4, ref: g5 }])).toThrow(/group code 4 out of range/);
  });

  it('binaryCountsMulti (four rows at a time) equals binaryCounts for every length mod 4, every code width; first bad code wins', () => {
    const rng = new Rng(17);
    for (let n = 0; n <= 23; n++) {
      const label = Float64Array.from({ length: n }, () => (rng.next() < 0.4 ? 1 : 0));
      const pred = Float64Array.from({ length: n }, () => (rng.next() < 0.5 ? 1 : 0));
      const g3 = Int32Array.from({ length: n }, () => Math.floor(rng.next() * 3));
      const g300 = Int32Array.from({ length: n }, () => Math.floor(rng.next() * 300));
      const gs = [{ group: Uint8Array.from(g3), groups: 3 }, { group: Uint16Array.from(g300), groups: 300 }, { group: g3, groups: 3 }, { group: null, groups: 1 }];
      same(binaryCountsMulti(label, pred, gs), gs.map((x) => binaryCounts(label, pred, x.group, x.groups)));
    }
    const n = 4001;
    const label = Float64Array.from({ length: n }, () => (rng.next() < 0.4 ? 1 : 0));
    const g = Int32Array.from({ length: n }, () => Math.floor(rng.next() * 7));
    same(binaryCountsMulti(label, label, [{ group: g, groups: 7 }]), [binaryCounts(label, label, g, 7)]);
    for (const [at, other] of [[1001, 1002], [1002, 1003], [1003, 1005], [1004, 4000], [4000, -1]] as const) {
      const bad = g.slice();
      bad[at] = 9;
      if (other >= 0) bad[other] = -3;
      expect(() => binaryCountsMulti(label, label, [{ group: bad, groups: 7 }])).toThrow(`row ${at}: group code 9 out of range`);
    }
  });

  it('binaryCountsMulti equals binaryCounts per grouping, and refuses bad rows', () => {
    const rng = new Rng(5);
    const n = 5000;
    const label = Float64Array.from({ length: n }, () => (rng.next() < 0.3 ? 1 : 0));
    const pred = Float64Array.from({ length: n }, () => (rng.next() < 0.5 ? 1 : 0));
    const g1 = Int32Array.from({ length: n }, () => Math.floor(rng.next() * 4));
    const g2 = Int32Array.from({ length: n }, () => Math.floor(rng.next() * 9));
    const gs = [{ group: null, groups: 1 }, { group: g1, groups: 4 }, { group: g2, groups: 9 }, { group: null, groups: 1 }];
    same(binaryCountsMulti(label, pred, gs), gs.map((x) => binaryCounts(label, pred, x.group, x.groups)));
    expect(() => binaryCountsMulti(label, pred, [{ group: g2, groups: 8 }])).toThrow(/group code 8 out of range/);
    const bad = label.slice();
    bad[17] = 0.5;
    expect(() => binaryCountsMulti(bad, pred, [{ group: null, groups: 1 }])).toThrow(/row 17: label\/prediction 0.5 out of range/);
  });
});
