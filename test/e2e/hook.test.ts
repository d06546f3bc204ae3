/**
 * The pre-push hook end to end: a temporary repository with two copies of the demo model and a bare
 * remote; the hook installed by this checkout's bin/modelgate.js; real `git push`es. A push is
 * blocked when a changed model fails, allowed when it passes, and allowed when only a model the
 * push does not touch fails. Also: new branches, core.hooksPath, a foreign hook, the time budget.
 */
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, cleanEnv, mg, ROOT, sh } from '../integration/run-cli.js';

const base = mkdtempSync(join(tmpdir(), 'mg-hook-'));
const remote = join(base, 'remote.git');
const repo = join(base, 'work');
const git = (args: string[], cwd = repo) => sh('git', args, cwd);
const FAILING_GATE = '      - explainability.base_value         # not recorded in the demo metadata: MG101 fails\n';

async function commitAll(message: string) {
  expect((await git(['add', '-A'])).code).toBe(0);
  expect((await git(['commit', '-q', '-m', message])).code).toBe(0);
}

async function push(args: string[] = []) {
  const r = await git(['push', ...args, 'origin', 'HEAD']);
  return { ...r, out: r.stdout + r.stderr };
}

const remoteHead = async (branch = 'main') => (await git(['rev-parse', branch], remote)).stdout.trim();
const localHead = async () => (await git(['rev-parse', 'HEAD'])).stdout.trim();

function copyModel(name: string, commit: string) {
  const d = join(repo, 'models', name);
  mkdirSync(d, { recursive: true });
  for (const f of ['holdout.csv', 'model.onnx', 'policy.yaml']) copyFileSync(join(ROOT, 'fixtures/demo', f), join(d, f));
  // MG103 looks the training commit up in this repository: record one that exists here.
  writeFileSync(join(d, 'model.yaml'), readFileSync(join(ROOT, 'fixtures/demo/model.yaml'), 'utf8').replace(/commit: "[0-9a-f]{40}"/, `commit: "${commit}"`));
}

describe('pre-push hook', () => {
  beforeAll(async () => {
    expect((await sh('git', ['init', '-q', '--bare', remote], base)).code).toBe(0);
    mkdirSync(repo);
    expect((await git(['init', '-q', '-b', 'main'])).code).toBe(0);
    expect((await git(['remote', 'add', 'origin', remote])).code).toBe(0);
    writeFileSync(join(repo, 'README.md'), 'models\n');
    await commitAll('start');
    const first = await localHead();
    // The demo policy extends ../../policies/default.yaml: keep that layout.
    mkdirSync(join(repo, 'policies'));
    copyFileSync(join(ROOT, 'policies/default.yaml'), join(repo, 'policies/default.yaml'));
    copyModel('a', first);
    copyModel('b', first);
    writeFileSync(join(repo, 'modelgate.yaml'), ['a', 'b'].map((m) => `  - { name: ${m}, model: models/${m}/model.yaml, data: models/${m}/holdout.csv, policy: [models/${m}/policy.yaml] }`).join('\n').replace(/^/, 'models:\n') + '\n');
    await commitAll('two models');
    const r = await mg(['hook', 'install'], { cwd: repo });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`installed ${join(repo, '.git/hooks/pre-push')}\n`);
  });

  it('first push of a new branch with no remote default branch audits every model; both pass', async () => {
    const r = await push();
    expect(r.code).toBe(0);
    expect(r.out).toContain('modelgate: 2 of 2 models (a, b) checked: PASSED');
    expect(await remoteHead()).toBe(await localHead());
  });

  it('allows a push whose changed model passes, auditing only that model', async () => {
    const f = join(repo, 'models/a/model.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace('(synthetic demo data)', '(synthetic demo data, v2)'));
    await commitAll('a: reword intended use');
    const r = await push();
    expect(r.code).toBe(0);
    expect(r.out).toContain('modelgate: 1 of 2 models (a) checked: PASSED');
    expect(await remoteHead()).toBe(await localHead());
  });

  it('blocks a push whose changed model fails, and the remote is unchanged', async () => {
    const before = await remoteHead();
    const f = join(repo, 'models/b/policy.yaml');
    writeFileSync(f, readFileSync(f, 'utf8') + FAILING_GATE);
    await commitAll('b: require explainability.base_value');
    const r = await push();
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('MG101');
    expect(r.out).toContain('explainability.base_value missing');
    expect(r.out).toMatch(/modelgate: push blocked: a blocking gate failed in 1 of 2 models \(b\) \(exit 1\)/);
    expect(r.out).toContain('git push --no-verify');
    expect(await remoteHead()).toBe(before);
  });

  it('allows a push that changes only a passing model while an unchanged model fails', async () => {
    expect((await push(['--no-verify'])).code).toBe(0); // the failing b is now on the remote
    const all = await mg(['check', '-q'], { cwd: repo });
    expect(all.code).toBe(1); // b really fails
    const f = join(repo, 'models/a/model.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace('v2)', 'v3)'));
    await commitAll('a: reword again');
    const r = await push();
    expect(r.code).toBe(0);
    expect(r.out).toContain('1 of 2 models (a) checked: PASSED');
    expect(await remoteHead()).toBe(await localHead());
  });

  it('a new branch is compared with where it left origin/main', async () => {
    expect((await git(['checkout', '-q', '-b', 'feature'])).code).toBe(0);
    writeFileSync(join(repo, 'README.md'), 'models, documented\n');
    await commitAll('docs only');
    let r = await push();
    expect(r.code).toBe(0);
    expect(r.out).toContain('no model metadata, data or policy changed');
    // A shared policy file reached through `extends` maps to both models: b fails, the push is blocked.
    expect((await git(['checkout', '-q', '-b', 'feature-2'])).code).toBe(0);
    writeFileSync(join(repo, 'policies/default.yaml'), readFileSync(join(repo, 'policies/default.yaml'), 'utf8') + '# reviewed\n');
    await commitAll('policy comment');
    r = await push();
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('in 2 of 2 models (a, b)');
    expect((await git(['checkout', '-q', 'main'])).code).toBe(0);
  });

  it('a changed dataset (by name) selects its model', async () => {
    const st = await mg(['hook', 'run', 'origin', remote], { cwd: repo, input: `refs/heads/main ${await localHead()} refs/heads/main ${await localHead()}\n` });
    expect([st.code, st.stderr]).toEqual([0, expect.stringContaining('nothing to check')]);
    const pushed = await localHead();
    copyFileSync(join(ROOT, 'fixtures/failing/mg102-dataset-hash-match/holdout.csv'), join(repo, 'models/a/holdout.csv'));
    await commitAll('a: new holdout');
    const r = await mg(['hook', 'run', 'origin', remote], { cwd: repo, input: `refs/heads/main ${await localHead()} refs/heads/main ${pushed}\n` });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('MG102');
    expect(r.stderr).toContain('in 1 of 2 models (a)');
    expect((await git(['reset', '-q', '--hard', pushed])).code).toBe(0);
  });
  it('under pre-commit, reads the range from PRE_COMMIT_FROM_REF/TO_REF, and audits all without one', async () => {
    const from = await localHead();
    const f = join(repo, 'models/a/model.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace('v3)', 'v4)'));
    await commitAll('a: reword once more');
    const env = { PRE_COMMIT: '1', PRE_COMMIT_FROM_REF: from, PRE_COMMIT_TO_REF: await localHead(), PRE_COMMIT_REMOTE_NAME: 'origin' };
    const r = await mg(['hook', 'run'], { cwd: repo, env, input: '' });
    expect([r.code, r.stderr]).toEqual([0, 'modelgate: 1 of 2 models (a) checked: PASSED\n']);
    const all = await mg(['hook', 'run'], { cwd: repo, env: { PRE_COMMIT: '1' }, input: '' });
    expect(all.code).toBe(1); // b, unchanged but failing, is audited too
    expect(all.stderr).toContain('in 2 of 2 models (a, b)');
    expect((await git(['reset', '-q', '--hard', from])).code).toBe(0);
  });
});

