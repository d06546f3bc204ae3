import { describe, expect, it } from 'vitest';
import { fmtCount, fmtInterval, fmtNum, fmtPct, fmtThreshold, fmtVersus } from '../../src/report/format.js';
import { summaryLine } from '../../src/report/status.js';
import { textBar, UNICODE_BAR, ASCII_BAR } from '../../src/report/bar.js';

describe('fmtNum', () => {
  it.each([
    [0.71234, '0.712'], [0.85, '0.850'], [1, '1.000'], [0, '0.000'], [-0, '0.000'], [0.0005, '0.001'],
    [0.000123, '0.000123'], [812, '812'], [-0.25, '-0.250'], [12.3456, '12.346'],
    [null, 'n/a'], [undefined, 'n/a'], [NaN, 'n/a'], [Infinity, 'n/a'], [-Infinity, 'n/a'],
  ])('%s -> %s', (x, want) => expect(fmtNum(x as number | null)).toBe(want));
});

describe('other formats', () => {
  it('percentages, counts, intervals', () => {
    expect(fmtPct(0.7123)).toBe('71.2%');
    expect(fmtPct(null)).toBe('n/a');
    expect(fmtCount(1234567)).toBe('1,234,567');
    expect(fmtCount(999)).toBe('999');
    expect(fmtInterval({ lower: 0.69, upper: 0.73, level: 0.95, method: 'wilson' })).toBe('[0.690, 0.730]');
    expect(fmtInterval({ lower: null, upper: null, level: 0.95, method: 'wilson' })).toBe('n/a');
    expect(fmtInterval(null)).toBe('n/a');
  });

  it('states the relation that actually holds', () => {
    expect(fmtVersus(0.712, { min: 0.85 }, '>=')).toBe('0.712 < 0.850');
    expect(fmtVersus(0.912, { min: 0.85 }, '>=')).toBe('0.912 ≥ 0.850');
    expect(fmtVersus(0.85, { min: 0.85 }, '>=')).toBe('0.850 ≥ 0.850');
    expect(fmtVersus(0.14, { max: 0.1 }, '<=')).toBe('0.140 > 0.100');
    expect(fmtVersus(1.3, { min: 0.8, max: 1.25 }, null)).toBe('1.300 ∉ [0.800, 1.250]');
    expect(fmtVersus(null, { min: 0.8 }, '>=')).toBe('n/a (≥ 0.800)');
    expect(fmtThreshold({ max: 0.1 }, null)).toBe('≤ 0.100');
  });

  it('summary line wording', () => {
    const summary = { gates: 14, passed: 11, failed: 2, warned: 0, inconclusive: 0, insufficient: 0, waived: 1, skipped: 0, errors: 0 };
    expect(summaryLine({ summary, verdict: 'fail', exitCode: 1 })).toBe('14 gates: 11 passed, 2 failed, 1 waived — FAILED (exit 1)');
    expect(summaryLine({ summary: { ...summary, gates: 1, passed: 1, failed: 0, waived: 0 }, verdict: 'pass', exitCode: 0 }))
      .toBe('1 gate: 1 passed — PASSED (exit 0)');
  });
});

describe('textBar', () => {
  it('scales 0..1 onto the width with half blocks and a threshold mark', () => {
    // 0.5 of 10 cells = 5 full cells; the mark for 0.8 lands in cell round(0.8*10) = 8.
    expect(textBar(0.5, 1, [0.8], 10, UNICODE_BAR)).toBe('█████░░░│░');
    // 0.25 of 10 cells = 2.5 cells: two full and one half.
    expect(textBar(0.25, 1, [], 10, UNICODE_BAR)).toBe('██▌░░░░░░░');
    expect(textBar(null, 1, [], 4, ASCII_BAR)).toBe('....');
    expect(textBar(1, 1, [1], 4, ASCII_BAR)).toBe('###|');
  });
});
