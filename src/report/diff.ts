/**
 * `modelgate report diff`: two reports compared metric by metric (the `metrics` blocks), group by
 * group, and gate by gate. Each change says which way is better and whether it crosses a threshold
 * of the *new* report's results (a candidate judged by today's policy). Pure: Reports in, a
 * ReportDiff out, and renderers for it (table, Markdown, JSON); no I/O.
 */
import { fmtNum, fmtThreshold, isFiniteNumber } from './format.js';
import { mdEscape } from './markdown.js';
import type { MetricValue, Report, Result, Status, Threshold } from './model.js';
import { modelLabel } from './status.js';
import { columns, sanitizeLine } from './text.js';

/** Which way a metric is better: from the new report's thresholds (min => higher), else by name. */
export type Better = 'higher' | 'lower' | 'neither' | 'unknown';
export type Effect = 'better' | 'worse' | 'unchanged' | 'changed' | 'added' | 'removed';

export interface Crossing {
  checkId: string;
  subject: string | null;
  threshold: Threshold;
  /** `fails`: the old value met the threshold and the new one does not; `passes`: the reverse. */
  now: 'fails' | 'passes';
}

export interface MetricChange {
  /** null for overall metrics; the grouping subject (`race`, `race × sex`) for group metrics. */
  grouping: string | null;
  /** Group subject (`race=Asian`), null for overall metrics. */
  group: string | null;
  metric: string;
  old: number | null;
  new: number | null;
  /** new − old when both are numbers. */
  change: number | null;
  better: Better;
  effect: Effect;
  crossings: Crossing[];
}

export interface GateChange {
  checkId: string;
  metric: string | null;
  subject: string | null;
  oldStatus: Status | null;
  newStatus: Status | null;
  old: number | null;
  new: number | null;
}

export interface ReportDiff {
  old: { model: string; verdict: Report['verdict']; datasetSha256: string; startedAt: string };
  new: { model: string; verdict: Report['verdict']; datasetSha256: string; startedAt: string };
  sameDataset: boolean;
  metrics: MetricChange[];
  gates: GateChange[];
}

// Direction by name when no threshold of the new report says it. Ratios of fairness metrics are
// "1 is parity", so higher is better; differences are "0 is parity", so lower is better.
const HIGHER = new Set(['accuracy', 'balanced_accuracy', 'precision', 'recall', 'tpr', 'specificity', 'tnr', 'f1', 'auc', 'pr_auc', 'macro_f1', 'weighted_f1', 'r2', 'completeness', 'explanation_coverage', 'explained_features', 'explanation_additivity']);
const LOWER = new Set(['fpr', 'fnr', 'log_loss', 'brier', 'ece', 'mae', 'mse', 'rmse', 'mape', 'null_rate', 'base_value_spread']);
const NEITHER = new Set(['selection_rate']);

function betterByName(metric: string): Better {
  // `null_rate:age` (per column) and `demographic_parity_ratio by sex` (per grouping) name a base metric.
  const base = metric.replace(/ by .*$/, '').replace(/:.*$/, '');
  if (HIGHER.has(base) || base.endsWith('_ratio')) return 'higher';
  if (LOWER.has(base) || base.endsWith('_difference')) return 'lower';
  return NEITHER.has(base) ? 'neither' : 'unknown';
}

function betterOf(metric: string, thresholds: Threshold[]): Better {
  const t = thresholds.find((x) => (x.min === undefined) !== (x.max === undefined));
  if (t) return t.min !== undefined ? 'higher' : 'lower';
  return betterByName(metric);
}

const meets = (v: number, t: Threshold) => (t.min === undefined || v >= t.min) && (t.max === undefined || v <= t.max);
const num = (m: MetricValue | undefined): number | null => (m && isFiniteNumber(m.value) ? m.value : null);

function effectOf(o: MetricValue | undefined, n: MetricValue | undefined, better: Better): Effect {
  if (!o) return 'added';
  if (!n) return 'removed';
  const a = num(o);
  const b = num(n);
  if (a === b) return 'unchanged';
  if (a === null || b === null || better === 'neither' || better === 'unknown') return 'changed';
  return (b > a) === (better === 'higher') ? 'better' : 'worse';
}

interface Gate {
  r: Result;
  threshold: Threshold;
}

