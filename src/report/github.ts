/**
 * GitHub Actions workflow commands (DESIGN §6 github): one `::error`/`::warning`/`::notice` line per
 * finding, worst first, at most 10 per level (GitHub shows no more than that per step), then one
 * notice pointing at the job summary. Escaping follows @actions/core `command.ts`: data escapes
 * `%`, CR, LF; property values also `:` and `,`. So no user string can end a command early or
 * start a new one.
 */
import { fmtInterval, fmtIntervalKind, fmtNum, fmtThreshold, plural } from './format.js';
import type { Report, Result, WaiverInfo } from './model.js';
import { displayResult, modelLabel, rankOf, summaryLine, VERDICT_WORD, worstFirst } from './status.js';

interface Place {
  file: string;
  line?: number;
  column?: number;
}

export const PER_LEVEL_LIMIT = 10;
type Level = 'error' | 'warning' | 'notice';

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

interface Annotation {
  level: Level;
  rank: number;
  title: string;
  message: string;
  location?: Place | null;
}

// Terminal controls (ESC, BEL, ...) would be interpreted by the Actions log viewer; CR/LF are escaped.
const CONTROL = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const clean = (s: string) => s.replace(CONTROL, '\ufffd');

export function command(level: Level, props: Record<string, string | number | undefined>, message: string): string {
  const p = Object.entries(props)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${escapeProperty(clean(String(v)))}`)
    .join(',');
  return `::${level}${p ? ` ${p}` : ''}::${escapeData(clean(message))}`;
}

export function levelOf(r: Result): Level | null {
  if (r.status === 'error' || r.blocking) return 'error';
  if (r.status === 'fail' || r.status === 'inconclusive' || r.status === 'insufficient') return 'warning';
  if (r.status === 'waived') return 'notice';
  return null;
}

function resultMessage(r: Result): string {
  const facts = [
    r.observed !== null ? `observed ${fmtNum(r.observed)}` : '',
    r.threshold ? `threshold ${fmtThreshold(r.threshold, r.comparator)}` : '',
    r.interval ? `${fmtIntervalKind(r.interval)} interval ${fmtInterval(r.interval)}` : '',
  ].filter(Boolean).join(', ');
  const lines = [`${displayResult(r)}${r.subject ? ` (${r.subject})` : ''}: ${r.message}`];
  if (facts) lines.push(facts);
  if (r.waiver) lines.push(waiverText(r.waiver));
  lines.push(`Docs: ${r.docsUrl}`);
  return lines.join('\n');
}

function waiverText(w: WaiverInfo): string {
  const who = [w.approved_by && `approved by ${w.approved_by}`, w.ticket && `ticket ${w.ticket}`].filter(Boolean).join(', ');
  return `Waived until ${w.expires}${who ? ` (${who})` : ''}: ${w.reason}`;
}

function annotations(report: Report): Annotation[] {
  const out: Annotation[] = [];
  for (const r of worstFirst(report.results)) {
    const level = levelOf(r);
    if (level) out.push({ level, rank: rankOf(r), title: `${r.checkId} ${r.slug}`, message: resultMessage(r), location: r.location });
  }
  const shown = new Set(report.results.filter((r) => r.status === 'error').map((r) => `${r.checkId}\u0000${r.message}`));
  for (const e of report.errors) {
    if (shown.has(`${e.checkId}\u0000${e.message}`)) continue;
    out.unshift({ level: 'error', rank: -1, title: e.checkId ? `${e.checkId} error` : 'modelgate error', message: e.message, location: e.file ? { file: e.file, line: e.line } : null });
  }
  for (const w of report.waivers?.expired ?? []) {
    out.push({ level: 'warning', rank: 9, title: 'expired waiver', message: `The waiver for ${[w.check, w.subject].filter(Boolean).join(' ') || 'a check'} expired on ${w.expires} and no longer applies: ${w.reason}`, location: w.location });
  }
  for (const w of report.waivers?.unused ?? []) {
    out.push({ level: 'notice', rank: 10, title: 'unused waiver', message: `The waiver for ${[w.check, w.subject].filter(Boolean).join(' ') || 'a check'} matched no result: ${w.reason}`, location: w.location });
  }
  return out;
}

export function renderGithub(report: Report): string {
  return emit(annotations(report), (more) => `${modelLabel(report.model)}: ${summaryLine(report)}.${more}`);
}

/**
 * Several models in one step (a project config with many models): GitHub shows at most 10
 * annotations per level per step, so the cap applies across models, worst first, each title
 * naming its model; one closing notice gives every model's verdict.
 */
export function renderGithubReports(reports: readonly Report[]): string {
  if (reports.length === 1) return renderGithub(reports[0]!);
  const all = reports.flatMap((report) => {
    const label = modelLabel(report.model);
    return annotations(report).map((a) => ({ ...a, title: `${a.title} (${label})` }));
  });
  // A few models are named one by one; many are counted, so the notice stays one readable line.
  const verdicts = reports.length <= 5
    ? reports.map((r) => `${modelLabel(r.model)} ${VERDICT_WORD[r.verdict]} (exit ${r.exitCode})`).join('; ')
    : (['fail', 'error', 'pass'] as const)
      .map((v) => [v, reports.filter((r) => r.verdict === v).length] as const)
      .filter(([, n]) => n > 0)
      .map(([v, n]) => `${n} ${VERDICT_WORD[v]}`)
      .join(', ');
  return emit(all, (more) => `${plural(reports.length, 'model')}: ${verdicts}.${more}`);
}

function emit(all: Annotation[], final: (more: string) => string): string {
  const limits: Record<Level, number> = { error: PER_LEVEL_LIMIT, warning: PER_LEVEL_LIMIT, notice: PER_LEVEL_LIMIT - 1 };
  const lines: string[] = [];
  const dropped: Record<Level, number> = { error: 0, warning: 0, notice: 0 };
  for (const level of ['error', 'warning', 'notice'] as const) {
    // Stable sort: equal ranks keep model order, then each model's worst-first order.
    const of = all.filter((a) => a.level === level).sort((a, b) => a.rank - b.rank);
    for (const a of of.slice(0, limits[level])) {
      const loc = a.location;
      lines.push(command(level, { file: loc?.file, line: loc?.line, col: loc?.column, title: a.title }, a.message));
    }
    dropped[level] = Math.max(0, of.length - limits[level]);
  }
  const more = (['error', 'warning', 'notice'] as const).filter((l) => dropped[l]).map((l) => `${dropped[l]} more ${l}${dropped[l] === 1 ? '' : 's'}`);
  const text = final(more.length ? ` Not annotated: ${more.join(', ')}.` : '') + ' The job summary has every gate and the per-group tables.';
  lines.push(command('notice', { title: 'modelgate' }, text));
  return lines.join('\n') + '\n';
}
