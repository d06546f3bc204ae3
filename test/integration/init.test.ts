/**
 * `modelgate init` in an empty git repository: the scaffold is written, never overwritten without
 * --force, and once a model and its holdout are put at the scaffolded paths, `check` passes. The
 * scaffolded workflow only uses inputs that action.yml declares.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { mg, ROOT, sh } from './run-cli.js';

const SCAFFOLD = ['modelgate.yaml', 'policies/modelgate-policy.yaml', '.github/workflows/modelgate.yml'];

describe('modelgate init', () => {
  const repo = mkdtempSync(join(tmpdir(), 'mg-init-'));

  it('scaffolds the config, a commented policy and a workflow, and prints the hook snippet', async () => {
    expect((await sh('git', ['init', '-q', '.'], repo)).code).toBe(0);
    const r = await mg(['init'], { cwd: repo });
    expect(r.code).toBe(0);
    for (const f of SCAFFOLD) expect(r.stdout).toContain(`created ${f}`);
    expect(r.stdout).toContain('modelgate hook install');
    expect(r.stdout).toContain('id: modelgate');
    const config = parse(readFileSync(join(repo, 'modelgate.yaml'), 'utf8'));
    expect(config).toEqual({ models: [{ name: 'my-model', model: 'models/my-model/model.yaml', data: 'data/my-model/holdout.csv', policy: ['policies/modelgate-policy.yaml'] }] });
    const policy = readFileSync(join(repo, 'policies/modelgate-policy.yaml'), 'utf8');
    expect(policy).toContain(readFileSync(join(ROOT, 'policies/default.yaml'), 'utf8'));
    expect(policy.split('\n')[0]).toMatch(/^# Policy for this repository/);
  });

  it('never overwrites without --force', async () => {
    writeFileSync(join(repo, 'modelgate.yaml'), readFileSync(join(repo, 'modelgate.yaml'), 'utf8') + '# mine\n');
    const r = await mg(['init'], { cwd: repo });
    expect(r.code).toBe(0);
    for (const f of SCAFFOLD) expect(r.stdout).toContain(`skipped ${f} (it exists; --force overwrites it)`);
    expect(readFileSync(join(repo, 'modelgate.yaml'), 'utf8')).toContain('# mine');
    const f = await mg(['init', '--force'], { cwd: repo });
    expect(f.stdout).toContain('overwritten modelgate.yaml');
    expect(readFileSync(join(repo, 'modelgate.yaml'), 'utf8')).not.toContain('# mine');
    expect((await mg(['init', '--name', 'bad name!'], { cwd: repo })).code).toBe(2);
  });

  it('check passes once the model and holdout are at the scaffolded paths', async () => {
    // Before: the metadata is missing, so there is no verdict.
    expect((await mg(['check', '-q'], { cwd: repo })).code).toBe(2);
    mkdirSync(join(repo, 'models/my-model'), { recursive: true });
    mkdirSync(join(repo, 'data/my-model'), { recursive: true });
    copyFileSync(join(ROOT, 'fixtures/demo/holdout.csv'), join(repo, 'data/my-model/holdout.csv'));
    copyFileSync(join(ROOT, 'fixtures/demo/model.onnx'), join(repo, 'models/my-model/model.onnx'));
    expect((await sh('git', ['add', '.'], repo)).code).toBe(0);
    expect((await sh('git', ['commit', '-q', '-m', 'scaffold'], repo)).code).toBe(0);
    const head = (await sh('git', ['rev-parse', 'HEAD'], repo)).stdout.trim();
    // The training commit must exist in this repository (MG103): record the one just made.
    const meta = readFileSync(join(ROOT, 'fixtures/demo/model.yaml'), 'utf8').replace(/commit: "[0-9a-f]{40}"/, `commit: "${head}"`);
    expect(meta).toContain(head);
    writeFileSync(join(repo, 'models/my-model/model.yaml'), meta);
    const r = await mg(['check'], { cwd: repo });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/PASSED \(exit 0\)/);
    expect(r.code).toBe(0);
  });

  it('the scaffolded workflow uses the action with inputs that action.yml declares', () => {
    const wf = parse(readFileSync(join(repo, '.github/workflows/modelgate.yml'), 'utf8'));
    const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
    const step = wf.jobs.gate.steps.find((s: { uses?: string }) => s.uses?.startsWith('modelgate/modelgate@'));
    expect(step).toBeDefined();
    for (const k of Object.keys(step.with)) expect(Object.keys(action.inputs)).toContain(k);
    const upload = wf.jobs.gate.steps.find((s: { uses?: string }) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload.with.path.trim().split('\n')).toEqual([step.with['json-report'], step.with['junit-report'], step.with['html-report']]);
  });
});
