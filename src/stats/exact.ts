/**
 * Exact rational arithmetic for threshold decisions on rates built from integer counts.
 * A four-fifths gate at exactly 0.8 (anchors §6.6: SR 4/10 against 50/100) must pass; in doubles
 * such a ratio can land one ulp either side of 0.8. So rates keep their integer numerator and
 * denominator, aggregates are redone with BigInt rationals, and the threshold the user wrote is
 * read as the decimal it prints as (0.8 -> 8/10, not the double 0.8000000000000000444).
 */

export interface Rational {
  num: bigint;
  /** Always > 0. */
  den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function rational(num: number | bigint, den: number | bigint): Rational {
  let n = BigInt(num);
  let d = BigInt(den);
  if (d === 0n) throw new RangeError('zero denominator');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  return g > 1n ? { num: n / g, den: d / g } : { num: n, den: d };
}

/** The exact value of a finite double's shortest decimal form (String(0.8) = "0.8" -> 4/5). */
export function decimalRational(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`threshold ${x} is not finite`);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (!m) throw new RangeError(`cannot read ${x} as a decimal`);
  const digits = BigInt((m[2] ?? '') + (m[3] ?? ''));
  const exp = Number(m[4] ?? 0) - (m[3]?.length ?? 0);
  const sign = m[1] === '-' ? -1n : 1n;
  return exp >= 0 ? rational(sign * digits * 10n ** BigInt(exp), 1n) : rational(sign * digits, 10n ** BigInt(-exp));
}

export const qSub = (a: Rational, b: Rational): Rational => rational(a.num * b.den - b.num * a.den, a.den * b.den);
export const qAbs = (a: Rational): Rational => (a.num < 0n ? { num: -a.num, den: a.den } : a);
/** a / b, or null when b = 0. */
export const qDiv = (a: Rational, b: Rational): Rational | null =>
  b.num === 0n ? null : rational(a.num * b.den, a.den * b.num);
export const qCmp = (a: Rational, b: Rational): number => {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
};

/** Nearest double (exact for the magnitudes counts produce). */
export function qToNumber(a: Rational): number {
  const whole = a.num / a.den;
  const rest = a.num - whole * a.den;
  return Number(whole) + Number((rest * 10n ** 18n) / a.den) / 1e18;
}

/** Sign of (x − threshold): exact when x has a rational form, else on doubles. */
export function compareToThreshold(x: { value: number; exact?: Rational | null }, threshold: number): -1 | 0 | 1 {
  if (x.exact) return qCmp(x.exact, decimalRational(threshold)) as -1 | 0 | 1;
  return x.value < threshold ? -1 : x.value > threshold ? 1 : 0;
}
