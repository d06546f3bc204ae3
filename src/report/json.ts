/**
 * The JSON report: the contract other tools read (DESIGN §6 json). Keys come out in the order of
 * the Report type whatever order the engine built the objects in, map-like records are sorted, and
 * numbers are finite (NaN/±Infinity become null), so the same Report gives the same bytes.
 */
import type { Report } from './model.js';

/** How to order one object: its known keys first, in this order; unknown keys after, sorted. */
interface Shape {
  keys?: readonly string[];
  /** Shapes of known keys' values (objects or arrays of objects). */
  fields?: Record<string, Shape>;
  /** For arrays: the shape of each item. */
  items?: Shape;
  /** For records (maps): every value has this shape; keys are sorted. */
  values?: Shape;
  /** Keep this object's own key order (it carries meaning, e.g. sensitive column order). */
  keepOrder?: boolean;
}

const INTERVAL: Shape = { keys: ['lower', 'upper', 'level', 'method'] };
const LOCATION: Shape = { keys: ['file', 'line', 'column'] };
const THRESHOLD: Shape = { keys: ['min', 'max'] };
const WAIVER: Shape = {
  keys: ['check', 'subject', 'reason', 'expires', 'approved_by', 'ticket', 'location'],
  fields: { location: LOCATION },
};
const GROUP: Shape = {
  keys: ['key', 'subject', 'n', 'positives', 'negatives', 'value', 'interval', 'status', 'disparity', 'reason'],
  fields: { key: { keepOrder: true }, interval: INTERVAL },
};
const RESULT: Shape = {
  keys: ['checkId', 'slug', 'category', 'title', 'severity', 'status', 'blocking', 'message', 'metric', 'subject',
    'observed', 'interval', 'threshold', 'comparator', 'sampleSize', 'groups', 'groupThreshold', 'groupMetric', 'location', 'docsUrl',
    'waiver', 'details'],
  fields: { interval: INTERVAL, threshold: THRESHOLD, groupThreshold: THRESHOLD, groups: { items: GROUP }, location: LOCATION, waiver: WAIVER },
};
const METRIC_VALUE: Shape = { keys: ['value', 'interval', 'n'], fields: { interval: INTERVAL } };

export const REPORT_SHAPE: Shape = {
  keys: ['schemaVersion', 'tool', 'run', 'model', 'dataset', 'policy', 'summary', 'verdict', 'exitCode', 'results',
    'errors', 'metrics', 'waivers'],
  fields: {
    tool: { keys: ['name', 'version'] },
    run: { keys: ['startedAt', 'durationMs', 'git'], fields: { git: { keys: ['sha', 'dirty'] } } },
    model: { keys: ['name', 'version', 'file', 'sha256'] },
    dataset: { keys: ['path', 'format', 'sha256', 'rows', 'columns'] },
    policy: { keys: ['files', 'sha256', 'environment'] },
    summary: { keys: ['gates', 'passed', 'failed', 'warned', 'inconclusive', 'insufficient', 'waived', 'skipped', 'errors'] },
    results: { items: RESULT },
    errors: { items: { keys: ['checkId', 'message', 'file', 'line'] } },
    metrics: {
      keys: ['overall', 'groups'],
      fields: { overall: { values: METRIC_VALUE }, groups: { values: { values: { values: METRIC_VALUE } } } },
    },
    waivers: { keys: ['expired', 'unused'], fields: { expired: { items: WAIVER }, unused: { items: WAIVER } } },
  },
};

/** A plain-JSON copy of `value` with keys ordered by `shape` and non-finite numbers as null. */
export function canonicalize(value: unknown, shape: Shape = {}): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? (Object.is(value, -0) ? 0 : value) : null;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => canonicalize(v === undefined ? null : v, shape.items ?? {}));
  const obj = value as Record<string, unknown>;
  const own = Object.keys(obj).filter((k) => obj[k] !== undefined && typeof obj[k] !== 'function');
  let order: string[];
  if (shape.keepOrder) order = own;
  else {
    const known = (shape.keys ?? []).filter((k) => own.includes(k));
    const rest = own.filter((k) => !known.includes(k)).sort(compareCodePoints);
    order = [...known, ...rest];
  }
  const out: Record<string, unknown> = {};
  for (const k of order) out[k] = canonicalize(obj[k], shape.fields?.[k] ?? shape.values ?? {});
  return out;
}

/** Code-point order, independent of the machine's locale. */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function renderJson(report: Report): string {
  return JSON.stringify(canonicalize(report, REPORT_SHAPE), null, 2) + '\n';
}
