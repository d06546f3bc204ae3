/**
 * DuckDB result chunks live in native memory that is freed only when their small JS wrappers are
 * garbage-collected, and V8 is not told how large that memory is. A streamed scan allocates little
 * on the JS heap (its builders are presized), so young-generation collections are rare and chunks
 * pile up: at 1M rows × 23 columns ~100 MB of dead chunks were resident at the end of the scan.
 * A scavenge every few chunks frees them (measured: peak RSS of a bare 1M-row scan 293 -> 190 MiB,
 * CPU unchanged). `gc` is reached the documented way for a running process (v8 flag + vm context);
 * when that is not possible the release is a no-op and only memory is affected, never results.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

type Gc = (opts?: { type?: 'minor' | 'major'; execution?: 'sync' | 'async' }) => void;

let cached: Gc | null | undefined;

function gcFunction(): Gc | null {
  if (cached !== undefined) return cached;
  try {
    const existing = (globalThis as { gc?: Gc }).gc;
    if (typeof existing === 'function') return (cached = existing);
    v8.setFlagsFromString('--expose-gc');
    const fn = vm.runInNewContext('gc') as unknown;
    cached = typeof fn === 'function' ? (fn as Gc) : null;
  } catch {
    cached = null;
  }
  return cached;
}

/** Calls `release()` every `every` chunks to run a young-generation collection. */
export function chunkReleaser(every = 16): () => void {
  const gc = gcFunction();
  if (gc === null) return () => undefined;
  let count = 0;
  return () => {
    if (++count % every === 0) gc({ type: 'minor' });
  };
}
