/**
 * Narrow arrays through the kernels: group codes as Uint8Array, Uint16Array or Int32Array and
 * binary outcomes as Uint8Array or Float64Array hold the same values, so every kernel must return
 * the same doubles (Object.is) whichever it gets; the engine's groupings pick the width from their
 * group count (switching at 256 and 65536 groups). And the rank worker's sort in slices
 * (sortKeyedSlices) against the whole sort it slices.
 */
import { describe, expect, it } from 'vitest';
import { expectSameBits as same } from '../support/same-bits.js';
import { buildGrouping, codeArray } from '../../src/checks/shared/grouping.js';
import { categoryColumn } from '../../src/data/dataset.js';
import {
  binaryCounts, binaryCountsMulti, multiclassCounts, packedSort, rankStats, rankStatsMulti, regressionSums, Rng,
  scoreSums, scoreSumsMulti, sortKeyed, sortKeyedSlices, type GroupCodes,
} from '../../src/stats/index.js';


/** Integer arrays element by element (fast: these are tens of thousands of elements). */
function equal(x: ArrayLike<number>, y: ArrayLike<number>): boolean {
  if (x.length !== y.length) return false;
  for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return false;
  return true;
}

/** The same codes in each width. */
function widths(codes: Int32Array): GroupCodes[] {
  return [Uint8Array.from(codes), Uint16Array.from(codes), codes];
}

function data(seed: number, n: number, groups: number) {
  const rng = new Rng(seed);
  const score = Float64Array.from({ length: n }, () => (rng.next() < 0.3 ? Math.round(rng.next() * 20) / 20 : rng.next()));
  const label = Float64Array.from({ length: n }, () => (rng.next() < 0.35 ? 1 : 0));
  const pred = Float64Array.from({ length: n }, (_, i) => (score[i]! >= 0.5 ? 1 : 0));
  const codes = Int32Array.from({ length: n }, () => Math.floor(rng.next() * groups));
  return { score, label, pred, codes };
}

describe('kernels give the same doubles for Uint8, Uint16 and Int32 group codes and byte or double outcomes', () => {
  const { score, label, pred, codes } = data(3, 4000, 7);
  const label8 = Uint8Array.from(label);
  const pred8 = Uint8Array.from(pred);

  it('binary counts, score sums, rank statistics (with and without the packed columns)', () => {
    const col = Int32Array.from(codes, (c) => (c === 6 ? -1 : c));
    for (const g of widths(codes)) {
      const name = g.constructor.name;
      same(binaryCounts(label8, pred8, g, 7), binaryCounts(label, pred, codes, 7), `counts ${name}`);
      same(binaryCountsMulti(label8, pred8, [{ group: g, groups: 7 }, { group: null, groups: 1 }]),
        binaryCountsMulti(label, pred, [{ group: codes, groups: 7 }, { group: null, groups: 1 }]), `counts multi ${name}`);
      same(scoreSums(label8, score, g, 7), scoreSums(label, score, codes, 7), `score sums ${name}`);
      same(scoreSumsMulti(label8, score, [{ group: g, groups: 7 }]), scoreSumsMulti(label, score, [{ group: codes, groups: 7 }]), `multi ${name}`);
      // Fresh score arrays: the sort is cached by the score array, and each call must sort its own.
      same(rankStats(score.slice(), label8, g, 7).groups, rankStats(score.slice(), label, codes, 7).groups, `rank ${name}`);
      same(rankStats(score.slice(), label8, g, 7, [col]).groups, rankStats(score.slice(), label, codes, 7).groups, `rank packed ${name}`);
      same(rankStatsMulti(score.slice(), label8, [{ group: g, groups: 7 }], [col]), rankStatsMulti(score.slice(), label, [{ group: codes, groups: 7 }], [col]), `rank multi ${name}`);
      same(multiclassCounts(label, pred, 2, g, 7), multiclassCounts(label, pred, 2, codes, 7), `matrix ${name}`);
      same(regressionSums(score, label, g, 7), regressionSums(score, label, codes, 7), `regression ${name}`);
    }
  });

  it('a code out of range is refused in every width', () => {
    for (const g of widths(codes)) {
      expect(() => binaryCounts(label8, pred8, g, 6)).toThrow(/group code 6 out of range/);
      expect(() => scoreSums(label8, score, g, 6)).toThrow(/group code 6 out of range/);
      expect(() => rankStats(score.slice(), label8, g, 6)).toThrow(/group code 6 out of range/);
    }
  });

  it('more groups than a byte holds: Uint16 and Int32 codes agree (codes up to 1000)', () => {
    const d = data(5, 6000, 1000);
    const [, g16, g32] = widths(d.codes);
    same(binaryCounts(Uint8Array.from(d.label), Uint8Array.from(d.pred), g16!, 1000), binaryCounts(d.label, d.pred, g32!, 1000));
    same(scoreSums(d.label, d.score, g16!, 1000), scoreSums(d.label, d.score, g32!, 1000));
    same(rankStats(d.score.slice(), d.label, g16!, 1000).groups, rankStats(d.score.slice(), d.label, g32!, 1000).groups);
  });
});

