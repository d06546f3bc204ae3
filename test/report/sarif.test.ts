import { describe, expect, it } from 'vitest';
import { artifactLocation, renderSarif } from '../../src/report/sarif.js';
import { errorReport, failReport, hostileReport, passReport } from './sample-reports.js';

describe('sarif renderer', () => {
  it('has the fields SARIF 2.1.0 and GitHub code scanning require', () => {
    const s = JSON.parse(renderSarif(failReport));
    expect(s.version).toBe('2.1.0');
    expect(s.$schema).toMatch(/sarif-2\.1\.0\.json$/);
    const run = s.runs[0];
    expect(run.tool.driver.name).toBe('modelgate');
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['MG101', 'MG201', 'MG301', 'MG302', 'MG501']);
    const mg301 = run.tool.driver.rules[2];
    expect(mg301).toMatchObject({ id: 'MG301', name: 'group-disparity', shortDescription: { text: 'Group disparity' },
      helpUri: 'https://github.com/modelgate/modelgate/blob/main/README.md#mg301-group-disparity', defaultConfiguration: { level: 'error' } });
    // fail, fail, warn, insufficient, waived: passes are not results.
    expect(run.results.map((r: { ruleId: string; level: string }) => `${r.ruleId}:${r.level}`))
      .toEqual(['MG201:error', 'MG301:error', 'MG301:warning', 'MG302:note', 'MG302:error']);
    for (const r of run.results) {
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(r.message.text.length).toBeGreaterThan(0);
      expect(r.locations).toHaveLength(1);
      expect(r.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'policies/credit.yaml', uriBaseId: '%SRCROOT%' });
      expect(r.locations[0].physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
      expect(Object.values(r.partialFingerprints)[0]).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(run.results[0].locations[0].physicalLocation.region).toEqual({ startLine: 14, startColumn: 5 });
  });

  it('waived results are suppressed, with the justification and the waiver line', () => {
    const waived = JSON.parse(renderSarif(failReport)).runs[0].results[4];
    expect(waived.suppressions).toEqual([{ kind: 'external', status: 'accepted',
      justification: 'targeted sample being collected (RISK-412) (expires 2027-01-31; approved by ml-governance@example.com, ticket RISK-412)',
      location: { physicalLocation: { artifactLocation: { uri: 'policies/credit.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 40 } } } }]);
  });

  it('fingerprints do not move when policy lines move; results without a location point at the model file', () => {
    const a = JSON.parse(renderSarif(failReport)).runs[0].results;
    const moved = { ...failReport, results: failReport.results.map((r) => ({ ...r, location: r.location && { ...r.location, line: r.location.line + 7 } })) };
    const b = JSON.parse(renderSarif(moved)).runs[0].results;
    expect(b.map((r: { partialFingerprints: unknown }) => r.partialFingerprints)).toEqual(a.map((r: { partialFingerprints: unknown }) => r.partialFingerprints));
    expect(new Set(a.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['modelgateFinding/v1'])).size).toBe(a.length);
    const err = JSON.parse(renderSarif(errorReport)).runs[0];
    const mg102 = err.results.find((r: { ruleId: string }) => r.ruleId === 'MG102');
    expect(mg102.locations[0].physicalLocation.artifactLocation.uri).toBe('models/credit-risk/model.yaml');
    expect(err.invocations[0].executionSuccessful).toBe(false);
    expect(err.invocations[0].toolExecutionNotifications[0].message.text).toContain('permission denied');
  });

  it('a passing report has rules but no results; URIs are encoded', () => {
    const run = JSON.parse(renderSarif(passReport)).runs[0];
    expect(run.results).toEqual([]);
    expect(run.invocations[0].executionSuccessful).toBe(true);
    expect(artifactLocation('./policies/my policy#1.yaml')).toEqual({ uri: 'policies/my%20policy%231.yaml', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('/abs/p.yaml')).toEqual({ uri: 'file:///abs/p.yaml' });
    expect(artifactLocation('C:\\work\\p.yaml')).toEqual({ uri: 'file:///C:/work/p.yaml' });
    expect(JSON.parse(renderSarif(hostileReport)).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('policies/a%2Cb%3Ac.yaml');
  });
});
