/**
 * Arrow Int64/Uint64 number columns to doubles in one loop per signedness: each value must be the
 * double Number(bigint) gives (one rounding of hi·2³² + lo, what the per-row intAt computed), for
 * values around 0, ±2³¹, ±2³², ±2⁵³ and the 64-bit extremes, with nulls.
 */
import { Int64, Uint64, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { copyNumber } from '../../src/data/arrow-columns.js';
import { NumberBuilder } from '../../src/data/builders.js';
import { rng } from '../support/rng.js';

function viaArrow(values: (bigint | null)[], signed: boolean): { values: number[]; valid: number[] } {
  const b = new NumberBuilder('x');
  copyNumber(vectorFromArray(values, signed ? new Int64() : new Uint64()).data[0]!, b, { file: 'x.arrow', rowsBefore: 0 });
  return { values: [...b.values.subarray(0, b.length)], valid: b.valid === null ? values.map(() => 1) : [...b.valid.subarray(0, b.length)] };
}

describe('Arrow 64-bit integers to doubles', () => {
  const r = rng(64);
  const random64 = () => (BigInt(Math.floor(r() * 2 ** 32)) << 32n) | BigInt(Math.floor(r() * 2 ** 32));
  const edges = [0n, 1n, 2n ** 31n - 1n, 2n ** 31n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 63n - 1n];

  it('signed: Number(bigint) for every value, nulls left missing', () => {
    const values: (bigint | null)[] = [...edges, ...edges.map((x) => -x), -(2n ** 63n)];
    for (let i = 0; i < 2000; i++) values.push(r() < 0.05 ? null : BigInt.asIntN(64, random64()));
    const got = viaArrow(values, true);
    values.forEach((v, i) => {
      if (v === null) expect(got.valid[i]).toBe(0);
      else expect(Object.is(got.values[i], Number(v))).toBe(true);
    });
  });

  it('unsigned: Number(bigint) up to 2^64 − 1', () => {
    const values: bigint[] = [...edges, 2n ** 63n, 2n ** 64n - 1n];
    for (let i = 0; i < 2000; i++) values.push(random64());
    const got = viaArrow(values, false);
    expect(got.values.every((x, i) => Object.is(x, Number(values[i]!)))).toBe(true);
  });
});
