#!/usr/bin/env node
/**
 * Converts one CSV into every dataset format modelgate reads, so tests (and benchmarks) can check
 * that the same data gives the same Dataset whatever the format.
 *
 *   node scripts/write-formats.mjs <in.csv> <outDir> <baseName> [--row-group-size N] [--no-arrow]
 *   node scripts/write-formats.mjs --make-sample fixtures/data/sample.csv   (the committed fixture)
 *
 * Parquet comes from DuckDB COPY (snappy, zstd, gzip; integer columns as BIGINT, as pandas writes
 * them; several row groups), Arrow IPC from apache-arrow (file format with dictionary-encoded
 * strings, stream format with plain Utf8), plus JSONL, TSV and .csv.gz.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import {
  Bool, Dictionary, Float64, Int32, Int64, Table, Utf8, tableToIPC, vectorFromArray,
  RecordBatchStreamWriter, compressionRegistry, CompressionType,
} from 'apache-arrow';

const sql = (s) => `'${s.replaceAll("'", "''")}'`;

async function withDuck(fn) {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const conn = await instance.connect();
  try {
    return await fn(conn);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/** Reads the CSV once into DuckDB; returns column names, DuckDB types and JS column arrays. */
async function loadColumns(conn, csvPath) {
  await conn.run(`CREATE OR REPLACE TABLE t AS SELECT * FROM read_csv(${sql(csvPath)}, header = true, auto_detect = true, sample_size = -1)`);
  const described = (await conn.runAndReadAll('DESCRIBE t')).getRowObjects();
  const names = described.map((r) => String(r.column_name));
  const types = described.map((r) => String(r.column_type));
  const columns = (await conn.runAndReadAll('SELECT * FROM t')).getColumns();
  return { names, types, columns };
}

function arrowVector(values, duckType, dictionaryStrings) {
  switch (duckType) {
    case 'BIGINT': return vectorFromArray(values, new Int64());
    case 'INTEGER': return vectorFromArray(values, new Int32());
    case 'DOUBLE': return vectorFromArray(values, new Float64());
    case 'BOOLEAN': return vectorFromArray(values, new Bool());
    case 'VARCHAR': return vectorFromArray(values, dictionaryStrings ? new Dictionary(new Utf8(), new Int32()) : new Utf8());
    default: throw new Error(`write-formats: no Arrow mapping for DuckDB type ${duckType}`);
  }
}

/** A table of several record batches (slices share the dictionaries, as the file format requires). */
function arrowTable({ names, types, columns }, dictionaryStrings, batchRows) {
  const whole = new Table(Object.fromEntries(names.map((n, i) => [n, arrowVector(columns[i], types[i], dictionaryStrings)])));
  const batches = [];
  for (let at = 0; at < whole.numRows; at += batchRows) batches.push(...whole.slice(at, at + batchRows).batches);
  return new Table(batches);
}

const jsonValue = (v) => (typeof v === 'bigint' ? Number(v) : v);

function jsonl({ names, columns }) {
  const rows = columns[0]?.length ?? 0;
  let out = '';
  for (let r = 0; r < rows; r++) {
    const obj = {};
    names.forEach((n, c) => (obj[n] = jsonValue(columns[c][r])));
    out += JSON.stringify(obj) + '\n';
  }
  return out;
}

/**
 * Writes <baseName>.{snappy,zstd,gzip}.parquet, .arrow (file), .arrows (stream), .jsonl, .tsv and
 * .csv.gz into outDir. Returns the written paths by kind.
 */
export async function writeAllFormats(csvPath, outDir, baseName, { rowGroupSize = 64, arrow = true } = {}) {
  const out = (ext) => join(outDir, `${baseName}.${ext}`);
  const paths = {};
  await withDuck(async (conn) => {
    const data = await loadColumns(conn, csvPath);
    for (const codec of ['snappy', 'zstd', 'gzip']) {
      paths[`parquet-${codec}`] = out(`${codec}.parquet`);
      await conn.run(`COPY t TO ${sql(paths[`parquet-${codec}`])} (FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE ${rowGroupSize})`);
    }
    paths.tsv = out('tsv');
    await conn.run(`COPY t TO ${sql(paths.tsv)} (FORMAT csv, DELIMITER '\t', HEADER true)`);
    paths.jsonl = out('jsonl');
    writeFileSync(paths.jsonl, jsonl(data));
    if (arrow) {
      paths['arrow-file'] = out('arrow');
      writeFileSync(paths['arrow-file'], tableToIPC(arrowTable(data, true, rowGroupSize), 'file'));
      paths['arrow-stream'] = out('arrows');
      writeFileSync(paths['arrow-stream'], tableToIPC(arrowTable(data, false, rowGroupSize), 'stream'));
    }
  });
  paths['csv-gz'] = out('csv.gz');
  writeFileSync(paths['csv-gz'], gzipSync(readFileSync(csvPath)));
  return paths;
}

