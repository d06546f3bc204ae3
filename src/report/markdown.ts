/**
 * Markdown for `$GITHUB_STEP_SUMMARY` and PR comments (DESIGN §6 markdown): verdict heading with
 * emoji and word, the gates that did not pass, per-group tables with Unicode bars, passing gates
 * and waivers folded in <details>. Output stays under a byte budget (GitHub rejects summaries over
 * 1 MiB): group tables are capped, and if the whole still does not fit it is cut at a block
 * boundary with a pointer to the JSON report.
 */
import { fmtScale, scaleMaxOf, textBar, thresholdValues, UNICODE_BAR } from './bar.js';
import { groupPartsOf, partValues } from './group-parts.js';
import { selectGroups } from './cli-groups.js';
import { fmtCount, fmtInterval, fmtIntervalKind, fmtNum, fmtThreshold } from './format.js';
import type { Report, Result, WaiverInfo } from './model.js';
import { displayOf, displayResult, modelLabel, needsAttention, subjectOf, summaryLine, SYMBOLS, VERDICT_WORD, worstFirst } from './status.js';

export interface MarkdownOptions {
  /** Byte budget for the whole document. Default 900 KB, well under GitHub's 1 MiB. */
  maxBytes?: number;
  /** Where the JSON report was written, named in truncation notes. */
  jsonReportPath?: string | null;
  /** Groups listed per gate before the rest are summarised. */
  groupLimit?: number;
}

export const DEFAULT_MARKDOWN_BUDGET = 900_000;
const VERDICT_EMOJI: Record<Report['verdict'], string> = { pass: '✅', fail: '❌', error: '⛔' };

