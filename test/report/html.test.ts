import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { ALL_SAMPLES, failReport, hostileReport, manyGroupsReport, passReport } from './sample-reports.js';

describe('html renderer', () => {
  it.each(Object.entries(ALL_SAMPLES))('%s: self-contained, no URLs but docs links, no scripts', (_name, report) => {
    const html = renderHtml(report);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    const docs = new Set(report.results.map((r) => r.docsUrl));
    const urls = html.match(/https?:\/\/[^"'<>\s)]+/gi) ?? [];
    for (const u of urls) expect(docs.has(u.replace(/&amp;/g, '&'))).toBe(true);
    expect(html).not.toMatch(/<script|<link|<iframe|<img|@import|url\(/i);
    expect(html).toContain("default-src 'none'");
  });

  it('has an <svg> chart per gate with groups, with axis labels, threshold line and titles', () => {
    const html = renderHtml(failReport);
    const withGroups = failReport.results.filter((r) => r.groups.length > 0).length;
    expect((html.match(/<svg /g) ?? []).length).toBe(withGroups);
    expect(html).toContain('<title id="chart1-t">MG301 demographic_parity_ratio by race: selection_rate per group</title>');
    expect(html).toContain('>selection_rate</text>'); // axis title
    expect(html).toContain('<title>race=Hispanic: 0.279 [0.245, 0.315], n=637, PASS</title>');
    const many = renderHtml(manyGroupsReport(10000));
    expect(many).toContain('class="threshold"');
    expect(many).toContain('threshold 0.200');
    expect((many.match(/<g class="bar /g) ?? []).length).toBe(60);
    expect(many).toContain('Chart shows 60 of 10,000 groups');
  });

  it('verdict banner shows word and symbol; every gate is in the table', () => {
    const html = renderHtml(failReport);
    expect(html).toMatch(/<header class="banner v-fail" role="status"><span class="sym" aria-hidden="true">✗<\/span><span class="word">FAILED<\/span>/);
    expect(renderHtml(passReport)).toContain('<span class="word">PASSED</span>');
    const table = html.slice(html.indexOf('<h2>Gates</h2>'), html.indexOf('<h2>Groups</h2>'));
    expect((table.match(/<tr><td><span class="status/g) ?? []).length).toBe(failReport.results.length);
    expect(html).toContain('prefers-color-scheme:dark');
    expect(html).toContain('@media print');
  });

  it('escapes hostile strings', () => {
    const html = renderHtml(hostileReport);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('</testcase><x');
    expect(html).toContain('&lt;/testcase&gt;&lt;x a=&quot;1&quot;&gt;');
    expect(html).not.toContain('\u001b');
    expect(html).toContain('<title>modelgate: NO VERDICT — evil.model &lt;x&gt;@1.0</title>');
  });
});
