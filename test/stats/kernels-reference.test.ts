/**
 * The statistics kernels against their previous implementations, copied here unchanged as
 * references (the LSD radix sort, the rank pass that closes each group's tie block when the
 * group's next row arrives, the score-sum chunk loop with eceBin's divisions, one binaryCounts
 * call per grouping; those two in kernels-reference-sums.test.ts). Every number must be the same double (Object.is), on random data with ties,
 * adversarial scores (±0, infinities, denormals, one far outlier, all equal), groups with no
 * positives or no negatives, and missing codes (-1) in the packed columns.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectSameBits as same } from '../support/same-bits.js';
import {
  packedSort, rankStats, rankStatsMulti, Rng, sortKeyed,
  type GroupDerivation, type RankGroupStats,
} from '../../src/stats/index.js';
import { sumError } from '../../src/stats/sum.js';

// ---- references: the previous code paths -------------------------------------------------------

function lsdSortKeyed(values: Float64Array, payload: Uint32Array | null): Uint32Array {
  const BITS = 11;
  const RADIX = 1 << BITS;
  const MASK = RADIX - 1;
  const n = values.length;
  const view = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  let a = new Uint32Array(3 * n);
  const hist = new Uint32Array(3 * RADIX);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    let h = view[2 * i + 1]!;
    let l = view[2 * i]!;
    if (v === 0) h = l = 0;
    if (h >>> 31) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else h = (h | 0x80000000) >>> 0;
    a[3 * i] = h;
    a[3 * i + 1] = l;
    a[3 * i + 2] = payload === null ? i : payload[i]!;
    hist[h & MASK]!++;
    hist[RADIX + ((h >>> 11) & MASK)]!++;
    hist[2 * RADIX + (h >>> 22)]!++;
  }
  let b = new Uint32Array(3 * n);
  const offsets = new Uint32Array(RADIX);
  for (let pass = 0; pass < 3; pass++) {
    let run = 0;
    let trivial = false;
    for (let d = 0; d < RADIX; d++) {
      const c = hist[pass * RADIX + d]!;
      if (c === n) trivial = true;
      offsets[d] = run;
      run += c;
    }
    if (trivial || n === 0) continue;
    const shift = pass * BITS;
    for (let i = 0; i < n; i++) {
      const at = 3 * offsets[(a[3 * i]! >>> shift) & MASK]!++;
      b[at] = a[3 * i]!;
      b[at + 1] = a[3 * i + 1]!;
      b[at + 2] = a[3 * i + 2]!;
    }
    [a, b] = [b, a];
  }
  // Runs of equal high word by (low word, index): a stable sort of the run.
  let s = 0;
  while (s < n) {
    let e = s + 1;
    while (e < n && a[3 * e] === a[3 * s]) e++;
    const run = Array.from({ length: e - s }, (_, k) => [a[3 * (s + k) + 1]!, a[3 * (s + k) + 2]!] as const);
    run.sort((x, y) => x[0] - y[0]);
    run.forEach(([l, id], k) => {
      a[3 * (s + k) + 1] = l;
      a[3 * (s + k) + 2] = id;
    });
    s = e;
  }
  return a;
}

const S = 12;
function refAcc(st: Float64Array, at: number, x: number): void {
  const s = st[at]!;
  const t = s + x;
  st[at + 1]! += sumError(s, x, t);
  st[at] = t;
}
function refClose(st: Float64Array, o: number, p: number, q: number): void {
  const [P, N, nb, pb] = [st[o]!, st[o + 1]!, st[o + 2]!, st[o + 3]!];
  st[o + 4]!++;
  st[o + 5]! += p * (2 * nb + q);
  if (p > 0) {
    refAcc(st, o + 6, (p * (P - pb)) / (P + N - nb - pb));
    if (N > 0) {
      const v = (nb + q / 2) / N;
      refAcc(st, o + 8, p * v * v);
    }
  }
  if (q > 0 && P > 0) {
    const v = (P - pb - p / 2) / P;
    refAcc(st, o + 10, q * v * v);
  }
  st[o + 2] = nb + q;
  st[o + 3] = pb + p;
}

/** The previous rank pass: rows in (score, row) order, each group's block closed lazily. */
function refRank(score: Float64Array, label: Float64Array, group: Int32Array | null, groups: number): RankGroupStats[] {
  const n = score.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => (score[i]! < score[j]! ? -1 : score[i]! > score[j]! ? 1 : i - j));
  const st = new Float64Array(S * groups);
  const g = (i: number) => (group === null ? 0 : group[i]!);
  for (let i = 0; i < n; i++) st[S * g(i) + 1 - label[i]!]!++;
  const open = new Float64Array(groups).fill(-1);
  const cur = new Float64Array(2 * groups);
  let b = -1;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    if (k === 0 || score[order[k - 1]!] !== score[i]) b++;
    const gg = g(i);
    if (open[gg] !== b) {
      if (open[gg]! >= 0) refClose(st, S * gg, cur[2 * gg + 1]!, cur[2 * gg]!);
      open[gg] = b;
      cur[2 * gg] = cur[2 * gg + 1] = 0;
    }
    cur[2 * gg + label[i]!]!++;
  }
  return Array.from({ length: groups }, (_, gg) => {
    if (open[gg]! >= 0) refClose(st, S * gg, cur[2 * gg + 1]!, cur[2 * gg]!);
    const o = S * gg;
    return {
      positives: st[o]!, negatives: st[o + 1]!, blocks: st[o + 4]!, aucTwiceNum: st[o + 5]!,
      apNum: st[o + 6]! + st[o + 7]!, sumV10Sq: st[o + 8]! + st[o + 9]!, sumV01Sq: st[o + 10]! + st[o + 11]!,
    };
  });
}

