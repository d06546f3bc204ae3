#!/usr/bin/env node
// The GitHub Action's one step of its own (action.yml, step "gate"). It has no gate logic: it runs
// the modelgate CLI with the inputs as an argument array (never through a shell), always writes the
// JSON report, then derives the step outputs from it, appends the Markdown job summary, prints the
// annotations (`modelgate report convert --format github`), and exits with the gate's own code.
// Inputs arrive as INPUT_<NAME> environment variables (dashes as underscores), mapped in action.yml.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'bin', 'modelgate.js');
export const PER_LEVEL = 10;

export function input(env, name) {
  return (env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] ?? '').trim();
}

function bool(env, name) {
  const v = input(env, name).toLowerCase();
  if (v === 'true' || v === '') return true;
  if (v === 'false') return false;
  throw new Error(`input ${name} is "${v}": expected true or false`);
}

/** The CLI arguments for the inputs; `paths.json` (always) and `paths.markdown` are where reports go. */
export function cliArgs(env, paths) {
  const args = ['check', '--format', 'cli', '--json', paths.json];
  const flag = (name, f) => { const v = input(env, name); if (v) args.push(f, v); };
  flag('config', '--config');
  flag('model', '--model');
  flag('data', '--data');
  for (const p of input(env, 'policy').split(/[\n,]/).map((s) => s.trim()).filter(Boolean)) args.push('--policy', p);
  flag('environment', '--env');
  flag('baseline', '--baseline');
  flag('fail-on', '--fail-on');
  flag('junit-report', '--junit');
  flag('sarif-report', '--sarif');
  flag('html-report', '--html');
  if (paths.markdown) args.push('--markdown', paths.markdown);
  return args;
}

/** At most `limit` annotations per level (GitHub drops the rest silently), then one note on what was left out. */
export function capAnnotations(lines, limit = PER_LEVEL) {
  const kept = [];
  const seen = { error: 0, warning: 0, notice: 0 };
  const dropped = { error: 0, warning: 0, notice: 0 };
  for (const line of lines) {
    const level = /^::(error|warning|notice)[ :]/.exec(line)?.[1];
    if (!level) continue;
    // One notice is kept back for the note below.
    if (seen[level] < (level === 'notice' ? limit - 1 : limit)) { seen[level]++; kept.push(line); } else dropped[level]++;
  }
  const more = Object.entries(dropped).filter(([, n]) => n > 0).map(([l, n]) => `${n} ${l}${n === 1 ? '' : 's'}`);
  if (more.length) kept.push(`::notice title=modelgate::${more.join(', ')} not annotated (GitHub shows ${limit} per level per step); the job summary and the JSON report have everything.`);
  return kept;
}

const escapeData = (s) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/** Step outputs from the JSON report(s); with no report (the run stopped early) the verdict is error. */
export function outputsOf(doc, exitCode) {
  const reports = doc ? (Array.isArray(doc.reports) ? doc.reports : [doc]) : [];
  const results = reports.flatMap((r) => r.results);
  const count = (f) => String(results.filter(f).length);
  const crashed = reports.flatMap((r) => r.errors.filter((e) => !r.results.some((x) => x.status === 'error' && x.checkId === e.checkId)));
  const verdict = reports.length === 0 || exitCode === 2 ? 'error' : exitCode === 1 ? 'fail' : 'pass';
  return {
    verdict,
    'exit-code': String(exitCode),
    'failed-count': count((r) => r.blocking),
    'warning-count': count((r) => !r.blocking && ['fail', 'inconclusive', 'insufficient'].includes(r.status)),
    'waived-count': count((r) => r.status === 'waived'),
    'error-count': reports.length === 0 ? '1' : String(results.filter((r) => r.status === 'error').length + crashed.length),
  };
}

/** The runner's multi-line-safe output syntax (what @actions/core writes). */
export function outputLine(name, value) {
  const delim = `ghadelimiter_${randomBytes(8).toString('hex')}`;
  return `${name}<<${delim}\n${value}\n${delim}\n`;
}

