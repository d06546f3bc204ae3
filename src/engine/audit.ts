/**
 * One audit of one model: load metadata and policy, plan the columns, read the dataset once,
 * interpret roles, run the checks, post-process, and build the Report. No argv, no stdout.
 */
import { stat } from 'node:fs/promises';
import { CHECKS, findCheck } from '../checks/index.js';
import type { CheckContext, CheckIO, ColumnNeed, StreamSink } from '../checks/types.js';
import type { LoadedModel, ResolvedPolicy, Task, Waiver } from '../config/types.js';
import type { ColumnRequest, Dataset, DatasetInfo, DatasetSource } from '../data/dataset.js';
import { DataError, UsageError, UserError } from '../errors.js';
import { SCHEMA_VERSION, type MetricsBlock, type Report, type ReportError } from '../report/model.js';
import { optionProblems } from '../config/issues.js';
import type { PolicyCatalogue } from '../config/policy.js';
import { DEFAULT_KEYS } from '../config/policy-schema.js';
import { loadData, type StreamTarget } from './load-data.js';
import { activeWaivers, applyBlocking, applyWaiver, exitCodeOf, isExpired, summarize, verdictOf, waiverInfo, type FailOn } from './outcome.js';
import { mayNeedRank, prefetchPlan, RANK_WORKER_ROWS } from './prefetch-plan.js';
import { planRoles, type RolePlan } from './roles.js';
import type { WarmWorker } from './prefetch.js';
import { runChecks, type PlannedCheck } from './run-checks.js';

export interface AuditRequest {
  modelFile: string;
  dataFile: string;
  policy: ResolvedPolicy;
  model: LoadedModel;
  baseline: { file: string; metrics: MetricsBlock; datasetSha256: string } | null;
  only: string[];
  skip: string[];
  failOn: FailOn;
  waivers: boolean;
  /** The run's clock (SOURCE_DATE_EPOCH when set). */
  now: Date;
  tool: { name: string; version: string };
  git: { sha: string | null; dirty: boolean | null };
  io: CheckIO;
  open(path: string): Promise<DatasetSource>;
  /** Progress of the dataset read (rows so far, total when known); the CLI draws it on a TTY. */
  progress?: (rowsRead: number, totalRows: number | null) => void;
  /** Wall-clock source for durationMs (0 under SOURCE_DATE_EPOCH). */
  elapsedMs(): number;
}

/** The catalogue as the policy loader sees it (config must not import checks). */
export const policyCatalogue: PolicyCatalogue = {
  resolveId(idOrSlug) {
    return findCheck(idOrSlug)?.id ?? null;
  },
  validateOptions(id, options) {
    const def = findCheck(id);
    if (!def) return [{ path: '', message: `unknown check ${id}` }];
    return optionProblems(def.options, options, ['id', 'severity', ...DEFAULT_KEYS]);
  },
  names() {
    return CHECKS.flatMap((c) => [c.id, c.slug]);
  },
};

function selectChecks(policy: ResolvedPolicy, only: string[], skip: string[]): PlannedCheck[] {
  const resolve = (list: string[]) => new Set(list.map((x) => {
    const def = findCheck(x);
    if (!def) throw new UsageError(`unknown check "${x}" in --only/--skip; run \`modelgate checks\` for the list`);
    return def.id;
  }));
  const onlySet = resolve(only);
  const skipSet = resolve(skip);
  const planned: PlannedCheck[] = [];
  for (const entry of policy.checks) {
    const def = findCheck(entry.id)!;
    if (onlySet.size && !onlySet.has(def.id)) continue;
    if (skipSet.has(def.id)) continue;
    planned.push({ def, entry, options: def.options.parse(entry.options), settings: { ...policy.defaults, ...entry.overrides } });
  }
  return planned;
}

