/**
 * Number text as dataset.ts defines it for `number` reads: decimal numbers (what `Number()` gives),
 * true/false in any case (1/0), and NaN / Inf / Infinity with an optional sign in any case (they stay
 * valid so role validation can name them). Hex, binary, underscores and other text are not numbers.
 */

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i); // 10^0..10^22 are exact doubles
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const SPECIAL = /^([+-]?)(nan|inf|infinity)$/i;

/** The number `text` stands for, or undefined when it is not number text. Surrounding blanks are ignored. */
export function parseNumberText(text: string): number | undefined {
  const t = text.trim();
  if (DECIMAL.test(t)) return Number(t);
  const lower = t.toLowerCase();
  if (lower === 'true') return 1;
  if (lower === 'false') return 0;
  const m = SPECIAL.exec(t);
  if (m) {
    if (m[2]!.toLowerCase() === 'nan') return Number.NaN;
    return m[1] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  return undefined;
}

/**
 * Fast path for plain decimals in bytes: `-?digits[.digits]` with at most 15 significant digits and
 * at most 22 decimals. Then mantissa and 10^k are exact doubles and one IEEE division is correctly
 * rounded, so the result equals `Number(text)` bit for bit (Clinger's fast path). Returns NaN when
 * the text is anything else; the caller then falls back to `parseNumberText`.
 */
export function fastDecimal(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  let negative = false;
  if (i < end && buf[i] === 0x2d) {
    negative = true;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let decimals = 0;
  let seenDigit = false;
  for (; i < end; i++) {
    const d = buf[i]! - 0x30;
    if (d < 0 || d > 9) break;
    mantissa = mantissa * 10 + d;
    if (mantissa !== 0) digits++;
    seenDigit = true;
  }
  if (i < end && buf[i] === 0x2e) {
    i++;
    for (; i < end; i++) {
      const d = buf[i]! - 0x30;
      if (d < 0 || d > 9) break;
      mantissa = mantissa * 10 + d;
      if (mantissa !== 0) digits++;
      decimals++;
      seenDigit = true;
    }
  }
  if (i !== end || !seenDigit || digits > 15 || decimals > 22) return Number.NaN;
  const value = decimals === 0 ? mantissa : mantissa / POW10[decimals]!;
  return negative ? -value : value;
}
