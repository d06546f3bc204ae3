/**
 * MG401's completeness mask against the loop it replaced (kept below verbatim as
 * `oldCompleteRows`, commit 8e969ec): the same mask and per-column missing counts on random and
 * adversarial columns (NaN, ±Infinity, −0, 1e308, denormals, non-finite cells on block edges),
 * with and without validity, for 0, 1, 255-257 and other row counts.
 */
import { describe, expect, it } from 'vitest';
import { completeRows, CoverageAccumulator, numberColumnOf } from '../../../src/checks/explainability/coverage.js';
import type { Column, Dataset } from '../../../src/data/dataset.js';
import { rng } from '../../support/rng.js';

function oldCompleteRows(batch: Dataset, attributionColumns: readonly string[], missingPerColumn?: number[]): Uint8Array {
  const mask = new Uint8Array(batch.rows);
  if (attributionColumns.length === 0) return mask;
  mask.fill(1);
  attributionColumns.forEach((name, k) => {
    const { values, valid } = numberColumnOf(batch, name);
    const n = batch.rows;
    let missing = 0;
    // Two loops so the common no-validity case carries no extra load per row.
    if (valid === null) {
      for (let i = 0; i < n; i++) {
        if (!Number.isFinite(values[i]!)) {
          mask[i] = 0;
          missing++;
        }
      }
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

const SPECIAL = [NaN, Infinity, -Infinity, -0, 0, 1e308, -1e308, 5e-324, -5e-324];

function dataset(r: () => number, rows: number, m: number, rate: number, withValid: boolean): Dataset {
  const columns = new Map<string, Column>();
  for (let k = 0; k < m; k++) {
    const values = Float64Array.from({ length: rows }, () => (r() < rate ? SPECIAL[Math.floor(r() * SPECIAL.length)]! : r() - 0.5));
    // Non-finite cells on the edges of 256-row blocks and at the last row.
    for (const at of [255, 256, 511, rows - 1]) if (at >= 0 && at < rows && r() < 0.5) values[at] = r() < 0.5 ? NaN : -Infinity;
    const valid = withValid ? Uint8Array.from({ length: rows }, () => (r() < 0.05 ? 0 : 1)) : null;
    columns.set(`c${k}`, { kind: 'number', name: `c${k}`, values, valid });
  }
  return { rows, columns };
}

describe('completeRows equals the previous loop', () => {
  const r = rng(77);
  for (const rows of [0, 1, 2, 255, 256, 257, 1000, 4099]) {
    for (const rate of [0, 0.001, 0.05, 1]) {
      for (const withValid of [false, true]) {
        it(`${rows} rows, special-value rate ${rate}, validity ${withValid}`, () => {
          const d = dataset(r, rows, 3, rate, withValid);
          const names = ['c0', 'c1', 'c2'];
          const missNow = [5, 0, 1];
          const missOld = [5, 0, 1];
          const now = completeRows(d, names, missNow);
          const old = oldCompleteRows(d, names, missOld);
          expect([...now]).toEqual([...old]);
          expect(missNow).toEqual(missOld);
          expect(completeRows(d, [])).toEqual(oldCompleteRows(d, []));
        });
      }
    }
  }

  it('the accumulator counts complete rows and missing cells as the old mask says', () => {
    const d = dataset(rng(78), 3000, 4, 0.01, false);
    const names = ['c0', 'c1', 'c2', 'c3'];
    const acc = new CoverageAccumulator(names, []);
    acc.add(d);
    const miss = [0, 0, 0, 0];
    const mask = oldCompleteRows(d, names, miss);
    const res = acc.result();
    expect(res.complete).toBe(mask.reduce((s, x) => s + x, 0));
    expect(res.missingByColumn).toEqual(Object.fromEntries(names.map((c, k) => [c, miss[k]!] as const).filter(([, x]) => x > 0)));
    expect(res.complete).toBeLessThan(3000);
  });
});
