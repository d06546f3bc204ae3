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

export function decimalBytes(buf: Uint8Array, start: number, end: number): number {
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
    else return slowDecimal(buf, start, end);
  }
  return negative ? -value : value;
}

/** Number() of validated ASCII decimal text (its sign included). */
function slowDecimal(buf: Uint8Array, start: number, end: number): number {
  let s = '';
  // latin1 of ASCII bytes is the text itself; short fields are cheaper built by hand than via Buffer.
  for (let i = start; i < end; i++) s += String.fromCharCode(buf[i]!);
  return Number(s);
}
