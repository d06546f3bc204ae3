/** Message formatting shared by the performance checks: `auc is 0.812 [0.795, 0.829] (95% DeLong); min 0.850`. */
import type { Interval, Threshold } from '../../report/model.js';

const METHOD: Record<string, string> = { wilson: 'Wilson', delong: 'DeLong', normal: 'normal', bootstrap: 'bootstrap', exact: 'exact' };

/** Three decimals; more when rounding would make a failing value print equal to its bound. */
export function fmt(x: number, bound?: number): string {
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return x.toExponential(3);
  let digits = 3;
  while (bound !== undefined && x !== bound && digits < 12 && x.toFixed(digits) === bound.toFixed(digits)) digits++;
  return x.toFixed(digits);
}

export function fmtInterval(iv: Interval | null): string {
  if (!iv || iv.lower === null || iv.upper === null) return '';
  const level = Number((iv.level * 100).toPrecision(6));
  return ` [${fmt(iv.lower)}, ${fmt(iv.upper)}] (${level}% ${METHOD[iv.method] ?? iv.method})`;
}

/** `min 0.850`, `max 0.100`, `min 0.800, max 0.900`; the value decides how many digits. */
export function fmtThreshold(t: Threshold, value?: number | null, names: { min?: string; max?: string } = {}): string {
  const parts: string[] = [];
  const v = value ?? undefined;
  if (t.min !== undefined) parts.push(`${names.min ?? 'min'} ${fmt(t.min, v === undefined ? undefined : v)}`);
  if (t.max !== undefined) parts.push(`${names.max ?? 'max'} ${fmt(t.max, v === undefined ? undefined : v)}`);
  return parts.join(', ');
}

export function comparatorOf(t: Threshold): '>=' | '<=' | 'between' {
  return t.min !== undefined && t.max !== undefined ? 'between' : t.min !== undefined ? '>=' : '<=';
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
