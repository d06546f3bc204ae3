/**
 * Opens a dataset file: picks the reader from the extension, checks the content agrees (magic bytes),
 * and sniffs the content when the extension says nothing. A file whose extension lies is an error
 * that says what the bytes look like, rather than a confusing parse failure later.
 */
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import { DataError, InputFileError, describeFsError } from '../errors.js';
import { openCsv } from './csv.js';
import type { DatasetSource } from './dataset.js';
import { openJsonl } from './jsonl.js';
import { Source, type FormatReader } from './source.js';

type Kind = 'parquet' | 'arrow' | 'feather1' | 'gzip' | 'json' | 'csv' | 'tsv' | 'binary' | 'empty';
type TextFormat = 'csv' | 'tsv' | 'jsonl';

const DESCRIBE: Record<Kind, string> = {
  parquet: 'a Parquet file (PAR1 magic bytes)',
  arrow: 'an Arrow IPC file or stream',
  feather1: 'a Feather v1 file',
  gzip: 'gzip-compressed data',
  json: 'JSON Lines text',
  csv: 'CSV text',
  tsv: 'TSV text',
  binary: 'binary data',
  empty: 'an empty file',
};

const startsWith = (b: Buffer, s: string): boolean => b.subarray(0, s.length).toString('latin1') === s;

/** What the first bytes of a file look like. */
export function sniffKind(head: Buffer): Kind {
  if (head.length === 0) return 'empty';
  if (startsWith(head, 'PAR1')) return 'parquet';
  if (startsWith(head, 'ARROW1')) return 'arrow';
  if (startsWith(head, 'FEA1')) return 'feather1';
  // An IPC stream begins with the continuation marker 0xFFFFFFFF then a message length.
  if (head.length >= 8 && head.readUInt32LE(0) === 0xffffffff) return 'arrow';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.includes(0)) return 'binary';
  let text = head.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const trimmed = text.trimStart();
  if (trimmed === '') return 'empty';
  if (trimmed.startsWith('{')) return 'json';
  const firstLine = trimmed.split('\n')[0]!;
  return (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? 'tsv' : 'csv';
}

async function readEnds(path: string): Promise<{ head: Buffer; tail: Buffer; size: number }> {
  let size: number;
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    // A FIFO or device (`--data /dev/stdin`, a named pipe) would block or never end; each read opens the file anew.
    if (!st.isFile()) throw new InputFileError(path, 'not a regular file (a pipe, socket or device); expected a file');
    size = st.size;
    const fh = await open(path, 'r');
    try {
      const head = Buffer.alloc(Math.min(size, 64 * 1024));
      await fh.read(head, 0, head.length, 0);
      const tail = Buffer.alloc(Math.min(size, 6)); // PAR1 or ARROW1
      await fh.read(tail, 0, tail.length, size - tail.length);
      return { head, tail, size };
    } finally {
      await fh.close();
    }
  } catch (err) {
    if (err instanceof InputFileError) throw err;
    throw describeFsError(path, err);
  }
}

function extensionFormat(name: string): { format: 'parquet' | 'arrow' | TextFormat | null; gzip: boolean } {
  const lower = name.toLowerCase();
  const gzip = lower.endsWith('.gz');
  const base = gzip ? lower.slice(0, -3) : lower;
  const ext = base.includes('.') ? base.slice(base.lastIndexOf('.') + 1) : '';
  const byExt: Record<string, 'parquet' | 'arrow' | TextFormat> = {
    csv: 'csv', tsv: 'tsv', tab: 'tsv', parquet: 'parquet', pq: 'parquet',
    arrow: 'arrow', feather: 'arrow', ipc: 'arrow', arrows: 'arrow', jsonl: 'jsonl', ndjson: 'jsonl',
  };
  return { format: byExt[ext] ?? null, gzip };
}

