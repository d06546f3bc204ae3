/**
 * Stable ascending sort permutation of a Float64Array: the one sort behind exact AUC, average
 * precision and DeLong (one sort serves the overall metric and every grouping).
 *
 * Why not `Float64Array.prototype.sort`: it takes ~1.35 s for 10M doubles here and cannot carry
 * row indices. This is a radix sort on the high 32 bits of an order-preserving key, carrying
 * (high, low, payload) triplets interleaved, then a fix-up that orders runs of equal high word by
 * the low word. Key: flip every bit of a negative double, only the sign bit of a non-negative one;
 * -0 is folded into +0 so the two tie.
 *
 * One MSD scatter, straight from the scores, into up to 2^11 buckets that are equal ranges of the
 * keys that occur; then each bucket on its own by its remaining bits, through a scratch the size of
 * the largest bucket. For the 10M bench scores the largest bucket is ~19K rows (a 220 KB scratch,
 * sorted in L2), where the previous LSD sort (3 passes over all rows) needed a second 12n-byte
 * buffer: 120 MB less at 10M rows, for about the same CPU (10M, sortKeyed alone, 5 interleaved
 * runs: user time equal within noise, sys time lower by ~40 ms from the pages not touched).
 * Stable throughout (every scatter is stable, ties in row order), so the order is exactly the LSD
 * sort's; test/stats/kernels-reference.test.ts compares the two.
 */

const BITS = 11;
const RADIX = 1 << BITS;
const MASK = RADIX - 1;
/** Runs of equal high word longer than this are sorted by a comparator sort instead. */
const INSERTION_MAX = 48;
/** Widest digit of the per-bucket passes (sortBucket). */
const BUCKET_BITS = 12;

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
  let out: Uint32Array = new Uint32Array(0);
  // One slice of every row: the slice's buffer is the result.
  sortKeyedSlices(values, payload, values.length, (a) => (out = a));
  return out;
}

/** The payload of row i (a uint32), computed when the row is placed. */
export type PayloadOf = (i: number) => number;

/**
 * sortKeyed in ascending slices of at most max(sliceRows, largest MSD bucket) rows: `emit(a, rows)`
 * gets the triplets of the next `rows` sorted rows in a[0..3*rows), the same triplets in the same
 * order as sortKeyed's, and must take what it needs before returning (the buffer is reused). Each
 * slice is a run of whole MSD buckets, found by one more pass over the scores: the working memory
 * is 12 bytes per slice row, not per row (at 10M rows in 4 slices, 30 MB instead of 120 MB).
 * `payload` is an array, a function (called once per row, in the row's slice: payloads computed
 * instead of held, 4 bytes per row less), or null for the row index.
 */
export function sortKeyedSlices(
  values: Float64Array,
  payload: Uint32Array | PayloadOf | null,
  sliceRows: number,
  emit: (a: Uint32Array, rows: number) => void,
): void {
  const n = values.length;
  if (payload instanceof Uint32Array && payload.length !== n) throw new RangeError('payload length differs from values');
  if (n >= 2 ** 32) throw new RangeError('too many rows for a 32-bit permutation');
  const view = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  const little = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  const loAt = little ? 0 : 1;
  // Pass 1 (reading the scores only): NaN check and the range of high keys.
  let minH = 0xffffffff;
  let maxH = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v !== v) throw new RangeError(`row ${i}: cannot rank NaN`);
    const h = highKey(view[2 * i + 1 - loAt]!, v);
    if (h < minH) minH = h;
    if (h > maxH) maxH = h;
  }
  // MSD buckets: (h - minH) >>> shift, at most RADIX of them, in ascending key order. Scores fill
  // their key range unevenly (a binade per exponent), but each bucket is a range of keys, so the
  // largest bucket is a small part of the rows for spread-out scores.
  const span = n === 0 ? 0 : maxH - minH;
  let shift = 0;
  while (shift < 32 && span / 2 ** shift >= RADIX) shift++;
  const count = new Uint32Array(RADIX + 1);
  for (let i = 0; i < n; i++) count[(highKey(view[2 * i + 1 - loAt]!, values[i]!) - minH) >>> shift]!++;
  const offsets = new Uint32Array(RADIX + 1);
  let biggest = 0;
  for (let d = 0, run = 0; d < RADIX; d++) {
    offsets[d] = run;
    run += count[d]!;
    if (count[d]! > biggest) biggest = count[d]!;
  }
  offsets[RADIX] = n;
  // A bucket is never split: a slice holds at least the largest one.
  const cap = Math.min(n, Math.max(sliceRows, biggest));
  const a = new Uint32Array(3 * cap);
  // Each bucket is sorted on its own, through a scratch of the largest bucket's size (not another
  // 12n bytes), stably by its remaining `shift` bits of h; sortRunsByLow then orders equal h by l.
  const scratch = new Uint32Array(3 * (shift > 0 ? biggest : 0));
  const hist = new Uint32Array(1 << BUCKET_BITS);
  const next = new Uint32Array(RADIX);
  const payloadOf = typeof payload === 'function' ? payload : null;
  const given = payload instanceof Uint32Array ? payload : null;
  // The slice of each bucket (the same runs the loop below takes), and with several slices (up to
  // 15) the slice of each row, four bits a row, written by the first slice's pass: the later passes
  // skip the other slices' rows by reading half a byte a row instead of the score and its key.
  const sliceOf = new Uint8Array(RADIX);
  let slices = 0;
  for (let d0 = 0; d0 < RADIX; slices++) {
    let d1 = d0;
    let rows = 0;
    while (d1 < RADIX && rows + count[d1]! <= cap) rows += count[d1++]!;
    sliceOf.fill(Math.min(slices, 15), d0, d1);
    d0 = d1;
  }
  const rowSlice = slices > 1 && slices <= 15 ? new Uint8Array((n + 1) >>> 1) : null;
  for (let d0 = 0, slice = 0; d0 < RADIX; slice++) {
    let d1 = d0;
    let rows = 0;
    while (d1 < RADIX && rows + count[d1]! <= cap) rows += count[d1++]!;
    for (let d = d0; d < d1; d++) next[d] = offsets[d]! - offsets[d0]!;
    // Stable scatter of the slice's (h, l, payload) triplets into its buckets, straight from the scores.
    for (let i = 0; i < n; i++) {
      if (slice > 0 && rowSlice !== null && ((rowSlice[i >>> 1]! >>> ((i & 1) << 2)) & 15) !== slice) continue;
      const v = values[i]!;
      let h = view[2 * i + 1 - loAt]!;
      let l = view[2 * i + loAt]!;
      if (v === 0) h = l = 0;
      if (h >>> 31) {
        h = ~h >>> 0;
        l = ~l >>> 0;
      } else h = (h | 0x80000000) >>> 0;
      const d = (h - minH) >>> shift;
      if (slice === 0 && rowSlice !== null) rowSlice[i >>> 1]! |= sliceOf[d]! << ((i & 1) << 2);
      if (d < d0 || d >= d1) continue;
      const at = 3 * next[d]!++;
      a[at] = h;
      a[at + 1] = l;
      a[at + 2] = payloadOf ? payloadOf(i) : given === null ? i : given[i]!;
    }
    for (let d = d0; d < d1 && shift > 0; d++) {
      const s = offsets[d]! - offsets[d0]!;
      const e = s + count[d]!;
      if (e - s <= INSERTION_MAX) insertionByHigh(a, s, e);
      else sortBucket(a, s, e, minH, shift, scratch, hist);
    }
    sortRunsByLow(a, rows);
    emit(a, rows);
    d0 = d1;
  }
}

