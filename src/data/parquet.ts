/**
 * Parquet reader on DuckDB: only the requested columns are scanned, chunk by chunk, and copied out
 * of DuckDB's vectors into the shared builders. Strings are dictionary-coded inside DuckDB by
 * casting to an ENUM built from the column's distinct values, so no per-row string crosses into JS.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { DataError } from '../errors.js';
import type { CategoryBuilder, DatasetBuilder, NumberBuilder, PresenceBuilder } from './builders.js';
import type { ColumnRequest, ColumnSchema, ColumnType } from './dataset.js';
import { forEachMissing, isValid, vectorItems, vectorValidity } from './duckdb-vectors.js';
import { chunkReleaser } from './chunk-release.js';
import { hashFileInWorker } from './hash-file.js';
import { parseNumberText } from './number-text.js';
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

export async function openParquet(path: string): Promise<FormatReader> {
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
    fill: (out, request, hash) => fillParquet(path, src, schema, duckTypes, compression, out, request, hash),
  };
}

/** How one requested column is selected and copied. */
interface Plan {
  expr: string;
  copy: 'double' | 'double-category' | 'int-category' | 'code-category' | 'code-number' | 'presence';
  /** For code-*: the text whose distinct values make the ENUM (the column's dictionary). */
  enumOf?: string;
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
      }
      plans.push(plan);
    }
    const builders = request.map((c) => out.columns.find((b) => b.name === c.name)!);
    const exprs: string[] = [];
    const copiers: Copier[] = [];
    const presence: { expr: string; builder: PresenceBuilder }[] = [];
    plans.forEach((p, k) => {
      if (p.copy === 'presence') presence.push({ expr: p.expr, builder: builders[k] as PresenceBuilder });
      else {
        exprs.push(p.expr);
        copiers.push(copier(path, p, builders[k]!, dictionaries[k] ?? []));
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

type Copier = (vector: Parameters<typeof vectorItems>[0], n: number, firstRow: number) => void;

/**
 * Presence-only columns (MG501's features) travel as bits of one UINTEGER column per 32 of them:
 * one DuckDB vector to read out per chunk instead of one per column. DuckDB folds `x IS NOT NULL` of
 * a column whose statistics show no nulls to a constant, so such columns cost it nothing either.
 */
const PRESENCE_BITS = 32;

function presenceBitsCopier(bs: PresenceBuilder[]): Copier {
  for (const b of bs) if (b.kind !== 'presence') throw new Error('internal: builder mismatch');
  return (v, n) => {
    const items = vectorItems(v) as Uint32Array;
    let all = -1;
    let any = 0;
    for (let j = 0; j < n; j++) {
      all &= items[j]!;
      any |= items[j]!;
    }
    for (let bit = 0; bit < bs.length; bit++) {
      const b = bs[bit]!;
      const i0 = b.reserve(n);
      const valid = b.valid;
      // A column present (or missing) in the whole chunk is one fill; only mixed chunks go row by row.
      if ((all >>> bit) & 1) valid.fill(1, i0, i0 + n);
      else if (((any >>> bit) & 1) === 0) valid.fill(0, i0, i0 + n);
      else for (let j = 0; j < n; j++) valid[i0 + j] = (items[j]! >>> bit) & 1;
      b.length += n;
    }
  };
}

function copier(path: string, plan: Plan, b: DatasetBuilder['columns'][number], values: string[]): Copier {
  if (plan.copy === 'presence') throw new Error('internal: presence columns are copied as bits');
  if (plan.copy === 'double') return doubleCopier(b as NumberBuilder);
  const cat = b as CategoryBuilder;
  if (plan.copy === 'double-category') {
    const seen = new Map<number, number>();
    return (v, n) => {
      const items = vectorItems(v) as Float64Array;
      const words = vectorValidity(v);
      const i0 = cat.reserve(n);
      for (let j = 0; j < n; j++) {
        if (words && !isValid(words, j)) {
          cat.codes[i0 + j] = -1;
          continue;
        }
        const x = items[j]!;
        let code = seen.get(x);
        if (code === undefined) seen.set(x, (code = cat.codeOf(String(x))));
        cat.codes[i0 + j] = code;
      }
      cat.length += n;
    };
  }
  if (plan.copy === 'int-category') return intCategoryCopier(cat);
  // Enum codes index DuckDB's distinct list; map them to first-appearance codes in our dictionary.
  const remap = new Int32Array(values.length).fill(-1);
  if (plan.copy === 'code-category') {
    return (v, n) => {
      const items = vectorItems(v) as Uint32Array;
      const words = vectorValidity(v);
      const i0 = cat.reserve(n);
      for (let j = 0; j < n; j++) {
        if (words && !isValid(words, j)) {
          cat.codes[i0 + j] = -1;
          continue;
        }
        const e = items[j]!;
        let code = remap[e]!;
        if (code < 0) code = remap[e] = cat.codeOf(values[e]!);
        cat.codes[i0 + j] = code;
      }
      cat.length += n;
    };
  }
  const num = b as NumberBuilder;
  const numbers = values.map((s) => parseNumberText(s));
  return (v, n, firstRow) => {
    const items = vectorItems(v) as Uint32Array;
    const words = vectorValidity(v);
    const i0 = num.reserve(n);
    for (let j = 0; j < n; j++) {
      if (words && !isValid(words, j)) {
        num.setMissing(i0 + j);
        continue;
      }
      const x = numbers[items[j]!];
      if (x === undefined) {
        const text = values[items[j]!]!;
        throw new DataError({ file: path, row: firstRow + j + 1, field: num.name, message: `expected a number, got ${JSON.stringify(text)}` });
      }
      num.values[i0 + j] = x;
    }
    num.commit(n);
  };
}

function doubleCopier(num: NumberBuilder): Copier {
  return (v, n) => {
    const items = vectorItems(v) as Float64Array;
    const words = vectorValidity(v);
    const i0 = num.reserve(n);
    num.values.set(items.subarray(0, n), i0);
    if (words) forEachMissing(words, n, (j) => num.setMissing(i0 + j));
    num.commit(n);
  };
}

function intCategoryCopier(cat: CategoryBuilder): Copier {
  const seen = new Map<number, number>();
  return (v, n) => {
    const items = vectorItems(v) as BigInt64Array;
    const words32 = new Int32Array(items.buffer, items.byteOffset, n * 2);
    const valid = vectorValidity(v);
    const i0 = cat.reserve(n);
    for (let j = 0; j < n; j++) {
      if (valid && !isValid(valid, j)) {
        cat.codes[i0 + j] = -1;
        continue;
      }
      const x = words32[2 * j + 1]! * 4294967296 + (words32[2 * j]! >>> 0);
      let code = seen.get(x);
      if (code === undefined) {
        // Beyond 2^53 the double is not the integer: print the exact 64-bit value.
        code = cat.codeOf(Number.isSafeInteger(x) ? String(x) : String(items[j]));
        if (Number.isSafeInteger(x)) seen.set(x, code);
      }
      cat.codes[i0 + j] = code;
    }
    cat.length += n;
  };
}
