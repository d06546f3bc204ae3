/**
 * report diff on hand-built reports. Every expected change, direction and crossing below is worked
 * out by hand from the literals (e.g. auc 0.871 − 0.912 = −0.041; 0.912 ≥ 0.88 but 0.871 < 0.88, so
 * the new report's MG201 `min: 0.88` is crossed and now fails).
 */
import { describe, expect, it } from 'vitest';
import { diffReports, renderDiffJson, renderDiffMarkdown, renderDiffTable, type MetricChange } from '../../src/report/diff.js';
import type { Report } from '../../src/report/model.js';
import { group, passReport, result } from '../report/sample-reports.js';

const oldR: Report = {
  ...passReport,
  results: [result('MG201', { metric: 'auc', subject: 'overall', observed: 0.912, threshold: { min: 0.88 }, comparator: '>=' })],
  metrics: {
    overall: { auc: { value: 0.912 }, fpr: { value: 0.2 }, selection_rate: { value: 0.4 }, brier: { value: 0.15 }, custom_score: { value: 3 }, 'demographic_parity_ratio by sex': { value: 0.85 }, 'null_rate:age': { value: 0.01 } },
    groups: { race: { 'race=Hispanic': { recall: { value: 0.62 }, explanation_coverage: { value: 1 } }, 'race=Caucasian': { recall: { value: 0.7 } } } },
  },
};

const newR: Report = {
  ...passReport,
  dataset: { ...passReport.dataset, sha256: 'f'.repeat(64) },
  verdict: 'fail',
  exitCode: 1,
  results: [
    result('MG201', { metric: 'auc', subject: 'overall', observed: 0.871, threshold: { min: 0.88 }, comparator: '>=', status: 'fail', blocking: true }),
    result('MG201', { metric: 'fpr', subject: 'overall', observed: 0.15, threshold: { max: 0.18 }, comparator: '<=' }),
    result('MG302', { metric: 'recall', subject: 'race=Hispanic', observed: 0.55, threshold: { min: 0.6 }, comparator: '>=', status: 'fail', blocking: true }),
    result('MG301', { metric: 'demographic_parity_ratio', subject: 'sex', observed: 0.75, threshold: { min: 0.8 }, comparator: '>=', status: 'fail', blocking: true }),
    result('MG401', { metric: 'explanation_coverage', subject: 'race', observed: 0.99, threshold: { min: 1 }, groupThreshold: { min: 1 }, groups: [group('race=Hispanic', { value: 0.98 }), group('race=Caucasian', { value: 1 })] }),
  ],
  metrics: {
    overall: { auc: { value: 0.871 }, fpr: { value: 0.15 }, selection_rate: { value: 0.45 }, log_loss: { value: 0.5 }, custom_score: { value: 4 }, 'demographic_parity_ratio by sex': { value: 0.75 }, 'null_rate:age': { value: 0.02 } },
    groups: { race: { 'race=Hispanic': { recall: { value: 0.55 }, explanation_coverage: { value: 0.98 } }, 'race=Caucasian': { recall: { value: 0.7 } } } },
  },
};

const find = (d: ReturnType<typeof diffReports>, metric: string, group: string | null = null): MetricChange => {
  const m = d.metrics.find((x) => x.metric === metric && x.group === group);
  if (!m) throw new Error(`no row for ${metric} ${group}`);
  return m;
};

