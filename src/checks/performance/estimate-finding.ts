/**
 * Turns an estimate and a threshold into a Finding: the three-valued decision (shared/decide.ts),
 * `insufficient` when the metric is undefined on these rows (a zero denominator), and a message
 * naming subject, observed value, interval and threshold.
 */
import type { Defaults } from '../../config/types.js';
import type { Threshold } from '../../report/model.js';
import { decideDetailed } from '../shared/decide.js';
import type { MetricEstimate } from '../shared/evaluate.js';
import type { Finding } from '../types.js';
import { comparatorOf, fmt, fmtInterval, fmtThreshold } from './format.js';

export interface EstimateGate {
  /** What the message calls the value: `auc`, `recall:2`. */
  label: string;
  metric: string;
  estimate: MetricEstimate;
  threshold: Threshold;
  settings: Pick<Defaults, 'decision'>;
  /** Extra clauses appended to the message. */
  notes?: string[];
}

/** The threshold key the decision turned on: the violated bound, else the first one written. */
export function thresholdKeyOf(t: Threshold, value: number | null): 'min' | 'max' {
  if (value !== null && t.max !== undefined && value > t.max) return 'max';
  if (value !== null && t.min !== undefined && value < t.min) return 'min';
  return t.min !== undefined ? 'min' : 'max';
}

export function estimateFinding(g: EstimateGate): Finding {
  const { estimate: e, threshold } = g;
  const base: Finding = {
    status: 'error',
    message: '',
    metric: g.metric,
    subject: 'overall',
    observed: e.value,
    interval: e.interval,
    threshold,
    comparator: comparatorOf(threshold),
    sampleSize: e.n,
    thresholdKey: thresholdKeyOf(threshold, e.value),
    details: {
      positives: e.positives,
      negatives: e.negatives,
      ...(e.exact ? { numerator: e.exact.num, denominator: e.exact.den } : {}),
    },
  };
  const notes = g.notes ?? [];
  if (e.value === null) {
    const why = e.reason ?? 'undefined';
    // A zero denominator is too little data; anything else (a missing column) could not be computed.
    const status = /needs the|unknown metric/.test(why) ? 'error' : 'insufficient';
    return { ...base, status, message: [`${g.label} is undefined on ${e.n} rows: ${why}; ${fmtThreshold(threshold)}`, ...notes].join('; ') };
  }
  const d = decideDetailed(e, threshold, g.settings);
  const parts = [`${g.label} is ${fmt(e.value, threshold.min ?? threshold.max)}${fmtInterval(e.interval)}; ${fmtThreshold(threshold, e.value)}`];
  if (d.basis === 'point (no interval)') parts.push(`no interval (${e.intervalReason ?? 'none'}): decided on the estimate`);
  if (d.status === 'inconclusive') parts.push('the interval straddles the threshold');
  if (e.reason) parts.push(e.reason);
  return { ...base, status: d.status, message: [...parts, ...notes].join('; ') };
}
