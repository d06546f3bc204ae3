/**
 * Group charts zoom to the data: a 0-based axis ending at a round number just above the largest
 * value (and whisker and threshold where drawn), labelled with that end. Expected bars are counted
 * by hand: cells = value / scale end × width, rounded to half cells.
 */
import { describe, expect, it } from 'vitest';
import { niceCeil, scaleMaxOf, scaleTicks, textBar, UNICODE_BAR } from '../../src/report/bar.js';
import { renderCli } from '../../src/report/cli.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { eqOddsReport, group } from './sample-reports.js';

describe('scale', () => {
  it.each([
    [0.01, 0.01], [0.011, 0.012], [0.0231, 0.025], [0.611, 0.8], [0.93, 1], [1, 1], [1.3, 1.5], [37, 40], [0, 1], [-0.2, 1],
  ])('niceCeil(%d) = %d', (x, want) => expect(niceCeil(x)).toBe(want));

  it('ticks split the scale into 4-6 round steps ending on it', () => {
    expect(scaleTicks(0.8)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(scaleTicks(1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(scaleTicks(1.5)).toEqual([0, 0.25, 0.5, 0.75, 1, 1.25, 1.5]);
    expect(scaleTicks(0.03)).toEqual([0, 0.005, 0.01, 0.015, 0.02, 0.025, 0.03]);
    expect(scaleTicks(0.012)).toEqual([0, 0.002, 0.004, 0.006, 0.008, 0.01, 0.012]);
  });

  it('a table of small rates zooms to them; the group threshold is kept in view', () => {
    const gs = [group('g=a', { value: 0.01 }), group('g=b', { value: 0.018 })];
    expect(scaleMaxOf(gs, null)).toBe(0.02);
    expect(scaleMaxOf(gs, { max: 0.05 })).toBe(0.05);
    // 0.01 on 0..0.02 is half the bar; on the old fixed 0..1 it was 0.2 cells, drawn as nothing.
    expect(textBar(0.01, 0.02, [], 20, UNICODE_BAR)).toBe('██████████░░░░░░░░░░');
  });

  it('a value above zero never draws as an empty track', () => {
    expect(textBar(0.001, 1, [], 10, UNICODE_BAR)).toBe('▌░░░░░░░░░');
    expect(textBar(0, 1, [], 4, UNICODE_BAR)).toBe('░░░░');
  });
});

describe('equalized odds with small rates in every renderer', () => {
  it('cli: one line per rate, bars on 0..0.03, both rates and their intervals', () => {
    const out = renderCli(eqOddsReport);
    // A TPR 0.03 -> 20 cells; A FPR 0.02 -> 13.3 -> 27 half cells; B 0.01 -> 6.7 -> 13 half cells.
    expect(out).toMatch(/race=A +1,000 +300 +700 +tpr +0\.030 +\[0\.016, 0\.056\] +1\.000 +✓ PASS +████████████████████\n/);
    expect(out).toMatch(/\n +fpr +0\.020 +\[0\.012, 0\.033\] +1\.000 +█████████████▌░░░░░░\n/);
    expect(out).toMatch(/race=B +1,000 +300 +700 +tpr +0\.010 +\[0\.003, 0\.029\] +0\.333 +✗ FAIL +██████▌░░░░░░░░░░░░░\n/);
    expect(out).toMatch(/\n +fpr +0\.010 +\[0\.005, 0\.020\] +0\.500 +██████▌░░░░░░░░░░░░░\n/);
    expect(out).toContain('bars 0 to 0.03');
  });

  it('markdown: a column pair and a bar per rate, headed with the scale', () => {
    const md = renderMarkdown(eqOddsReport);
    expect(md).toContain('| Group | n | Positives | Negatives | tpr | tpr 95% wilson | fpr | fpr 95% wilson | Status | tpr 0 – 0.03 | fpr 0 – 0.03 |');
    expect(md).toContain('| race=B | 1,000 | 300 | 700 | 0.010 | [0.003, 0.029] | 0.010 | [0.005, 0.020] | ❌ FAIL | `██████▌░░░░░░░░░░░░░` | `██████▌░░░░░░░░░░░░░` |');
    expect(md).toContain('Bars run from 0 to 0.03.');
  });

  it('html: two bars per group named tpr and fpr, axis to the largest whisker (0.056 -> 0.06), table with both rates', () => {
    const html = renderHtml(eqOddsReport);
    expect((html.match(/<g class="bar /g) ?? []).length).toBe(2);
    const widths = [...html.matchAll(/<rect(?: class="alt")? x="[\d.]+" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(4);
    // 0.01 of 0.06 is 1/6 of the widest possible bar (0.03 is 1/2): visible, in proportion.
    expect(Math.min(...widths) / Math.max(...widths)).toBeCloseTo(1 / 3, 2);
    expect(html).toContain('>0.06</text>');
    expect(html).not.toContain('>0.8</text>');
    expect(html).toContain('>tpr 0.030  ✓ PASS</text>');
    expect(html).toContain('>fpr 0.020</text>');
    expect(html).toContain('<th>fpr 95% wilson interval</th>');
    expect(html).toContain('<title>race=B: tpr 0.010 [0.003, 0.029], fpr 0.010 [0.005, 0.020], n=1,000, FAIL</title>');
  });
});