/**
 * A valid ZSTD frame built from raw and RLE blocks only (no entropy coding), so this script needs no
 * compressor. Runs of one byte become RLE blocks, which makes most Arrow buffers smaller; apache-arrow
 * stores a buffer uncompressed when the codec does not shrink it, so RLE is what forces real decoding.
 */
export function zstdRle(bytes) {
  const parts = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0xe0])]; // magic; single segment, 8-byte content size
  const size = Buffer.alloc(8);
  size.writeBigUInt64LE(BigInt(bytes.length));
  parts.push(size);
  const blocks = [];
  const MAX = 128 * 1024;
  let at = 0;
  let rawStart = 0;
  const flushRaw = (to) => {
    for (let s = rawStart; s < to; s += MAX) blocks.push({ type: 0, from: s, n: Math.min(MAX, to - s) });
  };
  while (at < bytes.length) {
    let run = 1;
    while (at + run < bytes.length && run < MAX && bytes[at + run] === bytes[at]) run++;
    if (run >= 8) {
      flushRaw(at);
      blocks.push({ type: 1, from: at, n: run });
      rawStart = at + run;
    }
    at += run;
  }
  flushRaw(bytes.length);
  blocks.forEach((b, i) => {
    const header = (b.n << 3) | (b.type << 1) | (i === blocks.length - 1 ? 1 : 0);
    parts.push(Buffer.from([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff]));
    parts.push(b.type === 1 ? Buffer.from([bytes[b.from]]) : Buffer.from(bytes.subarray(b.from, b.from + b.n)));
  });
  return new Uint8Array(Buffer.concat(parts));
}

/** An Arrow IPC stream whose record batches are ZSTD-compressed (raw and RLE blocks). */
export async function writeZstdArrowStream(csvPath, outPath) {
  const previous = compressionRegistry.get(CompressionType.ZSTD);
  compressionRegistry.set(CompressionType.ZSTD, { encode: zstdRle, decode: () => { throw new Error('not used'); } });
  try {
    await withDuck(async (conn) => {
      const table = arrowTable(await loadColumns(conn, csvPath), false, 1 << 30);
      const writer = new RecordBatchStreamWriter({ compressionType: CompressionType.ZSTD });
      writer.write(table);
      writeFileSync(outPath, await writer.toUint8Array());
    });
  } finally {
    compressionRegistry.set(CompressionType.ZSTD, previous);
  }
}

/** The committed fixture: 240 deterministic rows with quotes, commas, unicode, missing values. */
export function makeSampleCsv(path, rows = 240) {
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const groups = ['White', 'Black', 'Asian, Pacific', 'He said "hi"', 'Māori', ''];
  const lines = ['id,label,prediction,score,race,sex,flag,feature'];
  for (let i = 0; i < rows; i++) {
    const label = rand() < 0.35 ? 1 : 0;
    const score = Math.min(1, Math.max(0, 0.3 * label + 0.7 * rand()));
    const race = groups[Math.floor(rand() * groups.length)];
    const quoted = /[",\n]/.test(race) ? `"${race.replaceAll('"', '""')}"` : race;
    const scoreText = i % 37 === 5 ? '' : score.toFixed(6);
    const feature = ((rand() - 0.5) * 1000).toFixed(3);
    lines.push([1000 + i, label, score >= 0.5 ? 1 : 0, scoreText, quoted, rand() < 0.5 ? 'Male' : 'Female', rand() < 0.5, feature].join(','));
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

async function main(argv) {
  if (argv[0] === '--make-sample') {
    makeSampleCsv(argv[1]);
    return;
  }
  const [csvPath, outDir, baseName, ...rest] = argv;
  if (!csvPath || !outDir || !baseName) {
    console.error('usage: write-formats.mjs <in.csv> <outDir> <baseName> [--row-group-size N] [--no-arrow] [--zstd-arrow FILE]');
    process.exit(2);
  }
  const rg = rest.indexOf('--row-group-size');
  const paths = await writeAllFormats(csvPath, outDir, baseName, {
    rowGroupSize: rg >= 0 ? Number(rest[rg + 1]) : 64,
    arrow: !rest.includes('--no-arrow'),
  });
  const z = rest.indexOf('--zstd-arrow');
  if (z >= 0) await writeZstdArrowStream(csvPath, rest[z + 1]);
  console.log(JSON.stringify(paths, null, 2));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main(process.argv.slice(2));

