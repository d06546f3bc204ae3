/**
 * Streams a text dataset's bytes into one reusable work buffer, hashing the file bytes (compressed
 * bytes for .gz, since MG102 compares the file as stored) in the same pass. The text readers parse
 * complete records from the buffer and hand back the unparsed tail, which moves to the front.
 */
import { createHash, type Hash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { createGunzip, type Gunzip } from 'node:zlib';
import { DataError, describeFsError } from '../errors.js';

const CHUNK = 8 * 1024 * 1024;
/** Longest record (line, or quoted field spanning lines) accepted before giving up. */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

export interface TextChunks {
  /** The work buffer; valid bytes are [0, end). */
  buf: Buffer;
  end: number;
  /** True once the file is exhausted: [0, end) is the last of it. */
  eof: boolean;
}

export class ByteSource {
  private readonly hash: Hash = createHash('sha256');
  private fileBytes = 0;
  /** File offset of the next raw read (= fileBytes unless `loadWindow` moved it). */
  private readPos = 0;
  /** The file's size at open (uncompressed sources only; 0 = unknown). */
  private size = 0;
  private inflated = 0;
  private fh: FileHandle | null = null;
  private gunzip: AsyncIterator<Buffer> | null = null;
  private pending: Buffer | null = null;
  private gz: Gunzip | null = null;
  readonly state: TextChunks;

  private constructor(
    readonly path: string,
    private readonly gzip: boolean,
    private readonly hashing: boolean,
    bufferBytes: number,
  ) {
    this.state = { buf: Buffer.allocUnsafe(bufferBytes), end: 0, eof: false };
  }

  /**
   * `hash` = false skips the sha256 (a scan, whose caller hashes the file on a worker thread):
   * on the main thread it cost ~0.35 s per 240 MB. `bufferBytes`: the work buffer's first size
   * (tests use small ones to cross many buffer fills).
   */
  static async open(path: string, gzip: boolean, hash = true, bufferBytes = CHUNK): Promise<ByteSource> {
    const src = new ByteSource(path, gzip, hash, bufferBytes);
    try {
      src.fh = await open(path, 'r');
      if (!gzip) src.size = (await src.fh.stat()).size;
    } catch (err) {
      throw describeFsError(path, err);
    }
    if (gzip) {
      src.gz = createGunzip({ chunkSize: 1024 * 1024 });
      src.gunzip = src.gz[Symbol.asyncIterator]();
      void src.pumpCompressed();
    }
    return src;
  }

  /**
   * Keeps bytes [keepFrom, end) at the front and fills the rest of the buffer but its last byte, so
   * a reader may write a sentinel at `end` (CsvFastRows). Grows the buffer when the kept tail (one
   * unfinished record) fills most of it.
   */
  async refill(keepFrom: number): Promise<void> {
    const s = this.state;
    const kept = s.end - keepFrom;
    if (kept > MAX_RECORD_BYTES) throw new Error('internal: record limit must be checked by the parser');
    if (kept > s.buf.length / 2) {
      // Capped just past the record limit: the parser refuses longer records before we grow again.
      const bigger = Buffer.allocUnsafe(Math.min(s.buf.length * 2, MAX_RECORD_BYTES + CHUNK));
      s.buf.copy(bigger, 0, keepFrom, s.end);
      s.buf = bigger;
    } else if (keepFrom > 0) s.buf.copy(s.buf, 0, keepFrom, s.end);
    s.end = kept;
    while (s.end < s.buf.length - 1 && !s.eof) {
      const got = this.gzip ? await this.readInflated(s.buf, s.end) : await this.readRaw(s.buf, s.end);
      if (got === 0) s.eof = true;
      s.end += got;
    }
  }

  /**
   * Makes the work buffer the window a sequential read would hold when it starts at file offset
   * `start` (bytes [start, start + buffer length - 1) of the file, `eof` as `refill` sets it),
   * reading only its bytes from `from` on: [0, from - start) is left as it was, and must not be
   * read. For uncompressed sources that are not hashed (the two-thread CSV reader skips the parse
   * worker's stretches of the file).
   */
  async loadWindow(start: number, from: number): Promise<void> {
    if (this.gzip || this.hashing || from < start || from - start >= this.state.buf.length - 1) throw new Error('internal: loadWindow');
    const s = this.state;
    s.end = from - start;
    s.eof = false;
    this.readPos = from;
    while (s.end < s.buf.length - 1 && !s.eof) {
      const got = await this.readRaw(s.buf, s.end);
      if (got === 0) s.eof = true;
      s.end += got;
    }
  }

  /** Up to `length` bytes of the file from `position`, read apart from the work buffer (uncompressed sources). */
  async peek(position: number, length: number): Promise<Buffer> {
    if (this.gzip) throw new Error('internal: peek into a gzip source');
    const buf = Buffer.allocUnsafe(length);
    let got = 0;
    while (got < length) {
      const { bytesRead } = await this.fh!.read(buf, got, length - got, position + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return buf.subarray(0, got);
  }

  /** The file's size at open (0 for gzip: unknown). */
  get fileSize(): number {
    return this.size;
  }

  private async readRaw(buf: Buffer, at: number): Promise<number> {
    const { bytesRead } = await this.fh!.read(buf, at, buf.length - 1 - at, this.readPos); // the last byte: see refill
    if (bytesRead > 0) {
      if (this.hashing) this.hash.update(buf.subarray(at, at + bytesRead));
      this.fileBytes += bytesRead;
      this.readPos += bytesRead;
    }
    return bytesRead;
  }

  private async readInflated(buf: Buffer, at: number): Promise<number> {
    if (!this.pending || this.pending.length === 0) {
      let next: IteratorResult<Buffer>;
      try {
        next = await this.gunzip!.next();
      } catch (err) {
        // Where: the decompressed bytes handed out so far, and how much of the file gunzip had consumed.
        throw new DataError({ file: this.path, message: `cannot decompress gzip data: ${(err as Error).message} (after ${this.inflated} decompressed bytes; ${this.fileBytes} of the file's bytes read)` });
      }
      if (next.done) return 0;
      this.pending = next.value;
    }
    const n = Math.min(this.pending.length, buf.length - 1 - at); // the last byte: see refill
    this.inflated += n;
    this.pending.copy(buf, at, 0, n);
    this.pending = this.pending.subarray(n);
    return n;
  }

  /** Feeds the raw file into gunzip, hashing it, with backpressure. */
  private async pumpCompressed(): Promise<void> {
    const gz = this.gz!;
    const raw = Buffer.allocUnsafe(CHUNK);
    try {
      for (;;) {
        const n = await this.readRaw(raw, 0);
        if (n === 0) break;
        if (!gz.write(Buffer.from(raw.subarray(0, n)))) await new Promise((r) => gz.once('drain', r));
      }
      gz.end();
    } catch (err) {
      gz.destroy(err as Error);
    }
  }

  /**
   * The file's rows estimated from `rows` records ending at offset `at` of the work buffer: the rows
   * so far plus the bytes left at the bytes per record so far. 0 (unknown) for gzip (the inflated
   * size is not known up front), before any record, or once the file is read. Sizes buffers only.
   */
  estimateRows(rows: number, at: number): number {
    const s = this.state;
    if (s.eof) return 0;
    return this.estimateRowsAt(rows, this.readPos - (s.end - at));
  }

  /** The same estimate from `rows` records ending at file offset `consumed`. */
  estimateRowsAt(rows: number, consumed: number): number {
    if (this.gzip || this.size === 0 || rows <= 0 || consumed <= 0) return 0;
    return rows + (Math.max(this.size - consumed, 0) * rows) / consumed;
  }

  /** sha256 and byte count of the file as stored; only meaningful after the last refill. */
  digest(): { sha256: string; bytes: number } {
    if (!this.hashing) throw new Error('internal: digest of a source opened without hashing');
    return { sha256: this.hash.digest('hex'), bytes: this.fileBytes };
  }

  async close(): Promise<void> {
    this.gz?.destroy();
    await this.fh?.close().catch(() => undefined);
    this.fh = null;
  }
}