/** The order-preserving high key of a score (its high word `w`): see the file comment. */
function highKey(w: number, v: number): number {
  if (v === 0) return 0x80000000;
  return w >>> 31 ? ~w >>> 0 : (w | 0x80000000) >>> 0;
}

/** Stable insertion sort of triplets s..e-1 by high key. */
function insertionByHigh(a: Uint32Array, s: number, e: number): void {
  for (let i = s + 1; i < e; i++) {
    const h = a[3 * i]!;
    if (a[3 * i - 3]! <= h) continue;
    const l = a[3 * i + 1]!;
    const id = a[3 * i + 2]!;
    let j = i - 1;
    while (j >= s && a[3 * j]! > h) {
      a[3 * j + 3] = a[3 * j]!;
      a[3 * j + 4] = a[3 * j + 1]!;
      a[3 * j + 5] = a[3 * j + 2]!;
      j--;
    }
    a[3 * j + 3] = h;
    a[3 * j + 4] = l;
    a[3 * j + 5] = id;
  }
}

/**
 * LSD radix sort of the triplets s..e-1 (one MSD bucket) by the low `bits` bits of their high
 * key minus minH (the bits above are equal within the bucket), via `scratch`; digits constant over the bucket
 * are skipped. The result is back in a[s..e).
 */
function sortBucket(a: Uint32Array, s: number, e: number, minH: number, bits: number, scratch: Uint32Array, hist: Uint32Array): void {
  const m = e - s;
  let src = a;
  let srcAt = s;
  let dst = scratch;
  let dstAt = 0;
  // Equal digit widths of at most BUCKET_BITS (12 bits: one pass of 4096 counters over a bucket
  // that stays in L2, rather than an 11-bit and a 1-bit pass).
  const passes = Math.ceil(bits / BUCKET_BITS);
  const width = Math.ceil(bits / passes);
  for (let sh = 0; sh < bits; sh += width) {
    const mask = (1 << Math.min(width, bits - sh)) - 1;
    hist.fill(0);
    for (let i = 0; i < m; i++) hist[((src[3 * (srcAt + i)]! - minH) >>> sh) & mask]!++;
    let trivial = false;
    for (let d = 0, run = 0; d <= mask; d++) {
      const c = hist[d]!;
      if (c === m) trivial = true;
      hist[d] = run;
      run += c;
    }
    if (trivial) continue;
    for (let i = 0; i < m; i++) {
      const k = 3 * (srcAt + i);
      const at = 3 * (dstAt + hist[((src[k]! - minH) >>> sh) & mask]!++);
      dst[at] = src[k]!;
      dst[at + 1] = src[k + 1]!;
      dst[at + 2] = src[k + 2]!;
    }
    const t = src;
    src = dst;
    dst = t;
    const tAt = srcAt;
    srcAt = dstAt;
    dstAt = tAt;
  }
  if (src !== a) a.set(src.subarray(0, 3 * m), 3 * s);
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
