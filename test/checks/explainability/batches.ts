/** Cuts a Dataset into row batches that share category dictionaries, as a streamed scan would. */
import type { Column, Dataset } from '../../../src/data/dataset.js';

export function sliceDataset(d: Dataset, start: number, end: number): Dataset {
  const columns = new Map<string, Column>();
  for (const [name, c] of d.columns) {
    if (c.kind === 'number') columns.set(name, { ...c, values: c.values.slice(start, end), valid: c.valid?.slice(start, end) ?? null });
    else if (c.kind === 'category') columns.set(name, { ...c, codes: c.codes.slice(start, end) });
    else columns.set(name, { ...c, valid: c.valid.slice(start, end) });
  }
  return { rows: end - start, columns };
}

/** Batches of the given sizes, in order. */
export function batches(d: Dataset, sizes: number[]): { batch: Dataset; offset: number }[] {
  const out: { batch: Dataset; offset: number }[] = [];
  let at = 0;
  for (const s of sizes) {
    out.push({ batch: sliceDataset(d, at, at + s), offset: at });
    at += s;
  }
  return out;
}
