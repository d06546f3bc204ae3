/** `modelgate check`: resolve targets, audit each, render, write reports, compute the exit code. */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { loadModel } from '../config/model.js';
import { loadPolicy } from '../config/policy.js';
import { findProjectConfig, loadProjectConfig } from '../config/project.js';
import type { LoadedModel, ProjectModel, ProjectOptions, ResolvedPolicy } from '../config/types.js';
import { repositoryRoot } from '../config/policy-files.js';
import { openDataset } from '../data/open.js';
import { ConfigError, UsageError, describeFsError } from '../errors.js';
import { audit, policyCatalogue } from '../engine/audit.js';
import type { MetricsBlock, Report } from '../report/model.js';
import { renderReports } from './render.js';
import { gitState, makeCheckIO, writeAtomic, type GitState } from './io.js';
import { resolveCheckOptions, runClock, type CheckFlags } from './options.js';
import { TOOL } from './version.js';
import { DEFAULT_POLICY, displayPath } from './paths.js';
import { createProgress, progressAllowed } from './progress.js';

export { DEFAULT_POLICY, PACKAGE_ROOT, displayPath } from './paths.js';

export interface CheckRun {
  reports: Report[];
  exitCode: 0 | 1 | 2;
  /** The options in force (flags, environment, then modelgate.yaml's `options:`). */
  options: ReturnType<typeof resolveCheckOptions>;
}

export async function resolveTargets(o: ReturnType<typeof resolveCheckOptions>, cwd: string): Promise<ProjectModel[]> {
  return (await loadTargets(o, cwd)).targets;
}

/** The models to audit, and the `options:` of modelgate.yaml when the models come from it. */
export async function loadTargets(o: ReturnType<typeof resolveCheckOptions>, cwd: string): Promise<{ targets: ProjectModel[]; options?: ProjectOptions; configFile?: string }> {
  if (o.model || o.data) {
    if (!o.model) throw new UsageError('--data was given without --model: both are needed (or use a modelgate.yaml)');
    if (!o.data) throw new UsageError('--model was given without --data: both are needed (or use a modelgate.yaml)');
    const policy = o.policy.length ? o.policy : [DEFAULT_POLICY];
    return { targets: [{ name: o.model, model: resolve(cwd, o.model), data: resolve(cwd, o.data), policy: policy.map((p) => resolve(cwd, p)) }] };
  }
  const configFile = o.config ? resolve(cwd, o.config) : await findProjectConfig(cwd);
  if (!configFile) {
    throw new UsageError('no modelgate.yaml found from here up to the git root, and no --model/--data given.\n'
      + '  Run `modelgate init` to create one, or pass --model FILE --data FILE [--policy FILE].');
  }
  const project = await loadProjectConfig(configFile);
  if (project.models.length === 0) throw new ConfigError([{ file: configFile, message: 'no models listed under `models:`' }]);
  const targets = project.models.map((m) => (o.policy.length ? { ...m, policy: o.policy.map((p) => resolve(cwd, p)) } : m));
  return project.options ? { targets, options: project.options, configFile } : { targets, configFile };
}

export async function loadBaseline(file: string, modelName?: string | null): Promise<{ file: string; metrics: MetricsBlock; datasetSha256: string }> {
  // The same validated reader as `report convert`/`diff`: one place decides what a saved report is.
  // Imported here: most runs have no baseline and need not build the report schema.
  const { readReports } = await import('./report-read.js');
  const reports = await readReports(file);
  const r = reports.length === 1 ? reports[0]! : reports.find((x) => x.model.name === modelName);
  if (r && modelName && r.model.name && r.model.name !== modelName) {
    throw new ConfigError([{ file, message: `the baseline report is for model "${r.model.name}", not "${modelName}": comparing different models would be meaningless`, hint: 'pass the report of an earlier version of this model' }]);
  }
  if (!r) {
    throw new ConfigError([{ file, message: `the baseline holds ${reports.length} models and none is named ${JSON.stringify(modelName ?? null)}: ${reports.map((x) => x.model.name).join(', ')}` }]);
  }
  return { file, metrics: r.metrics, datasetSha256: r.dataset.sha256 };
}

/**
 * `early`: the git state, already asked for by the caller (main.ts starts git while the engine
 * loads); used only when the clock is not fixed, as gitState would be.
 */
