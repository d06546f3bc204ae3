/**
 * Number text as dataset.ts defines it for `number` reads: decimal numbers (what `Number()` gives),
 * true/false in any case (1/0), and NaN / Inf / Infinity with an optional sign in any case (they stay
 * valid so role validation can name them). Hex, binary, underscores and other text are not numbers.
 */

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
