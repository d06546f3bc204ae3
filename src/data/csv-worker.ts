/**
 * Worker-thread entry of the two-thread CSV reader (csv-parallel.ts starts it): claims chunks in
 * file order through the shared control words, parses each speculatively (csv-chunk.ts) and posts
 * the result on the port it was given. It stays at most `ahead` chunks past the one the reader is
 * taking, as its buffers for chunk k are reused for chunk k + ahead + 1. Any exception in a chunk
 * is reported as a chunk that is not plain, which the reader then parses itself.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { ChunkParser, type ChunkPlan, type ChunkResult } from './csv-chunk.js';
import { CTRL_NEXT, CTRL_PROGRESS, CTRL_PUBLISHED, CTRL_STOP } from './csv-parallel-ctrl.js';

export interface CsvWorkerData {
  plan: ChunkPlan;
  chunks: number;
  ahead: number;
  ctrl: Int32Array;
  port: MessagePort;
}

function run(d: CsvWorkerData): void {
  const { ctrl, port, chunks, ahead } = d;
  const parser = new ChunkParser(d.plan, ahead + 1);
  try {
    while (Atomics.load(ctrl, CTRL_STOP) === 0) {
      const k = Atomics.load(ctrl, CTRL_NEXT);
      if (k >= chunks) break;
      const progress = Atomics.load(ctrl, CTRL_PROGRESS);
      if (k > progress + ahead) {
        Atomics.wait(ctrl, CTRL_PROGRESS, progress, 1000);
        continue;
      }
      if (Atomics.compareExchange(ctrl, CTRL_NEXT, k, k + 1) !== k) continue;
      let result: ChunkResult;
      try {
        result = parser.parse(k);
      } catch {
        result = { k, plain: false };
      }
      port.postMessage(result);
      Atomics.add(ctrl, CTRL_PUBLISHED, 1);
      Atomics.notify(ctrl, CTRL_PUBLISHED);
    }
  } finally {
    parser.close();
    port.close();
  }
}

if (workerData && (workerData as { kind?: string }).kind === 'modelgate-csv-chunks') run(workerData as CsvWorkerData);
