/**
 * The builders' buffers: how they grow (amortized doubling, or sized once from a row estimate),
 * where they live (SharedArrayBuffer, so a worker reads them without a copy) and how a finished
 * buffer is handed out (itself, a view, or a trimmed copy).
 */

const INITIAL_CAPACITY = 1024;

/**
 * Headroom over a row estimate (text formats: bytes per row so far), so an estimate a little low
 * still needs no growth copy. Capacity never written is never touched, so it costs address space,
 * not resident memory.
 */
const ESTIMATE_HEADROOM = 1.02;

/**
 * The capacity to grow to. `expected` (0 = unknown) is the builder's row estimate: the buffer is
 * sized once for it instead of doubling (each doubling copies, and the last one leaves up to half
 * the buffer spare). Past the estimate, growth is by at least 1/8 more than needed, so a wrong
 * estimate costs a few copies, never one per call.
 */
export function grownCapacity(current: number, needed: number, expected: number): number {
  if (expected > 0) return Math.max(Math.ceil(expected * ESTIMATE_HEADROOM), needed + (needed >>> 3), INITIAL_CAPACITY);
  // An empty buffer asked for many rows at once (a presized builder) gets exactly that many.
  if (current === 0 && needed > INITIAL_CAPACITY) return needed;
  let cap = Math.max(current, INITIAL_CAPACITY);
  while (cap < needed) cap *= 2;
  return cap;
}

/**
 * Number and code buffers live on a SharedArrayBuffer (growth included), so a worker thread can read
 * the finished columns without a copy (the rank worker's prefetch copied score, label and the codes
 * again when they were not). Only the allocation differs: values, lengths and every typed-array
 * operation on them are the same as on an ordinary ArrayBuffer.
 */
export function float64s(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * 8));
}

export function int32s(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(length * 4));
}

export function uint8s(length: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(length));
}

/**
 * The finished buffer at its length: itself at exact size; a view (subarray from 0) when the spare
 * capacity is small (never written, so never resident: a trimming copy would touch `length` more
 * elements and hold both until GC); else a trimmed copy on memory of the same kind, so a buffer
 * much larger than its contents is not kept alive.
 */
function trimmed<T extends Float64Array | Int32Array | Uint8Array>(buf: T, length: number): T {
  if (buf.length === length) return buf;
  if (buf.length - length <= (length >>> 2)) return buf.subarray(0, length) as T;
  if (!(buf.buffer instanceof SharedArrayBuffer)) return buf.slice(0, length) as T;
  const Ctor = buf.constructor as new (b: SharedArrayBuffer) => T;
  const out = new Ctor(new SharedArrayBuffer(length * buf.BYTES_PER_ELEMENT));
  out.set(buf.subarray(0, length));
  return out;
}

/**
 * How `take` hands the buffer out: true = a copy (the builder goes on), false = the buffer itself
 * trimmed (the builder is done), 'view' = a view the builder overwrites after its next reset.
 */
export type TakeMode = boolean | 'view';

export function handOut<T extends Float64Array | Int32Array | Uint8Array>(buf: T, length: number, mode: TakeMode): T {
  if (mode === 'view') return buf.subarray(0, length) as T;
  return mode ? (buf.slice(0, length) as T) : trimmed(buf, length);
}
