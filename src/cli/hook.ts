/**
 * The local pre-push gate (DESIGN §1.2): `modelgate hook install` writes a git pre-push hook that
 * calls the hidden `modelgate hook run`, which audits only the models whose metadata, data, policy
 * (with its `extends`), artifact or baseline changed in the pushed commits. Local git only, never
 * the network; quiet on success; a time budget so a push is never left hanging.
 */
import { realpath, readFile, writeFile, chmod, mkdir } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { Chalk } from 'chalk';
import { loadModel } from '../config/model.js';
import { loadPolicyLayers } from '../config/policy-files.js';
import { findProjectConfig, loadProjectConfig } from '../config/project.js';
import type { ProjectModel } from '../config/types.js';
import { UsageError } from '../errors.js';
import type { Report } from '../report/model.js';
import { git } from './io.js';
import { colorLevel } from './options.js';

interface Out {
  out: (s: string) => void;
  err: (s: string) => void;
  setExit: (c: number) => void;
}

export const HOOK_MARKER = '# modelgate-hook: v1';
const ZERO = /^0+$/;
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The pre-push hook: the modelgate that installed it (absolute paths), else one on PATH; fails closed. */
export function hookScript(modelgateJs: string, nodePath: string): string {
  return `#!/bin/sh
${HOOK_MARKER}
# Written by \`modelgate hook install\`: audits the models changed in the pushed commits.
# Skip once with \`git push --no-verify\`. Replace with \`modelgate hook install --force\`.
MODELGATE_JS=${quote(modelgateJs)}
MODELGATE_NODE=${quote(nodePath)}
if [ -f "$MODELGATE_JS" ]; then
  if [ ! -x "$MODELGATE_NODE" ]; then MODELGATE_NODE=node; fi
  exec "$MODELGATE_NODE" "$MODELGATE_JS" hook run "$@"
fi
if command -v modelgate >/dev/null 2>&1; then exec modelgate hook run "$@"; fi
echo "modelgate pre-push hook: modelgate is not at $MODELGATE_JS nor on PATH; reinstall it (modelgate hook install --force) or push with --no-verify" >&2
exit 2
`;
}

async function gitOut(args: string[], cwd: string): Promise<string | null> {
  const r = await git(args, cwd);
  return r.exitCode === 0 ? r.stdout.trim() : null;
}

/** The hooks folder, honouring core.hooksPath (git resolves it for `--git-path hooks`). */
export async function hooksDir(cwd: string): Promise<string> {
  const p = await gitOut(['rev-parse', '--git-path', 'hooks'], cwd);
  if (p === null) throw new UsageError(`${cwd} is not inside a git repository: there is no pre-push hook to install`);
  return resolve(cwd, p);
}

export async function installHook(cwd: string, force: boolean, modelgateJs: string, nodePath: string): Promise<{ file: string; replaced: boolean }> {
  const dir = await hooksDir(cwd);
  const file = join(dir, 'pre-push');
  const existing = await readFile(file, 'utf8').catch(() => null);
  if (existing !== null && !existing.includes(HOOK_MARKER) && !force) {
    throw new UsageError(`${file} exists and was not written by modelgate; not overwriting it.\n`
      + '  Add `modelgate hook run "$@"` to that hook yourself, or replace it with `modelgate hook install --force`.');
  }
  await mkdir(dir, { recursive: true });
  await writeFile(file, hookScript(modelgateJs, nodePath), { mode: 0o755 });
  await chmod(file, 0o755);
  return { file, replaced: existing !== null };
}

/** A pushed ref: `<local ref> <local sha> <remote ref> <remote sha>` (githooks(5), pre-push). */
export interface RefUpdate {
  localRef: string;
  localSha: string;
  remoteRef: string;
  remoteSha: string;
}

export function parsePushLines(text: string): RefUpdate[] {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).map((l, i) => {
    const f = l.split(/\s+/);
    if (f.length !== 4) throw new UsageError(`pre-push input line ${i + 1} is "${l}": expected <local ref> <local sha> <remote ref> <remote sha>`);
    return { localRef: f[0]!, localSha: f[1]!, remoteRef: f[2]!, remoteSha: f[3]! };
  });
}

/** Files changed by one pushed ref, repo-relative; 'all' when the base cannot be known locally. */
export async function changedFiles(u: RefUpdate, remote: string | undefined, cwd: string): Promise<string[] | 'all'> {
  if (ZERO.test(u.localSha)) return []; // a deleted branch pushes no content
  let base: string | null = null;
  if (!ZERO.test(u.remoteSha)) {
    base = (await gitOut(['cat-file', '-e', `${u.remoteSha}^{commit}`], cwd)) !== null ? u.remoteSha : null;
  } else if (remote) {
    // A new branch: compare with where it left the remote's default branch.
    const head = await gitOut(['symbolic-ref', '-q', `refs/remotes/${remote}/HEAD`], cwd);
    for (const ref of [head, `refs/remotes/${remote}/main`, `refs/remotes/${remote}/master`]) {
      if (!ref || (await gitOut(['rev-parse', '-q', '--verify', `${ref}^{commit}`], cwd)) === null) continue;
      base = await gitOut(['merge-base', ref, u.localSha], cwd);
      break;
    }
  }
  if (base === null) return 'all';
  const diff = await git(['diff', '--name-only', '-z', '--no-renames', base, u.localSha], cwd);
  if (diff.exitCode !== 0) return 'all';
  return diff.stdout.split('\0').filter(Boolean);
}

/** Real path, so a symlinked temp folder or checkout compares equal to git's paths; a deleted file keeps its name. */
async function canon(p: string): Promise<string> {
  const abs = resolve(p);
  return realpath(abs).catch(async () => join(await realpath(dirname(abs)).catch(() => dirname(abs)), basename(abs)));
}

