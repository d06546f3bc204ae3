/**
 * `options:` in modelgate.yaml are defaults for `check`: a flag beats a MODELGATE_* variable, which
 * beats the config file, which beats the built-in default (DESIGN §2.4).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'mg-options-'));

beforeAll(() => {
  // The leaking-score fixture, with MG204 at its default severity (warning): it warns, exit 0.
  cpSync(join(ROOT, 'fixtures/failing/mg204-suspicious-performance'), dir, { recursive: true });
  writeFileSync(join(dir, 'policy.yaml'), 'apiVersion: modelgate/v1\nchecks:\n  - id: MG204\n    metric: auc\n    max: 0.995\n');
  writeFileSync(join(dir, 'modelgate.yaml'), `options:
  fail_on: warning
  reports: { json: out/report.json }
models:
  - { name: credit-risk, model: model.yaml, data: holdout.csv, policy: [policy.yaml] }
`);
});

describe('modelgate.yaml options', () => {
  it('apply when no flag or variable says otherwise', async () => {
    const r = await runCli(['check', '-q'], { cwd: dir, env: { MODELGATE_FAIL_ON: '' } });
    expect(r.code, r.stderr).toBe(1);
    expect(existsSync(join(dir, 'out/report.json'))).toBe(true);
    const report = JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8'));
    expect(report.results[0].checkId).toBe('MG204');
    expect(report.results[0].blocking).toBe(true);
  });
  it('lose to a MODELGATE_* variable', async () => {
    const r = await runCli(['check', '-q'], { cwd: dir, env: { MODELGATE_FAIL_ON: 'error' } });
    expect(r.code, r.stderr).toBe(0);
  });
  it('lose to a flag', async () => {
    const r = await runCli(['check', '-q', '--fail-on', 'error'], { cwd: dir, env: { MODELGATE_FAIL_ON: 'warning' } });
    expect(r.code, r.stderr).toBe(0);
  });
  it('keep report paths inside the repository unless allowed', async () => {
    writeFileSync(join(dir, 'escape.yaml'), 'options:\n  reports: { json: ../escape.json }\nmodels:\n  - { name: m, model: model.yaml, data: holdout.csv, policy: [policy.yaml] }\n');
    const r = await runCli(['check', '--config', 'escape.yaml', '-q'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/escape\.yaml.*options\.reports\.json.*outside the repository/);
    expect(existsSync(join(dir, '..', 'escape.json'))).toBe(false);
  });
  it('reject unknown keys with the line', async () => {
    writeFileSync(join(dir, 'bad.yaml'), 'options:\n  fail-on: warning\nmodels:\n  - { name: m, model: model.yaml, data: holdout.csv }\n');
    const r = await runCli(['check', '--config', 'bad.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:2:3/);
    expect(r.stderr).toContain('fail_on');
  });
});
