/**
 * Parquet reader on DuckDB: only the requested columns are scanned, chunk by chunk, and copied out
 * of DuckDB's vectors into the shared builders. Strings are dictionary-coded inside DuckDB by
 * their index in an ENUM built from the column's distinct values, so no per-row string crosses into JS.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { DataError } from '../errors.js';
import type { DatasetBuilder, PresenceBuilder } from './builders.js';
import type { ColumnRequest, ColumnSchema, ColumnType } from './dataset.js';
import { chunkReleaser } from './chunk-release.js';
import { hashFileInWorker } from './hash-file.js';
import { copier, onesFiller, PRESENCE_BITS, presenceBitsCopier, type Copier, type CopyKind } from './parquet-copiers.js';
import { footerNullFree } from './parquet-footer.js';
import type { FileFacts, FormatReader } from './source.js';

const sqlString = (s: string): string => `'${s.replaceAll("'", "''")}'`;
const ident = (s: string): string => `"${s.replaceAll('"', '""')}"`;

/** DuckDB's reason in one clean line: first line only, without the path it repeats. */
export function duckdbReason(err: unknown, path: string): string {
  const first = String((err as Error)?.message ?? err).split('\n')[0]!.trim();
  return first.replaceAll(` "${path}"`, '').replaceAll(` '${path}'`, '').replaceAll(path, 'the file');
}

/** `where` says which part of the file failed: the footer (schema, row groups) or the data pages. */
function parquetError(path: string, err: unknown, where: string): DataError {
  if (err instanceof DataError) return err;
  return new DataError({ file: path, message: `cannot read Parquet: ${duckdbReason(err, path)} (in the ${where})` });
}

