import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/report/json.js';
import type { Report } from '../../src/report/model.js';
import { failReport } from './sample-reports.js';

/** Rebuilds every object with its keys in reverse insertion order (same data, other order). */
function reversed(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reversed);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)]));
  return v;
}

describe('json renderer', () => {
  it('round-trips the report', () => {
    expect(JSON.parse(renderJson(failReport))).toEqual(JSON.parse(JSON.stringify(failReport)));
  });

  it('orders keys as the Report type whatever order objects were built in', () => {
    const out = renderJson(failReport);
    expect(renderJson(reversed(failReport) as Report)).toBe(out);
    expect(Object.keys(JSON.parse(out))).toEqual(['schemaVersion', 'tool', 'run', 'model', 'dataset', 'policy', 'summary',
      'verdict', 'exitCode', 'results', 'errors', 'metrics', 'waivers']);
    expect(Object.keys(JSON.parse(out).results[0]).slice(0, 6)).toEqual(['checkId', 'slug', 'category', 'title', 'severity', 'status']);
    expect(out.endsWith('}\n')).toBe(true);
  });

  it('keeps sensitive-column order in group keys but sorts map-like records', () => {
    const r: Report = {
      ...failReport,
      results: [{ ...failReport.results[2]!, groups: [{ ...failReport.results[2]!.groups[0]!, key: { sex: 'Male', race: 'Black' } }] }],
      metrics: { overall: { recall: { value: 0.5 }, auc: { value: 0.7 } }, groups: { 'race × sex': { 'race=b': { f1: { value: 1 } }, 'race=a': { f1: { value: 1 } } } } },
    };
    const parsed = JSON.parse(renderJson(r));
    expect(Object.keys(parsed.results[0].groups[0].key)).toEqual(['sex', 'race']);
    expect(Object.keys(parsed.metrics.overall)).toEqual(['auc', 'recall']);
    expect(Object.keys(parsed.metrics.groups['race × sex'])).toEqual(['race=a', 'race=b']);
  });

  it('never writes NaN or Infinity', () => {
    const r: Report = { ...failReport, results: [{ ...failReport.results[1]!, observed: NaN, interval: { lower: -Infinity, upper: Infinity, level: 0.95, method: 'x' } }] };
    const parsed = JSON.parse(renderJson(r));
    expect(parsed.results[0].observed).toBeNull();
    expect(parsed.results[0].interval).toEqual({ lower: null, upper: null, level: 0.95, method: 'x' });
  });
});
