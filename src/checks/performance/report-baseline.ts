/**
 * The unpaired comparison with a saved report's value: the baseline is a fixed number, so the
 * drop's interval is the candidate's interval shifted (and, for the relative drop, scaled by
 * 1/|baseline|). The report stores doubles; the baseline is read as the decimal it prints as
 * (0.85 -> 85/100) so a drop exactly at max_drop passes, as it does for point thresholds.
 */
import { decimalRational, rational } from '../../stats/index.js';
import type { MetricsBlock } from '../../report/model.js';
import type { MetricEstimate } from '../shared/evaluate.js';
import type { DropEstimate } from './paired.js';

export function reportComparison(
  metric: string,
  candidate: MetricEstimate,
  report: { file: string; metrics: MetricsBlock },
  higherIsBetter: boolean,
): { error: string } | { baseline: number; drop: DropEstimate; relativeDrop: DropEstimate } {
  const entry = report.metrics.overall[metric];
  if (entry === undefined) {
    const have = Object.keys(report.metrics.overall);
    return { error: `the baseline report ${report.file} has no overall ${metric}; it has: ${have.length ? have.join(', ') : 'no metrics'}` };
  }
  if (entry.value === null || !Number.isFinite(entry.value)) {
    return { error: `the baseline report ${report.file} has ${metric} undefined: nothing to compare with` };
  }
  const b = entry.value;
  const sign = higherIsBetter ? 1 : -1;
  const drop: DropEstimate = { value: null, interval: null };
  const relativeDrop: DropEstimate = { value: null, interval: null };
  const c = candidate.value;
  if (c === null) return { baseline: b, drop, relativeDrop };
  drop.value = sign * (b - c);
  const iv = candidate.interval;
  if (iv && iv.lower !== null && iv.upper !== null) {
    const ends = [sign * (b - iv.lower), sign * (b - iv.upper)].sort((x, y) => x - y);
    drop.interval = { ...iv, lower: ends[0]!, upper: ends[1]! };
  }
  const qb = decimalRational(b);
  if (candidate.exact) {
    const qc = rational(candidate.exact.num, candidate.exact.den);
    drop.exact = rational(BigInt(sign) * (qb.num * qc.den - qc.num * qb.den), qb.den * qc.den);
  }
  if (b !== 0) {
    const scale = Math.abs(b);
    relativeDrop.value = drop.value / scale;
    if (drop.interval) relativeDrop.interval = { ...drop.interval, lower: drop.interval.lower! / scale, upper: drop.interval.upper! / scale };
    if (drop.exact) {
      const absNum = qb.num < 0n ? -qb.num : qb.num;
      relativeDrop.exact = rational(drop.exact.num * qb.den, drop.exact.den * absNum);
    }
  }
  return { baseline: b, drop, relativeDrop };
}
