/** Words and numbers for fairness messages: subject, observed value, threshold, worst pair. */
import type { Threshold } from '../../report/model.js';
import { MISSING_GROUP } from '../shared/grouping.js';
import type { GateSpec } from './options.js';

const RATE_WORDS: Record<string, string> = {
  selection_rate: 'selection-rate',
  tpr: 'true-positive-rate',
  recall: 'true-positive-rate',
  fpr: 'false-positive-rate',
  fnr: 'false-negative-rate',
  tnr: 'true-negative-rate',
  specificity: 'true-negative-rate',
};

export const metricWord = (m: string): string => RATE_WORDS[m] ?? m;

/**
 * Three significant digits (`0.257`, `0.0130`, `12.3`; zero is `0`), the way a reader compares rates: two
 * decimals printed a selection rate of 0.013 and one of 0.007 both as `0.01`.
 */
export function sig(x: number, digits = 3): string {
  if (x === 0) return '0';
  if (Math.abs(x) >= 10 ** digits) return String(Math.round(x));
  return x.toPrecision(digits);
}

/** Three significant digits; more when rounding would make a value look equal to the threshold it misses. */
export function fmt(x: number | null, threshold?: number): string {
  if (x === null) return 'undefined';
  let digits = 3;
  while (threshold !== undefined && x !== threshold && digits < 12 && Number(sig(x, digits)) === threshold) digits++;
  return sig(x, digits);
}

/** Two values compared in a message, with as many digits as it takes for different values to read differently. */
export function fmtPair(a: number | null, b: number | null): [string, string] {
  if (a === null || b === null) return [fmt(a), fmt(b)];
  let digits = 3;
  while (a !== b && digits < 12 && sig(a, digits) === sig(b, digits)) digits++;
  return [sig(a, digits), sig(b, digits)];
}

/** A group as messages name it: the value alone for one column, the full subject for several. */
export function groupLabel(subject: string, columns: readonly string[]): string {
  if (columns.length !== 1 || !subject.startsWith(`${columns[0]}=`)) return subject;
  const v = subject.slice(columns[0]!.length + 1);
  return v === '' ? MISSING_GROUP : v;
}

/** `selection-rate ratio`, `false-positive-rate ratio to Caucasian`, `equalized-odds difference (false-positive-rate)`. */
export function gatePhrase(spec: GateSpec, decidedPart: string, referenceLabel: string | null): string {
  let phrase: string;
  if (spec.named === 'disparate_impact_ratio') phrase = 'disparate impact ratio (four-fifths rule)';
  else if (spec.named?.startsWith('equalized_odds')) phrase = `equalized-odds ${spec.aggregate} (worst is ${metricWord(decidedPart)})`;
  else phrase = `${metricWord(spec.parts[0]!)} ${spec.aggregate}`;
  if (spec.method === 'to_overall') phrase += ' to overall';
  if (spec.method === 'to_reference' && referenceLabel !== null) phrase += ` to ${referenceLabel}`;
  return phrase;
}

export function thresholdText(t: Threshold): string {
  const parts: string[] = [];
  if (t.min !== undefined) parts.push(`min ${t.min.toFixed(Math.max(2, decimals(t.min)))}`);
  if (t.max !== undefined) parts.push(`max ${t.max.toFixed(Math.max(2, decimals(t.max)))}`);
  return parts.join(', ');
}

function decimals(x: number): number {
  const s = String(x);
  const i = s.indexOf('.');
  return i < 0 || s.includes('e') ? 0 : s.length - i - 1;
}

/** The bound a value is nearest to breaking, for digits in messages. */
export function boundOf(t: Threshold): number | undefined {
  return t.min ?? t.max;
}

export function comparatorOf(t: Threshold): '>=' | '<=' | 'between' {
  return t.min !== undefined && t.max !== undefined ? 'between' : t.min !== undefined ? '>=' : '<=';
}

export function listed(items: readonly string[], max = 5): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
