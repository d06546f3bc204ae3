/**
 * Gates that compare several metrics per group (equalized odds: TPR and FPR) put every metric's
 * group values in `details.groupParts`; `groups[].value` holds only the deciding one. This reads
 * that detail defensively (a report may come from a JSON file) so renderers can show each rate.
 */
import { isFiniteNumber } from './format.js';
import type { GroupResult, Interval, Result } from './model.js';

export interface PartValue {
  value: number | null;
  interval: Interval | null;
  disparity: number | null;
}

export interface GroupParts {
  /** Metric names in order, e.g. ['tpr', 'fpr']. */
  metrics: string[];
  /** One PartValue per metric; an absent group gives null values. */
  of(g: GroupResult): PartValue[];
}

const num = (x: unknown): number | null => (isFiniteNumber(x) ? x : null);

function interval(x: unknown): Interval | null {
  if (!x || typeof x !== 'object') return null;
  const i = x as Record<string, unknown>;
  if (!isFiniteNumber(i['lower']) && !isFiniteNumber(i['upper'])) return null;
  return { lower: num(i['lower']), upper: num(i['upper']), level: num(i['level']) ?? NaN, method: typeof i['method'] === 'string' ? i['method'] : '' };
}

/** The per-group metrics of a multi-metric gate, or null when the result has one metric per group. */
export function groupPartsOf(r: Pick<Result, 'details'>): GroupParts | null {
  const raw = r.details?.['groupParts'];
  if (!raw || typeof raw !== 'object') return null;
  const { metrics, groups } = raw as { metrics?: unknown; groups?: unknown };
  if (!Array.isArray(metrics) || metrics.length < 2 || !metrics.every((m) => typeof m === 'string')) return null;
  if (!groups || typeof groups !== 'object') return null;
  const table = groups as Record<string, unknown>;
  return {
    metrics: metrics as string[],
    of(g) {
      const row = Object.prototype.hasOwnProperty.call(table, g.subject) ? table[g.subject] : null;
      return metrics.map((_, i) => {
        const p = Array.isArray(row) && row[i] && typeof row[i] === 'object' ? (row[i] as Record<string, unknown>) : {};
        return { value: num(p['value']), interval: interval(p['interval']), disparity: num(p['disparity']) };
      });
    },
  };
}

/** Every value a chart of these groups draws, across all metrics. */
export function partValues(parts: GroupParts, groups: readonly GroupResult[]): (number | null)[] {
  return groups.flatMap((g) => parts.of(g).map((p) => p.value));
}
