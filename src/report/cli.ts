/**
 * The terminal report (DESIGN §6 cli): header, one aligned line per gate grouped by category,
 * the message and docs link under every gate that needs attention, per-group tables, and the
 * summary line last. Colour comes from a Chalk instance built from the options, never the global.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import { groupTable } from './cli-groups.js';
import { ASCII_OPS, fmtCount, fmtInterval, fmtVersus, UNICODE_OPS } from './format.js';
import type { Category, Report, Result, WaiverInfo } from './model.js';
import { CATEGORY_ORDER, CATEGORY_TITLE, displayResult, modelLabel, needsAttention, subjectOf, SYMBOLS, summaryLine, toneOf, type Tone } from './status.js';
import { columns, displayWidth, sanitizeLine, sanitizeText, truncate, wrap } from './text.js';

export interface CliOptions {
  color?: boolean;
  verbose?: boolean;
  /** Only failing gates and the summary line (pre-push hook). */
  quiet?: boolean;
  /** false: ASCII symbols and bars for terminals without Unicode. Default true. */
  unicode?: boolean;
  /**
   * Terminal columns (the CLI passes `process.stdout.columns` on a TTY). When set, gate lines drop
   * the title column and shorten subjects, group tables drop their bars, and messages wrap under
   * their gate, so nothing soft-wraps back to column 0. Unset: lines are as long as they need.
   */
  width?: number;
}

export function renderCli(report: Report, options: CliOptions = {}): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const unicode = options.unicode !== false;
  const width = options.width && options.width >= 40 ? Math.floor(options.width) : null;
  const ctx: Ctx = { c, unicode, verbose: !!options.verbose, quiet: !!options.quiet, width };
  const out: string[] = [];
  if (!ctx.quiet) out.push(...header(report, ctx), '');
  const shown = ctx.quiet ? report.results.filter(isFailing) : report.results;
  out.push(...gateLines(shown, ctx));
  out.push(...waiverLines(report, ctx), ...errorLines(report, ctx));
  if (out.length && out[out.length - 1] !== '') out.push('');
  out.push(paint(c, verdictTone(report), summaryLine(report, unicode ? '—' : '--'), true));
  return collapseBlankLines(out).join('\n') + '\n';
}

function collapseBlankLines(lines: string[]): string[] {
  return lines.filter((l, i) => l !== '' || (i > 0 && lines[i - 1] !== ''));
}

interface Ctx {
  c: ChalkInstance;
  unicode: boolean;
  verbose: boolean;
  quiet: boolean;
  width: number | null;
}

/** What --quiet keeps: results that fail (blocking or as a warning) or could not be evaluated. */
export function isFailing(r: Result): boolean {
  return r.status === 'fail' || r.status === 'error' || r.blocking;
}

function header(report: Report, { c, unicode, width }: Ctx): string[] {
  const dot = unicode ? ' · ' : ', ';
  const m = report.model;
  const d = report.dataset;
  const p = report.policy;
  const short = (sha: string | null | undefined) => (sha ? sha.slice(0, 12) : 'n/a');
  // Narrow terminal: a path and its facts go on two lines rather than soft-wrapping.
  const pair = (main: string, facts: string): string[][] =>
    width !== null && 11 + displayWidth(main) + 2 + displayWidth(facts) > width ? [[main], ['', facts]] : [[`${main}  ${facts}`]];
  const [modelRow, ...modelMore] = pair(sanitizeLine(m.file), c.dim(`sha256 ${short(m.sha256)}`));
  // No check read the dataset (or it could not be read): say so rather than print "0 rows".
  const notRead = d.format === 'unknown' && d.rows === 0 && d.sha256 === '';
  const [dataRow, ...dataMore] = pair(sanitizeLine(d.path), c.dim(notRead ? 'not read' : [sanitizeLine(d.format), `${fmtCount(d.rows)} rows`, `${fmtCount(d.columns)} columns`, `sha256 ${short(d.sha256)}`].join(dot)));
  const rows = [
    [c.dim('model'), ...modelRow!], ...modelMore,
    [c.dim('dataset'), ...dataRow!], ...dataMore,
    [c.dim('policy'), `${p.files.map(sanitizeLine).join(', ') || 'n/a'}${p.environment ? `  ${c.dim('environment')} ${sanitizeLine(p.environment)}` : ''}`],
  ];
  if (report.run.git.sha) rows.push([c.dim('git'), `${short(report.run.git.sha)}${report.run.git.dirty ? ' (uncommitted changes)' : ''}`]);
  return [
    `${c.bold(`${report.tool.name} ${report.tool.version}`)}  ${c.bold(sanitizeLine(modelLabel(m)))}`,
    ...columns(rows).map((l) => `  ${l}`),
  ];
}

