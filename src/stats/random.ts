/**
 * Small, fast, seeded randomness so every bootstrap in a report is reproducible: a string key
 * (e.g. the gate and group key) is hashed (FNV-1a, then splitmix32 to spread it) into the 128-bit
 * state of xoshiro128**. Binomial draws are exact: inversion for small n·min(p, 1−p), Hörmann's
 * BTRS (transformed rejection with squeeze, 1993) otherwise, so resampling 10M-row confusion
 * counts costs a few operations per draw instead of 10M.
 */

function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** FNV-1a over the UTF-16 code units of the key. */
export function hashString(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string | number) {
    const st = { s: typeof seed === 'string' ? hashString(seed) : seed >>> 0 };
    this.a = splitmix32(st);
    this.b = splitmix32(st);
    this.c = splitmix32(st);
    this.d = splitmix32(st);
    if ((this.a | this.b | this.c | this.d) === 0) this.d = 1;
  }

  /** xoshiro128**: next 32 random bits. */
  nextU32(): number {
    const r = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return r;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  next(): number {
    const hi = this.nextU32() >>> 5;
    const lo = this.nextU32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Exact Binomial(n, p) draw. */
  binomial(n: number, p: number): number {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (p > 0.5) return n - this.binomial(n, 1 - p);
    if (n * p < 10) return this.binomialInversion(n, p);
    return this.btrs(n, p);
  }

  /** Multinomial(n, probs) by sequential conditional binomials. */
  multinomial(n: number, probs: ArrayLike<number>, out: Float64Array): Float64Array {
    let left = n;
    let mass = 1;
    for (let k = 0; k < probs.length; k++) {
      if (k === probs.length - 1 || mass <= 0) {
        out[k] = k === probs.length - 1 ? left : 0;
        continue;
      }
      const pk = probs[k]!;
      const x = left > 0 ? this.binomial(left, Math.min(1, pk / mass)) : 0;
      out[k] = x;
      left -= x;
      mass -= pk;
    }
    return out;
  }

  private binomialInversion(n: number, p: number): number {
    const q = 1 - p;
    const s = p / q;
    const a = (n + 1) * s;
    for (;;) {
      let r = Math.pow(q, n);
      let u = this.next();
      let x = 0;
      while (u > r) {
        u -= r;
        x++;
        if (x > n) break;
        r *= a / x - s;
      }
      if (x <= n) return x;
    }
  }

  /**
   * Hörmann (1993) BTRS, valid for n·p ≥ 10, p ≤ 0.5. The generator's state is kept in locals for
   * the call (written back on return) and each attempt's two uniforms are next()'s arithmetic
   * written out: the same words in the same order as calling next() twice, without four field
   * loads and stores per step.
   */
  private btrs(n: number, p: number): number {
    const spq = Math.sqrt(n * p * (1 - p));
    const b = 1.15 + 2.53 * spq;
    const a = -0.0873 + 0.0248 * b + 0.01 * p;
    const c = n * p + 0.5;
    const vr = 0.92 - 4.2 / b;
    const a2 = 2 * a;
    // The squeeze accepts ~85% of draws; the logs the full test needs are computed on first use.
    let alpha = 0;
    let lpq = 0;
    let m = -1;
    let h = 0;
    let s0 = this.a;
    let s1 = this.b;
    let s2 = this.c;
    let s3 = this.d;
    for (;;) {
      let r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
      let t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
      const uHi = r >>> 5;
      r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
      t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
      const u = (uHi * 67108864 + (r >>> 6)) / 9007199254740992 - 0.5;
      r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
      t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
      const vHi = r >>> 5;
      r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
      t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
      const v = (vHi * 67108864 + (r >>> 6)) / 9007199254740992;
      const us = 0.5 - Math.abs(u);
      const k = Math.floor((a2 / us + b) * u + c);
      if (k < 0 || k > n) continue;
      let accept = us >= 0.07 && v <= vr;
      if (!accept) {
        if (m < 0) {
          alpha = (2.83 + 5.1 / b) * spq;
          lpq = Math.log(p / (1 - p));
          m = Math.floor((n + 1) * p);
          h = logFactorial(m) + logFactorial(n - m);
        }
        const lv = Math.log((v * alpha) / (a / (us * us) + b));
        accept = lv <= h - logFactorial(k) - logFactorial(n - k) + (k - m) * lpq;
      }
      if (accept) {
        this.a = s0;
        this.b = s1;
        this.c = s2;
        this.d = s3;
        return k;
      }
    }
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

const LOG_FACT_TABLE: number[] = [0];
for (let k = 1; k < 256; k++) LOG_FACT_TABLE.push(LOG_FACT_TABLE[k - 1]! + Math.log(k));

/** log(k!) — table below 256, Stirling series with three correction terms above (error < 1e-15). */
export function logFactorial(k: number): number {
  if (k < 256) return LOG_FACT_TABLE[k]!;
  const x = k + 1;
  const x2 = x * x;
  return (x - 0.5) * Math.log(x) - x + 0.9189385332046728 + (1 / 12 - (1 / 360 - 1 / (1260 * x2)) / x2) / x;
}