async function withConnection<T>(path: string, fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
  // threads is explicit so CI timings are reproducible; the instance is closed so the process can exit.
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const conn = await instance.connect();
  try {
    return await fn(conn);
  } catch (err) {
    throw parquetError(path, err, 'footer, the file metadata at its end');
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

function logicalType(duck: string): ColumnType {
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/.test(duck)) return 'integer';
  if (/^(FLOAT|DOUBLE|DECIMAL)/.test(duck)) return 'number';
  if (duck === 'BOOLEAN') return 'boolean';
  if (duck === 'VARCHAR') return 'string';
  if (/^(DATE|TIMESTAMP|TIME)/.test(duck)) return 'date';
  if (duck === '"NULL"' || duck === 'NULL') return 'null';
  return 'unknown';
}

export interface ParquetOptions {
  /** Answer presence-only columns from the footer's null counts when they prove no nulls (parquet-footer.ts). Default true; tests turn it off to compare with decoding. */
  footerPresence?: boolean;
}

export async function openParquet(path: string, options: ParquetOptions = {}): Promise<FormatReader> {
  const src = `read_parquet(${sqlString(path)})`;
  const { schema, compression, duckTypes, rowCount } = await withConnection(path, async (conn) => {
    const described = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${src}`)).getRowObjects();
    const physical = (await conn.runAndReadAll(`SELECT name, type FROM parquet_schema(${sqlString(path)})`)).getRowObjects();
    const codecs = (await conn.runAndReadAll(`SELECT DISTINCT compression FROM parquet_metadata(${sqlString(path)}) ORDER BY 1`)).getRowObjects();
    const counted = (await conn.runAndReadAll(`SELECT sum(num_rows)::DOUBLE AS n FROM parquet_file_metadata(${sqlString(path)})`)).getRowObjects();
    const phys = new Map(physical.map((r) => [String(r.name), r.type === null ? undefined : String(r.type)]));
    const schema: ColumnSchema[] = described.map((r) => {
      const name = String(r.column_name);
      const duck = String(r.column_type);
      const p = phys.get(name);
      return { name, type: logicalType(duck), physical: p ? `${p} (${duck})` : duck };
    });
    const duckTypes = new Map(described.map((r) => [String(r.column_name), String(r.column_type)]));
    const rowCount = Number(counted[0]?.n ?? Number.NaN);
    return {
      schema, duckTypes, compression: codecs.map((r) => String(r.compression).toLowerCase()).join(','),
      rowCount: Number.isSafeInteger(rowCount) && rowCount >= 0 ? rowCount : null,
    };
  });
  return {
    format: 'parquet',
    schema,
    schemaComplete: true,
    rowCount,
    fill: (out, request, hash) => fillParquet(path, src, schema, duckTypes, compression, out, request, hash, options.footerPresence !== false),
  };
}

/** How one requested column is selected and copied. */
interface Plan {
  expr: string;
  copy: CopyKind;
  /** For code-*: the text whose distinct values make the ENUM (the column's dictionary). */
  enumOf?: string;
  /** For code-*: codes are list_position()s (1-based, size + 1 = missing) instead of enum codes. */
  positions?: boolean;
}

/**
 * Dictionaries up to this size are looked up with list_position() instead of an ENUM cast. The cast
 * hashes every row's string (bench, 10M rows, 3 columns of 2-6 values: 0.9 s CPU); list_position
 * over the ENUM's values runs once per dictionary entry on dictionary-encoded pages (0.18 s). On
 * plainly encoded pages it compares each row with each value: as cheap as the cast at 8 values
 * (0.48 vs 0.55 s), 2.4x dearer at 128, hence the bound.
 */
export const POSITION_LOOKUP_MAX = 8;

/**
 * A dictionary lookup by position: the appended NULL makes a missing value size + 1 (list_position
 * matches NULL to NULL), and a value the dictionary lacks is an error, as the ENUM cast made it.
 */
export function positionExpr(text: string, enumName: string): string {
  return `coalesce(list_position(list_append(enum_range(NULL::${enumName})::VARCHAR[], NULL), ${text}), error('internal: a value outside the column''s dictionary'))`;
}

const SIGNED_OR_SMALL_INT = /^(TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|USMALLINT|UINTEGER)$/;

function planFor(path: string, c: ColumnRequest, col: ColumnSchema, duckType: string, enumName: string): Plan {
  const q = ident(c.name);
  if (c.as === 'presence') return { expr: `(${q} IS NOT NULL)`, copy: 'presence' };
  const t = col.type;
  // enum_code() turns the ENUM into its integer index: DuckDB then hands us plain integer vectors,
  // and the dictionary is fetched once instead of with every chunk.
  const coded = (text: string): Plan => ({ expr: `enum_code(CAST(${text} AS ${enumName}))::UINTEGER`, enumOf: text, copy: 'code-category' });
  if (c.as === 'number') {
    if (t === 'integer' || t === 'number' || t === 'boolean' || t === 'null') return { expr: `CAST(${q} AS DOUBLE)`, copy: 'double' };
    if (t === 'string') return { ...coded(q), copy: 'code-number' };
    throw new DataError({ file: path, field: c.name, message: `column "${c.name}" has type ${col.physical ?? t}; expected a number` });
  }
  if (t === 'number') return { expr: `CAST(${q} AS DOUBLE)`, copy: 'double-category' };
  if (SIGNED_OR_SMALL_INT.test(duckType)) return { expr: `CAST(${q} AS BIGINT)`, copy: 'int-category' };
  if (t === 'unknown') {
    throw new DataError({ file: path, field: c.name, message: `column "${c.name}" has type ${col.physical ?? t}, which cannot be read as a category` });
  }
  // Strings, booleans, dates, 128-bit integers: DuckDB's text for them is what JS would print.
  return coded(t === 'string' ? q : `CAST(${q} AS VARCHAR)`);
}

async function* fillParquet(
  path: string,
  src: string,
  schema: ColumnSchema[],
  duckTypes: Map<string, string>,
  compression: string,
  out: DatasetBuilder,
  request: ColumnRequest[],
  hash: boolean,
  footerPresence: boolean,
): AsyncGenerator<void, FileFacts | null> {
  const hashing = hash ? hashFileInWorker(path) : null;
  hashing?.catch(() => undefined); // awaited below; avoid an unhandled rejection if decoding fails first
  const instance = await DuckDBInstance.create(':memory:', { threads: '2', enable_external_file_cache: 'false' });
  const conn = await instance.connect();
  let pending: ReturnType<Awaited<ReturnType<DuckDBConnection['stream']>>['fetchChunk']> | null = null;
  try {
    const byName = new Map(schema.map((c) => [c.name, c]));
    const plans: Plan[] = [];
    const dictionaries: string[][] = [];
    for (const [i, c] of request.entries()) {
      const col = byName.get(c.name)!;
      const plan = planFor(path, c, col, duckTypes.get(c.name) ?? '', `mg_enum_${i}`);
      if (plan.enumOf) {
        await conn.run(`CREATE TYPE mg_enum_${i} AS ENUM (SELECT DISTINCT ${plan.enumOf} FROM ${src} WHERE ${ident(c.name)} IS NOT NULL)`);
        const values = await conn.runAndReadAll(`SELECT unnest(enum_range(NULL::mg_enum_${i}))::VARCHAR`);
        dictionaries[i] = (values.getColumns()[0] ?? []).map(String);
        if (dictionaries[i]!.length <= POSITION_LOOKUP_MAX) Object.assign(plan, { expr: positionExpr(plan.enumOf, `mg_enum_${i}`), positions: true });
      }
      plans.push(plan);
    }
    const builders = request.map((c) => out.columns.find((b) => b.name === c.name)!);
    const exprs: string[] = [];
    const copiers: Copier[] = [];
    const presence: { expr: string; builder: PresenceBuilder }[] = [];
    const presenceNames = footerPresence ? request.filter((_, k) => plans[k]!.copy === 'presence').map((c) => c.name) : [];
    const allPresent = await footerNullFree(conn, sqlString(path), schema.map((c) => c.name), presenceNames);
    const fillers: ((n: number) => void)[] = [];
    plans.forEach((p, k) => {
      if (p.copy === 'presence' && allPresent.has(request[k]!.name)) fillers.push(onesFiller(builders[k] as PresenceBuilder));
      else if (p.copy === 'presence') presence.push({ expr: p.expr, builder: builders[k] as PresenceBuilder });
      else {
        exprs.push(p.expr);
        copiers.push(copier(path, p.copy, builders[k]!, dictionaries[k] ?? [], p.positions === true));
      }
    });
    for (let at = 0; at < presence.length; at += PRESENCE_BITS) {
      const pack = presence.slice(at, at + PRESENCE_BITS);
      exprs.push(pack.map((c, bit) => `(${c.expr}::UINTEGER << ${bit})`).join(' | '));
      copiers.push(presenceBitsCopier(pack.map((c) => c.builder)));
    }
    const select = exprs.join(', ') || '1';
    const result = await conn.stream(`SELECT ${select} FROM ${src}`);
    const release = chunkReleaser();
    // One fetch always in flight: DuckDB produces the next chunk while this one is copied and the
    // caller folds its batch (awaiting each fetch only after that work left the main thread idle).
    pending = result.fetchChunk();
    for (;;) {
      const chunk = await pending;
      pending = null;
      if (!chunk || chunk.rowCount === 0) break;
      pending = result.fetchChunk();
      const n = chunk.rowCount;
      const first = out.rows;
      for (let k = 0; k < copiers.length; k++) copiers[k]!(chunk.getColumnVector(k), n, first);
      for (const fill of fillers) fill(n);
      out.rows += n;
      release();
      yield;
    }
    if (!hashing) return null;
    const facts = await hashing;
    return { ...facts, ...(compression ? { compression } : {}) };
  } catch (err) {
    throw parquetError(path, err, `data pages of columns ${request.slice(0, 6).map((c) => c.name).join(', ')}${request.length > 6 ? ', ...' : ''}`);
  } finally {
    // Stopped early (an error, or the caller closed the scan): let the fetch in flight finish
    // before the connection and instance it runs on are closed.
    if (pending) await pending.catch(() => undefined);
    conn.closeSync();
    instance.closeSync();
  }
}
