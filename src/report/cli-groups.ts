/**
 * The per-group table under a gate in the terminal report: group, n, positives, value with
 * interval, status (word and symbol), and a bar from 0 to a round scale end, with the threshold
 * marked. A gate comparing several metrics per group (equalized odds) gets one line per metric.
 */
import type { ChalkInstance } from 'chalk';
import { ASCII_BAR, fmtScale, scaleMaxOf, textBar, thresholdValues, UNICODE_BAR } from './bar.js';
import { groupPartsOf, partValues } from './group-parts.js';
import { fmtCount, fmtInterval, fmtNum, isFiniteNumber } from './format.js';
import type { GroupResult, Result } from './model.js';
import { displayOf, rankOf, SYMBOLS, type Tone } from './status.js';
import { columns, sanitizeLine, truncate, type Align } from './text.js';

export const BAR_WIDTH = 20;
/** Without --verbose, a gate with more groups than this lists only the ones that matter. */
export const GROUP_LIMIT = 20;

export interface GroupTableOptions {
  c: ChalkInstance;
  unicode: boolean;
  verbose: boolean;
  indent: string;
}

/**
 * Groups to list: all in verbose mode or when few; otherwise the groups that did not pass (worst
 * first) plus the lowest and highest value, which are the ones a disparity is computed from.
 */
export function selectGroups(groups: readonly GroupResult[], verbose: boolean, limit = GROUP_LIMIT): GroupResult[] {
  if (verbose || groups.length <= limit) return [...groups];
  const picked = new Set<GroupResult>();
  let lo: GroupResult | null = null;
  let hi: GroupResult | null = null;
  for (const g of groups) {
    if (!isFiniteNumber(g.value)) continue;
    if (!lo || g.value < lo.value!) lo = g;
    if (!hi || g.value > hi.value!) hi = g;
  }
  const failing = groups
    .map((g, i) => ({ g, i }))
    .filter((x) => x.g.status !== 'pass')
    .sort((a, b) => rankOf({ status: a.g.status, blocking: true }) - rankOf({ status: b.g.status, blocking: true }) || a.i - b.i);
  if (lo) picked.add(lo);
  if (hi) picked.add(hi);
  for (const x of failing) {
    if (picked.size >= limit) break;
    picked.add(x.g);
  }
  return groups.filter((g) => picked.has(g));
}

export function groupTable(r: Result, o: GroupTableOptions): string[] {
  const { c, unicode, indent } = o;
  const shown = selectGroups(r.groups, o.verbose);
  const threshold = r.groupThreshold ?? null;
  const marks = thresholdValues(threshold);
  const parts = groupPartsOf(r);
  const scale = scaleMaxOf(r.groups, threshold, parts ? partValues(parts, r.groups) : []);
  const style = unicode ? UNICODE_BAR : ASCII_BAR;
  const withPositives = r.groups.some((g) => g.positives !== null);
  // FPR rests on negatives: show them when a gate compares more than one rate.
  const withNegatives = parts !== null && r.groups.some((g) => g.negatives !== null);
  const withDisparity = r.groups.some((g) => g.disparity !== undefined && g.disparity !== null);
  const bar = (v: number | null) => textBar(v, scale, marks, BAR_WIDTH, style);

  const head = ['group', 'n', ...(withPositives ? ['positives'] : []), ...(withNegatives ? ['negatives'] : []),
    ...(parts ? ['metric', 'value'] : [sanitizeLine(r.groupMetric ?? 'value')]), 'interval',
    ...(withDisparity ? ['disparity'] : []), 'status', ''];
  const rows = [head.map((h) => c.dim(h))];
  const notes: string[] = [];
  for (const g of shown) {
    // A group's failure blocks only as much as its gate does: in a warning gate it reads WARN.
    const d = displayOf(g.status, r.severity === 'error');
    const sym = unicode ? SYMBOLS[d].unicode : SYMBOLS[d].ascii;
    const tone = groupTone(g, r);
    const paint = tone === 'bad' ? c.red : tone === 'warn' ? c.yellow : tone === 'good' ? c.green : c.gray;
    const reason = g.reason ? c.dim(`  ${sanitizeLine(g.reason)}`) : '';
    const counts = [fmtCount(g.n), ...(withPositives ? [fmtCount(g.positives)] : []), ...(withNegatives ? [fmtCount(g.negatives)] : [])];
    if (!parts) {
      rows.push([
        truncate(sanitizeLine(g.subject), 48), ...counts, fmtNum(g.value), g.interval ? fmtInterval(g.interval) : '',
        ...(withDisparity ? [fmtNum(g.disparity)] : []), paint(`${sym} ${d}`), paint(bar(g.value)) + reason,
      ]);
      continue;
    }
    // One line per compared metric; the group, its counts and its status only on the first.
    parts.of(g).forEach((p, i) => {
      const first = i === 0;
      rows.push([
        first ? truncate(sanitizeLine(g.subject), 48) : '', ...(first ? counts : counts.map(() => '')),
        sanitizeLine(parts.metrics[i]!), fmtNum(p.value), p.interval ? fmtInterval(p.interval) : '',
        ...(withDisparity ? [fmtNum(p.disparity)] : []), first ? paint(`${sym} ${d}`) : '', paint(bar(p.value)) + (first ? reason : ''),
      ]);
    });
  }
  const align: Align[] = ['left', 'right', ...(withPositives ? (['right'] as const) : []), ...(withNegatives ? (['right'] as const) : []),
    ...(parts ? (['left'] as const) : []), 'right', 'left', ...(withDisparity ? (['right'] as const) : [])];
  const lines = columns(rows, align).map((l) => indent + l);
  const hidden = r.groups.length - shown.length;
  if (hidden > 0) notes.push(`${fmtCount(hidden)} more ${hidden === 1 ? 'group' : 'groups'} not shown (--verbose lists all)`);
  const scaleText = `bars 0 to ${fmtScale(scale)}`;
  notes.push(marks.length ? `${scaleText}, ${style.mark} = group threshold ${marks.map(fmtNum).join(' and ')}` : scaleText);
  if (parts) notes.push(`status: the group's verdict on ${parts.metrics.map(sanitizeLine).join(' and ')} together`);
  return [...lines, ...notes.map((n) => indent + c.dim(n))];
}

/** A group's own outcome cannot block by itself, except a fail inside an error-severity gate. */
export function groupTone(g: GroupResult, r: Pick<Result, 'severity'>): Tone {
  switch (g.status) {
    case 'pass': return 'good';
    case 'fail': return r.severity === 'error' ? 'bad' : 'warn';
    case 'error': return 'bad';
    case 'inconclusive':
    case 'insufficient': return 'warn';
    default: return 'muted';
  }
}
