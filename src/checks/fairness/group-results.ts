/** GroupResult rows and the metrics block of a group-wise finding. */
import type { GroupResult, Interval, MetricValue as ReportValue, Status } from '../../report/model.js';
import type { MetricEstimate } from '../shared/evaluate.js';
import type { GroupEval, GroupEvaluation } from './group-stats.js';

/**
 * One row per group, in grouping order. `part` is the metric whose value the row shows; `judged`
 * gives a judged group's status; `disparity` its m_g / m_anchor where the method has an anchor.
 */
export function groupRows(
  ev: GroupEvaluation,
  part: number,
  judged: (g: GroupEval) => Status,
  disparity?: (g: GroupEval) => number | null,
): GroupResult[] {
  return ev.groups.map((g) => {
    const v = g.values[part]!;
    const status: Status = g.state === 'judged' ? judged(g) : g.state;
    const row: GroupResult = {
      key: g.key, subject: g.subject, n: g.n, positives: g.positives, negatives: g.negatives,
      value: v.value, interval: v.interval, status,
    };
    if (disparity) row.disparity = v.value === null ? null : disparity(g);
    const reason = g.state === 'insufficient' ? g.reason : g.state === 'waived' ? 'waived' : v.value === null ? v.reason : undefined;
    if (reason !== undefined) row.reason = reason;
    return row;
  });
}

const metricValue = (e: MetricEstimate): ReportValue => ({ value: e.value, interval: e.interval, n: e.n });

/** groups[<grouping subject>][<group subject>][<metric>] for every compared metric. */
export function groupMetrics(
  grouping: string,
  ev: GroupEvaluation,
  extra?: (g: GroupEval) => Record<string, ReportValue>,
): Record<string, Record<string, Record<string, ReportValue>>> {
  const perGroup: Record<string, Record<string, ReportValue>> = {};
  for (const g of ev.groups) {
    const m: Record<string, ReportValue> = {};
    ev.parts.forEach((p, i) => (m[p] = metricValue(g.values[i]!)));
    perGroup[g.subject] = { ...m, ...(extra?.(g) ?? {}) };
  }
  return { [grouping]: perGroup };
}

export function intervalText(iv: Interval): string {
  return `[${iv.lower?.toFixed(2) ?? '?'}, ${iv.upper?.toFixed(2) ?? '?'}]`;
}
