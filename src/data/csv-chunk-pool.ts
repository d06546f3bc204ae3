/**
 * The chunks of the two-thread CSV reader (csv-parallel.ts): the worker's results, received on a
 * message port without waiting for the event loop, or chunks parsed on this thread when the worker
 * has not claimed them (claims are compare-and-swap increments of a shared counter, in file order).
 * When the worker holds the chunk the reader needs next, this thread parses the next unclaimed one
 * meanwhile, so neither thread waits while there is work (within `ahead` chunks of the reader).
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { ChunkParser, type ChunkPlan, type ChunkResult } from './csv-chunk.js';
import { CTRL_NEXT, CTRL_PROGRESS, CTRL_PUBLISHED, CTRL_STOP, CTRL_WORDS } from './csv-parallel-ctrl.js';

/** Atomics.waitAsync (Node 16+; not in this TypeScript lib's typings). */
const waitAsync = (Atomics as unknown as {
  waitAsync(a: Int32Array, i: number, v: number, timeout: number): { async: boolean; value: Promise<string> | string };
}).waitAsync;

/** Chunks from the worker, or parsed here when the worker has not claimed them. */
export class ChunkPool {
  private readonly ctrl = new Int32Array(new SharedArrayBuffer(CTRL_WORDS * 4));
  private readonly results = new Map<number, ChunkResult>();
  private worker: Worker | null = null;
  private port: MessagePort | null = null;
  private dead = false;
  private own: ChunkParser | null = null;

  /** Results received from the worker. */
  fromWorker = 0;

  /** `readerParses` false: this thread leaves every chunk to a live worker (tests). */
  constructor(
    private readonly plan: ChunkPlan,
    private readonly chunks: number,
    private readonly ahead: number,
    url: URL | null,
    private readonly readerParses = true,
  ) {
    Atomics.store(this.ctrl, CTRL_NEXT, 1); // chunk 0 holds the header: the reader's
    if (!url || chunks < 2) {
      this.dead = true;
      return;
    }
    try {
      const { port1, port2 } = new MessageChannel();
      this.port = port1;
      const data = { kind: 'modelgate-csv-chunks', plan, chunks, ahead, ctrl: this.ctrl, port: port2 };
      const worker = new Worker(url, { workerData: data, transferList: [port2] });
      this.worker = worker;
      worker.on('error', () => (this.dead = true));
      // Referenced while the read lasts: a pending Atomics.waitAsync does not keep the process alive.
      worker.once('exit', () => (this.dead = true));
    } catch {
      this.dead = true;
    }
  }

  /** Chunk j's result; j = 1, 2, ... in order, each asked for once. */
  async get(j: number): Promise<ChunkResult> {
    const { ctrl } = this;
    Atomics.store(ctrl, CTRL_PROGRESS, j);
    Atomics.notify(ctrl, CTRL_PROGRESS);
    for (;;) {
      this.drain(j);
      const r = this.results.get(j);
      if (r) {
        this.results.delete(j);
        return r;
      }
      const mine = this.readerParses || this.dead;
      if (mine && Atomics.compareExchange(ctrl, CTRL_NEXT, j, j + 1) === j) return this.parseHere(j);
      if (this.dead) return { k: j, plain: false }; // claimed by a worker that is gone
      // The worker has chunk j in hand: parse the next unclaimed one meanwhile.
      const m = Atomics.load(ctrl, CTRL_NEXT);
      if (mine && m < this.chunks && m <= j + this.ahead && Atomics.compareExchange(ctrl, CTRL_NEXT, m, m + 1) === m) {
        this.results.set(m, this.parseHere(m));
        continue;
      }
      const seen = Atomics.load(ctrl, CTRL_PUBLISHED);
      if (this.drain(j)) continue;
      // The timeout lets the worker's error and exit events in.
      await waitAsync(ctrl, CTRL_PUBLISHED, seen, 20).value;
    }
  }

  private drain(j: number): boolean {
    if (!this.port) return false;
    let got = false;
    for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
      const r = m.message as ChunkResult;
      this.fromWorker++;
      if (r.k >= j) {
        this.results.set(r.k, r);
        got = true;
      }
    }
    return got;
  }

  private parseHere(k: number): ChunkResult {
    try {
      this.own ??= new ChunkParser(this.plan, this.ahead + 1);
      return this.own.parse(k);
    } catch {
      return { k, plain: false }; // the reader's own parse reports the problem
    }
  }

  close(): void {
    Atomics.store(this.ctrl, CTRL_STOP, 1);
    Atomics.notify(this.ctrl, CTRL_PROGRESS);
    void this.worker?.terminate();
    this.port?.close();
    this.own?.close();
  }
}
