/**
 * Groups of one sensitive column for the performance checks: code + 1 (so a missing value, code
 * -1, is group 0, shown as `(missing)`), subjects `race=Black`, listed in sorted subject order.
 * Dictionary entries with no rows (possible after on_invalid_rows: drop) are left out.
 */
import type { CategoryColumn } from '../../data/dataset.js';

export const MISSING = '(missing)';

export interface ColumnGroups {
  column: string;
  codes: Int32Array;
  groups: number;
  /** Subject of every group code (`race=Black`). */
  subjects: string[];
  keys: Record<string, string | null>[];
  rows: number[];
  /** Group codes with rows, in sorted subject order. */
  order: number[];
}

// One per column object (the engine never changes a column after reading): the metrics block and
// MG203 share it, and its codes key the shared StatsCache (shared/evaluate.ts).
const built = new WeakMap<CategoryColumn, ColumnGroups>();

export function columnGroups(col: CategoryColumn): ColumnGroups {
  let g = built.get(col);
  if (!g) built.set(col, (g = computeGroups(col)));
  return g;
}

function computeGroups(col: CategoryColumn): ColumnGroups {
  const groups = col.dictionary.length + 1;
  const codes = new Int32Array(col.codes.length);
  const rows = new Array<number>(groups).fill(0);
  for (let i = 0; i < codes.length; i++) {
    const g = col.codes[i]! + 1;
    codes[i] = g;
    rows[g]!++;
  }
  const values = [null, ...col.dictionary];
  const subjects = values.map((v) => `${col.name}=${v ?? MISSING}`);
  const keys = values.map((v) => ({ [col.name]: v }));
  const order = subjects.map((_, g) => g).filter((g) => rows[g]! > 0)
    .sort((a, b) => (subjects[a]! < subjects[b]! ? -1 : subjects[a]! > subjects[b]! ? 1 : 0));
  return { column: col.name, codes, groups, subjects, keys, rows, order };
}
