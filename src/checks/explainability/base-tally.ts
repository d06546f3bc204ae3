/**
 * The base value φ0 should be one number per explainer and background. A spread across rows means
 * mixed explainers, backgrounds or refitted models, so it is tallied: range, and the few distinct
 * values (equal within the additivity tolerance) with their row counts.
 */

const MAX_DISTINCT = 10;

export interface BaseSummary {
  source: 'column' | 'metadata';
  /** Rows whose base value was tallied. */
  rows: number;
  min: number | null;
  max: number | null;
  /** Distinct values (within tolerance) and how many rows carry each, most frequent first. */
  values: { value: number; rows: number }[];
  /** Rows whose value fell outside the first MAX_DISTINCT distinct values. */
  otherRows: number;
  /** True when max − min exceeds the tolerance. */
  varies: boolean;
  /** `explainability.base_value` of the metadata, when given. */
  metadataValue: number | null;
  /** Rows whose per-row base value differs from the metadata's. */
  metadataMismatch: number;
}

export class BaseTally {
  private rows = 0;
  private min = Infinity;
  private max = -Infinity;
  private readonly values: { value: number; rows: number }[] = [];
  private otherRows = 0;
  private metadataMismatch = 0;

  constructor(
    private readonly source: 'column' | 'metadata',
    private readonly metadataValue: number | null,
    private readonly atol: number,
    private readonly rtol: number,
  ) {}

  private same(a: number, b: number): boolean {
    return Math.abs(a - b) <= this.atol + this.rtol * Math.max(Math.abs(a), Math.abs(b));
  }

  add(b: number): void {
    this.rows++;
    if (b < this.min) this.min = b;
    if (b > this.max) this.max = b;
    if (this.metadataValue !== null && this.source === 'column' && !this.same(b, this.metadataValue)) this.metadataMismatch++;
    for (const v of this.values) {
      if (this.same(v.value, b)) {
        v.rows++;
        return;
      }
    }
    if (this.values.length < MAX_DISTINCT) this.values.push({ value: b, rows: 1 });
    else this.otherRows++;
  }

  /** `count` calls of add(b) at once (the metadata's constant base value on every checked row). */
  addRepeated(b: number, count: number): void {
    // A value not "same" as itself (NaN) would open a new entry per row: keep add's exact behaviour.
    if (!this.same(b, b)) {
      for (let i = 0; i < count; i++) this.add(b);
      return;
    }
    if (count <= 0) return;
    this.add(b);
    const rest = count - 1;
    this.rows += rest;
    if (this.metadataValue !== null && this.source === 'column' && !this.same(b, this.metadataValue)) this.metadataMismatch += rest;
    // After add(b), b is either in the first MAX_DISTINCT entries (the first matching one got the row)
    // or counted in otherRows; the remaining rows go to the same place.
    const hit = this.values.find((v) => this.same(v.value, b));
    if (hit !== undefined) hit.rows += rest;
    else this.otherRows += rest;
  }

  summary(): BaseSummary {
    const any = this.rows > 0;
    return {
      source: this.source,
      rows: this.rows,
      min: any ? this.min : null,
      max: any ? this.max : null,
      values: [...this.values].sort((a, b) => b.rows - a.rows || a.value - b.value).map((v) => ({ ...v })),
      otherRows: this.otherRows,
      varies: any && !this.same(this.min, this.max),
      metadataValue: this.metadataValue,
      metadataMismatch: this.metadataMismatch,
    };
  }
}
