/**
 * Number and interval formatting shared by every renderer, so a value reads the same in the
 * terminal, the job summary, JUnit and HTML. Undefined values (null, NaN, ±Infinity) print `n/a`:
 * a metric with a zero denominator is undefined, never 0 (DESIGN §5).
 */
import type { Comparator, Interval, Threshold } from './model.js';

export const NA = 'n/a';

export function isFiniteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/**
 * Three decimals for rates and scores (`0.712`); whole numbers of 2 or more (row counts, sizes)
 * without decimals; tiny non-zero values keep three significant digits so they do not print as 0.
 */
export function fmtNum(x: number | null | undefined): string {
  if (!isFiniteNumber(x)) return NA;
  if (Object.is(x, -0) || x === 0) return '0.000';
  const abs = Math.abs(x);
  if (Number.isInteger(x) && abs >= 2) return String(x);
  if (abs < 0.0005) return trimExponent(x.toPrecision(3));
  return x.toFixed(3);
}

function trimExponent(s: string): string {
  // 1.23e-7 stays short; 0.000123 stays positional (toPrecision picks whichever is shorter).
  return s.replace(/e([+-])0*(\d)/, 'e$1$2');
}

/** `71.2%`. */
export function fmtPct(x: number | null | undefined, decimals = 1): string {
  if (!isFiniteNumber(x)) return NA;
  const v = x * 100;
  return `${(Object.is(v, -0) ? 0 : v).toFixed(decimals)}%`;
}

/** Counts with thousands separators, fixed to one locale so output never depends on the machine. */
export function fmtCount(n: number | null | undefined): string {
  if (!isFiniteNumber(n)) return NA;
  if (!Number.isInteger(n)) return fmtNum(n);
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `[0.690, 0.730]`; `n/a` when there is no interval or both bounds are undefined. */
export function fmtInterval(iv: Interval | null | undefined): string {
  if (!iv || (!isFiniteNumber(iv.lower) && !isFiniteNumber(iv.upper))) return NA;
  return `[${fmtNum(iv.lower)}, ${fmtNum(iv.upper)}]`;
}

/** `95% Wilson` — the level and method of an interval, for footnotes and tooltips. */
export function fmtIntervalKind(iv: Interval | null | undefined): string {
  if (!iv) return '';
  const level = isFiniteNumber(iv.level) ? `${trimZeros((iv.level * 100).toFixed(2))}%` : '';
  return [level, iv.method].filter(Boolean).join(' ');
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

export interface Glyphs {
  ge: string;
  le: string;
  lt: string;
  gt: string;
  ne: string;
  in: string;
  notIn: string;
}
export const UNICODE_OPS: Glyphs = { ge: '≥', le: '≤', lt: '<', gt: '>', ne: '≠', in: '∈', notIn: '∉' };
export const ASCII_OPS: Glyphs = { ge: '>=', le: '<=', lt: '<', gt: '>', ne: '!=', in: 'in', notIn: 'not in' };

/** The comparator a threshold implies when the result does not say. */
export function comparatorOf(threshold: Threshold | null | undefined, comparator?: Comparator | null): Comparator | null {
  if (comparator) return comparator;
  if (!threshold) return null;
  const hasMin = isFiniteNumber(threshold.min);
  const hasMax = isFiniteNumber(threshold.max);
  if (hasMin && hasMax) return threshold.min === threshold.max ? '==' : 'between';
  if (hasMin) return '>=';
  if (hasMax) return '<=';
  return null;
}

/** The requirement alone: `≥ 0.850`, `≤ 0.100`, `∈ [0.800, 1.250]`, `= 1.000`. */
export function fmtThreshold(threshold: Threshold | null | undefined, comparator?: Comparator | null, ops = UNICODE_OPS): string {
  const cmp = comparatorOf(threshold, comparator);
  if (!threshold || !cmp) return NA;
  switch (cmp) {
    case '>=': return `${ops.ge} ${fmtNum(threshold.min ?? threshold.max)}`;
    case '<=': return `${ops.le} ${fmtNum(threshold.max ?? threshold.min)}`;
    case '==': return `= ${fmtNum(threshold.min ?? threshold.max)}`;
    case 'between': return `${ops.in} [${fmtNum(threshold.min)}, ${fmtNum(threshold.max)}]`;
  }
}

/**
 * Observed against threshold with the relation that actually holds: `0.912 ≥ 0.850` when it
 * passes, `0.712 < 0.850` when it does not, so the line never states something false.
 */
export function fmtVersus(observed: number | null | undefined, threshold: Threshold | null | undefined, comparator?: Comparator | null, ops = UNICODE_OPS): string {
  const cmp = comparatorOf(threshold, comparator);
  if (!threshold || !cmp) return fmtNum(observed);
  if (!isFiniteNumber(observed)) return `${NA} (${fmtThreshold(threshold, cmp, ops)})`;
  const o = fmtNum(observed);
  switch (cmp) {
    case '>=': {
      const t = threshold.min ?? threshold.max!;
      return `${o} ${observed >= t ? ops.ge : ops.lt} ${fmtNum(t)}`;
    }
    case '<=': {
      const t = threshold.max ?? threshold.min!;
      return `${o} ${observed <= t ? ops.le : ops.gt} ${fmtNum(t)}`;
    }
    case '==': {
      const t = threshold.min ?? threshold.max!;
      return `${o} ${observed === t ? '=' : ops.ne} ${fmtNum(t)}`;
    }
    case 'between': {
      const inside = observed >= (threshold.min ?? -Infinity) && observed <= (threshold.max ?? Infinity);
      return `${o} ${inside ? ops.in : ops.notIn} [${fmtNum(threshold.min)}, ${fmtNum(threshold.max)}]`;
    }
  }
}

/** Plural-aware count phrase: `1 gate`, `14 gates`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
