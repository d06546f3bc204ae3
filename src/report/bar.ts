/**
 * Text bars for per-group tables (terminal and markdown): a value scaled onto a fixed width, with
 * the threshold drawn as a mark. Rates live in [0, 1]; metrics that can exceed 1 (disparity, MAE)
 * widen the scale to the largest value so bars stay comparable within one table.
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

/** The upper end of the scale for a table: 1, or more when a value or threshold exceeds 1. */
export function scaleMaxOf(groups: readonly GroupResult[], threshold: Threshold | null | undefined): number {
  let max = 1;
  for (const g of groups) {
    if (isFiniteNumber(g.value)) max = Math.max(max, g.value);
    if (g.interval && isFiniteNumber(g.interval.upper)) max = Math.max(max, g.interval.upper);
  }
  for (const t of thresholdValues(threshold)) max = Math.max(max, t);
  return max;
}

export function thresholdValues(threshold: Threshold | null | undefined): number[] {
  if (!threshold) return [];
  return [threshold.min, threshold.max].filter(isFiniteNumber);
}

/** A bar of exactly `width` characters; an undefined value draws an empty track. */
export function textBar(value: number | null, scaleMax: number, marks: readonly number[], width: number, style: BarStyle): string {
  const cells: string[] = new Array(width).fill(style.empty);
  if (isFiniteNumber(value) && scaleMax > 0) {
    const halves = Math.round((Math.min(Math.max(value, 0), scaleMax) / scaleMax) * width * 2);
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