export async function audit(req: AuditRequest): Promise<Report> {
  const { policy, model } = req;
  const planned = selectChecks(policy, req.only, req.skip);
  const today = req.now.toISOString().slice(0, 10);
  const errors: ReportError[] = [];

  let dataset: Dataset | null = null;
  let info: DatasetInfo | null = null;
  let roles: CheckContext['roles'] | null = null;
  const streamed = new Map<PlannedCheck, StreamSink>();
  let warm: WarmWorker | null = null;
  const waivers: Waiver[] = req.waivers ? policy.waivers : [];
  const waivedFor = (id: string) => new Set(activeWaivers(waivers, id, today).filter((w) => w.subject !== undefined).map((w) => w.subject!));
  const needsData = planned.some((p) => p.def.needsData);
  if (needsData) {
    try {
      const source = await req.open(req.dataFile);
      const task = model.meta.task ?? 'binary_classification';
      const present = new Set(source.schema.map((c) => c.name));
      const plan = planRoles(task, model.meta.positive_label, policy.columns, present);
      const { keep, asked } = columnRequests(planned, plan, policy, model, source, present, req.dataFile);
      const env = { policy, columns: policy.columns, model, schema: source.schema };
      const stream: ColumnRequest[] = [];
      const targets: StreamTarget[] = [];
      for (const p of planned) {
        if (!p.def.needsData || !p.def.stream) continue;
        const waivedSubjects = waivedFor(p.def.id);
        const s = p.def.stream(p.options, { ...env, waivedSubjects, settings: p.settings });
        for (const need of s.columns) {
          if (present.has(need.name)) stream.push({ name: need.name, as: need.as });
          else if (need.required) throw missingColumn(req.dataFile, source, need.name, `needed by ${p.def.id}`);
        }
        streamed.set(p, s.sink);
        targets.push({
          sink: s.sink,
          context: (batch, batchRoles) => ({
            model, policy, columns: policy.columns, settings: p.settings, dataset: batch,
            datasetInfo: { path: req.dataFile, format: source.format, sha256: '', bytes: 0, rows: batch.rows, columns: source.schema },
            roles: batchRoles, entry: { location: p.entry.location, keyLocations: p.entry.keyLocations },
            waivedSubjects, baseline: req.baseline, io: req.io,
          }),
        });
      }
      warm = await warmAhead(planned, policy, task, plan, source, req.dataFile);
      const loaded = await loadData({
        file: req.dataFile, source, plan, keep, asked, streamed: stream, targets,
        threshold: policy.columns.threshold, onInvalid: policy.defaults.on_invalid_rows,
        ...(req.progress ? { onProgress: req.progress } : {}),
      });
      info = loaded.info;
      if (info.rows === 0) throw new DataError({ file: req.dataFile, line: 1, message: 'the dataset has a header (line 1) but no data rows: nothing to audit' });
      dataset = loaded.data;
      roles = loaded.roles;
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      const p = err.problems[0];
      errors.push({ checkId: null, message: err.message, ...(p?.file ? { file: p.file } : {}), ...(p?.line ? { line: p.line } : {}) });
    }
  }

  // Large datasets: the rank statistics on a worker thread while this one computes the rest (the
  // prefetch's own share, then the checks that need no rank statistic).
  let pending: { ready: Promise<void>; waits(p: PlannedCheck): boolean } | null = null;
  if (roles !== null && dataset !== null && roles.rows >= RANK_WORKER_ROWS) {
    const task = roles.task;
    const ran = dataChecks(planned, task);
    const { startPrefetch } = await import('./prefetch.js');
    const ready = startPrefetch(roles, dataset, prefetchPlan(ran, policy.columns.sensitive, task), { warm });
    if (ready === null) warm?.stop();
    else pending = { ready, waits: (p) => ran.includes(p) && mayNeedRank(p, policy.columns.sensitive, task) };
  } else warm?.stop(); // started during the scan, but no prefetch will use it (an input error, few rows)

  const emptyRoles: CheckContext['roles'] = {
    task: model.meta.task ?? 'binary_classification', rows: 0, label: null, prediction: null, score: null, classes: null,
    sensitive: new Map(), id: null, baselinePrediction: null, baselineScore: null, dropped: { rows: 0, reasons: {} },
  };
  const run = await runChecks(planned, (p, waivedSubjects) => {
    if (p.def.needsData && (dataset === null || info === null || roles === null)) return null;
    return {
      model, policy, columns: policy.columns, settings: p.settings,
      dataset: dataset ?? { rows: 0, columns: new Map() },
      datasetInfo: info ?? { path: req.dataFile, format: 'csv', sha256: '', bytes: 0, rows: 0, columns: [] },
      roles: roles ?? emptyRoles,
      entry: { location: p.entry.location, keyLocations: p.entry.keyLocations },
      waivedSubjects,
      streamed: streamed.has(p) ? streamed.get(p)!.result() : undefined,
      baseline: req.baseline,
      io: req.io,
    };
  }, model, waivers, today, errors.find((e) => e.checkId === null)?.message ?? null, pending);

  // Post-processing: blocking from policy, then waivers on whole results.
  const used = new Set<Waiver>(run.usedWaivers);
  const results = run.results.map((r, i) => {
    const active = waivers.filter((w) => w.check === r.checkId && !isExpired(w, today));
    return applyWaiver(applyBlocking(r, run.owners[i]!.settings, req.failOn), active, used);
  });
  for (const e of run.errors) errors.push({ checkId: e.checkId, message: e.message });

  const exitCode = exitCodeOf({ results, errors });
  const report: Report = {
    schemaVersion: SCHEMA_VERSION,
    tool: req.tool,
    run: { startedAt: req.now.toISOString(), durationMs: req.elapsedMs(), git: req.git },
    model: { name: model.meta.name ?? null, version: model.meta.version ?? null, file: model.file, sha256: model.sha256 },
    dataset: {
      path: req.dataFile,
      format: info?.format ?? 'unknown',
      sha256: info?.sha256 ?? '',
      rows: roles?.rows ?? 0,
      columns: info?.columns.length ?? 0,
    },
    policy: { files: policy.files, sha256: policy.sha256, environment: policy.environment },
    summary: summarize(results),
    verdict: verdictOf(exitCode),
    exitCode,
    results,
    errors,
    metrics: run.metrics,
  };
  const expired = waivers.filter((w) => isExpired(w, today)).map(waiverInfo);
  const unused = waivers.filter((w) => !isExpired(w, today) && !used.has(w)).map(waiverInfo);
  if (expired.length || unused.length) report.waivers = { expired, unused };
  return report;
}