// ---- data --------------------------------------------------------------------------------------

/** Scores of a kind: full-precision, heavy ties, or adversarial doubles. */
function scores(rng: Rng, n: number, kind: number): Float64Array {
  const pool = [0, -0, 0.1, 0.5, 0.9, 1, 0.3];
  return Float64Array.from({ length: n }, () => {
    const u = rng.next();
    switch (kind) {
      case 0: return u;
      case 1: return pool[Math.floor(rng.next() * pool.length)]!;
      case 2: return u < 0.3 ? Math.round(u * 40) / 40 : u;
      default: return [Number.MIN_VALUE, -Number.MIN_VALUE, Infinity, -Infinity, 1e300, -1e-300, u - 0.5, 0.5 + (u - 0.5) * 2 ** -40][Math.floor(rng.next() * 8)]!;
    }
  });
}

function dataset(seed: number, n: number, kind: number) {
  const rng = new Rng(seed);
  const score = scores(rng, n, kind);
  // Labels, with a group of no positives (c = 3) and one of no negatives (c = 4).
  const c = Int32Array.from({ length: n }, () => Math.floor(rng.next() * 6) - 1);
  const d = Int32Array.from({ length: n }, () => Math.floor(rng.next() * 3) - 1);
  const label = Float64Array.from({ length: n }, (_, i) => (c[i] === 3 ? 0 : c[i] === 4 ? 1 : rng.next() < 0.4 ? 1 : 0));
  // Groupings of the packed columns c, d (codes -1..4, -1..1): each alone and their intersection.
  const groupingOf = (cols: number[]) => {
    const ids = new Map<string, number>();
    const tuples: number[][] = [];
    const codes = Int32Array.from({ length: n }, (_, i) => {
      const t = cols.map((k) => [c, d][k]![i]!);
      const key = t.join(',');
      if (!ids.has(key)) {
        ids.set(key, tuples.length);
        tuples.push(t);
      }
      return ids.get(key)!;
    });
    const pos = new Array<number>(tuples.length).fill(0);
    const neg = new Array<number>(tuples.length).fill(0);
    for (let i = 0; i < n; i++) (label[i] === 1 ? pos : neg)[codes[i]!]!++;
    const derivation: GroupDerivation = { columns: cols, tuples, counts: { pos, neg } };
    return { group: codes, groups: Math.max(1, tuples.length), derivation };
  };
  return { score, label, columns: [c, d], groupings: [groupingOf([0]), groupingOf([1]), groupingOf([0, 1])] };
}

// ---- tests -------------------------------------------------------------------------------------

