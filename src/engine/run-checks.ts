/**
 * Runs the selected checks one by one. A check that throws becomes an `error` result and does not
 * stop the others (STYLE habit 6); the gate then fails closed with exit 2.
 */
import type { CheckEntry, Defaults, LoadedModel, Severity, SourceLocation, Waiver } from '../config/types.js';
import type { CheckContext, CheckDef, Finding } from '../checks/types.js';
import { docsUrl } from '../checks/types.js';
import type { MetricsBlock, Result } from '../report/model.js';
import { UserError } from '../errors.js';
import { activeWaivers } from './outcome.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCheck = CheckDef<any>;

export interface PlannedCheck {
  def: AnyCheck;
  entry: CheckEntry;
  options: unknown;
  settings: Defaults;
}

export function severityOf(def: AnyCheck, entry: CheckEntry, defaults: Defaults): Severity {
  if (entry.severity) return entry.severity;
  // A policy or environment that lowers every gate to warning wins over a check's own default.
  return defaults.severity === 'warning' ? 'warning' : def.defaultSeverity;
}

export function locate(model: LoadedModel, path: string): SourceLocation {
  let p = path;
  for (;;) {
    const loc = model.locate(p);
    if (loc) return loc;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) return { file: model.file, line: 1 };
    p = p.slice(0, cut);
  }
}

export function toResult(planned: PlannedCheck, finding: Finding, model: LoadedModel, severity: Severity): Result {
  const { def, entry } = planned;
  const location = finding.metadataPath !== undefined
    ? locate(model, finding.metadataPath)
    : finding.thresholdKey !== undefined ? entry.keyLocations[finding.thresholdKey] ?? entry.location : entry.location;
  const result: Result = {
    checkId: def.id,
    slug: def.slug,
    category: def.category,
    title: def.title,
    severity,
    status: finding.status,
    blocking: false,
    message: finding.message,
    metric: finding.metric ?? null,
    subject: finding.subject ?? null,
    observed: finding.observed ?? null,
    interval: finding.interval ?? null,
    threshold: finding.threshold ?? null,
    comparator: finding.comparator ?? null,
    sampleSize: finding.sampleSize ?? null,
    groups: finding.groups ?? [],
    location,
    docsUrl: docsUrl(def.id, def.slug),
    waiver: null,
  };
  if (finding.groupMetric !== undefined) result.groupMetric = finding.groupMetric;
  if (finding.groupThreshold !== undefined) result.groupThreshold = finding.groupThreshold;
  if (finding.details !== undefined) result.details = finding.details;
  return result;
}

export interface RunOutput {
  results: Result[];
  /** The planned check (policy entry) that produced each result, index for index. */
  owners: PlannedCheck[];
  errors: { checkId: string; message: string }[];
  metrics: MetricsBlock;
  /** Waivers applied to groups inside results. */
  usedWaivers: Set<Waiver>;
}

export async function runChecks(
  planned: PlannedCheck[],
  baseContext: (p: PlannedCheck, waived: ReadonlySet<string>) => CheckContext | null,
  model: LoadedModel,
  waivers: Waiver[],
  today: string,
  /** Why the dataset could not be read, when it could not. */
  dataError: string | null = null,
  /**
   * Statistics still being computed elsewhere (the rank worker, engine/prefetch.ts): checks that
   * `waits` for them run after `ready`, the others meanwhile. Results keep the planned order, and a
   * check's numbers do not depend on when it runs (shared caches, seeds from names).
   */
  pending: { ready: Promise<void>; waits(p: PlannedCheck): boolean } | null = null,
): Promise<RunOutput> {
  const done: (RunOutput | null)[] = planned.map(() => null);
  const later: number[] = [];
  for (let i = 0; i < planned.length; i++) {
    if (pending !== null && pending.waits(planned[i]!)) later.push(i);
    else done[i] = await runOne(planned[i]!, baseContext, model, waivers, today, dataError);
  }
  if (pending !== null) await pending.ready;
  for (const i of later) done[i] = await runOne(planned[i]!, baseContext, model, waivers, today, dataError);
  const out: RunOutput = { results: [], owners: [], errors: [], metrics: { overall: {}, groups: {} }, usedWaivers: new Set() };
  for (const d of done) {
    out.results.push(...d!.results);
    out.owners.push(...d!.owners);
    out.errors.push(...d!.errors);
    mergeMetrics(out.metrics, d!.metrics);
    for (const w of d!.usedWaivers) out.usedWaivers.add(w);
  }
  return out;
}

/** One planned check's results (the RunOutput of a run with only this check). */
async function runOne(
  p: PlannedCheck,
  baseContext: (p: PlannedCheck, waived: ReadonlySet<string>) => CheckContext | null,
  model: LoadedModel,
  waivers: Waiver[],
  today: string,
  dataError: string | null,
): Promise<RunOutput> {
  const out: RunOutput = { results: [], owners: [], errors: [], metrics: { overall: {}, groups: {} }, usedWaivers: new Set() };
  const severity = severityOf(p.def, p.entry, p.settings);
  const active = activeWaivers(waivers, p.def.id, today).filter((w) => w.subject !== undefined);
  const waivedSubjects = new Set(active.map((w) => w.subject!));
  const ctx = baseContext(p, waivedSubjects);
  let findings: Finding[];
  if (ctx === null) {
    findings = [{ status: 'error', message: `not evaluated: the dataset could not be read${dataError ? ` (${dataError})` : ''}` }];
  } else if (p.def.tasks && !p.def.tasks.includes(ctx.roles.task)) {
    findings = [{ status: 'skipped', message: `${p.def.id} does not apply to ${ctx.roles.task.replace(/_/g, ' ')} (applies to ${p.def.tasks.join(', ')})` }];
  } else {
    try {
      findings = await p.def.run(ctx, p.options);
      if (findings.length === 0) throw new Error('the check returned no result');
    } catch (err) {
      // A typed user error (a file the check reads is bad) is not a crash of ours.
      const hint = err instanceof UserError ? err.problems[0]?.hint : undefined;
      const message = err instanceof UserError ? `${err.message}${hint ? ` — ${hint}` : ''}` : `check crashed: ${(err as Error)?.message ?? String(err)}`;
      out.errors.push({ checkId: p.def.id, message });
      findings = [{ status: 'error', message }];
    }
  }
  for (const f of findings) {
    const r = toResult(p, f, model, severity);
    for (const g of r.groups) {
      if (g.status !== 'waived') continue;
      const w = active.find((x) => x.subject === g.subject);
      if (w) out.usedWaivers.add(w);
    }
    out.results.push(r);
    out.owners.push(p);
    if (f.metrics) mergeMetrics(out.metrics, f.metrics);
  }
  return out;
}

function mergeMetrics(into: MetricsBlock, from: Partial<MetricsBlock>): void {
  Object.assign(into.overall, from.overall ?? {});
  for (const [grouping, groups] of Object.entries(from.groups ?? {})) {
    const g = (into.groups[grouping] ??= {});
    for (const [subject, metrics] of Object.entries(groups)) Object.assign((g[subject] ??= {}), metrics);
  }
}
