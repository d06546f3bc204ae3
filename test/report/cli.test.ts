import { describe, expect, it } from 'vitest';
import { renderCli } from '../../src/report/cli.js';
import { stripAnsi } from '../../src/report/text.js';
import { errorReport, failReport, hostileReport, inconclusiveReport, passReport } from './sample-reports.js';

const lastLine = (s: string) => s.trimEnd().split('\n').pop();

describe('cli renderer', () => {
  it('ends with the summary line (counted by hand in sample-reports.ts)', () => {
    expect(lastLine(renderCli(passReport))).toBe('4 gates: 3 passed, 1 skipped — PASSED (exit 0)');
    expect(lastLine(renderCli(failReport))).toBe('7 gates: 2 passed, 2 failed, 1 warning, 1 insufficient, 1 waived — FAILED (exit 1)');
    expect(lastLine(renderCli(errorReport))).toBe('3 gates: 1 passed, 1 failed, 1 error — NO VERDICT (exit 2)');
    expect(lastLine(renderCli(inconclusiveReport))).toBe('3 gates: 1 passed, 1 inconclusive, 1 insufficient — FAILED (exit 1)');
  });

  it('prints the header, a word and a symbol per status, and the truthful comparison', () => {
    const out = renderCli(failReport);
    expect(out).toContain('credit-risk@3.2.0');
    expect(out).toContain('data/holdout.parquet');
    expect(out).toContain('policies/base.yaml, policies/credit.yaml');
    expect(out).toMatch(/✗ FAIL +MG201 +Holdout performance threshold +auc +0\.712 < 0\.850 +\[0\.690, 0\.730\]/);
    expect(out).toMatch(/! WARN +MG301/);
    expect(out).toMatch(/… INSUFFICIENT +MG302/);
    expect(out).toMatch(/~ WAIVED +MG302/);
    expect(out).toContain('waived until 2027-01-31 by ml-governance@example.com (RISK-412)');
    expect(out).toContain('docs https://github.com/modelgate/modelgate/blob/main/README.md#mg301-group-disparity');
    expect(out).toContain('policies/credit.yaml:21');
    expect(out).toMatch(/expired +MG301 race=Other +expired 2026-01-31/);
  });

  it('aligns the gate columns', () => {
    const lines = renderCli(failReport).split('\n').filter((l) => /^ {2}\S (PASS|FAIL|WARN|INCONCLUSIVE|INSUFFICIENT|WAIVED|SKIP|ERROR) /.test(l));
    expect(lines.length).toBe(7);
    const idAt = new Set(lines.map((l) => l.search(/MG\d{3}/)));
    expect(idAt.size).toBe(1);
  });

  it('shows group tables for a fairness gate that did not pass, and for all gates with --verbose', () => {
    expect(renderCli(failReport)).toMatch(/race=Native American +18 +9 +0\.611 +\[0\.386, 0\.797\] +… INSUFFICIENT/);
    expect(renderCli(passReport)).not.toContain('sex=Female');
    expect(renderCli(passReport, { verbose: true })).toContain('sex=Female');
  });

  it('quiet keeps only failing gates and the summary', () => {
    const out = renderCli(failReport, { quiet: true });
    expect(out).not.toContain('credit-risk@3.2.0');
    expect(out).toContain('MG201');
    expect(out).not.toContain('MG501');
    expect(out).not.toContain('MG101');
    expect(out).not.toContain('race=Caucasian');
    expect(lastLine(out)).toContain('FAILED (exit 1)');
  });

  it('colours only when asked, and never by colour alone', () => {
    expect(renderCli(failReport)).not.toContain('\u001b[');
    const coloured = renderCli(failReport, { color: true });
    expect(coloured).toContain('\u001b[');
    expect(stripAnsi(coloured)).toBe(renderCli(failReport));
  });

  it('ASCII mode uses only ASCII for its own symbols, bars and operators', () => {
    const out = renderCli(failReport, { unicode: false, verbose: true });
    expect(out).toMatch(/x FAIL +MG201 .* 0\.712 < 0\.850/);
    expect(out).toMatch(/\. INSUFFICIENT/);
    // eslint-disable-next-line no-control-regex
    expect(out.replace(/race=\(missing\)/g, '')).toMatch(/^[\x00-\x7f]*$/);
    expect(lastLine(out)).toBe('7 gates: 2 passed, 2 failed, 1 warning, 1 insufficient, 1 waived -- FAILED (exit 1)');
  });

  it('neutralises control characters from user strings (no terminal escapes injected)', () => {
    const out = renderCli(hostileReport, { verbose: true });
    expect(out).not.toContain('\u001b');
    expect(out).not.toContain('\u0007');
    expect(out).toContain('␛[31mred␇');
  });
});
