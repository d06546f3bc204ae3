/**
 * sha256 of a whole file on a worker thread, so hashing a ~1 GB Parquet/Arrow file overlaps the
 * decode on the main thread instead of adding a second pass after it.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { describeFsError } from '../errors.js';

/**
 * Read size of the hash worker. Reads of at most 128 KiB cost the kernel a quarter of the system
 * time of larger ones (measured on the 1.69 GB bench file, page cache warm, sha256 of 128 KiB-8 MiB
 * reads: 128 KiB 0.13-0.19 s sys, 192 KiB and up 0.56-0.74 s; user time equal at ~1.15 s).
 */
export const READ_BYTES = 128 * 1024;

// Plain CommonJS: eval'd workers cannot load TypeScript, and this keeps the worker dependency-free.
const WORKER_SOURCE = `
const READ_BYTES = ${READ_BYTES};
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
try {
  const hash = createHash('sha256');
  const fd = fs.openSync(workerData, 'r');
  const buf = Buffer.allocUnsafeSlow(READ_BYTES);
  let bytes = 0;
  for (;;) {
    const n = fs.readSync(fd, buf, 0, buf.length, null);
    if (n === 0) break;
    hash.update(buf.subarray(0, n));
    bytes += n;
  }
  fs.closeSync(fd);
  parentPort.postMessage({ ok: true, sha256: hash.digest('hex'), bytes });
} catch (err) {
  parentPort.postMessage({ ok: false, code: err.code, message: err.message });
}
`;

export interface FileHash {
  sha256: string;
  bytes: number;
}

/** Below this size a worker's start-up (~20-30 ms) costs more than hashing on the main thread. */
const INLINE_BYTES = 8 * 1024 * 1024;

export function hashFileInWorker(path: string): Promise<FileHash> {
  try {
    const st = statSync(path);
    if (st.isFile() && st.size <= INLINE_BYTES) {
      const bytes = readFileSync(path);
      return Promise.resolve({ sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length });
    }
  } catch {
    // Let the worker report the error the same way as for a large file.
  }
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: path });
    worker.once('message', (m: { ok: true; sha256: string; bytes: number } | { ok: false; code?: string; message: string }) => {
      if (m.ok) resolve({ sha256: m.sha256, bytes: m.bytes });
      else reject(describeFsError(path, Object.assign(new Error(m.message), { code: m.code })));
      void worker.terminate();
    });
    worker.once('error', (err) => reject(describeFsError(path, err)));
  });
}
