/**
 * MG401's reduction: how many rows carry a complete explanation, overall and per sensitive group.
 * An accumulator over batches, so a large holdout never needs every attribution column at once;
 * the check feeds it the whole dataset as a single batch.
 */
import type { Dataset, NumberColumn } from '../../data/dataset.js';
import { GroupIndex } from './groups.js';

export interface GroupCount {
  key: Record<string, string | null>;
  subject: string;
  n: number;
  complete: number;
  waived: boolean;
}

export interface CoverageResult {
  rows: number;
  complete: number;
  /** Cells that are empty or not finite, per attribution column (only columns with any). */
  missingByColumn: Record<string, number>;
  /** Rows in a waived group (of any grouping), left out of the overall share by the check. */
  waived: { rows: number; complete: number };
  /** One entry per grouping (a list of sensitive columns crossed together), groups sorted by subject. */
  groupings: { columns: string[]; groups: GroupCount[] }[];
}

export function numberColumnOf(batch: Dataset, name: string): NumberColumn {
  const col = batch.columns.get(name);
  if (col === undefined || col.kind !== 'number') throw new Error(`column ${name} was not provided as a number column`);
  return col;
}

/**
 * 1 where every attribution column is present and finite in the row. With no attribution columns
 * at all no row is explained (an empty explanation is not a complete one).
 */
export function completeRows(batch: Dataset, attributionColumns: readonly string[], missingPerColumn?: number[]): Uint8Array {
  const mask = new Uint8Array(batch.rows);
  if (attributionColumns.length === 0) return mask;
  mask.fill(1);
  attributionColumns.forEach((name, k) => {
    const { values, valid } = numberColumnOf(batch, name);
    const n = batch.rows;
    let missing = 0;
    // Two loops so the common no-validity case carries no extra load per row.
    if (valid === null) {
      missing = markNonFinite(values, n, mask);
    } else {
      for (let i = 0; i < n; i++) {
        if (valid[i] === 0 || !Number.isFinite(values[i]!)) {
          mask[i] = 0;
          missing++;
        }
      }
    }
    if (missingPerColumn !== undefined) missingPerColumn[k] += missing;
  });
  return mask;
}

/** Rows per block of markNonFinite: a block with no non-finite cell costs a multiply-add per cell. */
const BLOCK = 256;

/**
 * Sets mask[i] = 0 where values[i] is not finite and returns how many. x·0 is ±0 for a finite x and
 * NaN for ±∞ and NaN, so a block's sum of x·0 is NaN exactly when the block holds a non-finite
 * value; only such blocks are tested cell by cell (two running sums halve the dependency chain).
 */
function markNonFinite(values: Float64Array, n: number, mask: Uint8Array): number {
  let missing = 0;
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const end = Math.min(n, i0 + BLOCK);
    let s0 = 0;
    let s1 = 0;
    let i = i0;
    for (; i + 1 < end; i += 2) {
      s0 += values[i]! * 0;
      s1 += values[i + 1]! * 0;
    }
    if (i < end) s0 += values[i]! * 0;
    if (s0 + s1 === 0) continue;
    for (let j = i0; j < end; j++) {
      if (!Number.isFinite(values[j]!)) {
        mask[j] = 0;
        missing++;
      }
    }
  }
  return missing;
}

export class CoverageAccumulator {
  private rows = 0;
  private complete = 0;
  private readonly indexes: GroupIndex[];
  private readonly n: number[][];
  private readonly ok: number[][];
  private readonly isWaived: boolean[][];
  private readonly waived = { rows: 0, complete: 0 };
  private readonly missing: number[];

  constructor(
    private readonly attributionColumns: readonly string[],
    groupings: readonly (readonly string[])[],
    /** Group subjects (`race=Black`) under an active waiver. */
    private readonly waivedSubjects: ReadonlySet<string> = new Set(),
  ) {
    this.indexes = groupings.map((cols) => new GroupIndex(cols));
    this.n = groupings.map(() => []);
    this.ok = groupings.map(() => []);
    this.isWaived = groupings.map(() => []);
    this.missing = attributionColumns.map(() => 0);
  }

  /** `rowOffset` is unused here (coverage needs no row identity) but kept for the common shape. */
  add(batch: Dataset, _rowOffset = 0): void {
    const mask = completeRows(batch, this.attributionColumns, this.missing);
    let complete = 0;
    for (let i = 0; i < batch.rows; i++) complete += mask[i]!;
    this.rows += batch.rows;
    this.complete += complete;
    if (this.waivedSubjects.size === 0) {
      // Nothing is waived: per-group counts are all that is needed (no per-row waiver marks).
      const allComplete = complete === batch.rows;
      this.indexes.forEach((index, k) => index.count(batch, mask, this.n[k]!, this.ok[k]!, this.isWaived[k]!, allComplete));
      return;
    }
    const inWaived = new Uint8Array(batch.rows);
    this.indexes.forEach((index, k) => {
      const ids = index.assign(batch);
      const n = this.n[k]!;
      const ok = this.ok[k]!;
      const waived = this.isWaived[k]!;
      while (n.length < index.size) {
        waived.push(this.waivedSubjects.has(index.subject(n.length)));
        n.push(0);
        ok.push(0);
      }
      for (let i = 0; i < batch.rows; i++) {
        const g = ids[i]!;
        n[g]++;
        ok[g] += mask[i];
        if (waived[g]) inWaived[i] = 1;
      }
    });
    if (this.waivedSubjects.size === 0) return;
    for (let i = 0; i < batch.rows; i++) {
      if (inWaived[i] === 0) continue;
      this.waived.rows++;
      this.waived.complete += mask[i];
    }
  }

  result(): CoverageResult {
    return {
      rows: this.rows,
      complete: this.complete,
      missingByColumn: Object.fromEntries(
        this.attributionColumns.map((c, k) => [c, this.missing[k]!] as const).filter(([, m]) => m > 0),
      ),
      waived: { ...this.waived },
      groupings: this.indexes.map((index, k) => ({
        columns: [...index.columns],
        groups: index.sorted().map((g) => ({
          key: index.key(g),
          subject: index.subject(g),
          n: this.n[k]![g]!,
          complete: this.ok[k]![g]!,
          waived: this.isWaived[k]![g]!,
        })),
      })),
    };
  }
}
