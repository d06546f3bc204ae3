/**
 * Neumaier (improved Kahan) compensated summation into parallel per-group accumulators: group g's
 * sum is `sum[g] + comp[g]`. The error bound no longer grows with the number of rows, so sums of
 * millions of log-losses agree across row orders to within an ulp or two of the true sum.
 */

export class Accumulators {
  readonly sum: Float64Array;
  readonly comp: Float64Array;
  constructor(groups: number) {
    this.sum = new Float64Array(groups);
    this.comp = new Float64Array(groups);
  }

  add(g: number, x: number): void {
    const s = this.sum[g]!;
    const t = s + x;
    if (Math.abs(s) >= Math.abs(x)) this.comp[g]! += s - t + x;
    else this.comp[g]! += x - t + s;
    this.sum[g] = t;
  }

  value(g: number): number {
    return this.sum[g]! + this.comp[g]!;
  }

  values(): Float64Array {
    const out = new Float64Array(this.sum.length);
    for (let g = 0; g < out.length; g++) out[g] = this.sum[g]! + this.comp[g]!;
    return out;
  }
}

/** Compensated sum of an array (or of f(i) over 0..n-1). */
export function neumaierSum(n: number, f: (i: number) => number): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const x = f(i);
    const t = s + x;
    if (Math.abs(s) >= Math.abs(x)) c += s - t + x;
    else c += x - t + s;
    s = t;
  }
  return s + c;
}