describe('grouping code width', () => {
  it('codeArray: bytes up to 256 groups, 16 bits up to 65536, else 32; shared memory from 65536 rows', () => {
    expect(codeArray(10, 1)).toBeInstanceOf(Uint8Array);
    expect(codeArray(10, 256)).toBeInstanceOf(Uint8Array);
    expect(codeArray(10, 257)).toBeInstanceOf(Uint16Array);
    expect(codeArray(10, 65536)).toBeInstanceOf(Uint16Array);
    expect(codeArray(10, 65537)).toBeInstanceOf(Int32Array);
    expect(codeArray(10, 3).buffer).toBeInstanceOf(ArrayBuffer);
    expect(codeArray(65536, 3).buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(codeArray(65536, 3).length).toBe(65536);
  });

  it('buildGrouping switches width past 256 groups, one column or an intersection, with the same codes', () => {
    const values = (k: number, n: number) => Array.from({ length: n }, (_, i) => `v${String((i * 7919) % k).padStart(4, '0')}`);
    // One column: 256 groups fit a byte, 257 do not.
    const g256 = buildGrouping([categoryColumn('a', values(256, 600))]);
    const g257 = buildGrouping([categoryColumn('a', values(257, 600))]);
    expect(g256.codes).toBeInstanceOf(Uint8Array);
    expect(g256.count).toBe(256);
    expect(g257.codes).toBeInstanceOf(Uint16Array);
    expect(g257.count).toBe(257);
    // Codes are the rank of the value: v0000 -> 0 ... (values sort as their numbers, padded).
    same(g257.codes, Array.from({ length: 600 }, (_, i) => (i * 7919) % 257));
    // An intersection of 20 x 15 = 300 present combinations (its fused key space 21 x 16 = 336):
    // first numbered in a 16-bit array, which it keeps.
    const n = 900;
    const a = Array.from({ length: n }, (_, i) => `a${String(i % 20).padStart(2, '0')}`);
    const b = Array.from({ length: n }, (_, i) => `b${String(Math.floor(i / 20) % 15).padStart(2, '0')}`);
    const gi = buildGrouping([categoryColumn('a', a), categoryColumn('b', b)]);
    expect(gi.count).toBe(300);
    expect(gi.codes).toBeInstanceOf(Uint16Array);
    same(gi.codes, Array.from({ length: n }, (_, i) => (i % 20) * 15 + (Math.floor(i / 20) % 15)));
    // Key space over 256 but only 3 combinations present: renumbered into bytes.
    const few = buildGrouping([categoryColumn('a', a), categoryColumn('b', a.map((x) => (x < 'a03' ? 'y' : 'z')))]);
    expect(few.count).toBe(20);
    expect(few.codes).toBeInstanceOf(Uint8Array);
  });

  it('more than 65536 groups: 32-bit codes', () => {
    const n = 70000;
    const g = buildGrouping([categoryColumn('id', Array.from({ length: n }, (_, i) => String(i).padStart(6, '0')))]);
    expect(g.count).toBe(n);
    expect(g.codes).toBeInstanceOf(Int32Array);
    expect(g.codes[69999]).toBe(69999);
  });
});

describe('sortKeyedSlices: the triplets of sortKeyed, slice by slice', () => {
  it('any slice size (a slice holds whole MSD buckets, at least the largest), payload as array, function or index', () => {
    const rng = new Rng(11);
    const cases = [
      Float64Array.from({ length: 5000 }, () => rng.next()),
      Float64Array.from({ length: 5000 }, () => Math.round(rng.next() * 30) / 30),
      Float64Array.from({ length: 5000 }, (_, i) => (i === 9 ? 1e9 : 0.25 + rng.next() * 1e-6)),
      new Float64Array(3000).fill(0.5),
      Float64Array.from({ length: 4097 }, (_, i) => [0, -0, Infinity, -Infinity, Number.MIN_VALUE, rng.next()][i % 6]!),
      new Float64Array(0),
      Float64Array.of(0.2),
    ];
    for (const v of cases) {
      const payload = Uint32Array.from(v, (_, i) => (i * 2654435761) >>> 0);
      const whole = sortKeyed(v, payload);
      for (const slice of [1, 100, 1000, v.length]) {
        for (const source of [payload, (i: number) => payload[i]!]) {
          const got: number[] = [];
          let calls = 0;
          sortKeyedSlices(v, source, slice, (a, rows) => {
            calls++;
            got.push(...a.subarray(0, 3 * rows));
          });
          expect(equal(got, whole), `n ${v.length}, slice ${slice}`).toBe(true);
          if (slice === v.length) expect(calls).toBe(1);
        }
      }
      const index: number[] = [];
      sortKeyedSlices(v, null, 700, (a, rows) => index.push(...a.subarray(0, 3 * rows)));
      expect(equal(index, sortKeyed(v, null))).toBe(true);
    }
  });

  it('packedSort: byte or double labels give the same packing; a bad label is refused before the sort', () => {
    const rng = new Rng(2);
    const n = 10000;
    const score = Float64Array.from({ length: n }, () => rng.next());
    const label = Float64Array.from({ length: n }, () => (rng.next() < 0.5 ? 1 : 0));
    const c = Int32Array.from({ length: n }, () => Math.floor(rng.next() * 5) - 1);
    const a = packedSort(score.slice(), label, [c]);
    const b = packedSort(score.slice(), Uint8Array.from(label), [c]);
    same(a.packed, b.packed);
    same(a.starts, b.starts);
    // Expected from the whole sort: payload = label | (code + 1) << 1.
    const t = sortKeyed(score, Uint32Array.from(label, (y, i) => y | ((c[i]! + 1) << 1)));
    same(a.packed, Array.from({ length: n }, (_, k) => t[3 * k + 2]!));
    const bad = label.slice();
    bad[42] = 2;
    const nan = score.slice();
    nan[7] = Number.NaN;
    expect(() => packedSort(nan, bad, [c])).toThrow(/row 42: label 2 is not 0\/1/);
  });
});
