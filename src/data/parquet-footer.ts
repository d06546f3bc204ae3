/**
 * Presence-only columns (MG501's census of missing values) answered from the Parquet footer when
 * it can answer exactly: a column whose `null_count` statistic is present and 0 in every row group
 * has no missing value, so its presence mask is all ones and its pages need not be decoded.
 *
 * Why this is sound: the statistic is part of the file's bytes, which are hashed on every run and
 * checked against the model's lineage, so the answer comes from the same audited file as the data
 * pages. It is the statistic DuckDB itself trusts for the same question: with it, DuckDB's planner
 * folds `x IS NOT NULL` to the constant `true` (EXPLAIN shows `CAST(true AS UINTEGER)` for such a
 * column), so the decoding path already returned exactly this mask while decoding the column for
 * nothing. Anything less than a 0 in every row group (a row group with nulls, no statistic, a
 * nested or ambiguous column, several files) falls back to decoding the column, row by row.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

/** One column chunk of the footer: `parquet_metadata()`'s row for a (row group, leaf column). */
export interface ColumnChunkStat {
  file: string;
  rowGroup: number;
  columnId: number;
  /** The leaf's path, its parts joined by ", " (a top-level column's path is its name). */
  path: string;
  /** The `null_count` statistic; null when the writer did not record it. */
  nullCount: number | null;
}

/**
 * The names among `names` that the footer proves free of nulls: the name is the path of exactly
 * one leaf column, that leaf's position is the name's position in `columns` (DuckDB's column list,
 * so a renamed duplicate or a column after a nested one is never matched to another leaf), and it
 * has a chunk with `null_count = 0` in each of the `rowGroups` row groups (each once), in one file.
 */
export function nullFreeByFooter(
  chunks: readonly ColumnChunkStat[],
  rowGroups: number,
  columns: readonly string[],
  names: readonly string[],
): Set<string> {
  const proven = new Set<string>();
  if (rowGroups <= 0 || new Set(chunks.map((c) => c.file)).size !== 1) return proven;
  const byPath = new Map<string, ColumnChunkStat[]>();
  for (const c of chunks) {
    const list = byPath.get(c.path);
    if (list) list.push(c);
    else byPath.set(c.path, [c]);
  }
  for (const name of names) {
    const mine = byPath.get(name) ?? [];
    const at = columns.indexOf(name);
    if (at < 0 || mine.length !== rowGroups || !mine.every((c) => c.columnId === at)) continue;
    const groups = new Set(mine.map((c) => c.rowGroup));
    if (groups.size !== rowGroups || ![...groups].every((g) => Number.isInteger(g) && g >= 0 && g < rowGroups)) continue;
    if (mine.every((c) => c.nullCount === 0)) proven.add(name);
  }
  return proven;
}

const asNumber = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Reads the footer's column chunks through DuckDB and applies nullFreeByFooter. */
export async function footerNullFree(
  conn: DuckDBConnection,
  pathSql: string,
  columns: readonly string[],
  names: readonly string[],
): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const meta = await conn.runAndReadAll(
    `SELECT file_name, row_group_id, column_id, path_in_schema, stats_null_count FROM parquet_metadata(${pathSql})`,
  );
  const chunks: ColumnChunkStat[] = meta.getRows().map((r) => ({
    file: String(r[0]),
    rowGroup: Number(r[1]),
    columnId: Number(r[2]),
    path: String(r[3]),
    nullCount: asNumber(r[4]),
  }));
  const files = await conn.runAndReadAll(`SELECT num_row_groups FROM parquet_file_metadata(${pathSql})`);
  const counts = files.getRows().map((r) => Number(r[0]));
  // One file (read_parquet globs its argument): otherwise nothing is proven.
  if (counts.length !== 1) return new Set();
  return nullFreeByFooter(chunks, counts[0]!, columns, names);
}