function run(args, cwd, env, capture) {
  return new Promise((res) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env, stdio: ['ignore', capture ? 'pipe' : 'inherit', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout?.on('data', (b) => { out += b; });
    child.stderr.on('data', (b) => { err += b; process.stderr.write(b); });
    child.on('error', (e) => res({ code: 2, out, err: `${err}${e.message}\n` }));
    child.on('close', (code) => res({ code: code === 0 || code === 1 || code === 2 ? code : 2, out, err }));
  });
}

export async function main(env = process.env) {
  const cwd = resolve(env.GITHUB_WORKSPACE || process.cwd(), input(env, 'working-directory') || '.');
  const scratch = mkdtempSync(join(env.RUNNER_TEMP || tmpdir(), 'modelgate-'));
  const summary = bool(env, 'job-summary');
  const annotate = bool(env, 'annotations');
  const paths = {
    json: resolve(cwd, input(env, 'json-report') || join(scratch, 'modelgate-report.json')),
    markdown: input(env, 'markdown-report') ? resolve(cwd, input(env, 'markdown-report')) : summary ? join(scratch, 'modelgate-summary.md') : '',
  };
  // A report left by an earlier run must never be read as this run's.
  rmSync(paths.json, { force: true });
  const childEnv = { ...env };
  if (childEnv.NO_COLOR === undefined && childEnv.FORCE_COLOR === undefined) childEnv.FORCE_COLOR = '1'; // the Actions log shows colour
  const gate = await run(cliArgs(env, paths), cwd, childEnv, false);
  const doc = existsSync(paths.json) ? JSON.parse(readFileSync(paths.json, 'utf8')) : null;

  const outputs = outputsOf(doc, gate.code);
  const reportOut = { 'json-report': doc ? paths.json : '', 'markdown-report': paths.markdown && existsSync(paths.markdown) ? paths.markdown : '' };
  for (const [name, flagName] of [['junit-report', 'junit-report'], ['sarif-report', 'sarif-report'], ['html-report', 'html-report']]) {
    const p = input(env, flagName);
    reportOut[name] = p && existsSync(resolve(cwd, p)) ? resolve(cwd, p) : '';
  }
  if (env.GITHUB_OUTPUT) for (const [k, v] of Object.entries({ ...outputs, ...reportOut })) appendFileSync(env.GITHUB_OUTPUT, outputLine(k, v));

  const tail = gate.err.trim().split('\n').slice(-20).join('\n').replace(/\u001b\[[0-9;]*m/g, '');
  if (summary && env.GITHUB_STEP_SUMMARY) {
    const md = reportOut['markdown-report'] ? readFileSync(reportOut['markdown-report'], 'utf8')
      : `## ⛔ NO VERDICT: modelgate could not evaluate (exit ${gate.code})\n\n\`\`\`text\n${tail.replace(/```/g, "'''")}\n\`\`\`\n`;
    appendFileSync(env.GITHUB_STEP_SUMMARY, `${md.trimEnd()}\n\n`);
  }
  if (annotate) {
    let lines;
    if (doc) {
      const conv = await run(['report', 'convert', paths.json, '--format', 'github'], cwd, { ...env, NO_COLOR: '1' }, true);
      lines = conv.code === 0 ? conv.out.split('\n') : [`::error title=modelgate::${escapeData(`could not render annotations: ${conv.err.trim()}`)}`];
    } else {
      lines = [`::error title=modelgate::${escapeData(`no verdict (exit ${gate.code}): ${tail || 'the CLI stopped before writing a report'}`)}`];
    }
    process.stdout.write(capAnnotations(lines).join('\n') + '\n');
  }
  return gate.code;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then((code) => { process.exitCode = code; }, (e) => {
    // Fail closed: a broken action run is "no verdict", never a pass.
    process.stdout.write(`::error title=modelgate action::${escapeData(String(e?.message ?? e))}\n`);
    if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, outputLine('verdict', 'error') + outputLine('exit-code', '2'));
    process.exitCode = 2;
  });
}