describe('diffReports', () => {
  const d = diffReports(oldR, newR);

  it('compares overall metrics with change, direction and effect', () => {
    const auc = find(d, 'auc');
    expect(auc.old).toBe(0.912);
    expect(auc.new).toBe(0.871);
    expect(auc.change).toBeCloseTo(-0.041, 12);
    expect(auc.better).toBe('higher'); // from the new report's `min:`
    expect(auc.effect).toBe('worse');
    expect(auc.crossings).toEqual([{ checkId: 'MG201', subject: 'overall', threshold: { min: 0.88 }, now: 'fails' }]);

    const fpr = find(d, 'fpr');
    expect(fpr.change).toBeCloseTo(-0.05, 12);
    expect(fpr.better).toBe('lower');
    expect(fpr.effect).toBe('better');
    // 0.20 > 0.18 failed, 0.15 ≤ 0.18 passes.
    expect(fpr.crossings.map((c) => [c.checkId, c.now])).toEqual([['MG201', 'passes']]);

    expect(find(d, 'selection_rate')).toMatchObject({ better: 'neither', effect: 'changed', crossings: [] });
    expect(find(d, 'custom_score')).toMatchObject({ better: 'unknown', effect: 'changed', change: 1 });
    expect(find(d, 'brier')).toMatchObject({ old: 0.15, new: null, change: null, effect: 'removed' });
    expect(find(d, 'log_loss')).toMatchObject({ old: null, new: 0.5, effect: 'added', better: 'lower' });
    // A fairness gate's value, keyed `<metric> by <columns>`: 0.85 ≥ 0.8 passed, 0.75 < 0.8 fails.
    expect(find(d, 'demographic_parity_ratio by sex')).toMatchObject({ better: 'higher', effect: 'worse', crossings: [{ checkId: 'MG301', subject: 'sex', threshold: { min: 0.8 }, now: 'fails' }] });
    expect(find(d, 'null_rate:age')).toMatchObject({ better: 'lower', effect: 'worse', crossings: [] });
  });

  it('compares group metrics and finds per-group thresholds (a group gate, and groupThreshold)', () => {
    const rec = find(d, 'recall', 'race=Hispanic');
    expect(rec.grouping).toBe('race');
    expect(rec.change).toBeCloseTo(-0.07, 12);
    expect(rec.effect).toBe('worse');
    expect(rec.crossings).toEqual([{ checkId: 'MG302', subject: 'race=Hispanic', threshold: { min: 0.6 }, now: 'fails' }]);
    expect(find(d, 'recall', 'race=Caucasian')).toMatchObject({ change: 0, effect: 'unchanged', crossings: [] });
    const cov = find(d, 'explanation_coverage', 'race=Hispanic');
    expect(cov.crossings).toEqual([{ checkId: 'MG401', subject: 'race', threshold: { min: 1 }, now: 'fails' }]);
  });

  it('lists gates with their old and new status, and says when the holdouts differ', () => {
    expect(d.sameDataset).toBe(false);
    expect(d.gates.find((g) => g.metric === 'auc')).toMatchObject({ oldStatus: 'pass', newStatus: 'fail', old: 0.912, new: 0.871 });
    expect(d.gates.find((g) => g.checkId === 'MG302')).toMatchObject({ oldStatus: null, newStatus: 'fail' });
  });

  it('renders an aligned table: right-aligned numbers end in the same column as their header', () => {
    const text = renderDiffTable(d);
    expect(text).toContain('different holdouts');
    const lines = text.split('\n');
    const head = lines.findIndex((l) => l.trim().startsWith('METRIC'));
    const end = lines[head]!.indexOf('NEW') + 'NEW'.length;
    const aucLine = lines.find((l) => l.trim().startsWith('auc '))!;
    expect(aucLine.slice(0, end).endsWith('0.871')).toBe(true);
    expect(aucLine).toContain('-0.041');
    expect(aucLine).toContain('now fails MG201 ≥ 0.880');
    expect(text).toContain('Groups by race');
  });

  it('renders Markdown tables and JSON that round-trips', () => {
    const md = renderDiffMarkdown(d);
    expect(md).toContain('| Metric | Old | New | Change | Better | Effect | Threshold |');
    expect(md).toMatch(/\| auc \| 0\.912 \| 0\.871 \| -0\.041 \| higher \| worse \| now fails MG201/);
    expect(JSON.parse(renderDiffJson(d))).toEqual(JSON.parse(JSON.stringify(d)));
  });
});
