/**
 * Rng against the generator it replaced (random-old.ts): the same binomial and multinomial draws
 * and the same stream afterwards (next() equal), so every bootstrap interval keeps its bits. Covers
 * both samplers (inversion below n·p = 10, BTRS above), p above one half, the edges 0 and 1,
 * huge n, and the multinomials of the fairness bootstrap (4 cells) and calibration bins (10 cells).
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/stats/random.js';
import { rng } from '../support/rng.js';
import { OldRng } from './random-old.js';

const NS = [0, 1, 2, 9, 10, 19, 20, 21, 100, 1000, 12345, 79853, 550371, 1e6, 1e7, 2 ** 31, 1e12];
const PS = [0, 1, -0.1, 1.1, 0.5, 0.5 - 2 ** -53, 0.5 + 2 ** -53, 1e-9, 1e-6, 0.01, 0.1, 0.25, 0.33, 0.49, 0.51, 0.9, 0.999, 1 - 1e-9];

describe('Rng draws equal the previous generator', () => {
  it('binomial over a grid of n and p, several seeds, the stream in step afterwards', () => {
    for (const seed of ['a', 'MG301|race|demographic_parity_difference|gate|White', 7]) {
      const now = new Rng(seed);
      const old = new OldRng(seed);
      for (const n of NS) {
        for (const p of PS) {
          const a = Array.from({ length: 20 }, () => now.binomial(n, p));
          expect(a).toEqual(Array.from({ length: 20 }, () => old.binomial(n, p)));
          expect(now.nextU32()).toBe(old.nextU32());
        }
      }
    }
  });

  it('binomial at random n and p (BTRS rejections included)', () => {
    const r = rng(31);
    const now = new Rng('random-grid');
    const old = new OldRng('random-grid');
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < 200000; i++) {
      const n = Math.floor(10 ** (r() * 7));
      const p = r() < 0.1 ? r() * 1e-3 : r();
      a.push(now.binomial(n, p));
      b.push(old.binomial(n, p));
    }
    expect(a.findIndex((x, i) => x !== b[i])).toBe(-1);
    expect(now.next()).toBe(old.next());
  });

  it('multinomial with 4 and 10 cells, zero cells and a zero group', () => {
    const cells = [
      Float64Array.of(0.52, 0.09, 0.14, 0.25),
      Float64Array.of(0, 0.5, 0, 0.5),
      Float64Array.of(1, 0, 0, 0),
      Float64Array.of(0.02, 0.05, 0.08, 0.12, 0.15, 0.17, 0.15, 0.12, 0.09, 0.05),
    ];
    for (const n of [0, 1, 15, 19934, 550371, 1e7]) {
      for (const probs of cells) {
        const now = new Rng(`m|${n}`);
        const old = new OldRng(`m|${n}`);
        const a = new Float64Array(probs.length);
        const b = new Float64Array(probs.length);
        for (let rep = 0; rep < 500; rep++) {
          now.multinomial(n, probs, a);
          old.multinomial(n, probs, b);
          expect([...a]).toEqual([...b]);
        }
        expect(now.nextU32()).toBe(old.nextU32());
      }
    }
  });
});
