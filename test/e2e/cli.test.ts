import { mkdtempSync, readFileSync, readdirSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run-cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'mg-e2e-'));

describe('modelgate check on the bundled demo', () => {
  it('passes with exit 0 and a summary line last', async () => {
    const r = await runCli(['check', '--config', 'fixtures/demo/modelgate.yaml']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const last = r.stdout.trimEnd().split('\n').pop()!;
    expect(last).toMatch(/^\d+ gates: \d+ passed.* — PASSED \(exit 0\)$/);
    expect(r.stdout).toContain('credit-risk@3.2.0');
  });

  it('is the default command', async () => {
    const r = await runCli(['--config', 'fixtures/demo/modelgate.yaml', '-q']);
    expect(r.code).toBe(0);
  });

  it('writes --json and --junit in the same run, with one testcase per gate', async () => {
    const dir = tmp();
    const r = await runCli(['check', '--config', 'fixtures/demo/modelgate.yaml', '--json', join(dir, 'r.json'), '--junit', join(dir, 'r.xml')]);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(report.schemaVersion).toBe(1);
    expect(report.verdict).toBe('pass');
    expect(report.exitCode).toBe(0);
    expect(report.dataset.rows).toBe(2400);
    const xml = readFileSync(join(dir, 'r.xml'), 'utf8');
    expect((xml.match(/<testcase /g) ?? []).length).toBe(report.results.length);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('gives byte-identical JSON for two runs with SOURCE_DATE_EPOCH', async () => {
    const a = await runCli(['check', '--config', 'fixtures/demo/modelgate.yaml', '-f', 'json']);
    const b = await runCli(['check', '--config', 'fixtures/demo/modelgate.yaml', '-f', 'json']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stdout).run.startedAt).toBe('2025-11-30T00:00:00.000Z');
  });
});

describe('each failing fixture exits 1 naming its check', () => {
  const dirs = readdirSync(join(ROOT, 'fixtures', 'failing')).filter((d) => existsSync(join(ROOT, 'fixtures', 'failing', d, 'modelgate.yaml')));
  it('has a failing fixture for every lineage check at least', () => {
    for (const id of ['mg101', 'mg102', 'mg103', 'mg104', 'mg105', 'mg502']) expect(dirs.some((d) => d.startsWith(id))).toBe(true);
  });
  for (const d of dirs) {
    it(d, async () => {
      const r = await runCli(['check', '--config', `fixtures/failing/${d}/modelgate.yaml`, '-f', 'json']);
      expect(r.code, r.stderr).toBe(1);
      const report = JSON.parse(r.stdout);
      const id = d.slice(0, 5).toUpperCase();
      const failed = report.results.filter((x: { status: string; blocking: boolean }) => x.status === 'fail' && x.blocking);
      expect(failed.map((x: { checkId: string }) => x.checkId)).toContain(id);
    });
  }
});

describe('bad input gives exit 2 with a message naming the place, no stack trace', () => {
  it('a typo in a policy key names file, line and column', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'policy.yaml'), 'apiVersion: modelgate/v1\ndefaults:\n  min_grup_size: 30\nchecks:\n  - id: MG101\n');
    const r = await runCli(['check', '--model', 'fixtures/demo/model.yaml', '--data', 'fixtures/demo/holdout.csv', '--policy', join(dir, 'policy.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/policy\.yaml:3:3/);
    expect(r.stderr).toContain('min_grup_size');
    expect(r.stderr).toContain('min_group_size');
    expect(r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
    expect(r.stdout).toBe('');
  });

  it('a missing dataset names the file', async () => {
    const r = await runCli(['check', '--model', 'fixtures/demo/model.yaml', '--data', 'nope/holdout.parquet', '--policy', 'fixtures/demo/policy.yaml', '-q']);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toContain('nope/holdout.parquet');
    expect(r.stdout + r.stderr).toMatch(/not found/);
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
  });

  it('a truncated dataset exits 2 and the report says error, never pass', async () => {
    const dir = tmp();
    const text = readFileSync(join(ROOT, 'fixtures/demo/holdout.csv'), 'utf8');
    writeFileSync(join(dir, 'holdout.csv'), text.slice(0, text.length - 40) + '"unterminated');
    const r = await runCli(['check', '--model', 'fixtures/demo/model.yaml', '--data', join(dir, 'holdout.csv'), '--policy', 'fixtures/demo/policy.yaml', '--json', join(dir, 'r.json')]);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toContain('holdout.csv');
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(report.verdict).toBe('error');
    expect(report.exitCode).toBe(2);
  });

  it('an unknown flag is exit 2', async () => {
    const r = await runCli(['check', '--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--frobnicate');
  });

  it('a label outside {0,1} names the row and column', async () => {
    const dir = tmp();
    const lines = readFileSync(join(ROOT, 'fixtures/demo/holdout.csv'), 'utf8').split('\n');
    const header = lines[0]!.split(',');
    const li = header.indexOf('label');
    const row = lines[5]!.split(',');
    row[li] = '2';
    lines[5] = row.join(',');
    writeFileSync(join(dir, 'holdout.csv'), lines.join('\n'));
    copyFileSync(join(ROOT, 'fixtures/demo/policy.yaml'), join(dir, 'policy.yaml'));
    const r = await runCli(['check', '--model', 'fixtures/demo/model.yaml', '--data', join(dir, 'holdout.csv'), '--policy', 'fixtures/demo/policy.yaml', '--only', 'MG502']);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toMatch(/row 5/);
    expect(r.stdout + r.stderr).toContain('label');
  });
});

describe('information commands', () => {
  it('checks lists every check with its slug', async () => {
    const r = await runCli(['checks']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/MG101\s+lineage-required-fields/);
  });
  it('explain accepts a slug', async () => {
    const r = await runCli(['explain', 'dataset-hash-match']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('MG102');
  });
  it('explain of an unknown check is exit 2', async () => {
    const r = await runCli(['explain', 'MG999']);
    expect(r.code).toBe(2);
  });
  it('hash prints the sha256 recorded in the demo metadata', async () => {
    const r = await runCli(['hash', 'fixtures/demo/holdout.csv']);
    const meta = readFileSync(join(ROOT, 'fixtures/demo/model.yaml'), 'utf8');
    const sha = r.stdout.split(/\s+/)[0]!;
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    expect(meta).toContain(`evaluation_data: { uri: holdout.csv, sha256: "${sha}" }`);
  });
  it('validate reads no data and says valid', async () => {
    const r = await runCli(['validate', '--config', 'fixtures/demo/modelgate.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('valid');
  });
  it('schema prints JSON Schemas', async () => {
    const r = await runCli(['schema']);
    expect(r.code).toBe(0);
    expect(Object.keys(JSON.parse(r.stdout))).toEqual(['policy', 'model', 'project']);
  });
});

describe('inputs are never overwritten by a report', () => {
  it('refuses a report over a policy reached through extends, the config, or the artifact', async () => {
    for (const target of ['policies/default.yaml', 'fixtures/demo/modelgate.yaml', 'fixtures/demo/model.onnx']) {
      const before = readFileSync(join(ROOT, target));
      const r = await runCli(['check', '--config', 'fixtures/demo/modelgate.yaml', '-q', '--sarif', target]);
      expect(r.code, target).toBe(2);
      expect(r.stderr).toContain(`refusing to write a report to ${target}`);
      expect(readFileSync(join(ROOT, target)).equals(before)).toBe(true);
    }
  });
  it('report convert refuses -o naming the report it reads', async () => {
    const dir = tmp();
    await runCli(['check', '--config', 'fixtures/demo/modelgate.yaml', '-q', '--json', join(dir, 'r.json')]);
    const before = readFileSync(join(dir, 'r.json'), 'utf8');
    const r = await runCli(['report', 'convert', join(dir, 'r.json'), '-f', 'markdown', '-o', join(dir, 'r.json')]);
    expect(r.code).toBe(2);
    expect(readFileSync(join(dir, 'r.json'), 'utf8')).toBe(before);
  });
  it('a baseline for another model is refused', async () => {
    const dir = tmp();
    await runCli(['check', '--config', 'fixtures/demo/modelgate.yaml', '-q', '--json', join(dir, 'r.json')]);
    writeFileSync(join(dir, 'other.yaml'), readFileSync(join(ROOT, 'fixtures/demo/model.yaml'), 'utf8').replace('name: credit-risk', 'name: other-model'));
    copyFileSync(join(ROOT, 'fixtures/demo/model.onnx'), join(dir, 'model.onnx'));
    const r = await runCli(['check', '--model', join(dir, 'other.yaml'), '--data', 'fixtures/demo/holdout.csv', '--policy', 'fixtures/demo/policy.yaml', '--baseline', join(dir, 'r.json'), '--only', 'MG201', '--allow-outside-repo']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is for model "credit-risk", not "other-model"');
  });
});
