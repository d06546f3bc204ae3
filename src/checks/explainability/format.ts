/** Number formatting for messages: three decimals, more when rounding would hide a failure. */

export function fmtShare(x: number, threshold?: number): string {
  let digits = 3;
  // 0.9995 against min 1 must not print as "1.000": add digits until the two differ.
  while (threshold !== undefined && x !== threshold && digits < 10 && x.toFixed(digits) === threshold.toFixed(digits)) digits++;
  return x.toFixed(digits);
}

/** Residuals and base values: short, but never rounded to zero. */
export function fmtNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const abs = Math.abs(x);
  return abs >= 1e-3 && abs < 1e6 ? String(Number(x.toPrecision(4))) : x.toExponential(2);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `a, b, c and 4 more`. */
export function list(items: readonly string[], max = 5): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