/** Escapes a user string for inline Markdown (also inside table cells): no markup, HTML or line breaks survive. */
export function mdEscape(s: string): string {
  return s
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\ufffd')
    .replace(/[\\`*_[\]{}|~#!]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function badge(r: Pick<Result, 'status' | 'blocking'>): string {
  const d = displayResult(r);
  return `${SYMBOLS[d].emoji} ${d}`;
}

function checkLink(r: Result): string {
  return `[${mdEscape(r.checkId)}](${r.docsUrl.replace(/[()\s]/g, encodeURIComponent)}) ${mdEscape(r.slug)}`;
}

function table(head: string[], align: ('l' | 'r')[], rows: string[][]): string[] {
  return [
    `| ${head.join(' | ')} |`,
    `| ${align.map((a) => (a === 'r' ? '--:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const budget = options.maxBytes ?? DEFAULT_MARKDOWN_BUDGET;
  const pointer = options.jsonReportPath ? `the JSON report (\`${mdEscape(options.jsonReportPath)}\`)` : 'the JSON report (`--json FILE`)';
  const blocks: string[][] = [];
  const attention = worstFirst(report.results.filter(needsAttention));
  const passing = report.results.filter((r) => r.status === 'pass' || r.status === 'skipped');
  const waived = report.results.filter((r) => r.status === 'waived');

  blocks.push([
    `## ${VERDICT_EMOJI[report.verdict]} ${VERDICT_WORD[report.verdict]}: modelgate ${mdEscape(modelLabel(report.model))}`,
    '',
    `**${mdEscape(summaryLine(report))}**`,
    '',
    `Dataset \`${code(report.dataset.path)}\` (${mdEscape(report.dataset.format)}, ${fmtCount(report.dataset.rows)} rows) · policy ${report.policy.files.map((f) => `\`${code(f)}\``).join(', ') || 'n/a'}${report.policy.environment ? ` · environment \`${code(report.policy.environment)}\`` : ''}`,
  ]);
  if (report.errors.length) {
    blocks.push(['### ⛔ Errors', '', ...report.errors.map((e) => `- ${e.checkId ? `**${mdEscape(e.checkId)}** ` : ''}${mdEscape(e.message)}${e.file ? ` (\`${code(e.file)}${e.line ? `:${e.line}` : ''}\`)` : ''}`)]);
  }
  if (attention.length) {
    blocks.push(['### Gates that did not pass', '', ...table(
      ['Status', 'Check', 'Subject', 'Observed', 'Threshold', 'Interval', 'Details'], ['l', 'l', 'l', 'r', 'l', 'l', 'l'],
      attention.map((r) => [badge(r), checkLink(r), mdEscape(subjectOf(r) ?? '—'), fmtNum(r.observed), fmtThreshold(r.threshold, r.comparator),
        r.interval ? fmtInterval(r.interval) : '—', `${mdEscape(r.message)}${r.location ? ` (\`${code(r.location.file)}:${r.location.line}\`)` : ''}`]),
    )]);
  }
  const expired = report.waivers?.expired ?? [];
  const unused = report.waivers?.unused ?? [];
  if (expired.length || unused.length) {
    blocks.push(['### ⚠️ Waivers that need attention', '', ...expired.map((w) => `- **expired** ${waiverLine(w, true)}`), ...unused.map((w) => `- **matched nothing** ${waiverLine(w, false)}`)]);
  }
  const limit = options.groupLimit ?? 100;
  for (const r of report.results) {
    if (!r.groups.length || (r.category !== 'fairness' && !needsAttention(r))) continue;
    blocks.push(groupBlock(r, limit, pointer));
  }
  if (passing.length) {
    blocks.push(['<details><summary>✅ Passing and skipped gates (' + passing.length + ')</summary>', '', ...table(
      ['Status', 'Check', 'Subject', 'Metric', 'Observed', 'Threshold', 'Interval'], ['l', 'l', 'l', 'l', 'r', 'l', 'l'],
      passing.map((r) => [badge(r), checkLink(r), mdEscape(subjectOf(r) ?? '—'), mdEscape(r.metric ?? '—'), fmtNum(r.observed),
        fmtThreshold(r.threshold, r.comparator), r.interval ? fmtInterval(r.interval) : '—']),
    ), '', '</details>']);
  }
  if (waived.length) {
    blocks.push([`<details><summary>${SYMBOLS.WAIVED.emoji} Waived results (${waived.length})</summary>`, '', ...table(
      ['Check', 'Subject', 'Observed', 'Threshold', 'Reason', 'Expires', 'Approved by / ticket'], ['l', 'l', 'r', 'l', 'l', 'l', 'l'],
      waived.map((r) => [checkLink(r), mdEscape(subjectOf(r) ?? '—'), fmtNum(r.observed), fmtThreshold(r.threshold, r.comparator),
        mdEscape(r.waiver?.reason ?? ''), mdEscape(r.waiver?.expires ?? ''), mdEscape([r.waiver?.approved_by, r.waiver?.ticket].filter(Boolean).join(' / '))]),
    ), '', '</details>']);
  }
  blocks.push(runDetails(report));
  return assemble(blocks, budget, pointer);
}

function code(s: string): string {
  // Inside a code span only backticks and line breaks matter; pipes still split GFM table cells.
  return s.replace(/[\r\n`]/g, ' ').replace(/\|/g, '\\|').replace(/[\u0000-\u001f\u007f-\u009f]/g, '\ufffd');
}

function waiverLine(w: WaiverInfo, expired: boolean): string {
  const what = [w.check, w.subject].filter(Boolean).map((x) => mdEscape(x!)).join(' ') || '(any)';
  return `${what}, ${expired ? 'expired' : 'expires'} ${mdEscape(w.expires)}: ${mdEscape(w.reason)} (\`${code(w.location.file)}:${w.location.line}\`)`;
}

function groupBlock(r: Result, limit: number, pointer: string): string[] {
  const shown = selectGroups(r.groups, false, limit);
  const marks = thresholdValues(r.groupThreshold);
  const parts = groupPartsOf(r);
  const scale = scaleMaxOf(r.groups, r.groupThreshold, parts ? partValues(parts, r.groups) : []);
  const withPos = r.groups.some((g) => g.positives !== null);
  const withNeg = parts !== null && r.groups.some((g) => g.negatives !== null);
  const kind = fmtIntervalKind(r.groups.find((g) => g.interval)?.interval) || 'interval';
  const title = `${mdEscape(r.checkId)} ${mdEscape(r.metric ?? r.slug)}${r.subject ? ` ${r.subject.includes('=') ? 'for' : 'across'} ${mdEscape(r.subject)}` : ''}`;
  const bar = (v: number | null) => `\`${textBar(v, scale, marks, 20, UNICODE_BAR)}\``;
  const axis = `0 – ${fmtScale(scale)}`;
  const rows = shown.map((g) => {
    const d = displayOf(g.status, r.severity === 'error');
    const status = `${SYMBOLS[d].emoji} ${d}${g.reason ? ` (${mdEscape(g.reason)})` : ''}`;
    const counts = [mdEscape(g.subject), fmtCount(g.n), ...(withPos ? [fmtCount(g.positives)] : []), ...(withNeg ? [fmtCount(g.negatives)] : [])];
    if (!parts) return [...counts, fmtNum(g.value), g.interval ? fmtInterval(g.interval) : '—', status, bar(g.value)];
    const ps = parts.of(g);
    return [...counts, ...ps.flatMap((p) => [fmtNum(p.value), p.interval ? fmtInterval(p.interval) : '—']), status, ...ps.map((p) => bar(p.value))];
  });
  const valueHead = parts
    ? parts.metrics.flatMap((m) => [mdEscape(m), `${mdEscape(m)} ${kind}`])
    : [r.groupMetric ? `Value (${mdEscape(r.groupMetric)})` : 'Value', kind];
  const barHead = parts ? parts.metrics.map((m) => `${mdEscape(m)} ${axis}`) : [axis];
  const out = [`### Groups: ${title} — ${badge(r)}`, '', ...table(
    ['Group', 'n', ...(withPos ? ['Positives'] : []), ...(withNeg ? ['Negatives'] : []), ...valueHead, 'Status', ...barHead],
    ['l', 'r', ...(withPos ? ['r' as const] : []), ...(withNeg ? ['r' as const] : []), ...valueHead.map((_, i) => (i % 2 === 0 ? 'r' as const : 'l' as const)), 'l', ...barHead.map(() => 'l' as const)], rows)];
  const notes: string[] = [`Bars run from 0 to ${fmtScale(scale)}.`];
  if (marks.length) notes.push(`\`${UNICODE_BAR.mark}\` marks the group threshold ${marks.map(fmtNum).join(' and ')}.`);
  if (parts) notes.push(`A group's status is its verdict on ${parts.metrics.map(mdEscape).join(' and ')} together.`);
  if (shown.length < r.groups.length) notes.push(`${fmtCount(r.groups.length - shown.length)} more groups not shown (listed: those that did not pass, and the lowest and highest); all are in ${pointer}.`);
  out.push('', notes.join(' '));
  return out;
}

function runDetails(report: Report): string[] {
  const rows: [string, string][] = [
    ['Model file', `\`${code(report.model.file)}\``], ['Model sha256', `\`${code(report.model.sha256)}\``],
    ['Dataset sha256', `\`${code(report.dataset.sha256)}\``], ['Columns', fmtCount(report.dataset.columns)],
    ['Policy sha256', `\`${code(report.policy.sha256)}\``],
    ['Git commit', report.run.git.sha ? `\`${code(report.run.git.sha)}\`${report.run.git.dirty ? ' (uncommitted changes)' : ''}` : 'n/a'],
    ['Tool', `${mdEscape(report.tool.name)} ${mdEscape(report.tool.version)}`], ['Started', mdEscape(report.run.startedAt)],
  ];
  return ['<details><summary>Run details</summary>', '', ...table(['', ''], ['l', 'l'], rows), '', '</details>'];
}

/** Joins blocks until the budget is reached; a cut is announced, never silent. */
function assemble(blocks: string[][], budget: number, pointer: string): string {
  const note = (n: number) => `> [!WARNING]\n> This summary was cut to stay under ${fmtCount(Math.round(budget / 1000))} KB; ${n} more ${n === 1 ? 'section is' : 'sections are'} in ${pointer}.`;
  const reserve = Buffer.byteLength(note(blocks.length), 'utf8') + 4;
  let out = '';
  let used = 0;
  for (let i = 0; i < blocks.length; i++) {
    const text = blocks[i]!.join('\n') + '\n\n';
    const size = Buffer.byteLength(text, 'utf8');
    if (used + size > budget - reserve) {
      // A table too big on its own keeps as many whole rows as fit.
      const lines = blocks[i]!;
      let kept = '';
      for (const line of lines) {
        const next = kept + line + '\n';
        if (used + Buffer.byteLength(next, 'utf8') > budget - reserve) break;
        kept = next;
      }
      if (kept) out += kept + '\n';
      return out + note(blocks.length - i) + '\n';
    }
    out += text;
    used += size;
  }
  return out.replace(/\n+$/, '\n');
}
