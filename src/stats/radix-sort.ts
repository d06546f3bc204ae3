/**
 * Stable ascending sort permutation of a Float64Array: the one sort behind exact AUC, average
 * precision and DeLong (one sort serves the overall metric and every grouping).
 *
 * Why not `Float64Array.prototype.sort`: it takes ~1.35 s for 10M doubles here and cannot carry
 * row indices. This is an LSD radix sort (11-bit digits) on the high 32 bits of an order-preserving
 * key, carrying (high, low, index) interleaved so each scatter pass writes one stream per bucket,
 * then a fix-up that orders runs of equal high word by the low word. Scores in [0, 1] have their
 * exponent and 20 mantissa bits in the high word, so those runs are short: ~0.7 s for 10M rows
 * (bench: test/stats/perf.bench.ts). Key: flip every bit of a negative double, only the sign bit
 * of a non-negative one; -0 is folded into +0 so the two tie. A pass whose digit is the same for
 * every row is skipped.
 */

const BITS = 11;
const RADIX = 1 << BITS;
const MASK = RADIX - 1;
/** Runs of equal high word longer than this are sorted by a comparator sort instead. */
const INSERTION_MAX = 48;

export function sortOrder(values: Float64Array): Uint32Array {
  const n = values.length;
  const a = sortKeyed(values, null);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = a[3 * i + 2]!;
  return out;
}

/**
 * The sort itself: returns (high key, low key, payload) triplets in ascending order, interleaved.
 * `payload[i]` (default: i) travels with row i, so a caller that packs what it needs into the
 * payload (rank.ts packs label and group) reads the result sequentially instead of gathering
 * through a permutation — on 10M rows that gather costs more than the sort.
 * Two rows have the same score exactly when their (high, low) keys are equal.
 */
export function sortKeyed(values: Float64Array, payload: Uint32Array | null): Uint32Array {
  const n = values.length;
  if (payload !== null && payload.length !== n) throw new RangeError('payload length differs from values');
  if (n >= 2 ** 32) throw new RangeError('too many rows for a 32-bit permutation');
  const view = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  const little = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  const loAt = little ? 0 : 1;
  let a = new Uint32Array(3 * n);
  const hist = new Uint32Array(3 * RADIX);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v !== v) throw new RangeError(`row ${i}: cannot rank NaN`);
    let h = view[2 * i + 1 - loAt]!;
    let l = view[2 * i + loAt]!;
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
    const t = a;
    a = b;
    b = t;
  }
  b = new Uint32Array(0);
  sortRunsByLow(a, n);
  return a;
}

/** Orders each run of equal high word by (low word, index): stable and exact. */
function sortRunsByLow(a: Uint32Array, n: number): void {
  let s = 0;
  while (s < n) {
    const h = a[3 * s]!;
    let e = s + 1;
    while (e < n && a[3 * e] === h) e++;
    if (e - s > INSERTION_MAX) sortLongRun(a, s, e);
    else if (e - s > 1) {
      for (let i = s + 1; i < e; i++) {
        const l = a[3 * i + 1]!;
        const id = a[3 * i + 2]!;
        let j = i - 1;
        while (j >= s && a[3 * j + 1]! > l) {
          a[3 * j + 4] = a[3 * j + 1]!;
          a[3 * j + 5] = a[3 * j + 2]!;
          j--;
        }
        a[3 * j + 4] = l;
        a[3 * j + 5] = id;
      }
    }
    s = e;
  }
}

function sortLongRun(a: Uint32Array, s: number, e: number): void {
  const len = e - s;
  const lo = new Uint32Array(len);
  const id = new Uint32Array(len);
  let sorted = true;
  for (let k = 0; k < len; k++) {
    lo[k] = a[3 * (s + k) + 1]!;
    id[k] = a[3 * (s + k) + 2]!;
    if (k > 0 && lo[k]! < lo[k - 1]!) sorted = false;
  }
  if (sorted) return; // typical: a long run of exact ties, already in index order
  const perm = Array.from({ length: len }, (_, k) => k);
  perm.sort((x, y) => lo[x]! - lo[y]!); // Array sort is stable: ties keep row order
  for (let k = 0; k < len; k++) {
    a[3 * (s + k) + 1] = lo[perm[k]!]!;
    a[3 * (s + k) + 2] = id[perm[k]!]!;
  }
}