function gateLines(results: readonly Result[], ctx: Ctx): string[] {
  const { c, unicode } = ctx;
  const ops = unicode ? UNICODE_OPS : ASCII_OPS;
  const sorted = CATEGORY_ORDER.flatMap((cat) => results.filter((r) => r.category === cat));
  const layout = (title: boolean, cut: number, interval: boolean) => columns(sorted.map((r) => {
    const d = displayResult(r);
    const tone = toneOf(r);
    return [
      paint(c, tone, `${unicode ? SYMBOLS[d].unicode : SYMBOLS[d].ascii} ${d}`, tone === 'bad'),
      c.bold(sanitizeLine(r.checkId)),
      ...(title ? [truncate(sanitizeLine(r.title), 36)] : []),
      truncate(sanitizeLine(subjectOf(r) ?? ''), cut),
      truncate(sanitizeLine(r.metric ?? ''), cut),
      r.observed === null && !r.threshold ? '' : paint(c, tone === 'good' ? 'muted' : tone, fmtVersus(r.observed, r.threshold, r.comparator, ops), false),
      interval && r.interval ? c.dim(fmtInterval(r.interval)) : '',
    ];
  }));
  // Narrow terminal: the title goes first (ID and docs link name the check), then long names
  // shrink, then the interval (it stays in the group tables and the other reports).
  const fits = (ls: string[]) => ctx.width === null || ls.every((l) => displayWidth(l) + 2 <= ctx.width!);
  let lines = layout(true, 32, true);
  for (const [cut, interval] of [[32, true], [24, true], [18, true], [18, false]] as const) {
    if (fits(lines)) break;
    lines = layout(false, cut, interval);
  }
  const statusWidth = Math.max(0, ...sorted.map((r) => displayResult(r).length + 2));
  const indent = ' '.repeat(2 + statusWidth + 2);
  const out: string[] = [];
  let category: Category | null = null;
  sorted.forEach((r, i) => {
    if (r.category !== category && !ctx.quiet) {
      if (category !== null) out.push('');
      out.push(c.bold.underline(CATEGORY_TITLE[r.category] ?? r.category));
      category = r.category;
    }
    out.push(`  ${lines[i]}`);
    out.push(...details(r, indent, ctx));
  });
  if (sorted.length) out.push('');
  return out;
}

function details(r: Result, indent: string, ctx: Ctx): string[] {
  const { c } = ctx;
  const out: string[] = [];
  const attention = needsAttention(r);
  if (attention || r.status === 'waived' || ctx.verbose || (r.status === 'skipped' && r.message)) {
    for (const line of sanitizeText(r.message).split('\n')) {
      for (const part of wrap(line, ctx.width === null ? null : ctx.width - indent.length)) out.push(indent + (attention ? part : c.dim(part)));
    }
  }
  if (r.waiver) out.push(indent + c.gray(waiverText(r.waiver)));
  if (attention) {
    const where = r.location ? `${sanitizeLine(r.location.file)}:${r.location.line}` : '';
    const line = [where, `docs ${r.docsUrl}`].filter(Boolean).join(ctx.unicode ? ' · ' : ', ');
    for (const part of wrap(line, ctx.width === null ? null : ctx.width - indent.length)) out.push(indent + c.dim(part));
  }
  const showGroups = !ctx.quiet && r.groups.length > 0 && (ctx.verbose || (r.category === 'fairness' && r.status !== 'pass'));
  if (showGroups) out.push('', ...groupTable(r, { c, unicode: ctx.unicode, verbose: ctx.verbose, indent, width: ctx.width }), '');
  return out;
}

/** `waived until 2027-01-31 by ml-governance@example.com (RISK-412): 11 rows; …`. */
export function waiverText(w: WaiverInfo): string {
  const who = [w.approved_by ? `by ${w.approved_by}` : '', w.ticket ? `(${w.ticket})` : ''].filter(Boolean).join(' ');
  return sanitizeLine(`waived until ${w.expires}${who ? ` ${who}` : ''}: ${w.reason}`);
}

function waiverLines(report: Report, { c, unicode }: Ctx): string[] {
  const expired = report.waivers?.expired ?? [];
  const unused = report.waivers?.unused ?? [];
  if (!expired.length && !unused.length) return [];
  const sym = unicode ? SYMBOLS.WARN.unicode : SYMBOLS.WARN.ascii;
  const row = (kind: string, w: WaiverInfo) => [
    c.yellow(`${sym} ${kind}`),
    sanitizeLine([w.check, w.subject].filter(Boolean).join(' ') || '(any)'),
    kind === 'expired' ? `expired ${sanitizeLine(w.expires)}` : `expires ${sanitizeLine(w.expires)}`,
    c.dim(`${sanitizeLine(w.location.file)}:${w.location.line}`),
  ];
  const rows = [...expired.map((w) => row('expired', w)), ...unused.map((w) => row('unused', w))];
  return [c.bold.underline('Waivers'), ...columns(rows).map((l) => `  ${l}`), ''];
}

function errorLines(report: Report, { c, unicode }: Ctx): string[] {
  // A crashed check is already shown as an ERROR gate line with its message; list the rest.
  const shown = new Set(report.results.filter((r) => r.status === 'error').map((r) => `${r.checkId}\u0000${r.message}`));
  const errors = report.errors.filter((e) => !shown.has(`${e.checkId}\u0000${e.message}`));
  if (!errors.length) return [];
  const sym = unicode ? SYMBOLS.ERROR.unicode : SYMBOLS.ERROR.ascii;
  const lines = errors.map((e) => {
    const where = e.file ? c.dim(`  ${sanitizeLine(e.file)}${e.line ? `:${e.line}` : ''}`) : '';
    return `  ${c.red(`${sym} ERROR`)}  ${e.checkId ? `${c.bold(sanitizeLine(e.checkId))}  ` : ''}${sanitizeLine(e.message)}${where}`;
  });
  return [c.bold.underline('Errors'), ...lines, ''];
}

function verdictTone(report: Report): Tone {
  return report.verdict === 'pass' ? 'good' : 'bad';
}

function paint(c: ChalkInstance, tone: Tone, s: string, bold: boolean): string {
  const f = tone === 'bad' ? c.red : tone === 'warn' ? c.yellow : tone === 'good' ? c.green : c.gray;
  return bold ? f.bold(s) : f(s);
}
