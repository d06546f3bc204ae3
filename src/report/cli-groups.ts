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
import { columns, displayWidth, sanitizeLine, truncate, wrap, type Align } from './text.js';

export const BAR_WIDTH = 20;
/** Without --verbose, a gate with more groups than this lists only the ones that matter. */
export const GROUP_LIMIT = 20;

export interface GroupTableOptions {
  c: ChalkInstance;
  unicode: boolean;
  verbose: boolean;
  indent: string;
  /** Terminal columns: a table wider than this drops its bars (values and statuses stay). */
  width?: number | null;
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

/**
 * How much a group table keeps, from everything (level 0) down to what fits a narrow terminal:
 * 1 drops the bars and lists the reasons under the table, 2 also shortens the indent and names
 * groups by their values alone (`African-American, Male` under `race, sex`), 3 drops counts and
 * disparity, 4 drops the interval.
 */
interface Layout {
  bars: boolean;
  reasonsInline: boolean;
  indent: string | null;
  nameWidth: number;
  counts: boolean;
  disparity: boolean;
  interval: boolean;
}
const LAYOUTS: Layout[] = [
  { bars: true, reasonsInline: true, indent: null, nameWidth: 48, counts: true, disparity: true, interval: true },
  { bars: false, reasonsInline: false, indent: null, nameWidth: 48, counts: true, disparity: true, interval: true },
  { bars: false, reasonsInline: false, indent: '    ', nameWidth: 28, counts: true, disparity: true, interval: true },
  { bars: false, reasonsInline: false, indent: '  ', nameWidth: 26, counts: false, disparity: false, interval: true },
  { bars: false, reasonsInline: false, indent: '  ', nameWidth: 24, counts: false, disparity: false, interval: false },
];

export function groupTable(r: Result, o: GroupTableOptions): string[] {
  let out: string[] = [];
  for (const layout of o.width ? LAYOUTS : LAYOUTS.slice(0, 1)) {
    out = layoutTable(r, o, layout);
    if (!o.width || out.every((l) => displayWidth(l) <= o.width!)) break;
  }
  return out;
}

function layoutTable(r: Result, o: GroupTableOptions, L: Layout): string[] {
  const { c, unicode } = o;
  const indent = L.indent ?? o.indent;
  const shown = selectGroups(r.groups, o.verbose);
  const threshold = r.groupThreshold ?? null;
  const marks = thresholdValues(threshold);
  const parts = groupPartsOf(r);
  const scale = scaleMaxOf(r.groups, threshold, parts ? partValues(parts, r.groups) : []);
  const style = unicode ? UNICODE_BAR : ASCII_BAR;
  const withPositives = L.counts && r.groups.some((g) => g.positives !== null);
  // FPR rests on negatives: show them when a gate compares more than one rate.
  const withNegatives = L.counts && parts !== null && r.groups.some((g) => g.negatives !== null);
  const withDisparity = L.disparity && r.groups.some((g) => g.disparity !== undefined && g.disparity !== null);
  const bar = (v: number | null) => (L.bars ? textBar(v, scale, marks, BAR_WIDTH, style) : '');

  // Past level 1, a group is named by its values: `race=African-American, sex=Male` cut to 28
  // columns would read the same as `race=African-American, sex=Female`.
  const short = L.indent !== null && r.groups.length > 0 && r.groups.every((g) => Object.keys(g.key).length > 0);
  const nameOf = (g: GroupResult) => truncate(sanitizeLine(short ? Object.values(g.key).map((v) => v ?? '(missing)').join(', ') : g.subject), L.nameWidth);
  const groupHead = short ? sanitizeLine(Object.keys(r.groups[0]!.key).join(', ')) : 'group';
  const head = [groupHead, 'n', ...(withPositives ? ['positives'] : []), ...(withNegatives ? ['negatives'] : []),
    ...(parts ? ['metric', 'value'] : [sanitizeLine(r.groupMetric ?? 'value')]), ...(L.interval ? ['interval'] : []),
    ...(withDisparity ? ['disparity'] : []), 'status', ''];
  const rows = [head.map((h) => c.dim(h))];
  const reasons: string[] = [];
  for (const g of shown) {
    // A group's failure blocks only as much as its gate does: in a warning gate it reads WARN.
    const d = displayOf(g.status, r.severity === 'error');
    const sym = unicode ? SYMBOLS[d].unicode : SYMBOLS[d].ascii;
    const tone = groupTone(g, r);
    const paint = tone === 'bad' ? c.red : tone === 'warn' ? c.yellow : tone === 'good' ? c.green : c.gray;
    const name = nameOf(g);
    if (g.reason && !L.reasonsInline) reasons.push(`${name}: ${sanitizeLine(g.reason)}`);
    const reason = g.reason && L.reasonsInline ? c.dim(`  ${sanitizeLine(g.reason)}`) : '';
    const counts = [fmtCount(g.n), ...(withPositives ? [fmtCount(g.positives)] : []), ...(withNegatives ? [fmtCount(g.negatives)] : [])];
    const values: { metric: string | null; value: number | null; interval: GroupResult['interval']; disparity: number | null | undefined }[] = parts
      ? parts.of(g).map((p, i) => ({ metric: parts.metrics[i]!, ...p }))
      : [{ metric: null, value: g.value, interval: g.interval, disparity: g.disparity }];
    // One line per compared metric; the group, its counts and its status only on the first.
    values.forEach((p, i) => {
      const first = i === 0;
      rows.push([
        first ? name : '', ...(first ? counts : counts.map(() => '')),
        ...(p.metric !== null ? [sanitizeLine(p.metric)] : []), fmtNum(p.value), ...(L.interval ? [p.interval ? fmtInterval(p.interval) : ''] : []),
        ...(withDisparity ? [fmtNum(p.disparity)] : []), first ? paint(`${sym} ${d}`) : '', paint(bar(p.value)) + (first ? reason : ''),
      ]);
    });
  }
  const align: Align[] = ['left', 'right', ...(withPositives ? (['right'] as const) : []), ...(withNegatives ? (['right'] as const) : []),
    ...(parts ? (['left'] as const) : []), 'right', ...(L.interval ? (['left'] as const) : []), ...(withDisparity ? (['right'] as const) : [])];
  const lines = columns(rows, align).map((l) => indent + l);
  const notes: string[] = [...reasons];
  const hidden = r.groups.length - shown.length;
  if (hidden > 0) notes.push(`${fmtCount(hidden)} more ${hidden === 1 ? 'group' : 'groups'} not shown (--verbose lists all)`);
  const scaleText = `bars 0 to ${fmtScale(scale)}`;
  if (L.bars) notes.push(marks.length ? `${scaleText}, ${style.mark} = group threshold ${marks.map(fmtNum).join(' and ')}` : scaleText);
  if (parts) notes.push(`status: the group's verdict on ${parts.metrics.map(sanitizeLine).join(' and ')} together`);
  const room = o.width ? o.width - indent.length : null;
  return [...lines, ...notes.flatMap((n) => wrap(n, room).map((part, i) => indent + (i ? '  ' : '') + c.dim(part)))];
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
