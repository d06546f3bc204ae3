/**
 * Dense group ids for combinations of sensitive category codes, stable across the batches of one
 * scan (readers share dictionaries across batches, so a code means the same value in every batch).
 * Rows become small integers in one pass; names are resolved only when results are built.
 */
import type { CategoryColumn, Dataset } from '../../data/dataset.js';

/** Codes are shifted by one (missing = -1 -> 0) and packed beside a node id; 2^21 keeps it exact. */
const RADIX = 2 ** 21;
export const MISSING_LABEL = '(missing)';

export class GroupIndex {
  readonly columns: readonly string[];
  /** (node * RADIX + code + 1) -> child node; node 0 is the root of the code tree. */
  private readonly children = new Map<number, number>();
  private readonly leafGroup = new Map<number, number>();
  private nodes = 1;
  /** Codes of each group, by dense id. */
  private readonly tuples: number[][] = [];
  private dictionaries: string[][];

  constructor(columns: readonly string[]) {
    this.columns = columns;
    this.dictionaries = columns.map(() => []);
  }

  get size(): number {
    return this.tuples.length;
  }

  /** Dense group id of every row of the batch. */
  assign(batch: Dataset): Int32Array {
    const cols = this.columns.map((name) => categoryOf(batch, name));
    this.dictionaries = cols.map((c) => c.dictionary);
    const out = new Int32Array(batch.rows);
    if (cols.length === 1) return this.assignOne(cols[0]!, out);
    for (let i = 0; i < batch.rows; i++) {
      let node = 0;
      for (let k = 0; k < cols.length; k++) {
        const code = cols[k]!.codes[i]! + 1;
        const key = node * RADIX + code;
        let child = this.children.get(key);
        if (child === undefined) {
          if (code >= RADIX) throw new Error(`sensitive column ${this.columns[k]} has more than ${RADIX - 1} distinct values`);
          child = this.nodes++;
          this.children.set(key, child);
        }
        node = child;
      }
      let group = this.leafGroup.get(node);
      if (group === undefined) {
        group = this.tuples.length;
        this.leafGroup.set(node, group);
        this.tuples.push(cols.map((c) => c.codes[i]!));
      }
      out[i] = group;
    }
    return out;
  }

  /** One column: an array from code to group replaces the tree walk (the common case). */
  private readonly byCode: number[] = [];
  private assignOne(col: CategoryColumn, out: Int32Array): Int32Array {
    const { codes } = col;
    for (let i = 0; i < out.length; i++) {
      const code = codes[i]! + 1;
      let group = this.byCode[code];
      if (group === undefined) {
        group = this.tuples.length;
        this.byCode[code] = group;
        this.tuples.push([codes[i]!]);
      }
      out[i] = group;
    }
    return out;
  }

  /**
   * Adds each group's row count to `n` and its masked count to `ok` (grown to the index's size; new
   * groups get `waived` false). One column: counts per code first, then ids for codes first seen in
   * this batch, in row order of first appearance (the same numbering as `assign`). `mask` holds 0/1;
   * `allSet` says every entry is 1 (the caller counted them), so `ok` equals `n`.
   */
  count(batch: Dataset, mask: Uint8Array, n: number[], ok: number[], waived: boolean[], allSet = false): void {
    const rows = batch.rows;
    const col = this.columns.length === 1 ? categoryOf(batch, this.columns[0]!) : null;
    if (col === null || col.dictionary.length + 1 > 4 * rows + 64) {
      const ids = this.assign(batch);
      grow(this.size, n, ok, waived);
      for (let i = 0; i < rows; i++) {
        const g = ids[i]!;
        n[g]++;
        ok[g] += mask[i]!;
      }
      return;
    }
    this.dictionaries = [col.dictionary];
    const { codes } = col;
    const width = col.dictionary.length + 1;
    const cn = new Int32Array(width);
    const cok = new Int32Array(width);
    countCodes(codes, rows, cn);
    if (allSet) cok.set(cn);
    else countMasked(codes, mask, rows, cn, cok);
    let unseen = 0;
    for (let c = 0; c < width; c++) if (cn[c]! > 0 && this.byCode[c] === undefined) unseen++;
    for (let i = 0; unseen > 0 && i < rows; i++) {
      const c = codes[i]! + 1;
      if (this.byCode[c] !== undefined) continue;
      this.byCode[c] = this.tuples.length;
      this.tuples.push([codes[i]!]);
      unseen--;
    }
    grow(this.size, n, ok, waived);
    for (let c = 0; c < width; c++) {
      if (cn[c] === 0) continue;
      const g = this.byCode[c]!;
      n[g] += cn[c]!;
      ok[g] += cok[c]!;
    }
  }

  key(group: number): Record<string, string | null> {
    const key: Record<string, string | null> = {};
    this.tuples[group]!.forEach((code, k) => {
      key[this.columns[k]!] = code < 0 ? null : this.dictionaries[k]![code]!;
    });
    return key;
  }

  subject(group: number): string {
    return Object.entries(this.key(group))
      .map(([col, v]) => `${col}=${v ?? MISSING_LABEL}`)
      .join(', ');
  }

  /** Group ids ordered by subject (code-unit order, independent of locale and of row order). */
  sorted(): number[] {
    const ids = this.tuples.map((_, g) => g);
    const subjects = ids.map((g) => this.subject(g));
    return ids.sort((a, b) => (subjects[a]! < subjects[b]! ? -1 : subjects[a]! > subjects[b]! ? 1 : 0));
  }
}

function categoryOf(batch: Dataset, name: string): CategoryColumn {
  const col = batch.columns.get(name);
  if (col === undefined || col.kind !== 'category') {
    throw new Error(`sensitive column ${name} was not provided as a category column`);
  }
  return col;
}

function grow(size: number, n: number[], ok: number[], waived: boolean[]): void {
  while (n.length < size) {
    n.push(0);
    ok.push(0);
    waived.push(false);
  }
}

/**
 * Rows per code. The hot loops are functions of their own, so V8 optimizes them on their own typed
 * arrays (no deopt back into the caller's). Four interleaved tallies: consecutive rows of one code
 * no longer wait on each other's increment of the same counter (integer counts, same totals).
 */
function countCodes(codes: Int32Array, rows: number, cn: Int32Array): void {
  const w = cn.length;
  const a = new Int32Array(w);
  const b = new Int32Array(w);
  const c = new Int32Array(w);
  const d = new Int32Array(w);
  let i = 0;
  for (; i + 3 < rows; i += 4) {
    a[codes[i]! + 1]++;
    b[codes[i + 1]! + 1]++;
    c[codes[i + 2]! + 1]++;
    d[codes[i + 3]! + 1]++;
  }
  for (; i < rows; i++) a[codes[i]! + 1]++;
  for (let x = 0; x < w; x++) cn[x] = a[x]! + b[x]! + c[x]! + d[x]!;
}

/** Masked rows per code: all rows minus the (usually few) rows whose mask is 0. */
function countMasked(codes: Int32Array, mask: Uint8Array, rows: number, cn: Int32Array, cok: Int32Array): void {
  for (let i = 0; i < rows; i++) if (mask[i] === 0) cok[codes[i]! + 1]++;
  for (let x = 0; x < cn.length; x++) cok[x] = cn[x]! - cok[x]!;
}
