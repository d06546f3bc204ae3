/**
 * Sufficient statistics in one pass over typed arrays. Group codes are 0..groups-1 (the engine
 * maps missing sensitive values to their own `(missing)` code first); `group = null` means one
 * group covering every row. Bad codes or labels are programming errors (the engine validates user
 * data before it gets here), so they throw RangeError rather than being skipped silently —
 * a typed-array write out of range would otherwise drop the row without a trace.
 *
 * SQL equivalents (so a database engine can produce identical numbers):
 *   binary:     SELECT g, label, prediction, COUNT(*) ... GROUP BY ALL
 *   multiclass: the same with K classes
 *   regression: see regression-sums.ts
 */
import type { Confusion, GroupCodes, Outcomes } from './types.js';

/** Per-group 2x2 counts, flat: cells[4g + 2*label + prediction] = tn, fp, fn, tp. */
export interface BinaryCounts {
  groups: number;
  cells: Float64Array;
}

export function checkGroupArgs(rows: number, group: GroupCodes | null, groups: number): void {
  if (!Number.isInteger(groups) || groups < 1) throw new RangeError(`groups must be a positive integer, got ${groups}`);
  if (group !== null && group.length !== rows) throw new RangeError(`group codes have ${group.length} rows, expected ${rows}`);
  if (group === null && groups !== 1) throw new RangeError('without group codes, groups must be 1');
}

function badCode(i: number, what: string, v: number): never {
  throw new RangeError(`row ${i}: ${what} ${v} out of range`);
}

export function binaryCounts(
  label: Outcomes,
  prediction: Outcomes,
  group: GroupCodes | null = null,
  groups = 1,
): BinaryCounts {
  const n = label.length;
  if (prediction.length !== n) throw new RangeError(`prediction has ${prediction.length} rows, expected ${n}`);
  checkGroupArgs(n, group, groups);
  const cells = new Float64Array(4 * groups);
  // Validation is bitwise, not `y !== 0 && y !== 1`: short-circuit branches on random labels
  // mispredict and made this loop 2-3x slower (measured on 10M rows).
  for (let i = 0; i < n; i++) {
    const y = label[i]!;
    const p = prediction[i]!;
    const yi = y | 0;
    const pi = p | 0;
    if (yi !== y || pi !== p || (yi | pi) >>> 1) badCode(i, 'label/prediction', yi !== y || yi >>> 1 ? y : p);
    const g = group === null ? 0 : group[i]!;
    if (g >>> 0 >= groups) badCode(i, 'group code', g);
    cells[(g << 2) | (yi << 1) | pi]!++;
  }
  return { groups, cells };
}

/** One grouping for binaryCountsMulti: codes 0..groups-1, or null for one group of every row. */
export interface CountGrouping {
  group: GroupCodes | null;
  groups: number;
}

/**
 * binaryCounts for several groupings in one pass: element j equals binaryCounts(label, prediction,
 * g.group, g.groups) for g = groupings[j] (counts are exact integers, so order does not matter),
 * and a RangeError for a bad row (a bad label/prediction anywhere is reported before any bad group
 * code; then the groupings in the given order). Each row's label and prediction are read and
 * checked once into a cell byte; the one-group groupings (null codes) are counted in locals.
 */
export function binaryCountsMulti(label: Outcomes, prediction: Outcomes, groupings: readonly CountGrouping[]): BinaryCounts[] {
  const n = label.length;
  if (prediction.length !== n) throw new RangeError(`prediction has ${prediction.length} rows, expected ${n}`);
  for (const { group, groups } of groupings) checkGroupArgs(n, group, groups);
  // Pass 1: each row's 2x2 cell (one byte), checked, and the one-group tally in locals.
  const cellOf = new Uint8Array(n);
  let c0 = 0;
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  for (let i = 0; i < n; i++) {
    const y = label[i]!;
    const p = prediction[i]!;
    const yi = y | 0;
    const pi = p | 0;
    if (yi !== y || pi !== p || (yi | pi) >>> 1) badCode(i, 'label/prediction', yi !== y || yi >>> 1 ? y : p);
    const cell = (yi << 1) | pi;
    cellOf[i] = cell;
    c0 += +(cell === 0);
    c1 += +(cell === 1);
    c2 += +(cell === 2);
    c3 += +(cell === 3);
  }
  // Then one tight loop per coded grouping over its codes and the cell bytes.
  return groupings.map(({ group, groups }) => {
    const cells = new Float64Array(4 * groups);
    if (group === null) cells.set([c0, c1, c2, c3]);
    else countCells(group, groups, cellOf, cells);
    return { groups, cells };
  });
}

