/**
 * Per-group chart for the HTML report as inline SVG: one horizontal bar per group with its
 * interval as whiskers, the group threshold as a dashed line, labelled axes, and a <title> on every
 * bar for screen readers and hover. The axis starts at 0 and ends at a round number just above the
 * largest value, whisker and threshold, so small rates are visible and the ticks say the range.
 * A gate comparing several metrics per group (equalized odds) draws one thinner bar per metric,
 * each named in words beside it. Colours come from CSS classes (light/dark); the status is also
 * written as symbol and word at the end of each bar, never colour alone.
 */
import { fmtScale, scaleMax, scaleTicks, thresholdValues } from './bar.js';
import { selectGroups } from './cli-groups.js';
import { fmtCount, fmtInterval, fmtIntervalKind, fmtNum, isFiniteNumber } from './format.js';
import { groupPartsOf, type PartValue } from './group-parts.js';
import type { GroupResult, Result } from './model.js';
import { displayOf, SYMBOLS } from './status.js';
import { displayWidth, truncate } from './text.js';
import { escapeHtml as h } from './xml.js';

export const CHART_MAX_BARS = 60;
const W = 860;
const RIGHT_W = 200;
const LABEL_CHARS = 36;
// Average advance of the 12px sans-serif labels; generous so long labels are cut, not clipped.
const CHAR_PX = 6.9;
const TOP = 30;
const BOTTOM = 44;

export function groupChart(r: Result, id: string): { svg: string; shown: number } {
  const groups = selectGroups(r.groups, false, CHART_MAX_BARS);
  const parts = groupPartsOf(r);
  const series = (g: GroupResult): PartValue[] => (parts ? parts.of(g) : [{ value: g.value, interval: g.interval, disparity: g.disparity ?? null }]);
  const names = parts ? parts.metrics : [r.groupMetric ?? 'value'];
  const marks = thresholdValues(r.groupThreshold);
  const drawn = groups.flatMap(series);
  const scale = scaleMax({ values: drawn.map((p) => p.value), extra: [...drawn.flatMap((p) => [p.interval?.lower, p.interval?.upper]), ...marks] });
  const tickValues = scaleTicks(scale);

  const labels = groups.map((g) => truncate(g.subject, LABEL_CHARS));
  const labelW = Math.min(12 + LABEL_CHARS * CHAR_PX, Math.max(80, 12 + Math.max(5, ...labels.map(displayWidth)) * CHAR_PX));
  const plotW = W - labelW - RIGHT_W;
  const barH = parts ? 11 : 16;
  const gap = 4;
  const rowH = parts ? names.length * (barH + gap) + 8 : 26;
  const x = (v: number) => labelW + (Math.min(Math.max(v, 0), scale) / scale) * plotW;
  const bottomOfBars = TOP + groups.length * rowH;
  const height = bottomOfBars + BOTTOM;
  // Bars show each group's own value, which for a disparity gate is not the gate's metric
  // (selection rate vs demographic_parity_ratio): say what it is only when the check tells us.
  const metric = parts ? names.join(' and ') : r.groupMetric ?? 'group value';
  const kind = fmtIntervalKind(drawn.find((p) => p.interval)?.interval) || 'confidence';
  const title = `${r.checkId} ${r.metric ?? r.slug}${r.subject ? ` by ${r.subject}` : ''}: ${parts ? names.join(' and ') : r.groupMetric ?? 'value'} per group`;
  const desc = `Horizontal bars give each group's ${metric}${parts ? ` (${names.map((n, i) => `${ordinal(i)} bar ${n}`).join(', ')})` : ''}` +
    ` on an axis from 0 to ${fmtScale(scale)}; whiskers show the ${kind} interval` +
    (marks.length ? `; the dashed line marks the group threshold ${marks.map(fmtNum).join(' and ')}.` : '.');
  const f = (v: number) => v.toFixed(1);

  const out: string[] = [
    `<svg class="chart" viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" role="img" aria-labelledby="${id}-t ${id}-d">`,
    `<title id="${id}-t">${h(title)}</title>`,
    `<desc id="${id}-d">${h(desc)}</desc>`,
  ];
  for (const t of tickValues) {
    out.push(`<line class="grid" x1="${f(x(t))}" x2="${f(x(t))}" y1="${TOP - 6}" y2="${bottomOfBars}"/>`);
    out.push(`<text class="tick" x="${f(x(t))}" y="${bottomOfBars + 16}" text-anchor="middle">${h(fmtScale(t))}</text>`);
  }
  out.push(`<text class="axis" x="${f(labelW + plotW / 2)}" y="${height - 6}" text-anchor="middle">${h(metric)}</text>`);
  out.push(`<text class="axis" x="${f(labelW - 8)}" y="${TOP - 12}" text-anchor="end">group</text>`);
  groups.forEach((g, i) => {
    const top = TOP + i * rowH + (rowH - (names.length * (barH + gap) - gap)) / 2;
    const d = displayOf(g.status, r.severity === 'error');
    const status = `${SYMBOLS[d].unicode} ${d}`;
    const ps = series(g);
    const facts = ps.map((p, k) => `${parts ? `${names[k]} ` : ''}${fmtNum(p.value)}${p.interval ? ` ${fmtInterval(p.interval)}` : ''}`).join(', ');
    const tip = `${g.subject}: ${facts}, n=${fmtCount(g.n)}, ${d}${g.reason ? ` (${g.reason})` : ''}`;
    const mid = top + (names.length * (barH + gap) - gap) / 2;
    out.push(`<g class="bar st-${h(g.status)}"><title>${h(tip)}</title>`);
    out.push(`<text class="label" x="${f(labelW - 8)}" y="${f(mid + 4)}" text-anchor="end">${h(labels[i]!)}</text>`);
    ps.forEach((p, k) => {
      const y = top + k * (barH + gap);
      const cls = k > 0 ? ' class="alt"' : '';
      if (isFiniteNumber(p.value)) out.push(`<rect${cls} x="${f(labelW)}" y="${f(y)}" width="${f(Math.max(0.5, x(p.value) - labelW))}" height="${barH}" rx="2"/>`);
      const lo = p.interval?.lower;
      const hi = p.interval?.upper;
      if (isFiniteNumber(lo) && isFiniteNumber(hi)) {
        const cy = f(y + barH / 2);
        out.push(`<path class="whisker" d="M${f(x(lo))} ${cy}H${f(x(hi))}M${f(x(lo))} ${f(y + 2)}V${f(y + barH - 2)}M${f(x(hi))} ${f(y + 2)}V${f(y + barH - 2)}"/>`);
      }
      const text = parts ? `${names[k]} ${fmtNum(p.value)}${k === 0 ? `  ${status}` : ''}` : `${fmtNum(p.value)}  ${status}`;
      out.push(`<text class="value" x="${f(labelW + plotW + 8)}" y="${f(y + barH - (parts ? 1 : 4))}">${h(text)}</text>`);
    });
    out.push('</g>');
  });
  for (const m of marks) {
    out.push(`<line class="threshold" x1="${f(x(m))}" x2="${f(x(m))}" y1="${TOP - 8}" y2="${bottomOfBars + 4}"/>`);
    out.push(`<text class="threshold-label" x="${f(x(m))}" y="${TOP - 12}" text-anchor="middle">threshold ${h(fmtNum(m))}</text>`);
  }
  out.push('</svg>');
  return { svg: out.join(''), shown: groups.length };
}

function ordinal(i: number): string {
  return ['upper', 'lower'][i] ?? `number ${i + 1}`;
}
