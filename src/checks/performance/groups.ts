/**
 * Groups of one sensitive column for the performance checks: the column's grouping (a missing value
 * is the `(missing)` group), subjects `race=Black`, listed in sorted subject order. Dictionary
 * entries with no rows (possible after on_invalid_rows: drop) are not groups.
 */
import type { CategoryColumn } from '../../data/dataset.js';
import type { GroupCodes } from '../../stats/types.js';
import { buildGrouping, type Grouping } from '../shared/grouping.js';

export const MISSING = '(missing)';

export interface ColumnGroups {
  column: string;
  codes: GroupCodes;
  groups: number;
  /** Subject of every group code (`race=Black`). */
  subjects: string[];
  keys: Record<string, string | null>[];
  rows: number[];
  /** Group codes with rows, in sorted subject order. */
  order: number[];
}

// The column's grouping is the one the fairness checks build for the same column (shared/grouping.ts,
// memoized per column objects): one code array per column, and its codes key one shared StatsCache
// for the metrics block, MG203, MG301 and MG302 (shared/stats-cache.ts).
const built = new WeakMap<CategoryColumn, ColumnGroups>();

export function columnGroups(col: CategoryColumn): ColumnGroups {
  let g = built.get(col);
  if (!g) built.set(col, (g = fromGrouping(col.name, buildGrouping([col]))));
  return g;
}

function fromGrouping(column: string, g: Grouping): ColumnGroups {
  const { subjects } = g;
  // The grouping lists `(missing)` first; the performance checks list groups by subject string.
  const order = subjects.map((_, k) => k)
    .sort((a, b) => (subjects[a]! < subjects[b]! ? -1 : subjects[a]! > subjects[b]! ? 1 : 0));
  return { column, codes: g.codes, groups: g.count, subjects, keys: g.keys, rows: g.sizes, order };
}
