/**
 * Difference and ratio of one metric across groups (DESIGN §5), with m_g the metric of group g,
 * m_o its value on all rows, m_ref the reference group's value:
 *   between_groups: difference = max m_g − min m_g,        ratio = min m_g / max m_g
 *   to_overall:     difference = max_g |m_g − m_o|,         ratio = min_g min(m_g/m_o, m_o/m_g)
 *   to_reference:   difference = max_g |m_g − m_ref|,       ratio = min_g min(m_g/m_ref, m_ref/m_g)
 * and per group disparity = m_g / m_ref. Undefined groups (null) are left out and listed in
 * `excluded` (Fairlearn would count them as 0). A ratio whose denominator is 0 is null, as are
 * ratios of a metric that takes negative values (r2). The same arithmetic runs twice: on doubles
 * for the reported value and, when every value carries integer num/den, on exact rationals for
 * threshold decisions (exact.ts).
 */
import type { MetricValue } from './types.js';
import { qAbs, qCmp, qDiv, qSub, rational, type Rational } from './exact.js';

export type AggregationMethod = 'between_groups' | 'to_overall' | 'to_reference';
/** max | min | majority (largest n; first in the given order on ties) | a group key. */
export type ReferenceSpec = 'max' | 'min' | 'majority' | { group: string };

export interface GroupValue {
  /** The group's subject/key string (`race=Asian`); used for messages and the named reference. */
  key: string;
  n: number;
  value: MetricValue;
}

export interface AggregateValue {
  value: number | null;
  exact?: Rational;
  /** The two sides giving the value: group keys, or 'overall' / the reference group key. */
  pair: [string, string] | null;
  reason?: string;
}

export interface Disparity {
  difference: AggregateValue;
  ratio: AggregateValue;
  /** Groups with an undefined value, left out of max/min. */
  excluded: string[];
  reference?: string;
  /** m_g / m_ref per group, in input order (to_reference only). */
  disparities?: (number | null)[];
}

interface Field<T> {
  sub(a: T, b: T): T;
  abs(a: T): T;
  div(a: T, b: T): T | null;
  cmp(a: T, b: T): number;
  zero: T;
}

const F64: Field<number> = {
  sub: (a, b) => a - b,
  abs: Math.abs,
  div: (a, b) => (b === 0 ? null : a / b),
  cmp: (a, b) => a - b,
  zero: 0,
};
const QF: Field<Rational> = { sub: qSub, abs: qAbs, div: qDiv, cmp: qCmp, zero: rational(0, 1) };

interface Agg<T> {
  value: T | null;
  pair: [string, string] | null;
  reason?: string;
}

function extremes<T>(f: Field<T>, vals: T[]): { lo: number; hi: number } {
  let lo = 0;
  let hi = 0;
  for (let i = 1; i < vals.length; i++) {
    if (f.cmp(vals[i]!, vals[lo]!) < 0) lo = i;
    if (f.cmp(vals[i]!, vals[hi]!) > 0) hi = i;
  }
  return { lo, hi };
}

/** min(a/b, b/a) for non-negative a, b; null when either is 0 unless both are 0… then undefined. */
function symmetricRatio<T>(f: Field<T>, a: T, b: T): T | null {
  const lo = f.cmp(a, b) <= 0 ? a : b;
  const hi = lo === a ? b : a;
  return f.div(lo, hi);
}

function aggregate<T>(
  f: Field<T>, keys: string[], vals: T[], anchor: { key: string; value: T } | null,
): { difference: Agg<T>; ratio: Agg<T> } {
  if (vals.length === 0) {
    const none = { value: null, pair: null, reason: 'no group has a defined value' };
    return { difference: none, ratio: none };
  }
  const negative = vals.some((v) => f.cmp(v, f.zero) < 0) || (anchor !== null && f.cmp(anchor.value, f.zero) < 0);
  const negReason = 'ratio undefined for a metric with negative values';
  if (anchor === null) {
    const { lo, hi } = extremes(f, vals);
    const pair: [string, string] = [keys[hi]!, keys[lo]!];
    const r = negative ? null : f.div(vals[lo]!, vals[hi]!);
    return {
      difference: { value: f.sub(vals[hi]!, vals[lo]!), pair },
      ratio: r === null ? { value: null, pair, reason: negative ? negReason : 'every group has value 0' } : { value: r, pair: [keys[lo]!, keys[hi]!] },
    };
  }
  let dBest: number = -1;
  let dVal: T | null = null;
  let rBest = -1;
  let rVal: T | null = null;
  for (let i = 0; i < vals.length; i++) {
    const d = f.abs(f.sub(vals[i]!, anchor.value));
    if (dVal === null || f.cmp(d, dVal) > 0) [dBest, dVal] = [i, d];
    const r = negative ? null : symmetricRatio(f, vals[i]!, anchor.value);
    if (r !== null && (rVal === null || f.cmp(r, rVal) < 0)) [rBest, rVal] = [i, r];
  }
  return {
    difference: { value: dVal, pair: [keys[dBest]!, anchor.key] },
    ratio: rVal === null
      ? { value: null, pair: null, reason: negative ? negReason : `${anchor.key} and every group have value 0` }
      : { value: rVal, pair: [keys[rBest]!, anchor.key] },
  };
}

