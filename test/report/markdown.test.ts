import { describe, expect, it } from 'vitest';
import { mdEscape, renderMarkdown } from '../../src/report/markdown.js';
import { errorReport, failReport, hostileReport, manyGroupsReport, passReport } from './sample-reports.js';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('markdown renderer', () => {
  it('verdict heading has an emoji and the word', () => {
    expect(renderMarkdown(failReport).split('\n')[0]).toBe('## ❌ FAILED: modelgate credit-risk@3.2.0');
    expect(renderMarkdown(passReport).split('\n')[0]).toBe('## ✅ PASSED: modelgate credit-risk@3.2.0');
    expect(renderMarkdown(errorReport).split('\n')[0]).toBe('## ⛔ NO VERDICT: modelgate credit-risk@3.2.0');
    expect(renderMarkdown(failReport)).toContain('**7 gates: 2 passed, 2 failed, 1 warning, 1 insufficient, 1 waived — FAILED (exit 1)**');
  });

  it('lists gates that did not pass in a table, worst first, and folds passing gates and waivers', () => {
    const md = renderMarkdown(failReport);
    const section = md.slice(md.indexOf('### Gates that did not pass'), md.indexOf('### ⚠️ Waivers'));
    const rows = section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Status') && !l.startsWith('| ---'));
    expect(rows.map((r) => r.split(' | ')[0])).toEqual(['| ❌ FAIL', '| ❌ FAIL', '| ⚠️ WARN', '| 📉 INSUFFICIENT']);
    expect(md).toMatch(/<details><summary>✅ Passing and skipped gates \(2\)<\/summary>/);
    expect(md).toMatch(/<details><summary>🔕 Waived results \(1\)<\/summary>/);
    expect(md).toContain('| race=Hispanic | 637 | 228 | 0.279 | [0.245, 0.315] | ✅ PASS | `███████░░░░░░░░░░░░░` |');
    // Bars zoom to 0..0.8 (largest value 0.611 rounded up): 0.279 / 0.8 × 20 cells = 6.975 -> 14 half cells.
    expect(md).toContain('Bars run from 0 to 0.8.');
  });

  it('escapes pipes, markup and HTML in user strings', () => {
    expect(mdEscape('a|b *c* <script> [x](y) `z`\nw')).toBe('a\\|b \\*c\\* &lt;script&gt; \\[x\\](y) \\`z\\` w');
    const md = renderMarkdown(hostileReport);
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('</testcase>');
    expect(md).not.toMatch(/[^\\]\|pipe\\?\|/);
    // Every table row keeps its column count: escaped pipes do not split cells.
    for (const block of md.split('\n\n')) {
      const rows = block.split('\n').filter((l) => l.startsWith('| '));
      const cells = new Set(rows.map((r) => r.replace(/\\\|/g, '').split('|').length));
      expect(cells.size).toBeLessThanOrEqual(1);
    }
  });

  it('stays far under GitHub\'s 1 MiB limit with 10,000 groups, pointing at the JSON report', () => {
    const md = renderMarkdown(manyGroupsReport(10000), { jsonReportPath: 'reports/modelgate.json' });
    expect(bytes(md)).toBeLessThan(900_000);
    // Listed: the limit of 100 (lowest, highest, then failing groups); 10,000 - 100 are not.
    expect(md).toMatch(/9,900 more groups not shown .*`reports\/modelgate\.json`/);
  });

  it('cuts at the budget with a visible note instead of overflowing', () => {
    const md = renderMarkdown(manyGroupsReport(10000), { maxBytes: 8_000, groupLimit: 10_000, jsonReportPath: 'r.json' });
    expect(bytes(md)).toBeLessThanOrEqual(8_000);
    expect(md).toContain('This summary was cut to stay under 8 KB');
    expect(md).toContain('`r.json`');
  });
});
