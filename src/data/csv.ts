/**
 * CSV/TSV reader: streams the file through the byte tokenizer, converting only requested fields.
 * The header and the first rows are read once at open time to validate names and sniff types.
 */
import { DataError, type Problem } from '../errors.js';
import type { DatasetBuilder } from './builders.js';
import { ByteSource } from './byte-source.js';
import { fillCsvParallel, csvParallel } from './csv-parallel.js';
import { csvFastLoop, CsvRecords } from './csv-records.js';
import { CsvTokenizer, fieldText } from './csv-tokenizer.js';
import type { ColumnRequest, ColumnSchema, ColumnType } from './dataset.js';
import type { FileFacts, FormatReader } from './source.js';
import { sniffTextType, mergeTextType } from './sniff.js';

const SNIFF_ROWS = 1000;

export { csvFastLoop } from './csv-records.js';
export { csvParallel } from './csv-parallel.js';

export interface CsvOptions {
  format: 'csv' | 'tsv';
  gzip: boolean;
}

interface Header {
  names: string[];
  /** Offset just past the header (and BOM) in the first buffer fill. */
  bodyStart: number;
  bodyLine: number;
}

function hasBom(buf: Buffer, end: number): boolean {
  return end >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
}

/** Reads the header record, refilling until it is complete. */
async function readHeader(path: string, src: ByteSource, delimiter: number): Promise<{ header: Header; tok: CsvTokenizer }> {
  const tok = new CsvTokenizer({ file: path, delimiter, fieldCount: -1, want: null, names: [] });
  const s = src.state;
  await src.refill(0);
  for (;;) {
    const start = hasBom(s.buf, s.end) ? 3 : 0;
    let got = false;
    const next = tok.parse(s.buf.subarray(0, s.end), start, s.end, s.eof, () => (got = true), 1);
    if (got) {
      const names: string[] = [];
      for (let i = 0; i < tok.all.length; i += 3) names.push(fieldText(s.buf, tok.all[i]!, tok.all[i + 1]!, tok.all[i + 2]!));
      return { header: { names, bodyStart: next, bodyLine: tok.line }, tok };
    }
    if (s.eof) throw new DataError({ file: path, message: 'empty file: expected a header row' });
    await src.refill(0); // grows the buffer: the header is longer than one chunk
  }
}

function headerProblems(path: string, names: string[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    if (name.trim() === '') {
      problems.push({
        file: path,
        line: 1,
        message: `header field ${i + 1} is empty: every column needs a name`,
        ...(i === 0 ? { hint: 'a pandas index column? write the file with index=False' } : {}),
      });
    }
    const first = seen.get(name);
    if (first !== undefined && name.trim() !== '') {
      problems.push({ file: path, line: 1, field: name, message: `duplicate column name "${name}" (fields ${first + 1} and ${i + 1})` });
    } else seen.set(name, i);
  });
  return problems;
}

export async function openCsv(path: string, opts: CsvOptions): Promise<FormatReader> {
  const delimiter = opts.format === 'tsv' ? 0x09 : 0x2c;
  const src = await ByteSource.open(path, opts.gzip, false);
  let names: string[];
  const types: ColumnType[] = [];
  try {
    const { header } = await readHeader(path, src, delimiter);
    names = header.names;
    const problems = headerProblems(path, names);
    if (problems.length) throw new DataError(problems);
    // Sniff types from the rows already in the first buffer fill (up to SNIFF_ROWS).
    const s = src.state;
    const tok = new CsvTokenizer({ file: path, delimiter, fieldCount: names.length, want: null, names });
    tok.line = header.bodyLine;
    types.push(...names.map((): ColumnType => 'null'));
    tok.parse(s.buf.subarray(0, s.end), header.bodyStart, s.end, s.eof, () => {
      for (let c = 0, i = 0; i < tok.all.length; c++, i += 3) {
        if (tok.all[i] === tok.all[i + 1]) continue;
        types[c] = mergeTextType(types[c]!, sniffTextType(fieldText(s.buf, tok.all[i]!, tok.all[i + 1]!, tok.all[i + 2]!)));
      }
    }, SNIFF_ROWS);
  } finally {
    await src.close();
  }
  const schema: ColumnSchema[] = names.map((name, i) => ({ name, type: types[i]! }));
  return {
    format: opts.format,
    schema,
    schemaComplete: true,
    fill: (out, request, hash) => fillCsv(path, opts, delimiter, schema, out, request, hash),
  };
}

async function* fillCsv(
  path: string,
  opts: CsvOptions,
  delimiter: number,
  schema: ColumnSchema[],
  out: DatasetBuilder,
  request: ColumnRequest[],
  hash: boolean,
): AsyncGenerator<void, FileFacts | null> {
  const names = schema.map((c) => c.name);
  const src = await ByteSource.open(path, opts.gzip, hash, csvParallel.bufferBytes || undefined);
  try {
    const { header } = await readHeader(path, src, delimiter);
    if (header.names.length !== names.length) throw new DataError({ file: path, message: 'the file changed while it was being read' });
    const records = new CsvRecords(path, delimiter, schema, out, request, header.bodyLine);
    if (!hash && !opts.gzip && csvFastLoop.enabled && src.fileSize >= csvParallel.minBytes) {
      return yield* fillCsvParallel(src, header.bodyStart, records, { path, delimiter, schema, request, out });
    }
    const s = src.state;
    let pos = header.bodyStart;
    for (;;) {
      const p = records.parse(s, pos);
      if (s.eof) break;
      // Bytes per row so far: whoever keeps every row sizes its buffers once (builders.ts).
      out.estimate(src.estimateRows(records.tok.records, p));
      yield;
      await src.refill(p);
      pos = 0;
    }
    yield;
    if (!hash) return null;
    return { ...src.digest(), ...(opts.gzip ? { compression: 'gzip' } : {}) };
  } finally {
    await src.close();
  }
}
