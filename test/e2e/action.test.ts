/**
 * The GitHub Action, run by a simulated runner: action.yml's "gate" step gets its `env:` evaluated
 * from the inputs (with action.yml's defaults) the way the runner does, and its `run:` script is
 * executed with `bash --noprofile --norc -eo pipefail` (GitHub's `shell: bash`) with temporary
 * GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and RUNNER_TEMP. Assertions read those files and the log.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cleanEnv, ROOT } from '../integration/run-cli.js';

interface Step { id?: string; name?: string; uses?: string; run?: string; shell?: string; env?: Record<string, string>; with?: Record<string, string>; if?: string; 'working-directory'?: string }
interface Action {
  name: string; description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;
const EXPR = /\$\{\{\s*(.+?)\s*\}\}/g;

/** The runner's expression evaluation, for the two contexts the gate step uses. */
function evaluate(s: string, inputs: Record<string, string>): string {
  return s.replace(EXPR, (_, e: string) => {
    const m = /^inputs\.([a-z0-9-]+)$/.exec(e);
    if (m) return inputs[m[1]!] ?? action.inputs[m[1]!]?.default ?? '';
    if (e === 'github.action_path') return ROOT;
    throw new Error(`expression not simulated: ${e}`);
  });
}

/** Parses `name<<DELIM\nvalue\nDELIM` (and `name=value`) lines the way the runner reads GITHUB_OUTPUT. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const h = /^([^=<]+)<<(.+)$/.exec(l);
    if (h) {
      const end = lines.indexOf(h[2]!, i + 1);
      out[h[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (l.includes('=')) out[l.slice(0, l.indexOf('='))] = l.slice(l.indexOf('=') + 1);
  }
  return out;
}

async function runGate(inputs: Record<string, string>, workspace = ROOT) {
  const step = action.runs.steps.find((s) => s.id === 'gate')!;
  const tmp = mkdtempSync(join(tmpdir(), 'mg-action-'));
  const files = { GITHUB_OUTPUT: join(tmp, 'output'), GITHUB_STEP_SUMMARY: join(tmp, 'summary.md'), RUNNER_TEMP: join(tmp, 'runner') };
  writeFileSync(files.GITHUB_OUTPUT, '');
  writeFileSync(files.GITHUB_STEP_SUMMARY, '');
  mkdirSync(files.RUNNER_TEMP);
  const script = join(tmp, 'step.sh');
  writeFileSync(script, step.run!);
  const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(v, inputs)]));
  const r = await execa('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
    cwd: workspace, reject: false, extendEnv: false, stripFinalNewline: false,
    env: cleanEnv({ ...env, ...files, GITHUB_ACTION_PATH: ROOT, GITHUB_WORKSPACE: workspace, GITHUB_ACTIONS: 'true', CI: 'true', NO_COLOR: undefined }),
  });
  const log = String(r.stdout);
  return {
    code: r.exitCode, log, stderr: String(r.stderr), tmp,
    outputs: parseOutputs(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
    annotations: log.split('\n').filter((l) => l.startsWith('::')),
  };
}

const level = (lines: string[], l: string) => lines.filter((a) => a.startsWith(`::${l} `) || a.startsWith(`::${l}::`));

describe('action.yml structure', () => {
  it('is a composite action with the documented inputs and outputs', () => {
    expect(action.name).toBe('modelgate');
    expect(action.description.length).toBeGreaterThan(20);
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs).sort()).toEqual(['annotations', 'baseline', 'config', 'data', 'environment', 'fail-on', 'html-report', 'job-summary',
      'json-report', 'junit-report', 'markdown-report', 'model', 'node-version', 'policy', 'sarif-report', 'working-directory'].sort());
    for (const [id, i] of Object.entries(action.inputs)) {
      expect(id).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(i.description, id).toBeTruthy();
      expect(typeof (i.default ?? ''), id).toBe('string');
    }
    expect([action.inputs['job-summary']!.default, action.inputs.annotations!.default, action.inputs['node-version']!.default]).toEqual(['true', 'true', '20']);
    expect(Object.keys(action.outputs).sort()).toEqual(['error-count', 'exit-code', 'failed-count', 'html-report', 'json-report', 'junit-report',
      'markdown-report', 'sarif-report', 'verdict', 'waived-count', 'warning-count'].sort());
    for (const [id, o] of Object.entries(action.outputs)) expect(o.value).toBe(`\${{ steps.gate.outputs.${id} }}`);
  });

  it('never interpolates an expression into a run script, and passes every input through env', () => {
    const used = new Set<string>();
    for (const s of action.runs.steps) {
      if (s.run !== undefined) {
        expect(s.shell, s.name).toBe('bash');
        expect(s.run, s.name).not.toMatch(/\$\{\{/);
      }
      if (s.uses) expect(s.uses).toMatch(/^actions\/[a-z-]+@v\d+$/); // a pinned major
      for (const v of [...Object.values(s.env ?? {}), ...Object.values(s.with ?? {})]) for (const m of String(v).matchAll(EXPR)) if (m[1]!.startsWith('inputs.')) used.add(m[1]!.slice(7));
    }
    expect([...used].sort()).toEqual(Object.keys(action.inputs).sort());
    const gate = action.runs.steps.find((s) => s.id === 'gate')!;
    for (const id of Object.keys(action.inputs).filter((i) => i !== 'node-version')) {
      expect(gate.env![`INPUT_${id.toUpperCase().replace(/-/g, '_')}`], id).toBe(`\${{ inputs.${id} }}`);
    }
  });
});

describe('action run (simulated runner)', () => {
  it('demo passes: exit 0, outputs, reports, summary, one closing notice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-action-reports-'));
    const r = await runGate({ config: 'fixtures/demo/modelgate.yaml', 'junit-report': join(dir, 'j.xml'), 'sarif-report': join(dir, 's.sarif') });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(Object.keys(r.outputs).sort()).toEqual(Object.keys(action.outputs).sort());
    expect(r.outputs).toMatchObject({ verdict: 'pass', 'exit-code': '0', 'failed-count': '0', 'warning-count': '0', 'waived-count': '0', 'error-count': '0', 'junit-report': join(dir, 'j.xml'), 'sarif-report': join(dir, 's.sarif'), 'html-report': '' });
    expect(r.outputs['json-report']!.startsWith(join(r.tmp, 'runner'))).toBe(true); // not asked for: under RUNNER_TEMP
    expect(JSON.parse(readFileSync(r.outputs['json-report']!, 'utf8')).verdict).toBe('pass');
    expect(readFileSync(join(dir, 'j.xml'), 'utf8')).toContain('<testsuites');
    expect(r.summary).toMatch(/^## ✅ PASSED: modelgate credit-risk@3\.2\.0/);
    expect(r.annotations).toHaveLength(1);
    expect(r.annotations[0]).toMatch(/^::notice title=modelgate::credit-risk@3\.2\.0: \d+ gates: \d+ passed — PASSED \(exit 0\)/);
    expect(r.log).toContain('PASSED'); // the terminal report is in the log too
  });

  it('a failing fixture: exit 1, counts, summary table, an error annotation at the metadata line', async () => {
    const r = await runGate({ config: 'fixtures/failing/mg102-dataset-hash-match/modelgate.yaml' });
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ verdict: 'fail', 'exit-code': '1', 'failed-count': '1', 'error-count': '0' });
    expect(r.summary).toMatch(/^## ❌ FAILED/);
    expect(r.summary).toContain('| ❌ FAIL | [MG102]');
    const errors = level(r.annotations, 'error');
    expect(errors).toHaveLength(1);
    // Line 15 of that model.yaml is where lineage.evaluation_data.sha256 is recorded.
    expect(readFileSync(join(ROOT, 'fixtures/failing/mg102-dataset-hash-match/model.yaml'), 'utf8').split('\n')[14]).toContain('evaluation_data');
    expect(errors[0]).toMatch(/^::error file=fixtures\/failing\/mg102-dataset-hash-match\/model\.yaml,line=15,col=\d+,title=MG102 dataset-hash-match::FAIL/);
  });

  it('caps annotations at 10 per level and says how many were left out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-action-many-'));
    const names = ['mg101-lineage-required-fields', 'mg102-dataset-hash-match', 'mg104-artifact-hash-match', 'mg105-holdout-not-in-training', 'mg502-schema'];
    const entries = [0, 1, 2].flatMap((k) => names.map((n) => {
      const f = join(ROOT, 'fixtures/failing', n);
      return `  - { name: ${n}-${k}, model: ${f}/model.yaml, data: ${f}/holdout.csv, policy: [${f}/policy.yaml] }`;
    }));
    writeFileSync(join(dir, 'modelgate.yaml'), `models:\n${entries.join('\n')}\n`);
    const r = await runGate({ config: join(dir, 'modelgate.yaml') });
    expect(r.code).toBe(1);
    const failed = Number(r.outputs['failed-count']);
    expect(failed).toBeGreaterThanOrEqual(15); // 15 failing models, each with at least one blocking result
    for (const l of ['error', 'warning', 'notice']) expect(level(r.annotations, l).length, l).toBeLessThanOrEqual(10);
    expect(level(r.annotations, 'error')).toHaveLength(10);
    const note = r.annotations[r.annotations.length - 1]!;
    // The renderer caps across models and counts what it left out in its closing notice.
    expect(note).toMatch(new RegExp(`^::notice title=modelgate::15 models: 15 FAILED\\. Not annotated: ${failed + Number(r.outputs['error-count']) - 10} more errors`));
  });

  it('bad input: exit 2, verdict error, the message in the summary and an annotation', async () => {
    const r = await runGate({ model: 'does/not/exist.yaml', data: 'fixtures/demo/holdout.csv' });
    expect(r.code).toBe(2);
    expect(r.outputs).toMatchObject({ verdict: 'error', 'exit-code': '2', 'error-count': '1', 'json-report': '' });
    expect(r.summary).toContain('NO VERDICT');
    expect(r.summary).toContain('does/not/exist.yaml: file not found');
    expect(r.annotations).toEqual([expect.stringMatching(/^::error title=modelgate::no verdict \(exit 2\): .*file not found/)]);
  });

  it('inputs cannot inject shell commands', async () => {
    const marker = join(mkdtempSync(join(tmpdir(), 'mg-inject-')), 'pwned');
    const evil = `x$(touch ${marker})"; touch ${marker}; echo "\`touch ${marker}\``;
    const r = await runGate({ model: evil, data: evil, policy: evil, 'fail-on': evil });
    expect(r.code).toBe(2);
    expect(existsSync(marker)).toBe(false);
  });

  it('working-directory, policy lists, and job-summary/annotations off', async () => {
    const r = await runGate({ 'working-directory': 'fixtures/demo', model: 'model.yaml', data: 'holdout.csv', policy: 'policy.yaml,\n../../policies/default.yaml', 'job-summary': 'false', annotations: 'false' });
    expect(r.code).toBe(0);
    expect(r.summary).toBe('');
    expect(r.annotations).toEqual([]);
    // Both list entries were read; the default policy, also reached through `extends`, is merged once.
    const files = JSON.parse(readFileSync(r.outputs['json-report']!, 'utf8')).policy.files as string[];
    expect(files).toEqual([join(ROOT, 'policies/default.yaml'), 'policy.yaml']);
    const bad = await runGate({ config: 'fixtures/demo/modelgate.yaml', annotations: 'sometimes' });
    expect(bad.code).toBe(2);
    expect(bad.outputs).toMatchObject({ verdict: 'error', 'exit-code': '2' });
  });
});

describe('scripts/action-run.mjs and action-key.mjs', () => {
  it('maps inputs to CLI arguments, splitting the policy list', async () => {
    const m = await import(pathToFileURL(join(ROOT, 'scripts/action-run.mjs')).href);
    const args = m.cliArgs({ INPUT_POLICY: ' a.yaml, b.yaml\nc.yaml\n', INPUT_FAIL_ON: 'warning', INPUT_ENVIRONMENT: 'prod', INPUT_MODEL: '' }, { json: '/r.json', markdown: '' });
    expect(args).toEqual(['check', '--format', 'cli', '--json', '/r.json', '--policy', 'a.yaml', '--policy', 'b.yaml', '--policy', 'c.yaml', '--env', 'prod', '--fail-on', 'warning']);
  });

  it('caps annotations per level: exactly 10 errors pass untouched, the 11th is counted', async () => {
    const { capAnnotations } = await import(pathToFileURL(join(ROOT, 'scripts/action-run.mjs')).href);
    const errs = (n: number) => Array.from({ length: n }, (_, i) => `::error title=t${i}::e${i}`);
    expect(capAnnotations([...errs(10), '::notice title=modelgate::done', 'plain log line'])).toEqual([...errs(10), '::notice title=modelgate::done']);
    const capped = capAnnotations([...errs(11), ...Array.from({ length: 10 }, (_, i) => `::notice::n${i}`)]);
    expect(capped.slice(0, 10)).toEqual(errs(10));
    expect(level(capped, 'notice')).toHaveLength(10); // 9 kept + the note
    expect(capped[capped.length - 1]).toBe('::notice title=modelgate::1 error, 1 notice not annotated (GitHub shows 10 per level per step); the job summary and the JSON report have everything.');
  });

  it('keys the dependency cache on the lock file, sources, platform and Node major', async () => {
    const { cacheKey } = await import(pathToFileURL(join(ROOT, 'scripts/action-key.mjs')).href);
    const dir = mkdtempSync(join(tmpdir(), 'mg-key-'));
    for (const f of ['package-lock.json', 'package.json', 'tsconfig.json', 'tsconfig.build.json']) writeFileSync(join(dir, f), `{"f":"${f}"}`);
    mkdirSync(join(dir, 'src/cli'), { recursive: true });
    writeFileSync(join(dir, 'src/cli/a.ts'), 'export {}\n');
    const k1 = cacheKey(dir, 'linux', 'x64', 'v20.19.0');
    expect(k1).toMatch(/^modelgate-linux-x64-node20-[0-9a-f]{20}$/);
    expect(cacheKey(dir, 'linux', 'x64', 'v20.1.0')).toBe(k1);
    expect(cacheKey(dir, 'linux', 'x64', 'v22.1.0')).not.toBe(k1);
    expect(cacheKey(dir, 'darwin', 'arm64', 'v20.19.0')).toBe(k1.replace('linux-x64', 'darwin-arm64'));
    writeFileSync(join(dir, 'src/cli/a.ts'), 'export {};\n');
    const k2 = cacheKey(dir, 'linux', 'x64', 'v20.19.0');
    expect(k2).not.toBe(k1);
    writeFileSync(join(dir, 'package-lock.json'), '{"changed":true}');
    expect(cacheKey(dir, 'linux', 'x64', 'v20.19.0')).not.toBe(k2);
    expect(cacheKey(ROOT)).toMatch(/^modelgate-[a-z0-9]+-[a-z0-9]+-node\d+-[0-9a-f]{20}$/);
  });
});
