/**
 * sumError replaces Neumaier's branch (`s - t + x` if |s| >= |x| else `x - t + s`) with TwoSum for
 * finite sums. Both are the exact rounding error of t = s + x, so they must be the same double
 * (Object.is: signed zeros and NaN included) for every pair, extremes and overflow included.
 * The reference below is Neumaier's step as published (Neumaier 1974), written out here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Accumulators, neumaierSum, sumError } from '../../src/stats/sum.js';

function neumaierError(s: number, x: number): number {
  const t = s + x;
  return Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
}

const SPECIAL = [0, -0, 1, -1, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE, Infinity, -Infinity, NaN, 2 ** 53, 1 - 2 ** -53, 1e308, -1e308, 0.1, 0.2, 0.3];

describe('sumError', () => {
  it('equals Neumaier\'s branch for special values (all pairs)', () => {
    for (const s of SPECIAL) {
      for (const x of SPECIAL) expect(Object.is(sumError(s, x, s + x), neumaierError(s, x)), `${s} + ${x}`).toBe(true);
    }
  });

  it('equals Neumaier\'s branch for any two doubles (random bit patterns)', () => {
    fc.assert(
      fc.property(fc.double(), fc.double(), (s, x) => Object.is(sumError(s, x, s + x), neumaierError(s, x))),
      { numRuns: 200_000 },
    );
  });

  it('equals Neumaier\'s branch for close magnitudes (where the rounding error is nonzero)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.double({ min: 1e-20, max: 1e3, noNaN: true }), (s, x) => {
        const err = neumaierError(s, x);
        return Object.is(sumError(s, x, s + x), err);
      }),
      { numRuns: 200_000 },
    );
    // Not vacuous: these inputs do round.
    expect(neumaierError(1, 1e-17)).toBe(1e-17);
    expect(sumError(0.1, 0.2, 0.1 + 0.2)).toBe(-2.7755575615628914e-17);
  });

  it('gives the same sums as a per-element Neumaier loop', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, min: -1e300, max: 1e300 }), { maxLength: 50 }), (xs) => {
        let s = 0;
        let c = 0;
        for (const x of xs) {
          c += neumaierError(s, x);
          s += x;
        }
        const acc = new Accumulators(1);
        for (const x of xs) acc.add(0, x);
        return Object.is(neumaierSum(xs.length, (i) => xs[i]!), s + c) && Object.is(acc.value(0), s + c);
      }),
      { numRuns: 20_000 },
    );
  });
});
