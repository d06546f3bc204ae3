/**
 * The two-thread CSV reader, for large uncompressed files read without hashing (a scan): a worker
 * thread (csv-worker.ts) and this thread parse chunks of the file speculatively (csv-chunk.ts), and
 * this thread takes them in file order. A chunk is taken only when this thread's own parse stands
 * exactly at the chunk's first byte between two records (not inside a quoted field) and the chunk
 * was plain records throughout; its columns are copied into the builders and its local category
 * codes mapped to the global ones in first-appearance order, so dictionaries and codes are those a
 * single-threaded read gives. Every other stretch of the file is parsed here by the sequential
 * reader's code (CsvRecords), so its values and errors, with their line and row numbers, are the
 * same. The reader also yields at exactly the sequential reader's points (where each fill of its
 * work buffer would end), so batches, and which error comes first, do not change either.
 */
import type { CategoryBuilder, DatasetBuilder } from './builders.js';
import type { ByteSource } from './byte-source.js';
import type { ChunkPlan, ChunkResult } from './csv-chunk.js';
import { ChunkPool } from './csv-chunk-pool.js';
import type { CsvRecords } from './csv-records.js';
import type { ColumnRequest, ColumnSchema } from './dataset.js';

/** When and how the two-thread reader runs. Tests change these; the product never does. */
export const csvParallel = {
  /** Smaller files take the sequential reader (a worker's start costs ~30 ms). */
  minBytes: 64 * 1024 * 1024,
  chunkBytes: 4 * 1024 * 1024,
  /** Chunks parsed ahead of the one being taken (each holds its columns until taken). */
  ahead: 4,
  /** The worker's entry (from dist/ or the bundle alike: see scripts/bundle.mjs); null = none. */
  workerUrl: new URL('./csv-worker.js', import.meta.url) as URL | null,
  /** The work buffer's size for both readers (0 = ByteSource's default). */
  bufferBytes: 0,
  /** False: this thread leaves every chunk to a live worker (tests of the worker's results). */
  readerParses: true,
};

/** What the last reads did with their chunks (tests check the worker took part). */
export const csvParallelCounts = { worker: 0, taken: 0, passed: 0 };
type PlainChunk = Extract<ChunkResult, { plain: true }>;

/** A plain chunk being taken, possibly over several of the sequential reader's buffer fills. */
interface Taking {
  r: PlainChunk;
  /** Rows and blank lines taken so far, and the file offset after them. */
  row: number;
  blank: number;
  pos: number;
  /** Per request slot of a category: local code -> global code, for the first `mapped` codes. */
  maps: ({ map: Int32Array; mapped: number } | null)[];
}