/**
 * The rank worker, started with the scan when the run will prefetch (binary task with scores, a
 * rank statistic planned, enough rows: the file's row count, or for CSV/JSONL its size at >= 128
 * bytes a row), so its thread and module load are done when the scan ends. Null (and prefetch.ts
 * not even loaded, as in the README demo) otherwise.
 */
async function warmAhead(
  planned: PlannedCheck[], policy: ResolvedPolicy, task: Task, plan: RolePlan, source: DatasetSource, file: string,
): Promise<WarmWorker | null> {
  if (task !== 'binary_classification' || plan.label === null || plan.score === null) return null;
  const rows = source.rowCount ?? (await stat(file).then((s) => s.size / 128, () => 0));
  if (rows < RANK_WORKER_ROWS) return null;
  const wants = prefetchPlan(dataChecks(planned, task), policy.columns.sensitive, task);
  if (!wants.overall.rank && !wants.groupings.some((g) => g.rank)) return null;
  const { warmRankWorker } = await import('./prefetch.js');
  return warmRankWorker();
}

/** The planned checks that read the dataset and apply to the task (what the prefetch plans for). */
function dataChecks(planned: PlannedCheck[], task: Task): PlannedCheck[] {
  return planned.filter((p) => p.def.needsData && (!p.def.tasks || p.def.tasks.includes(task)));
}

function columnRequests(
  planned: PlannedCheck[],
  plan: ReturnType<typeof planRoles>,
  policy: ResolvedPolicy,
  model: LoadedModel,
  source: DatasetSource,
  present: Set<string>,
  file: string,
): { keep: ColumnRequest[]; asked: Set<string> } {
  const needs: ColumnNeed[] = [];
  const requiredRoles = new Set(planned.flatMap((p) => p.def.requires ?? []));
  const missing = (name: string, why: string) => missingColumn(file, source, name, why);
  if (requiredRoles.has('label') && !plan.label) throw missing(policy.columns.label, 'the label column, needed by ' + checksNeeding(planned, 'label'));
  if (requiredRoles.has('score') && !plan.score) throw missing(policy.columns.score, 'the score column, needed by ' + checksNeeding(planned, 'score'));
  if (requiredRoles.has('prediction') && !plan.prediction && !plan.score) {
    throw missing(policy.columns.prediction, `the prediction column (or a score column "${policy.columns.score}" to derive it), needed by ${checksNeeding(planned, 'prediction')}`);
  }
  for (const s of plan.sensitive) if (!present.has(s)) throw missing(s, 'a sensitive column named in the policy');
  const env = { policy, columns: policy.columns, model, schema: source.schema };
  for (const p of planned) {
    if (!p.def.needsData || !p.def.columns) continue;
    for (const need of p.def.columns(p.options, env)) {
      if (!present.has(need.name)) {
        if (need.required) throw missing(need.name, `needed by ${p.def.id}`);
        continue;
      }
      needs.push(need);
    }
  }
  // Role columns first; a column asked for twice is read once, as the role reads it.
  const out = new Map<string, ColumnRequest>();
  const roleReqs = [
    plan.label && { name: plan.label, as: plan.labelAs },
    plan.prediction && { name: plan.prediction, as: plan.labelAs },
    plan.score && { name: plan.score, as: 'number' as const },
    ...plan.sensitive.map((s) => ({ name: s, as: 'category' as const })),
    plan.id && { name: plan.id, as: 'category' as const },
    plan.baselinePrediction && { name: plan.baselinePrediction, as: plan.labelAs },
    plan.baselineScore && { name: plan.baselineScore, as: 'number' as const },
  ].filter((x): x is ColumnRequest => !!x);
  for (const r of roleReqs) out.set(r.name, r);
  for (const n of needs) if (!out.has(n.name)) out.set(n.name, { name: n.name, as: n.as });
  return { keep: [...out.values()], asked: new Set(needs.map((n) => n.name)) };
}

function missingColumn(file: string, source: DatasetSource, name: string, why: string): DataError {
  return new DataError({
    file,
    field: name,
    message: `column "${name}" not found (${why}); the file has: ${source.schema.map((c) => c.name).slice(0, 40).join(', ')}`,
    hint: 'map your column names in the policy under `columns:` (label, prediction, score, sensitive, ...)',
  });
}

function checksNeeding(planned: PlannedCheck[], role: string): string {
  return [...new Set(planned.filter((p) => p.def.requires?.includes(role as 'label')).map((p) => p.def.id))].join(', ');
}

export { CHECKS };
