/**
 * Intervals: hand values, seeded coverage simulations (the 95% interval must cover the truth in
 * 93–97% of 2,000 draws), sampler moments, and McNemar p-values against scipy 1.10.1
 * (`scipy.stats.binomtest(k, n, 0.5).pvalue`).
 */
import { describe, expect, it } from 'vitest';
import {
  bonferroniLevel, bootstrapCounts, delongInterval, mcnemar, mcnemarFromCounts, meanInterval,
  normalCdf, pairedBootstrap, rankStats, rmseInterval, Rng, wilsonInterval,
} from '../../src/stats/index.js';

describe('Wilson', () => {
  it('4 of 10 at 95% (hand: centre .592073/1.384146, half 1.416009·√.0336036)', () => {
    const w = wilsonInterval(4, 10);
    expect(w.lower!).toBeCloseTo(0.168180, 5);
    expect(w.upper!).toBeCloseTo(0.687326, 5);
    expect(wilsonInterval(0, 5).lower).toBe(0);
    expect(wilsonInterval(5, 5).upper).toBe(1);
    expect(wilsonInterval(0, 0).lower).toBeNull();
  });

  it('covers the true rate in 93–97% of 2,000 seeded draws', () => {
    const rng = new Rng('wilson-coverage');
    for (const [n, p] of [[200, 0.3], [60, 0.1]] as const) {
      let hit = 0;
      for (let r = 0; r < 2000; r++) {
        const w = wilsonInterval(rng.binomial(n, p), n);
        if (w.lower! <= p && p <= w.upper!) hit++;
      }
      expect(hit / 2000).toBeGreaterThanOrEqual(0.93);
      expect(hit / 2000).toBeLessThanOrEqual(0.97);
    }
  });

  it('Bonferroni level', () => expect(bonferroniLevel(0.95, 5)).toBeCloseTo(0.99, 15));
});

describe('DeLong', () => {
  it('covers AUC = Φ(d/√2) for N(d,1) vs N(0,1) scores in 93–97% of 2,000 draws', () => {
    const rng = new Rng('delong-coverage');
    const gauss = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
    const d = 1;
    const truth = normalCdf(d / Math.SQRT2); // 0.7602499389065233
    const m = 80;
    const n = 120;
    let hit = 0;
    for (let r = 0; r < 2000; r++) {
      const s = new Float64Array(m + n);
      const y = new Float64Array(m + n);
      for (let i = 0; i < m + n; i++) {
        y[i] = i < m ? 1 : 0;
        s[i] = gauss() + (i < m ? d : 0);
      }
      const iv = delongInterval(rankStats(s, y).overall);
      if (iv.lower! <= truth && truth <= iv.upper!) hit++;
    }
    expect(hit / 2000).toBeGreaterThanOrEqual(0.93);
    expect(hit / 2000).toBeLessThanOrEqual(0.97);
  });
});

describe('mean-loss intervals', () => {
  it('normal interval by hand: losses 1, 2, 3, 4 -> mean 2.5, s² = 5/3', () => {
    const iv = meanInterval(4, 10, 30);
    const half = 1.959963984540054 * Math.sqrt(5 / 3 / 4);
    expect(iv.lower!).toBeCloseTo(2.5 - half, 12);
    expect(iv.upper!).toBeCloseTo(2.5 + half, 12);
    expect(meanInterval(1, 1, 1).lower).toBeNull();
    // rmse: errors 1,1,3,3 -> e² = 1,1,9,9: MSE 5, Σe⁴ = 164, s² = (164 − 100)/3
    const r = rmseInterval(4, 20, 164);
    const h2 = 1.959963984540054 * Math.sqrt(64 / 3 / 4);
    expect(r.lower!).toBeCloseTo(Math.sqrt(5 - h2), 12);
    expect(r.upper!).toBeCloseTo(Math.sqrt(5 + h2), 12);
  });
});

describe('seeded resampling', () => {
  it('binomial draws have the right mean and variance (inversion and BTRS branches)', () => {
    const rng = new Rng('moments');
    for (const [n, p] of [[30, 0.1], [1000, 0.3], [10_000_000, 0.45], [50, 0.9]] as const) {
      let s = 0;
      let s2 = 0;
      const R = 20000;
      let bad = 0;
      for (let r = 0; r < R; r++) {
        const x = rng.binomial(n, p);
        if (!(x >= 0 && x <= n && Number.isInteger(x))) bad++;
        s += x;
        s2 += x * x;
      }
      expect(bad).toBe(0);
      const mean = s / R;
      const v = s2 / R - mean * mean;
      const sd = Math.sqrt(n * p * (1 - p));
      expect(Math.abs(mean - n * p)).toBeLessThan((5 * sd) / Math.sqrt(R));
      expect(v / (n * p * (1 - p))).toBeGreaterThan(0.95);
      expect(v / (n * p * (1 - p))).toBeLessThan(1.05);
    }
  });

  it('bootstrap over counts is deterministic per seed and brackets the estimate', () => {
    const f1 = (c: Float64Array) => (2 * c[3]!) / (2 * c[3]! + c[1]! + c[2]!);
    const a = bootstrapCounts([40, 10, 10, 40], f1, { seed: 'k1' });
    expect(bootstrapCounts([40, 10, 10, 40], f1, { seed: 'k1' })).toEqual(a);
    expect(bootstrapCounts([40, 10, 10, 40], f1, { seed: 'k2' })).not.toEqual(a);
    expect(a.lower!).toBeLessThan(0.8);
    expect(a.upper!).toBeGreaterThan(0.8);
  });

  it('paired bootstrap of an accuracy difference agrees with the McNemar normal interval', () => {
    const rng = new Rng('paired');
    const n = 2000;
    const cand = new Uint8Array(n);
    const base = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      cand[i] = rng.next() < 0.8 ? 1 : 0;
      base[i] = rng.next() < 0.1 ? 1 - cand[i]! : cand[i]!;
    }
    const mc = mcnemar(cand, base);
    const pb = pairedBootstrap(n, (rows) => {
      let d = 0;
      for (const i of rows) d += cand[i]! - base[i]!;
      return d / n;
    }, { seed: 'pb', replicates: 1000 });
    expect(Math.abs(pb.lower! - mc.interval.lower!)).toBeLessThan(0.004);
    expect(Math.abs(pb.upper! - mc.interval.upper!)).toBeLessThan(0.004);
  });
});

describe('McNemar exact', () => {
  it('matches scipy binomtest', () => {
    expect(mcnemarFromCounts(3, 12, 100).pValue).toBeCloseTo(0.03515625, 14);
    expect(mcnemarFromCounts(61, 40, 1000).pValue).toBeCloseTo(0.04604406692934279, 12);
    expect(mcnemarFromCounts(4000, 4210, 100000).pValue).toBeCloseTo(0.021070767756658837, 10);
    expect(mcnemarFromCounts(0, 0, 10).pValue).toBe(1);
    const r = mcnemarFromCounts(3, 12, 100);
    expect(r.difference).toBeCloseTo(0.09, 15); // (12 − 3)/100
  });
});
