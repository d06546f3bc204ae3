/** Indices of the shared control words of the two-thread CSV reader (csv-parallel.ts, csv-worker.ts). */
/** The first chunk nobody has claimed (claims are compare-and-swap increments, in file order). */
export const CTRL_NEXT = 0;
/** The chunk the reader is taking; the worker stays within `ahead` chunks of it. */
export const CTRL_PROGRESS = 1;
/** Results the worker has posted (the reader waits on it). */
export const CTRL_PUBLISHED = 2;
/** Set when the reader is done: the worker stops claiming. */
export const CTRL_STOP = 3;
export const CTRL_WORDS = 4;