/** Every file whose change can change a model's verdict. */
export async function filesOfModel(m: ProjectModel): Promise<string[]> {
  const files = [m.model, m.data, ...(m.baseline ? [m.baseline] : [])];
  const { order } = await loadPolicyLayers(m.policy);
  files.push(...m.policy, ...order.map((f) => resolve(f)));
  try {
    const uri = (await loadModel(m.model)).meta.artifact?.uri;
    if (uri && !/^[a-z][a-z0-9+.-]*:\/\//i.test(uri)) files.push(isAbsolute(uri) ? uri : resolve(dirname(m.model), uri));
  } catch {
    // Unreadable metadata: the model file itself is listed; its audit will report the problem.
  }
  return Promise.all([...new Set(files)].map(canon));
}

/** Which models to audit: all when the config changed or a range is unknown. */
export async function selectModels(models: ProjectModel[], configFile: string, changed: string[] | 'all', top: string): Promise<ProjectModel[]> {
  if (changed === 'all') return models;
  const set = new Set(await Promise.all(changed.map((f) => canon(join(top, f)))));
  if (set.has(await canon(configFile))) return models;
  const picked: ProjectModel[] = [];
  for (const m of models) if ((await filesOfModel(m)).some((f) => set.has(f))) picked.push(m);
  return picked;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Files changed by the push: from pre-commit's environment, else git's stdin; 'all' without push information. */
async function pushedChanges(remote: string | undefined, env: NodeJS.ProcessEnv, cwd: string): Promise<string[] | 'all'> {
  if (env.PRE_COMMIT_FROM_REF && env.PRE_COMMIT_TO_REF) {
    return changedFiles({ localRef: '', localSha: env.PRE_COMMIT_TO_REF, remoteRef: '', remoteSha: env.PRE_COMMIT_FROM_REF }, remote, cwd);
  }
  if (env.PRE_COMMIT || process.stdin.isTTY) return 'all';
  const all = new Set<string>();
  for (const u of parsePushLines(await readStdin())) {
    const files = await changedFiles(u, remote, cwd);
    if (files === 'all') return 'all';
    for (const f of files) all.add(f);
  }
  return [...all];
}

export function hookTimeoutMs(env: NodeJS.ProcessEnv): number {
  const v = env.MODELGATE_HOOK_TIMEOUT;
  if (v === undefined || v === '') return 120_000;
  const s = Number(v);
  if (!Number.isFinite(s) || s <= 0) throw new UsageError(`MODELGATE_HOOK_TIMEOUT=${v}: expected a positive number of seconds`);
  return s * 1000;
}

export async function runHook(remote: string | undefined, io: Out, cwd: string): Promise<number> {
  const env = process.env;
  const top = await gitOut(['rev-parse', '--show-toplevel'], cwd);
  if (top === null) throw new UsageError('modelgate hook run must run inside a git repository');
  // Same precedence as `check`: MODELGATE_CONFIG, else modelgate.yaml found from the repository root.
  const configFile = env.MODELGATE_CONFIG ? resolve(cwd, env.MODELGATE_CONFIG) : await findProjectConfig(cwd);
  if (!configFile) throw new UsageError(`no modelgate.yaml found in ${top}: the pre-push hook audits the models it lists (create one with \`modelgate init\`)`);
  const project = await loadProjectConfig(configFile);
  const changed = await pushedChanges(remote, env, cwd);
  const models = await selectModels(project.models, configFile, changed, top);
  if (models.length === 0) {
    io.err('modelgate: no model metadata, data or policy changed in the pushed commits; nothing to check\n');
    return 0;
  }
  // The audit engine is loaded only when a model is to be checked: a push that changes no model
  // (most pushes) does not pay for it.
  const [{ runCheck }, { renderReports }, { summaryLine }] = await Promise.all([import('./check.js'), import('./render.js'), import('../report/status.js')]);
  const runs: { name: string; report: Report }[] = [];
  for (const m of models) {
    if (m.policy.length === 0) throw new UsageError(`model "${m.name}" in ${configFile} lists no policy (use policy: [FILE] in modelgate.yaml)`);
    const run = await runCheck({ model: m.model, data: m.data, policy: m.policy, ...(m.baseline ? { baseline: m.baseline } : {}) }, env, cwd);
    for (const report of run.reports) runs.push({ name: m.name, report });
  }
  const reports = runs.map((r) => r.report);
  const code = reports.reduce((c, r) => Math.max(c, r.exitCode), 0);
  const names = models.map((m) => m.name).join(', ');
  const scope = `${models.length} of ${project.models.length} model${project.models.length === 1 ? '' : 's'} (${names})`;
  if (code === 0) {
    io.err(`modelgate: ${scope} checked: PASSED\n`);
    return 0;
  }
  const color = colorLevel(undefined, env, Boolean(process.stderr.isTTY));
  // Quiet reports (only what did not pass), each under its model's name so several stay apart.
  for (const { name, report } of runs.filter((r) => r.report.exitCode !== 0)) {
    io.err(`\n${name} (${report.model.file}):\n${renderReports('cli', [report], { color, verbose: false, quiet: true })}`);
  }
  const c = new Chalk({ level: color });
  const why = code === 1 ? 'a blocking gate failed' : 'no verdict (an input or a check could not be evaluated)';
  io.err(`\n${c.red.bold('modelgate: push blocked')}: ${why} in ${scope} (exit ${code}): ${runs.filter((r) => r.report.exitCode !== 0).map((r) => `${r.name}: ${summaryLine(r.report)}`).join('; ')}.\n`
    + '  Fix the gates above, or skip this check once with `git push --no-verify`.\n');
  return code;
}
