/**
 * The gate's value from the judged groups' values, through the stats layer's `disparity`
 * (difference/ratio, between groups / to overall / to reference, exact rationals for proportions),
 * and each group's own verdict: a group passes when its comparison with what the method compares it
 * to (the reference, the overall value, or the highest and lowest group) meets the threshold.
 */
import type { Threshold } from '../../report/model.js';
import {
  compareToThreshold, disparity, qCmp,
  type AggregateValue, type Disparity, type MetricValue, type Rational, type ReferenceSpec,
} from '../../stats/index.js';
import type { MetricEstimate } from '../shared/evaluate.js';
import type { GateSpec } from './options.js';

export interface PartInput {
  overall: MetricValue;
  /** Judged groups only, keyed by subject. */
  groups: { key: string; n: number; value: MetricValue }[];
}

export interface GateValue {
  value: number | null;
  exact?: Rational;
  /** The two sides that give the value: group subjects, `overall`, or the reference subject. */
  pair: [string, string] | null;
  reason?: string;
  /** Index of the part that decided (equalized odds: the worse of TPR and FPR; ties keep TPR). */
  decidedBy: number;
  details: Disparity[];
}

export function statsValue(e: MetricEstimate): MetricValue {
  if (e.value === null) return { value: null, ...(e.reason !== undefined ? { reason: e.reason } : {}) };
  return e.exact ? { value: e.value, num: e.exact.num, den: e.exact.den } : { value: e.value };
}

/** The policy's `reference` as the stats layer takes it; a group is named by its subject. */
export function referenceSpec(reference: string, subject: string | null): ReferenceSpec {
  return reference === 'max' || reference === 'min' || reference === 'majority' ? reference : { group: subject! };
}

function isWorse(a: AggregateValue, b: AggregateValue, kind: 'difference' | 'ratio'): boolean {
  if (a.value === null || b.value === null) return false;
  const c = a.exact && b.exact ? qCmp(a.exact, b.exact) : a.value - b.value;
  return kind === 'difference' ? c > 0 : c < 0;
}

export function gateValue(spec: GateSpec, inputs: PartInput[], reference: ReferenceSpec): GateValue {
  const details = inputs.map((p) => disparity(p.groups, p.overall, spec.method, reference));
  const kind = spec.aggregate;
  const undef = details.findIndex((d) => d[kind].value === null);
  let pick = 0;
  if (undef >= 0) pick = undef; // an undefined part leaves the gate undefined
  else for (let i = 1; i < details.length; i++) if (isWorse(details[i]![kind], details[pick]![kind], kind)) pick = i;
  const chosen = details[pick]![kind];
  const out: GateValue = { value: chosen.value, pair: chosen.pair, decidedBy: pick, details };
  if (chosen.exact) out.exact = chosen.exact;
  if (chosen.reason !== undefined) out.reason = chosen.reason;
  return out;
}

/** Whether x meets the threshold (bounds inclusive; exact when x carries a rational). */
export function meets(x: { value: number; exact?: Rational | undefined }, t: Threshold): boolean {
  if (t.min !== undefined && compareToThreshold(x, t.min) < 0) return false;
  if (t.max !== undefined && compareToThreshold(x, t.max) > 0) return false;
  return true;
}

/** The difference or symmetric ratio of two values, judged against the threshold. */
function pairMeets(a: MetricValue, b: MetricValue, kind: 'difference' | 'ratio', t: Threshold): boolean {
  const d = disparity([{ key: 'a', n: 1, value: a }, { key: 'b', n: 1, value: b }], null, 'between_groups')[kind];
  // Both zero: the ratio is 0/0, but the two values are equal, which is parity.
  if (d.value === null) return true;
  return meets({ value: d.value, exact: d.exact }, t);
}

/** Verdict of judged group j (index into PartInput.groups) on every part. */
export function groupMeets(spec: GateSpec, inputs: PartInput[], gate: GateValue, j: number, t: Threshold): boolean {
  return inputs.every((p, i) => {
    const v = p.groups[j]!.value;
    if (spec.method === 'to_overall') return pairMeets(v, p.overall, spec.aggregate, t);
    if (spec.method === 'to_reference') {
      const ref = p.groups.find((g) => g.key === gate.details[i]!.reference);
      return ref === undefined || pairMeets(v, ref.value, spec.aggregate, t);
    }
    // Between groups every group is held against the highest (the four-fifths rule's impact
    // ratio): the gate (max − min, min ÷ max) then fails exactly when some group fails.
    return pairMeets(v, highest(p), spec.aggregate, t);
  });
}

function highest(p: PartInput): MetricValue {
  let hi = p.groups[0]!.value;
  for (const g of p.groups) if (g.value.value! > hi.value!) hi = g.value;
  return hi;
}

/**
 * The value each group is compared with on part i: the reference group's (to_reference), the
 * overall value (to_overall), or the highest group's (between_groups).
 */
export function anchorValue(spec: GateSpec, inputs: PartInput[], gate: GateValue, i: number): number | null {
  const p = inputs[i]!;
  if (spec.method === 'to_overall') return p.overall.value;
  if (spec.method === 'to_reference') return p.groups.find((g) => g.key === gate.details[i]!.reference)?.value.value ?? null;
  return highest(p).value;
}
