/** GroupResult rows and the metrics block of a group-wise finding. */
import type { GroupResult, Interval, MetricValue as ReportValue, Status } from '../../report/model.js';
import type { MetricEstimate } from '../shared/evaluate.js';
import { sig } from './format.js';
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

/** One compared metric's value for a group, in `details.groupParts` (equalized odds: TPR and FPR). */
export interface GroupPartValue {
  value: number | null;
  interval: Interval | null;
  disparity?: number | null;
}

/**
 * Every compared metric per group, for gates that compare more than one (equalized odds): the
 * group rows carry only the deciding metric, and a reader needs both rates to see why a group fails.
 */
export function groupPartsDetail(ev: GroupEvaluation, disparity?: (g: GroupEval, part: number) => number | null) {
  const groups: Record<string, GroupPartValue[]> = {};
  for (const g of ev.groups) {
    groups[g.subject] = g.values.map((v, i) => ({
      value: v.value, interval: v.interval,
      ...(disparity ? { disparity: v.value === null ? null : disparity(g, i) } : {}),
    }));
  }
  return { metrics: [...ev.parts], groups };
}

/** `[0.489, 0.881]`: three significant digits, like the value it brackets. */
export function intervalText(iv: Interval): string {
  const end = (x: number | null) => (x === null ? '?' : sig(x));
  return `[${end(iv.lower)}, ${end(iv.upper)}]`;
}