/** Index of the first row in [lo, hi) whose end (rowEnds) is above `limit` (ends ascend). */
function rowsUpTo(ends: Int32Array, lo: number, hi: number, limit: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ends[mid]! <= limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Takes the rows and blank lines of `t` that end at or before file offset `limit`; true when all are taken. */
function take(t: Taking, limit: number, rec: CsvRecords, out: DatasetBuilder): boolean {
  const { r } = t;
  const all = r.end <= limit;
  const rowTo = all ? r.rows : rowsUpTo(r.rowEnds, t.row, r.rows, limit - r.base);
  let blankTo = t.blank;
  while (blankTo < r.blankEnds.length && (all || r.blankEnds[blankTo]! <= limit)) blankTo++;
  const a = t.row;
  const n = rowTo - a;
  if (n > 0) {
    rec.builders.forEach((b, k) => {
      const col = r.columns[k]!;
      const at = b.reserve(n);
      if (b.kind === 'number' && col.kind === 'number') {
        b.values.set(col.values.subarray(a, rowTo), at);
        const valid = col.valid;
        if (valid) for (let i = a; i < rowTo; i++) if (valid[i] === 0) b.setMissing(at + i - a);
      } else if (b.kind === 'presence' && col.kind === 'presence') {
        b.valid.set(col.valid.subarray(a, rowTo), at);
      } else if (b.kind === 'category' && col.kind === 'category') {
        mapCodes(b, col.codes, col.dictionary, (t.maps[k] ??= { map: new Int32Array(col.dictionary.length), mapped: 0 }), a, rowTo, at);
      } else throw new Error(`internal: chunk column ${k} is ${col.kind}, builder ${b.name} is ${b.kind}`);
      b.length = at + n;
    });
    out.rows += n;
    rec.tok.records += n;
    t.pos = Math.max(t.pos, r.base + r.rowEnds[rowTo - 1]!);
  }
  rec.tok.line += n + blankTo - t.blank;
  if (blankTo > t.blank) t.pos = Math.max(t.pos, r.blankEnds[blankTo - 1]!);
  t.row = rowTo;
  t.blank = blankTo;
  if (all) t.pos = r.end;
  return all;
}

/**
 * Local codes of rows [a, b) to global ones at `at`. Local codes are numbered in order of first
 * appearance, so a code not mapped yet is the next one or later: mapping every code up to it, in
 * order, adds the new values to the dictionary in the order a sequential read meets them.
 */
function mapCodes(b: CategoryBuilder, local: Int32Array, dictionary: readonly string[], m: { map: Int32Array; mapped: number }, a: number, end: number, at: number): void {
  const codes = b.codes;
  const map = m.map;
  for (let i = a; i < end; i++) {
    const c = local[i]!;
    if (c < 0) codes[at + i - a] = -1;
    else {
      while (m.mapped <= c) map[m.mapped] = b.codeOf(dictionary[m.mapped++]!);
      codes[at + i - a] = map[c]!;
    }
  }
}

/**
 * When a buffer fill ends inside a row, the sequential reader's fast loop has already looked up the
 * category fields of that row that end before the fill does (then it stops, and takes the row
 * after the refill): their values are in the dictionaries at the yield. The same here, from the
 * row's bytes up to the fill's end (a plain row: each delimiter ends a field).
 */
async function crossingRow(t: Taking, limit: number, src: ByteSource, rec: CsvRecords, fieldOf: readonly number[], delimiter: number): Promise<void> {
  const { r } = t;
  if (t.row >= r.rows || t.pos >= limit) return;
  // The line across the fill's end is a blank line when one ends before the row does.
  if (t.blank < r.blankEnds.length && r.blankEnds[t.blank]! <= r.base + r.rowEnds[t.row]!) return;
  let fields = -1;
  for (let k = 0; k < rec.builders.length; k++) {
    const b = rec.builders[k]!;
    const col = r.columns[k]!;
    if (b.kind !== 'category' || col.kind !== 'category') continue;
    const c = col.codes[t.row]!;
    const m = (t.maps[k] ??= { map: new Int32Array(col.dictionary.length), mapped: 0 });
    if (c < m.mapped) continue; // empty, or already in the dictionary
    if (fields < 0) {
      const bytes = await src.peek(t.pos, limit - t.pos);
      fields = 0;
      for (let i = bytes.indexOf(delimiter); i >= 0; i = bytes.indexOf(delimiter, i + 1)) fields++;
    }
    if (fieldOf[k]! < fields) while (m.mapped <= c) m.map[m.mapped] = b.codeOf(col.dictionary[m.mapped++]!);
  }
}

export async function* fillCsvParallel(
  src: ByteSource,
  bodyStart: number,
  rec: CsvRecords,
  ctx: { path: string; delimiter: number; schema: readonly ColumnSchema[]; request: readonly ColumnRequest[]; out: DatasetBuilder },
): AsyncGenerator<void, null> {
  const { out } = ctx;
  const size = src.fileSize;
  const C = csvParallel.chunkBytes;
  const chunks = Math.ceil(size / C);
  const s = src.state;
  const slotOf = new Map(ctx.request.map((c, slot) => [c.name, slot]));
  const plan: ChunkPlan = {
    path: ctx.path,
    size,
    chunkBytes: C,
    // A chunk taken across a buffer fill's end then leaves at most half the buffer to keep: the
    // sequential reader's buffer would not have grown there either.
    maxLine: Math.min(Math.floor(s.buf.length / 2), 1024 * 1024),
    delimiter: ctx.delimiter,
    want: ctx.schema.map((c) => slotOf.get(c.name) ?? -1),
    slots: ctx.request.map((c) => ({ as: c.as, type: ctx.schema.find((x) => x.name === c.name)!.type })),
  };
  const fieldOf = ctx.request.map((c) => ctx.schema.findIndex((x) => x.name === c.name));
  const pool = new ChunkPool(plan, chunks, csvParallel.ahead, csvParallel.workerUrl, csvParallel.readerParses);
  try {
    // The sequential reader's buffer fill ("window") is file bytes [start, start + buffer length - 1),
    // each starting where the last complete record of the one before ended. `loaded`: the work
    // buffer holds the window's bytes from `pos` on (else they are read when needed).
    let start = 0;
    let loaded = true;
    let pos = bodyStart;
    let j = 1; // the next chunk to take or pass
    let taking: Taking | null = null;
    for (;;) {
      const windowEnd = start + s.buf.length - 1;
      const last = windowEnd > size;
      const end = last ? size : windowEnd;
      while (taking || pos < end) {
        if (taking) {
          if (!take(taking, last ? Infinity : end, rec, out)) {
            await crossingRow(taking, end, src, rec, fieldOf, ctx.delimiter);
            pos = taking.pos;
            break; // the window ends inside the chunk
          }
          pos = taking.pos;
          taking = null;
          j++;
          continue;
        }
        if (j >= chunks || pos < j * C) {
          // Up to chunk j (or the end) on this thread, as the sequential reader does.
          if (!loaded) {
            await src.loadWindow(start, pos);
            loaded = true;
          }
          const stop = j >= chunks ? Infinity : j * C - start;
          const p = rec.parse(s, pos - start, stop);
          pos = start + p;
          if (p < s.end && p < stop) break; // an unfinished record: the window ends
          continue;
        }
        const r = await pool.get(j);
        if (r.plain && r.start === pos) {
          taking = { r, row: 0, blank: 0, pos, maps: [] };
          csvParallelCounts.taken++;
        } else {
          j++; // this thread parses the chunk's lines itself
          csvParallelCounts.passed++;
        }
      }
      if (last) break;
      // Bytes per row so far: whoever keeps every row sizes its buffers once (builders.ts).
      out.estimate(src.estimateRowsAt(rec.tok.records, pos));
      yield;
      // A record cut by the fill's end, parsed here: refill as the sequential reader does (growing
      // the buffer for a long record). Otherwise the next window is read only if this thread parses in it.
      if (loaded && !taking && pos < end) await src.refill(pos - start);
      else loaded = false;
      start = pos;
    }
    yield;
    return null;
  } finally {
    csvParallelCounts.worker += pool.fromWorker;
    pool.close();
  }
}
