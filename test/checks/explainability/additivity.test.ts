import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AdditivityAccumulator, logit, type AdditivityConfig } from '../../../src/checks/explainability/additivity.js';
import { categoryColumn, datasetFromColumns, numberColumn, type Dataset } from '../../../src/data/dataset.js';
import { batches } from './batches.js';

const cfg = (over: Partial<AdditivityConfig>): AdditivityConfig => ({
  attributionColumns: ['shap_a', 'shap_b'],
  baseColumn: 'shap_base_value',
  baseConstant: null,
  outputColumn: 'score',
  outputSpace: 'log_odds',
  idColumn: 'id',
  atol: 1e-6,
  rtol: 1e-6,
  worst: 10,
  ...over,
});

function run(data: Dataset, over: Partial<AdditivityConfig>) {
  const acc = new AdditivityAccumulator(cfg(over));
  acc.add(data, 0);
  return acc.result();
}

describe('logit', () => {
  it.each([
    [0.5, 0],
    [0.8, Math.log(4)],
    [0.2, -Math.log(4)],
    [0.999999, Math.log(999999)],
  ])('logit(%d) = %d', (p, expected) => {
    expect(logit(p)).toBeCloseTo(expected, 9);
  });
  it('is infinite at 0 and 1', () => {
    expect(logit(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(logit(1)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('AdditivityAccumulator', () => {
  // logit(score) = 0, ln 4, -ln 4, +inf, 0; base -0.5 on every row.
  // Row sums base + a + b: 0, ln 4, -ln 4, 2.5, 0.25 -> rows 1-3 pass, row 4 is not checkable, row 5
  // misses by 0.25. As probabilities (0.5, 0.8, 0.2, 1, 0.5) none of the five sums matches.
  const LN4 = 1.3862943611198906;
  const FIVE = datasetFromColumns([
    categoryColumn('id', ['a1', 'a2', 'a3', 'a4', 'a5']),
    numberColumn('score', [0.5, 0.8, 0.2, 1, 0.5]),
    numberColumn('shap_a', [0.25, 1, -0.5, 3, 0.75]),
    numberColumn('shap_b', [0.25, LN4 - 0.5, -(LN4 - 1), 0, 0]),
    numberColumn('shap_base_value', [-0.5, -0.5, -0.5, -0.5, -0.5]),
  ]);

  it('counts passing, failing and uncheckable rows in the declared space, and the other space', () => {
    const r = run(FIVE, {});
    expect(r).toMatchObject({ rows: 5, explained: 5, checked: 4, passed: 3 });
    expect(r.notCheckable).toEqual({ missing_base: 0, missing_output: 0, infinite_output: 1 });
    expect(r.alternative).toEqual({ space: 'probability', checked: 5, passed: 0 });
    expect(r.worst).toHaveLength(1);
    expect(r.worst[0]).toMatchObject({ row: 5, id: 'a5', output: 0, reconstructed: 0.25, residual: 0.25 });
    expect(r.maxAbsResidual).toBe(0.25);
    expect(r.base).toMatchObject({ source: 'column', rows: 5, varies: false, values: [{ value: -0.5, rows: 5 }] });
  });

  it.each([
    // probability space, base 0, one attribution: residual = a - score, all values exact binary fractions
    ['atol exactly met', 0.5, 0.5 - 2 ** -20, 2 ** -20, 0, 1],
    ['atol just missed', 0.5, 0.5 - 2 ** -20, 2 ** -21, 0, 0],
    ['rtol exactly met', 0.5 + 2 ** -20, 0.5, 0, 2 ** -19, 1],
    ['rtol just missed', 0.5 + 2 ** -20, 0.5, 0, 2 ** -20, 0],
  ])('tolerance boundary: %s', (_name, a, score, atol, rtol, passed) => {
    const data = datasetFromColumns([numberColumn('score', [score]), numberColumn('shap_a', [a])]);
    const r = run(data, { attributionColumns: ['shap_a'], baseColumn: null, baseConstant: 0, outputSpace: 'probability', idColumn: null, atol, rtol });
    expect(r.passed).toBe(passed);
    expect(r.checked).toBe(1);
  });

  it('sums with compensation: 1e16 + 1 - 1e16 is 1, not 0', () => {
    // In plain float64 1e16 + 1 rounds to 1e16 (its ulp is 2), so a naive sum gives 0 and the row fails.
    const data = datasetFromColumns([
      numberColumn('score', [1]),
      numberColumn('p', [1e16]),
      numberColumn('q', [1]),
      numberColumn('r', [-1e16]),
    ]);
    const r = run(data, { attributionColumns: ['p', 'q', 'r'], baseColumn: null, baseConstant: 0, outputSpace: 'probability', idColumn: null, atol: 0, rtol: 0 });
    expect(r.passed).toBe(1);
    expect(r.maxAbsResidual).toBe(0);
  });

  it('keeps the worst failing rows, largest |residual| first, up to `worst`', () => {
    const data = datasetFromColumns([
      categoryColumn('id', ['r1', 'r2', 'r3', 'r4', 'r5', 'r6']),
      numberColumn('score', [0.5, 0.5, 0.5, 0.5, 0.5, 0.5]),
      numberColumn('shap_a', [0.625, 1, 0.125, 0.75, 0.875, 0.5]),
    ]);
    const r = run(data, { attributionColumns: ['shap_a'], baseColumn: null, baseConstant: 0, outputSpace: 'probability', worst: 3 });
    // residuals 0.125, 0.5, -0.375, 0.25, 0.375, 0 -> |.| order r2, r3/r5 (tie: first seen first), r4
    expect(r.worst.map((w) => [w.id, w.residual])).toEqual([['r2', 0.5], ['r3', -0.375], ['r5', 0.375]]);
    expect(r.passed).toBe(1);
  });

  it('skips rows without a complete explanation and counts rows without a base value', () => {
    const data = datasetFromColumns([
      numberColumn('score', [0.5, 0.5, 0.5, 0.5, 0.5, 0.5]),
      numberColumn('shap_a', [0.2, 0.2, 0.2, 0, 0.2, null]),
      numberColumn('shap_base_value', [0.3, 0.3, 0.3, 0.5, null, 0.3]),
    ]);
    const r = run(data, { attributionColumns: ['shap_a'], outputSpace: 'probability', idColumn: null, baseConstant: 0.3 });
    expect(r).toMatchObject({ rows: 6, explained: 5, checked: 4, passed: 4 });
    expect(r.notCheckable.missing_base).toBe(1);
    expect(r.base).toMatchObject({
      rows: 4, min: 0.3, max: 0.5, varies: true, metadataValue: 0.3, metadataMismatch: 1,
      values: [{ value: 0.3, rows: 3 }, { value: 0.5, rows: 1 }],
    });
  });

  it('gives the same result batch by batch as on the whole dataset', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true }), fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 8 }),
        (rows, sizes) => {
          // An exact log-odds explanation (a = logit(s) - b - 0.1), tampered on some rows, empty on others.
          const data = datasetFromColumns([
            categoryColumn('id', rows.map((_, i) => `x${i}`)),
            numberColumn('score', rows.map(([s]) => s)),
            numberColumn('shap_a', rows.map(([s, b, tamper, empty]) => (empty ? null : logit(s) - b - 0.1 + (tamper ? 0.5 : 0)))),
            numberColumn('shap_b', rows.map(() => 0.1)),
            numberColumn('shap_base_value', rows.map(([, b]) => b)),
          ]);
          const whole = run(data, { worst: 4 });
          const cut: number[] = [];
          let left = rows.length;
          for (const s of sizes) if (left > 0) cut.push(Math.min(s, left)), (left -= Math.min(s, left));
          if (left > 0) cut.push(left);
          const acc = new AdditivityAccumulator(cfg({ worst: 4 }));
          for (const { batch, offset } of batches(data, cut)) acc.add(batch, offset);
          expect(acc.result()).toEqual(whole);
          expect(whole.passed).toBe(rows.filter(([, , t, e]) => !t && !e).length);
        },
      ),
    );
  });
});