function pickReference(groups: GroupValue[], spec: ReferenceSpec): { index: number } | { error: string } {
  const defined = groups.map((g, i) => ({ g, i })).filter((x) => x.g.value.value !== null);
  if (typeof spec === 'object') {
    const i = groups.findIndex((g) => g.key === spec.group);
    if (i < 0) return { error: `reference group ${spec.group} is not in the data` };
    if (groups[i]!.value.value === null) return { error: `reference group ${spec.group} has no value (${groups[i]!.value.reason ?? 'undefined'})` };
    return { index: i };
  }
  if (defined.length === 0) return { error: 'no group has a defined value' };
  let best = defined[0]!;
  for (const x of defined) {
    const v = x.g.value.value!;
    const b = best.g.value.value!;
    if (spec === 'max' ? v > b : spec === 'min' ? v < b : x.g.n > best.g.n) best = x;
  }
  return { index: best.i };
}

const exactOf = (v: MetricValue): Rational | null =>
  v.num !== undefined && v.den !== undefined && v.den !== 0 ? rational(v.num, v.den) : null;

export function disparity(
  groups: GroupValue[],
  overall: MetricValue | null,
  method: AggregationMethod = 'between_groups',
  reference: ReferenceSpec = 'majority',
): Disparity {
  const defined = groups.filter((g) => g.value.value !== null);
  const excluded = groups.filter((g) => g.value.value === null).map((g) => g.key);
  const keys = defined.map((g) => g.key);
  let anchor: { key: string; v: MetricValue } | null = null;
  let refKey: string | undefined;
  const fail = (reason: string): Disparity => {
    const none: AggregateValue = { value: null, pair: null, reason };
    return { difference: none, ratio: none, excluded };
  };
  if (method === 'to_overall') {
    if (!overall || overall.value === null) return fail(`overall value undefined (${overall?.reason ?? 'missing'})`);
    anchor = { key: 'overall', v: overall };
  } else if (method === 'to_reference') {
    const pick = pickReference(groups, reference);
    if ('error' in pick) return fail(pick.error);
    const g = groups[pick.index]!;
    anchor = { key: g.key, v: g.value };
    refKey = g.key;
  }
  const dbl = aggregate(F64, keys, defined.map((g) => g.value.value!), anchor && { key: anchor.key, value: anchor.v.value! });
  const exacts = defined.map((g) => exactOf(g.value));
  const anchorExact = anchor ? exactOf(anchor.v) : null;
  const allExact = exacts.every((q) => q !== null) && (anchor === null || anchorExact !== null);
  const ex = allExact ? aggregate(QF, keys, exacts as Rational[], anchor && { key: anchor.key, value: anchorExact! }) : null;
  const pack = (d: Agg<number>, q: Agg<Rational> | undefined): AggregateValue => {
    const out: AggregateValue = { value: d.value, pair: q?.pair ?? d.pair };
    if (q?.value) out.exact = q.value;
    if (d.reason) out.reason = d.reason;
    return out;
  };
  const result: Disparity = {
    difference: pack(dbl.difference, ex?.difference),
    ratio: pack(dbl.ratio, ex?.ratio),
    excluded,
  };
  if (method === 'to_reference' && anchor) {
    const ref = anchor.v.value!;
    result.reference = refKey;
    result.disparities = groups.map((g) => (g.value.value === null || ref === 0 ? null : g.value.value / ref));
  }
  return result;
}