/** Thresholds of the new report, split by what they judge: an overall value or each group's value. */
function thresholdsOf(report: Report): { overall: Map<string, Gate[]>; groups: Map<string, Gate[]> } {
  const groupSubjects = new Set(Object.values(report.metrics.groups).flatMap((g) => Object.keys(g)));
  const overall = new Map<string, Gate[]>();
  const groups = new Map<string, Gate[]>();
  const add = (m: Map<string, Gate[]>, k: string, g: Gate) => m.set(k, [...(m.get(k) ?? []), g]);
  for (const r of report.results) {
    if (r.metric && r.threshold) {
      // A gate on one group (MG302 writes one result per group) judges that group's value.
      if (r.subject && groupSubjects.has(r.subject)) add(groups, `${r.subject}\u0000${r.metric}`, { r, threshold: r.threshold });
      else {
        add(overall, r.metric, { r, threshold: r.threshold });
        // A fairness gate's value is kept in the metrics block as `<metric> by <sensitive columns>`.
        if (r.subject) add(overall, `${r.metric} by ${r.subject}`, { r, threshold: r.threshold });
      }
    }
    const gm = r.groupMetric ?? r.metric;
    if (gm && r.groupThreshold && r.subject) {
      for (const g of r.groups) add(groups, `${g.subject}\u0000${gm}`, { r, threshold: r.groupThreshold });
    }
  }
  return { overall, groups };
}

function change(grouping: string | null, group: string | null, metric: string, o: MetricValue | undefined, n: MetricValue | undefined, gates: Gate[]): MetricChange {
  const better = betterOf(metric, gates.map((g) => g.threshold));
  const a = num(o);
  const b = num(n);
  const crossings: Crossing[] = [];
  if (a !== null && b !== null) {
    for (const { r, threshold } of gates) {
      if (meets(a, threshold) !== meets(b, threshold)) crossings.push({ checkId: r.checkId, subject: r.subject, threshold, now: meets(b, threshold) ? 'passes' : 'fails' });
    }
  }
  return { grouping, group, metric, old: a, new: b, change: a !== null && b !== null ? b - a : null, better, effect: effectOf(o, n, better), crossings };
}

const sorted = (a: Iterable<string>, b: Iterable<string>) => [...new Set([...a, ...b])].sort();
const gateKey = (r: Result) => `${r.checkId}\u0000${r.metric ?? ''}\u0000${r.subject ?? ''}`;

export function diffReports(oldR: Report, newR: Report): ReportDiff {
  const t = thresholdsOf(newR);
  const metrics: MetricChange[] = [];
  for (const m of sorted(Object.keys(oldR.metrics.overall), Object.keys(newR.metrics.overall))) {
    metrics.push(change(null, null, m, oldR.metrics.overall[m], newR.metrics.overall[m], t.overall.get(m) ?? []));
  }
  for (const grouping of sorted(Object.keys(oldR.metrics.groups), Object.keys(newR.metrics.groups))) {
    const og = oldR.metrics.groups[grouping] ?? {};
    const ng = newR.metrics.groups[grouping] ?? {};
    for (const group of sorted(Object.keys(og), Object.keys(ng))) {
      for (const m of sorted(Object.keys(og[group] ?? {}), Object.keys(ng[group] ?? {}))) {
        metrics.push(change(grouping, group, m, og[group]?.[m], ng[group]?.[m], t.groups.get(`${group}\u0000${m}`) ?? []));
      }
    }
  }
  const olds = new Map(oldR.results.map((r) => [gateKey(r), r]));
  const news = new Map(newR.results.map((r) => [gateKey(r), r]));
  const gates: GateChange[] = [];
  for (const k of [...new Set([...news.keys(), ...olds.keys()])]) {
    const o = olds.get(k);
    const n = news.get(k);
    const any = (n ?? o)!;
    gates.push({ checkId: any.checkId, metric: any.metric, subject: any.subject, oldStatus: o?.status ?? null, newStatus: n?.status ?? null, old: o?.observed ?? null, new: n?.observed ?? null });
  }
  const side = (r: Report) => ({ model: modelLabel(r.model), verdict: r.verdict, datasetSha256: r.dataset.sha256, startedAt: r.run.startedAt });
  return { old: side(oldR), new: side(newR), sameDataset: oldR.dataset.sha256 === newR.dataset.sha256, metrics, gates };
}

// ---------------------------------------------------------------- rendering

