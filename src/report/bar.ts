/**
 * Text bars for per-group tables (terminal and markdown): a value scaled onto a fixed width, with
 * the threshold drawn as a mark. The scale starts at 0 and ends at a round number just above the
 * largest value and threshold, so a table of small rates (selection rate 0.01, FPR 0.02) is not a
 * column of empty tracks; the renderers print that upper end beside every table so the zoom is
 * never hidden.
 */
import { isFiniteNumber } from './format.js';
import type { GroupResult, Threshold } from './model.js';

export interface BarStyle {
  full: string;
  half: string;
  empty: string;
  mark: string;
}
export const UNICODE_BAR: BarStyle = { full: '█', half: '▌', empty: '░', mark: '│' };
export const ASCII_BAR: BarStyle = { full: '#', half: '+', empty: '.', mark: '|' };

// Mantissas a scale may end on: each splits into 4-6 round ticks (see scaleTicks).
const NICE = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/** The smallest round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k) that is ≥ x; 1 when x ≤ 0. */
export function niceCeil(x: number): number {
  if (!isFiniteNumber(x) || x <= 0) return 1;
  const mag = 10 ** Math.floor(Math.log10(x));
  for (const m of NICE) {
    const v = Number((m * mag).toPrecision(12));
    if (v >= x * (1 - 1e-12)) return v;
  }
  return Number((10 * mag).toPrecision(12));
}

export interface ScaleInput {
  /** Values drawn as bars. */
  values: readonly (number | null | undefined)[];
  /** Other points that must fit: interval ends (when whiskers are drawn), threshold marks. */
  extra?: readonly (number | null | undefined)[];
}

/** Upper end of a 0-based scale that holds every value and mark. */
export function scaleMax({ values, extra = [] }: ScaleInput): number {
  let max = 0;
  for (const v of [...values, ...extra]) if (isFiniteNumber(v)) max = Math.max(max, v);
  return niceCeil(max);
}

/** The scale of a text-bar table: group values and the group threshold (text bars draw no whiskers). */
export function scaleMaxOf(groups: readonly GroupResult[], threshold: Threshold | null | undefined, more: readonly (number | null)[] = []): number {
  return scaleMax({ values: [...groups.map((g) => g.value), ...more], extra: thresholdValues(threshold) });
}

/** Tick values 0, step, ..., max for an axis ending at a niceCeil value (4-6 intervals). */
export function scaleTicks(max: number): number[] {
  const mag = 10 ** Math.floor(Math.log10(max));
  const steps = [0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5].map((s) => s * mag);
  const fits = (s: number) => { const n = max / s; return n <= 6 && Math.abs(n - Math.round(n)) < 1e-9; };
  const step = steps.find(fits) ?? steps.find((s) => max / s <= 6) ?? mag;
  const out: number[] = [];
  for (let i = 0; i * step <= max * (1 + 1e-9); i++) out.push(Number((i * step).toPrecision(12)));
  return out;
}

/** A scale end or tick as people write it: `1`, `0.02`, `0.25`, `1.5`. */
export function fmtScale(x: number): string {
  return String(Number(x.toPrecision(3)));
}

export function thresholdValues(threshold: Threshold | null | undefined): number[] {
  if (!threshold) return [];
  return [threshold.min, threshold.max].filter(isFiniteNumber);
}

/** A bar of exactly `width` characters; an undefined value draws an empty track. */
export function textBar(value: number | null, scaleMax: number, marks: readonly number[], width: number, style: BarStyle): string {
  const cells: string[] = new Array(width).fill(style.empty);
  if (isFiniteNumber(value) && scaleMax > 0) {
    let halves = Math.round((Math.min(Math.max(value, 0), scaleMax) / scaleMax) * width * 2);
    // A value above zero always shows: an empty track would read as 0.
    if (value > 0 && halves === 0) halves = 1;
    for (let i = 0; i < Math.floor(halves / 2); i++) cells[i] = style.full;
    if (halves % 2 === 1) cells[Math.floor(halves / 2)] = style.half;
  }
  for (const m of marks) {
    if (!isFiniteNumber(m) || scaleMax <= 0) continue;
    const pos = Math.min(width - 1, Math.max(0, Math.round((m / scaleMax) * width) - (m >= scaleMax ? 1 : 0)));
    cells[pos] = style.mark;
  }
  return cells.join('');
}