describe('sortKeyed (MSD buckets, then per-bucket passes) equals the LSD sort it replaced', () => {
  it('on adversarial doubles, ties and payloads', () => {
    fc.assert(fc.property(fc.array(fc.oneof(
      fc.double({ noNaN: true }), fc.constantFrom(0, -0, 0.5, 1, -1, Number.MIN_VALUE, -Infinity, Infinity, 0.5 + 2 ** -40),
      fc.double({ min: 0, max: 1, noNaN: true }),
    ), { maxLength: 400 }), (xs) => {
      const v = Float64Array.from(xs);
      const payload = Uint32Array.from(xs, (_, i) => (i * 2654435761) >>> 0);
      same(sortKeyed(v, payload), lsdSortKeyed(v, payload));
      same(sortKeyed(v, null), lsdSortKeyed(v, null));
    }), { numRuns: 300 });
  });

  it('on larger inputs: spread, clustered with one outlier, all equal, long equal-high-word runs', () => {
    const rng = new Rng(7);
    const n = 60000;
    const cases = [
      Float64Array.from({ length: n }, () => rng.next()),
      Float64Array.from({ length: n }, (_, i) => (i === 5 ? 1e9 : 0.25 + rng.next() * 1e-6)),
      new Float64Array(n).fill(0.3),
      Float64Array.from({ length: n }, () => 0.5 + Math.floor(rng.next() * 5000) * 2 ** -45),
      Float64Array.from({ length: n }, () => (rng.next() - 0.5) * 1e6),
      Float64Array.from({ length: n }, () => (rng.next() < 0.5 ? 0 : 1)),
    ];
    for (const v of cases) same(sortKeyed(v, null), lsdSortKeyed(v, null));
  });
});

describe('packedSort packs label and columns as the per-column loop did', () => {
  it('with 0 to 5 columns (one fused pass for the first three, then one per column)', () => {
    const rng = new Rng(9);
    const n = 3000;
    const score = Float64Array.from({ length: n }, () => Math.round(rng.next() * 500) / 500);
    const label = Float64Array.from({ length: n }, () => (rng.next() < 0.4 ? 1 : 0));
    const cols = [7, 2, 5, 3, 4].map((k) => Int32Array.from({ length: n }, () => Math.floor(rng.next() * k) - 1));
    for (let C = 0; C <= cols.length; C++) {
      const asked = cols.slice(0, C);
      const sorted = packedSort(score.slice(), label, asked);
      const payload = Uint32Array.from(label);
      sorted.columns.forEach((c, k) => {
        for (let i = 0; i < n; i++) payload[i]! |= (c[i]! + 1) << sorted.shift[k]!;
      });
      const a = lsdSortKeyed(score, payload);
      same(sorted.packed, Array.from({ length: n }, (_, k) => a[3 * k + 2]!), `columns ${C}`);
      expect(sorted.columns.length).toBe(C);
    }
  });
});

describe('rank statistics (block pass, rankStatsMulti) equal the previous pass', () => {
  it('rankStats and rankStatsMulti, every grouping and overall, bit for bit', () => {
    for (const [seed, n, kind] of [[1, 1, 0], [2, 7, 1], [3, 300, 0], [4, 3000, 1], [5, 3000, 2], [6, 20000, 0], [7, 2000, 3]] as const) {
      const { score, label, columns, groupings } = dataset(seed, n, kind);
      const multi = rankStatsMulti(score, label, [{ group: null, groups: 1 }, ...groupings], columns);
      same(multi[0]!.groups, refRank(score, label, null, 1), `overall ${seed}`);
      groupings.forEach((g, j) => {
        const ref = refRank(score, label, g.group, g.groups);
        same(rankStats(score, label, g.group, g.groups, columns, g.derivation).groups, ref, `rankStats ${seed}/${j}`);
        same(rankStats(score, label, g.group, g.groups, columns, null).groups, ref, `rankStats no derivation ${seed}/${j}`);
        same(multi[j + 1], rankStats(score, label, g.group, g.groups, columns, g.derivation), `multi ${seed}/${j}`);
        same(multi[j + 1]!.overall, refRank(score, label, null, 1)[0]);
      });
    }
  });

  it('rankStatsMulti: a grouping not derived from the packed columns takes the gather path; bad codes throw', () => {
    const { score, label, columns } = dataset(11, 500, 2);
    const parity = Int32Array.from(score, (_, i) => i % 3);
    const [r] = rankStatsMulti(score, label, [{ group: parity, groups: 3 }], columns);
    same(r!.groups, refRank(score, label, parity, 3));
    expect(() => rankStatsMulti(score, label, [{ group: parity, groups: 2 }], columns)).toThrow(/group code 2 out of range/);
    expect(() => rankStatsMulti(score, Float64Array.from(label, (y) => y * 2), [], columns)).toThrow(/is not 0\/1/);
  });
});
