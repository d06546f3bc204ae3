/** Every gate line names what it is about, and every applied waiver names its check. */
import { describe, expect, it } from 'vitest';
import { renderCli } from '../../src/report/cli.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { Report } from '../../src/report/model.js';
import { subjectOf } from '../../src/report/status.js';
import { passReport, result } from './sample-reports.js';

const explain: Report = {
  ...passReport,
  results: [
    result('MG401', { metric: 'explanation_coverage', observed: 1, threshold: { min: 1 }, comparator: '>=', message: 'coverage 1.000' }),
    result('MG402', { metric: 'explained_features', observed: 0.75, threshold: { min: 1 }, comparator: '>=', status: 'fail', blocking: true, message: '3 of 4' }),
  ],
  summary: { ...passReport.summary, gates: 2, passed: 1, failed: 1, skipped: 0 },
  verdict: 'fail', exitCode: 1,
};

describe('subject fallback for dataset-wide gates', () => {
  it('subjectOf keeps a set subject and names dataset-wide metrics', () => {
    expect(subjectOf({ subject: 'race', metric: 'explanation_coverage' })).toBe('race');
    expect(subjectOf({ subject: null, metric: 'explanation_coverage' })).toBe('all rows');
    expect(subjectOf({ subject: null, metric: 'explained_features' })).toBe('features');
    expect(subjectOf({ subject: null, metric: 'auc' })).toBeNull();
  });

  it('cli, markdown and html show it in the subject column', () => {
    const cli = renderCli(explain);
    expect(cli).toMatch(/✓ PASS +MG401 +Explanation coverage +all rows +explanation_coverage +1\.000 ≥ 1\.000/);
    expect(cli).toMatch(/✗ FAIL +MG\d{3} +Custom +features +explained_features +0\.750 < 1\.000/);
    expect(renderMarkdown(explain)).toMatch(/\| ❌ FAIL \| \[MG402\]\([^)]+\) custom \| features \| 0\.750 \|/);
    expect(renderHtml(explain)).toContain('<td>Explainability</td><td>all rows</td>');
  });
});

describe('html waivers table', () => {
  it('names the check of an applied waiver that does not carry it', () => {
    const waived = result('MG302', {
      status: 'waived', subject: 'race=Hispanic',
      waiver: { reason: 'r', expires: '2027-01-31', approved_by: 'a@example.com', location: { file: 'p.yaml', line: 4 } },
    });
    const html = renderHtml({ ...passReport, results: [waived] });
    const section = html.slice(html.indexOf('<h2>Waivers</h2>'));
    expect(section).toMatch(/~ applied<\/span><\/td><td>MG302<\/td><td>race=Hispanic<\/td>/);
  });
});
