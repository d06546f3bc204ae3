/** With `width` (the terminal's columns) no line of the terminal report soft-wraps back to column 0. */
import { describe, expect, it } from 'vitest';
import { renderCli } from '../../src/report/cli.js';
import { displayWidth, wrap } from '../../src/report/text.js';
import { eqOddsReport, failReport, group, result } from './sample-reports.js';
import type { Report } from '../../src/report/model.js';

const longMessage = 'selection-rate ratio across race × sex is 0.257 (race=African-American, sex=Male 0.603 vs race=Hispanic, sex=Female 0.155); min 0.80; 3 insufficient: race=Asian, sex=Female (n 2 < min_group_size 30)';
const intersectional: Report = {
  ...failReport,
  results: [result('MG301', {
    metric: 'demographic_parity_ratio', subject: 'race × sex', observed: 0.257, threshold: { min: 0.8 }, comparator: '>=', status: 'fail', blocking: true,
    message: longMessage, groupMetric: 'selection_rate',
    groups: [
      group('race=African-American, sex=Female', { value: 0.517 }), group('race=African-American, sex=Male', { value: 0.603 }),
      group('race=Asian, sex=Female', { n: 2, value: 0, status: 'insufficient', reason: 'n 2 < min_group_size 30' }),
    ],
  })],
  waivers: undefined,
};
// Lines that cannot be cut: a docs URL is one word.
const fitsOrUrl = (l: string, w: number) => displayWidth(l) <= w || /^\s*https?:\/\/\S+$/.test(l);

describe('renderCli width', () => {
  it('wraps words, keeping a too-long word whole', () => {
    expect(wrap('aaa bbb ccc ddd', 20)).toEqual(['aaa bbb ccc ddd']);
    expect(wrap('aaaa bbbb cccc dddd eeee ffff', 20)).toEqual(['aaaa bbbb cccc dddd', 'eeee ffff']);
    expect(wrap('x https://example.com/a/very/long/path/that/cannot/break y', 20)).toEqual(['x', 'https://example.com/a/very/long/path/that/cannot/break', 'y']);
  });

  it.each([80, 72])('every line fits %i columns, and the groups stay distinguishable', (w) => {
    const out = renderCli(intersectional, { width: w, verbose: true });
    // The summary line stays whole: hooks and CI read the last line.
    const over = out.trimEnd().split('\n').slice(0, -1).filter((l) => !fitsOrUrl(l, w));
    expect(over).toEqual([]);
    // Cut to a fixed width both African-American groups would read `race=African-American, …`.
    expect(out).toMatch(/African-American, Female +1,000/);
    expect(out).toMatch(/African-American, Male +1,000/);
    expect(out).toContain('Asian, Female: n 2 < min_group_size 30');
    expect(out).toMatch(/✗ FAIL +MG301/);
  });

  it('equalized odds keeps both rates and the status word at 80 columns', () => {
    const out = renderCli(eqOddsReport, { width: 80 });
    expect(out.split('\n').filter((l) => !fitsOrUrl(l, 80))).toEqual([]);
    expect(out).toMatch(/A +1,000 .*tpr +0\.030 .*✓ PASS/);
    expect(out).toMatch(/\n +fpr +0\.020/);
  });

  it('without width the layout is unchanged (long lines allowed)', () => {
    expect(renderCli(intersectional).split('\n').some((l) => displayWidth(l) > 100)).toBe(true);
  });
});