export async function runCheck(flags: CheckFlags, env: NodeJS.ProcessEnv, cwd: string, early?: Promise<GitState>): Promise<CheckRun> {
  let o = resolveCheckOptions(flags, env);
  const clock = runClock(env);
  const loaded = await loadTargets(o, cwd);
  if (loaded.options) o = resolveCheckOptions(flags, env, loaded.options);
  const targets = loaded.targets;
  if (loaded.configFile && loaded.options?.reports && !o.allowOutsideRepo) await reportsStayInRepo(loaded.configFile, loaded.options.reports);
  // Every file the run reads; extends, artifacts and training ids are added as each target loads.
  const inputs = [
    ...(loaded.configFile ? [loaded.configFile] : []),
    ...targets.flatMap((t) => [t.model, t.data, ...t.policy, ...(t.baseline ? [t.baseline] : [])]),
    ...(o.baseline ? [o.baseline] : []),
  ];
  refuseOverwritingInputs(o, cwd, inputs);
  const git = clock.fixed ? { sha: null, dirty: null } : await (early ?? gitState(cwd));
  const reports: Report[] = [];
  for (const t of targets) {
    const started = Date.now();
    const model = await loadModel(t.model);
    const policy = await loadPolicy(t.policy, { catalogue: policyCatalogue, allowOutsideRepo: o.allowOutsideRepo, ...(o.environment ? { environment: o.environment } : {}) });
    inputs.push(...policy.files, ...referencedFiles(model, policy));
    refuseOverwritingInputs(o, cwd, inputs);
    const show = (p: string) => displayPath(p, cwd);
    const baselineFile = o.baseline ? resolve(cwd, o.baseline) : t.baseline;
    const bar = progressAllowed(flags, env, Boolean(process.stderr.isTTY))
      ? createProgress(process.stderr, { label: `reading ${show(t.data)}`, unit: 'rows' })
      : null;
    const report = await audit({
      modelFile: t.model,
      dataFile: show(t.data),
      policy: { ...policy, files: policy.files.map(show) },
      model: { ...model, file: show(model.file), locate: (p) => { const l = model.locate(p); return l ? { ...l, file: show(l.file) } : null; } },
      // The flag wins over the config file's per-model baseline (flag > env > config).
      baseline: baselineFile ? await loadBaseline(baselineFile, model.meta.name ?? t.name) : null,
      only: o.only,
      skip: o.skip,
      failOn: o.failOn,
      waivers: o.waivers,
      now: clock.now,
      tool: TOOL,
      git,
      io: makeCheckIO({ allowOutsideRepo: o.allowOutsideRepo }),
      open: openDataset,
      elapsedMs: () => (clock.fixed ? 0 : Date.now() - started),
      ...(bar ? { progress: (rows: number, total: number | null) => bar.update(rows, total) } : {}),
    }).finally(() => bar?.done());
    report.dataset.path = show(t.data);
    reports.push(relocate(report, show));
  }
  const exitCode = reports.reduce<0 | 1 | 2>((m, r) => (r.exitCode > m ? r.exitCode : m), 0);
  return { reports, exitCode, options: o };
}

/** Makes every location in a report relative to the working directory. */
function relocate(report: Report, show: (p: string) => string): Report {
  for (const r of report.results) {
    if (r.location) r.location = { ...r.location, file: show(r.location.file) };
    if (r.waiver) r.waiver.location = { ...r.waiver.location, file: show(r.waiver.location.file) };
  }
  for (const e of report.errors) if (e.file) e.file = show(e.file);
  for (const w of [...(report.waivers?.expired ?? []), ...(report.waivers?.unused ?? [])]) w.location = { ...w.location, file: show(w.location.file) };
  return report;
}

/** Files a model and its policy point at (the artifact, MG105's training ids): inputs too. */
function referencedFiles(model: LoadedModel, policy: ResolvedPolicy): string[] {
  const out: string[] = [];
  const uri = model.meta.artifact?.uri;
  if (uri && (!/^[a-z][a-z0-9+.-]*:\/\//i.test(uri) || uri.startsWith('file://'))) out.push(resolve(dirname(model.file), uri.replace(/^file:\/\//, '')));
  for (const c of policy.checks) {
    const ids = (c.options as { training_ids?: { file?: unknown } }).training_ids;
    if (typeof ids?.file === 'string') out.push(resolve(dirname(c.location.file), ids.file));
  }
  return out;
}

/** Report paths in modelgate.yaml follow the rule for paths in policies: inside the repository. */
async function reportsStayInRepo(configFile: string, reports: Partial<Record<string, string>>): Promise<void> {
  const root = await repositoryRoot(resolve(configFile));
  for (const [format, file] of Object.entries(reports)) {
    if (!file) continue;
    const rel = relative(root, file);
    if (rel.startsWith('..') || isAbsolute(rel)) {
      throw new ConfigError([{ file: configFile, path: `options.reports.${format}`, message: `report path ${file} is outside the repository (${root})`, hint: 'write reports inside the repository, or pass --allow-outside-repo' }]);
    }
  }
}

/** An output that would overwrite an input is refused before anything is written: inputs are never altered. */
export function refuseOverwritingInputs(o: ReturnType<typeof resolveCheckOptions>, cwd: string, inputs: string[]): void {
  const ins = new Set(inputs.map((p) => resolve(cwd, p)));
  for (const out of [...o.outputs.map((x) => x.file), ...(o.output ? [o.output] : [])]) {
    if (ins.has(resolve(cwd, out))) throw new UsageError(`refusing to write a report to ${out}: it is an input of this run (config, model, data, policy, artifact, training ids or baseline)`);
  }
}

export async function writeOutputs(run: CheckRun, o: ReturnType<typeof resolveCheckOptions>, color: number, cwd: string): Promise<string> {
  for (const out of o.outputs) {
    await writeAtomic(resolve(cwd, out.file), renderReports(out.format, run.reports, { color: 0, verbose: true, quiet: false }));
  }
  const width = !o.output && process.stdout.isTTY ? process.stdout.columns : undefined;
  const main = renderReports(o.format, run.reports, { color: o.output ? 0 : color, verbose: o.verbose, quiet: o.quiet, ...(width ? { width } : {}) });
  if (o.output) {
    await writeAtomic(resolve(cwd, o.output), main);
    return '';
  }
  return main;
}