/**
 * Rows per (group, cell) into `cells`. Four rows at a time into four tables (added up at the end:
 * exact integer counts), so a run of one group and cell no longer waits on the previous increment
 * of the same counter; rows are still checked in order, so the first bad code is the one reported.
 */
function countCells(group: GroupCodes, groups: number, cellOf: Uint8Array, cells: Float64Array): void {
  const w = 4 * groups;
  const t = new Uint32Array(4 * w);
  const n = group.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const g0 = group[i]!;
    if (g0 >>> 0 >= groups) badCode(i, 'group code', g0);
    t[(g0 << 2) | cellOf[i]!]!++;
    const g1 = group[i + 1]!;
    if (g1 >>> 0 >= groups) badCode(i + 1, 'group code', g1);
    t[w + ((g1 << 2) | cellOf[i + 1]!)]!++;
    const g2 = group[i + 2]!;
    if (g2 >>> 0 >= groups) badCode(i + 2, 'group code', g2);
    t[2 * w + ((g2 << 2) | cellOf[i + 2]!)]!++;
    const g3 = group[i + 3]!;
    if (g3 >>> 0 >= groups) badCode(i + 3, 'group code', g3);
    t[3 * w + ((g3 << 2) | cellOf[i + 3]!)]!++;
  }
  for (; i < n; i++) {
    const g = group[i]!;
    if (g >>> 0 >= groups) badCode(i, 'group code', g);
    t[(g << 2) | cellOf[i]!]!++;
  }
  for (let k = 0; k < w; k++) cells[k] = t[k]! + t[w + k]! + t[2 * w + k]! + t[3 * w + k]!;
}

export function confusionOf(c: BinaryCounts, g: number): Confusion {
  const o = 4 * g;
  return { tn: c.cells[o]!, fp: c.cells[o + 1]!, fn: c.cells[o + 2]!, tp: c.cells[o + 3]! };
}

/** Sum of confusions (the overall cell from per-group cells: counts merge exactly). */
export function mergeConfusions(list: readonly Confusion[]): Confusion {
  const out = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (const c of list) {
    out.tp += c.tp;
    out.fp += c.fp;
    out.tn += c.tn;
    out.fn += c.fn;
  }
  return out;
}

/** Per-group KxK confusion matrices, flat: cells[(g*K + true)*K + predicted]. */
export interface MulticlassCounts {
  groups: number;
  classes: number;
  cells: Float64Array;
}

/** One group's KxK matrix (row = true class, column = predicted class). */
export interface ConfusionMatrix {
  classes: number;
  cells: Float64Array;
}

export function multiclassCounts(
  label: Outcomes,
  prediction: Outcomes,
  classes: number,
  group: GroupCodes | null = null,
  groups = 1,
): MulticlassCounts {
  const n = label.length;
  if (prediction.length !== n) throw new RangeError(`prediction has ${prediction.length} rows, expected ${n}`);
  if (!Number.isInteger(classes) || classes < 1) throw new RangeError(`classes must be a positive integer, got ${classes}`);
  checkGroupArgs(n, group, groups);
  const K = classes;
  const cells = new Float64Array(groups * K * K);
  for (let i = 0; i < n; i++) {
    const y = label[i]!;
    const p = prediction[i]!;
    // `>>> 0` equality rejects fractions, negatives and NaN in one test.
    if (y >>> 0 !== y || y >= K) badCode(i, 'label class', y);
    if (p >>> 0 !== p || p >= K) badCode(i, 'predicted class', p);
    const g = group === null ? 0 : group[i]!;
    if (g < 0 || g >= groups) badCode(i, 'group code', g);
    cells[(g * K + y) * K + p]!++;
  }
  return { groups, classes: K, cells };
}

export function matrixOf(c: MulticlassCounts, g: number): ConfusionMatrix {
  const size = c.classes * c.classes;
  return { classes: c.classes, cells: c.cells.slice(g * size, (g + 1) * size) };
}