describe('hook install and the time budget', () => {
  it('honours core.hooksPath and refuses to overwrite a hook it did not write, unless --force', async () => {
    const r2 = mkdtempSync(join(tmpdir(), 'mg-hookpath-'));
    expect((await sh('git', ['init', '-q', '.'], r2)).code).toBe(0);
    expect((await sh('git', ['config', 'core.hooksPath', '.githooks'], r2)).code).toBe(0);
    mkdirSync(join(r2, '.githooks'));
    const mine = '#!/bin/sh\necho my own hook\n';
    writeFileSync(join(r2, '.githooks/pre-push'), mine);
    chmodSync(join(r2, '.githooks/pre-push'), 0o755);
    let r = await mg(['hook', 'install'], { cwd: r2 });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('was not written by modelgate; not overwriting it');
    expect(readFileSync(join(r2, '.githooks/pre-push'), 'utf8')).toBe(mine);
    r = await mg(['hook', 'install', '--force'], { cwd: r2 });
    expect([r.code, r.stdout]).toEqual([0, `replaced ${join(r2, '.githooks/pre-push')}\n`]);
    const hook = readFileSync(join(r2, '.githooks/pre-push'), 'utf8');
    expect(hook).toContain('# modelgate-hook: v1');
    expect(hook).toContain(`MODELGATE_JS='${BIN}'`);
    // Its own hook is updated in place without --force.
    expect((await mg(['hook', 'install'], { cwd: r2 })).code).toBe(0);
  });

  it('ends in exit 2 with a clear message when the budget runs out instead of hanging', async () => {
    const started = Date.now();
    // stdin stays open and never says which refs are pushed: without the budget this would wait forever.
    const child = execa(process.execPath, [BIN, 'hook', 'run', 'origin'], { cwd: repo, env: cleanEnv({ MODELGATE_HOOK_TIMEOUT: '1' }), extendEnv: false, reject: false, stdin: 'pipe' });
    const r = await child;
    const elapsed = Date.now() - started;
    expect(r.exitCode).toBe(2);
    expect(String(r.stderr)).toContain('did not finish within 1 s (MODELGATE_HOOK_TIMEOUT)');
    expect(elapsed).toBeLessThan(10_000);
    const bad = await mg(['hook', 'run'], { env: { MODELGATE_HOOK_TIMEOUT: 'soon' }, input: '' });
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('MODELGATE_HOOK_TIMEOUT=soon: expected a positive number of seconds')]);
  });

  it('rejects malformed pre-push input', async () => {
    const r = await mg(['hook', 'run', 'origin'], { cwd: repo, input: 'refs/heads/main abc\n' });
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining('expected <local ref> <local sha> <remote ref> <remote sha>')]);
  });
});
