/**
 * Decimal text in bytes to a double, without creating a string when it can be avoided. Accepts
 * exactly the strict grammar `[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?` (what `parseNumberText` accepts
 * after trimming, minus the words true/false/NaN/Inf) and returns exactly `Number(text)`'s double;
 * anything else returns NaN, which the grammar can never produce, so the caller falls back to
 * `parseNumberText` (blanks, words, errors) and nothing changes for that text.
 *
 * Exactness: when the decimal significand w (digits without the point, leading zeros dropped) is at
 * most 2^53 and the decimal exponent e is within ±22, w and 10^|e| are exact doubles and one IEEE
 * multiplication or division rounds the exact quotient once: that is `Number()`'s correctly rounded
 * result (Clinger's fast path). Every other decimal goes to `Number()` on its own ASCII text.
 */

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i); // 10^0..10^22 are exact doubles
const TWO53 = 2 ** 53;
/** Exponent digits beyond this magnitude cannot change which path is taken (and stay exact in a double). */
const EXP_CAP = 1e9;

export function decimalBytes(buf: Buffer, start: number, end: number): number {
  let i = start;
  let negative = false;
  let c = i < end ? buf[i]! : 0;
  if (c === 0x2d || c === 0x2b) {
    negative = c === 0x2d;
    i++;
  }
  let w = 0; // significand while exact; past 2^53 `big` is set and w is no longer used
  let big = false;
  let digits = 0; // digits seen in the significand (integer and fraction part)
  let scale = 0; // fraction digits: value = w * 10^(exp - scale)
  for (; i < end; i++) {
    const d = buf[i]! - 0x30;
    if (d < 0 || d > 9) break;
    w = w * 10 + d;
    digits++;
  }
  if (i < end && buf[i] === 0x2e) {
    i++;
    for (; i < end; i++) {
      const d = buf[i]! - 0x30;
      if (d < 0 || d > 9) break;
      w = w * 10 + d;
      digits++;
      scale++;
    }
  }
  if (digits === 0) return Number.NaN;
  // w * 10 + d is exact while the true significand is below 2^53; past that w is rounded, but
  // rounding is monotone, so a true significand >= 2^53 always leaves w >= 2^53 (and 2^53 itself,
  // exact or not, just takes the slow path).
  if (w >= TWO53) big = true;
  let exp = 0;
  if (i < end && (buf[i] === 0x65 || buf[i] === 0x45)) {
    i++;
    let expNegative = false;
    c = i < end ? buf[i]! : 0;
    if (c === 0x2d || c === 0x2b) {
      expNegative = c === 0x2d;
      i++;
    }
    const expStart = i;
    for (; i < end; i++) {
      const d = buf[i]! - 0x30;
      if (d < 0 || d > 9) break;
      if (exp < EXP_CAP) exp = exp * 10 + d;
    }
    if (i === expStart) return Number.NaN;
    if (expNegative) exp = -exp;
  }
  if (i !== end) return Number.NaN;
  let value: number;
  if (w === 0) value = 0; // any zero significand is (signed) zero whatever the exponent
  else {
    const e = exp - scale;
    if (!big && e >= -22 && e <= 22) value = e < 0 ? w / POW10[-e]! : w * POW10[e]!;
    else if (big && e >= -22 && e <= 0 && exp === 0) {
      value = longSignificand(buf, negative || buf[start] === 0x2b ? start + 1 : start, end, -e);
      if (Number.isNaN(value)) return slowDecimal(buf, start, end);
    } else return slowDecimal(buf, start, end);
  }
  return negative ? -value : value;
}

/** Number() of validated ASCII decimal text (its sign included): latin1 of ASCII bytes is the text. */
function slowDecimal(buf: Buffer, start: number, end: number): number {
  return Number(buf.toString('latin1', start, end));
}



// ---- 16 to 19 significant digits: exact double-double arithmetic, then a checked rounding ----

const SPLIT = 134217729; // 2^27 + 1, Dekker's splitter
/** Exact product a * b = hi + lo (Dekker; no FMA in JS); a, b finite, no overflow or underflow. */
let productLow = 0;
function twoProduct(a: number, b: number): number {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  productLow = al * bl - (((p - ah * bh) - al * bh) - ah * bl);
  return p;
}

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
const HIGH = words.length === 2 && new Uint32Array(new Float64Array([1]).buffer)[1] === 0x3ff00000 ? 1 : 0;

/** ulp of a positive normal double, and whether it is a power of two (its gap below is half). */
// The same `2 ** (exponent - 1075)` values, computed once: a power per 17-digit number cost ~0.4 s
// of a 10M-row CSV scan.
const ULP = Float64Array.from({ length: 2048 }, (_, exponent) => 2 ** (exponent - 1075));
function ulpOf(q: number): number {
  bits[0] = q;
  return ULP[(words[HIGH]! >>> 20) & 0x7ff]!;
}
function isPowerOfTwo(q: number): boolean {
  bits[0] = q;
  return (words[HIGH]! & 0xfffff) === 0 && words[1 - HIGH] === 0;
}

/**
 * RN(W / 10^scale) for the unsigned digits in buf[start, end) (one optional point), W the integer
 * of its significant digits, 2^53 <= W < 10^19, scale <= 22; NaN when it cannot decide (more than
 * 19 significant digits, or the quotient within 2^-30 of a rounding boundary: the caller then asks
 * Number()). W = s + t exactly (TwoProduct + TwoSum), q = RN(s / P) is within ~1.5 ulp, and the
 * remainder R = W - q*P is computed with an error below 2^-50 ulp(s) (s - m is exact by Sterbenz, m
 * and its low part from TwoProduct), far below the 2^-32 ulp(s) margin kept around each boundary.
 */
export function longSignificand(buf: Buffer, start: number, end: number, scale: number): number {
  let hi = 0;
  let hiDigits = 0;
  let lo = 0;
  let loDigits = 0;
  for (let i = start; i < end; i++) {
    const d = buf[i]! - 0x30;
    if (d < 0 || d > 9) continue; // the point
    if (hiDigits < 15) {
      if (hi === 0 && d === 0) continue; // leading zeros
      hi = hi * 10 + d;
      hiDigits++;
    } else {
      lo = lo * 10 + d;
      if (++loDigits > 4) return Number.NaN;
    }
  }
  const p = twoProduct(hi, POW10[loDigits]!);
  const x = productLow + lo; // both small integers: exact
  const s = p + x; // TwoSum: W = s + t exactly
  const bv = s - p;
  const t = p - (s - bv) + (x - bv);
  if (scale === 0) return s;
  const P = POW10[scale]!;
  const q = s / P;
  const m = twoProduct(q, P);
  const r = s - m + (t - productLow);
  const u = ulpOf(q);
  const halfUp = (u * P) / 2;
  const margin = halfUp * 2 ** -30;
  if (r >= 0) {
    if (r < halfUp - margin) return q;
    if (r > halfUp + margin && r < 3 * halfUp - margin) return q + u;
    return Number.NaN;
  }
  const down = isPowerOfTwo(q) ? u / 2 : u;
  const halfDown = (down * P) / 2;
  if (-r < halfDown - margin) return q;
  if (-r > halfDown + margin && -r < 2.5 * halfDown - margin) return q - down;
  return Number.NaN;
}