function mismatch(path: string, expected: string, kind: Kind, extra = '', head?: Buffer): DataError {
  const where = kind === 'binary' && head ? ` (a NUL byte at offset ${head.indexOf(0)})` : '';
  return new DataError({ file: path, message: `not ${expected}${extra}; it looks like ${DESCRIBE[kind]}${where}` });
}

function textFormatOf(kind: Kind): TextFormat | null {
  return kind === 'json' ? 'jsonl' : kind === 'csv' || kind === 'tsv' ? kind : null;
}

async function readerFor(path: string): Promise<FormatReader> {
  const { head, tail, size } = await readEnds(path);
  const kind = sniffKind(head);
  const { format, gzip } = extensionFormat(basename(path));
  if (size === 0 || kind === 'empty') throw new DataError({ file: path, message: 'empty file: expected a header row' });

  if (gzip || (format === null && kind === 'gzip')) {
    if (kind !== 'gzip') throw mismatch(path, 'gzip-compressed data', kind, ' (no gzip magic bytes)');
    if (format === 'parquet' || format === 'arrow') {
      throw new DataError({ file: path, message: `a gzip-compressed ${format === 'parquet' ? 'Parquet' : 'Arrow'} file is not supported; decompress it first` });
    }
    let inner = format;
    if (inner === null) {
      const partial = gunzipSync(head, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
      inner = textFormatOf(sniffKind(partial));
      if (inner === null) throw new DataError({ file: path, message: 'gzip-compressed data that is not CSV, TSV or JSON Lines text' });
    }
    return inner === 'jsonl' ? openJsonl(path, true) : openCsv(path, { format: inner, gzip: true });
  }

  const resolved = format ?? sniffedFormat(path, kind);
  switch (resolved) {
    case 'parquet':
      if (kind !== 'parquet') throw mismatch(path, 'a Parquet file', kind, ' (no PAR1 magic bytes)');
      if (tail.subarray(-4).toString('latin1') !== 'PAR1') {
        throw new DataError({ file: path, message: 'truncated or corrupt Parquet file: no PAR1 magic bytes at the end' });
      }
      // Loaded on demand: DuckDB's native addon costs ~0.15 s and ~60 MiB to load, wasted on CSV.
      return (await import('./parquet.js')).openParquet(path);
    case 'arrow':
      if (kind === 'feather1') throw new DataError({ file: path, message: 'Feather v1 is not supported; write Feather v2 (Arrow IPC)' });
      if (kind !== 'arrow') throw mismatch(path, 'an Arrow IPC file or stream', kind, ' (no ARROW1 magic bytes or stream marker)', head);
      // The file format's schema and batch index are in a footer closed by ARROW1; a cut file has neither.
      if (startsWith(head, 'ARROW1') && tail.toString('latin1') !== 'ARROW1') {
        throw new DataError({ file: path, message: `truncated or corrupt Arrow IPC file: no ARROW1 magic bytes at the end (byte ${size})` });
      }
      return (await import('./arrow.js')).openArrow(path);
    default:
      if (textFormatOf(kind) === null) throw mismatch(path, resolved === 'jsonl' ? 'JSON Lines text' : `${resolved.toUpperCase()} text`, kind, '', head);
      return resolved === 'jsonl' ? openJsonl(path, false) : openCsv(path, { format: resolved, gzip: false });
  }
}

function sniffedFormat(path: string, kind: Kind): 'parquet' | 'arrow' | TextFormat {
  if (kind === 'parquet' || kind === 'arrow') return kind;
  const text = textFormatOf(kind);
  if (text) return text;
  throw new DataError({
    file: path,
    message: `unrecognized dataset format (${DESCRIBE[kind]}); expected CSV, TSV, Parquet, Arrow IPC or JSON Lines`,
  });
}

/** Opens a dataset: header/schema read and checked, no column data read yet. */
export async function openDataset(path: string): Promise<DatasetSource> {
  return new Source(path, await readerFor(path));
}