const signed = (x: number | null) => (x === null ? 'n/a' : x > 0 ? `+${fmtNum(x)}` : fmtNum(x));
const crossText = (c: Crossing[]) => c.map((x) => `now ${x.now} ${x.checkId} ${fmtThreshold(x.threshold)}`).join('; ');
const status = (s: Status | null) => s ?? '—';

function headerLines(d: ReportDiff): string[] {
  const ds = d.sameDataset ? 'same holdout' : `different holdouts (${d.old.datasetSha256.slice(0, 12)} vs ${d.new.datasetSha256.slice(0, 12)}): changes mix model and data`;
  return [`old: ${d.old.model}, verdict ${d.old.verdict}`, `new: ${d.new.model}, verdict ${d.new.verdict}`, ds];
}

export function renderDiffTable(d: ReportDiff): string {
  const out = ['modelgate report diff', ...headerLines(d).map((l) => `  ${sanitizeLine(l)}`), ''];
  const overall = d.metrics.filter((m) => m.grouping === null);
  const head = ['METRIC', 'OLD', 'NEW', 'CHANGE', 'BETTER', 'EFFECT', 'THRESHOLD'];
  const right = ['left', 'right', 'right', 'right', 'left', 'left', 'left'] as const;
  const row = (m: MetricChange, first: string[]) => [...first, fmtNum(m.old), fmtNum(m.new), signed(m.change), m.better, m.effect, crossText(m.crossings)].map(sanitizeLine);
  out.push('Metrics');
  if (overall.length) out.push(...columns([head, ...overall.map((m) => row(m, [m.metric]))], [...right]).map((l) => `  ${l}`));
  else out.push('  (no overall metrics in either report)');
  for (const grouping of [...new Set(d.metrics.flatMap((m) => (m.grouping === null ? [] : [m.grouping])))]) {
    const rows = d.metrics.filter((m) => m.grouping === grouping);
    out.push('', `Groups by ${sanitizeLine(grouping)}`);
    out.push(...columns([['GROUP', ...head], ...rows.map((m) => row(m, [m.group ?? '', m.metric]))], ['left', ...right]).map((l) => `  ${l}`));
  }
  out.push('', 'Gates');
  const gateRows = d.gates.map((g) => [g.checkId, g.subject ?? '', g.metric ?? '', fmtNum(g.old), fmtNum(g.new), `${status(g.oldStatus)} -> ${status(g.newStatus)}`].map(sanitizeLine));
  out.push(...columns([['CHECK', 'SUBJECT', 'METRIC', 'OLD', 'NEW', 'STATUS'], ...gateRows], ['left', 'left', 'left', 'right', 'right', 'left']).map((l) => `  ${l}`));
  return out.join('\n') + '\n';
}

export function renderDiffMarkdown(d: ReportDiff): string {
  const cell = (s: string) => mdEscape(s);
  const table = (head: string[], rows: string[][]) => [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
  const out = ['## modelgate report diff', '', ...headerLines(d).map((l) => `- ${cell(l)}`), ''];
  const row = (m: MetricChange) => [fmtNum(m.old), fmtNum(m.new), signed(m.change), m.better, m.effect, crossText(m.crossings)];
  const head = ['Old', 'New', 'Change', 'Better', 'Effect', 'Threshold'];
  out.push('### Metrics', '', ...table(['Metric', ...head], d.metrics.filter((m) => m.grouping === null).map((m) => [m.metric, ...row(m)])), '');
  for (const grouping of [...new Set(d.metrics.flatMap((m) => (m.grouping === null ? [] : [m.grouping])))]) {
    out.push(`### Groups by ${cell(grouping)}`, '', ...table(['Group', 'Metric', ...head], d.metrics.filter((m) => m.grouping === grouping).map((m) => [m.group ?? '', m.metric, ...row(m)])), '');
  }
  out.push('### Gates', '', ...table(['Check', 'Subject', 'Metric', 'Old', 'New', 'Status'], d.gates.map((g) => [g.checkId, g.subject ?? '', g.metric ?? '', fmtNum(g.old), fmtNum(g.new), `${status(g.oldStatus)} → ${status(g.newStatus)}`])));
  return out.join('\n') + '\n';
}

export function renderDiffJson(d: ReportDiff): string {
  return JSON.stringify(d, null, 2) + '\n';
}
