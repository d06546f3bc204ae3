import { describe, expect, it } from 'vitest';
import { renderJunit, renderJunitReports } from '../../src/report/junit.js';
import { ALL_SAMPLES, errorReport, failReport, HOSTILE, hostileReport, inconclusiveReport, passReport } from './sample-reports.js';
import { findAll, parseXml, type XmlNode } from './xml-check.js';

const cases = (root: XmlNode) => findAll(root, 'testcase');
const child = (n: XmlNode, name: string) => n.children.find((c) => c.name === name);

describe('junit renderer', () => {
  it.each(Object.entries(ALL_SAMPLES))('%s report is well-formed XML whose counts add up', (_name, report) => {
    const root = parseXml(renderJunit(report));
    expect(root.name).toBe('testsuites');
    expect(root.attrs.name).toBe('modelgate');
    const suites = findAll(root, 'testsuite');
    let tests = 0, failures = 0, errors = 0, skipped = 0;
    for (const s of suites) {
      const tc = s.children.filter((c) => c.name === 'testcase');
      expect(Number(s.attrs.tests)).toBe(tc.length);
      expect(Number(s.attrs.failures)).toBe(tc.filter((c) => child(c, 'failure')).length);
      expect(Number(s.attrs.errors)).toBe(tc.filter((c) => child(c, 'error')).length);
      expect(Number(s.attrs.skipped)).toBe(tc.filter((c) => child(c, 'skipped')).length);
      expect(s.attrs.time).toBe('0');
      tests += tc.length; failures += Number(s.attrs.failures); errors += Number(s.attrs.errors); skipped += Number(s.attrs.skipped);
      for (const c of tc) expect(c.attrs.classname).toBe(s.attrs.name);
    }
    expect([Number(root.attrs.tests), Number(root.attrs.failures), Number(root.attrs.errors), Number(root.attrs.skipped)]).toEqual([tests, failures, errors, skipped]);
  });

  it('one suite per category, one testcase per result, passing ones included', () => {
    const root = parseXml(renderJunit(failReport));
    expect(findAll(root, 'testsuite').map((s) => s.attrs.name)).toEqual([
      'modelgate.credit-risk.lineage', 'modelgate.credit-risk.performance', 'modelgate.credit-risk.fairness', 'modelgate.credit-risk.data']);
    expect(cases(root).length).toBe(failReport.results.length);
    expect(cases(root).map((c) => c.attrs.name)).toEqual([
      'MG101 lineage-required-fields: completeness',
      'MG201 performance-threshold: auc',
      'MG301 group-disparity: demographic_parity_ratio across race',
      'MG301 group-disparity: equalized_odds_difference across sex',
      'MG302 group-floor: recall for race=Native American',
      'MG302 group-floor: recall for race=Hispanic',
      'MG501 feature-null-rate: null_rate for income',
    ]);
    // Root totals for this report, by hand: 2 blocking fails, 1 waived -> skipped, no errors.
    expect([root.attrs.tests, root.attrs.failures, root.attrs.errors, root.attrs.skipped]).toEqual(['7', '2', '0', '1']);
  });

  it('failure carries ID, observed, threshold, interval and docs; waived is skipped with reason and expiry', () => {
    const all = cases(parseXml(renderJunit(failReport)));
    const mg201 = all.find((c) => c.attrs.name!.startsWith('MG201'))!;
    const f = child(mg201, 'failure')!;
    expect(f.attrs.type).toBe('MG201');
    expect(f.attrs.message).toBe('FAIL: auc on the holdout is 0.712; min 0.850');
    expect(f.text).toContain('observed:  0.712');
    expect(f.text).toContain('threshold: ≥ 0.850');
    expect(f.text).toContain('interval:  [0.690, 0.730] (95% delong)');
    expect(f.text).toContain('docs:      https://github.com/modelgate/modelgate/blob/main/README.md#mg201-performance-threshold');
    expect(mg201.attrs.file).toBe('policies/credit.yaml');
    expect(mg201.attrs.line).toBe('14');
    const props = Object.fromEntries(findAll(mg201, 'property').map((p) => [p.attrs.name, p.attrs.value]));
    expect(props).toMatchObject({ observed: '0.712', 'threshold.min': '0.85', 'interval.lower': '0.69', status: 'fail' });
    const waived = all.find((c) => c.attrs.name === 'MG302 group-floor: recall for race=Hispanic')!;
    expect(child(waived, 'skipped')!.attrs.message).toBe('waived until 2027-01-31 (approved by ml-governance@example.com, ticket RISK-412): targeted sample being collected (RISK-412)');
    // Not blocking (a warning gate / insufficient under on_insufficient: warn): passing testcase with a note.
    const warn = all.find((c) => c.attrs.name!.includes('equalized_odds'))!;
    expect(child(warn, 'failure')).toBeUndefined();
    expect(child(warn, 'system-out')!.text).toMatch(/^WARN \(not blocking\)/);
  });

  it('blocking inconclusive is a failure; errors are <error>; run errors get their own testcase', () => {
    const inc = cases(parseXml(renderJunit(inconclusiveReport)));
    expect(child(inc[0]!, 'failure')!.attrs.message).toMatch(/^INCONCLUSIVE: /);
    expect(child(inc[1]!, 'failure')).toBeUndefined();
    expect(child(inc[1]!, 'system-out')!.text).toMatch(/^INSUFFICIENT \(not blocking\)/);
    const err = parseXml(renderJunit(errorReport));
    expect(err.attrs.errors).toBe('1'); // the MG102 result; its report.errors twin is not repeated
    const host = parseXml(renderJunit(hostileReport));
    expect(host.attrs.errors).toBe('2');
    expect(cases(host).some((c) => c.attrs.name === 'run error' && c.attrs.classname!.endsWith('.run'))).toBe(true);
  });

  it('escapes hostile strings and XML-forbidden control characters', () => {
    const xml = renderJunit(hostileReport);
    expect(xml).not.toContain('</testcase><x');
    expect(xml).not.toContain('\u001b');
    expect(xml).not.toContain('\u0007');
    const root = parseXml(xml);
    const tc = cases(root)[0]!;
    expect(tc.attrs.name).toContain('</testcase><x a="1">');
    expect(child(tc, 'failure')!.attrs.message).toContain('line\nbreak'); // attribute newlines survive as &#10;
    expect(child(tc, 'failure')!.text).toContain('\\u001b[31mred\\u0007');
    expect(HOSTILE).toContain('\u001b');
    expect(root.children[0]!.attrs.name).toBe('modelgate.evil_model_<x>.fairness');
  });

  it('several models in one file; output is deterministic', () => {
    const root = parseXml(renderJunitReports([passReport, { ...failReport, model: { ...failReport.model, name: 'fraud' } }]));
    expect(Number(root.attrs.tests)).toBe(passReport.results.length + failReport.results.length);
    expect(findAll(root, 'testsuite').some((s) => s.attrs.name === 'modelgate.fraud.fairness')).toBe(true);
    expect(renderJunit(failReport)).toBe(renderJunit(failReport));
  });
});
