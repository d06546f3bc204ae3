import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CoverageAccumulator, completeRows } from '../../../src/checks/explainability/coverage.js';
import { categoryColumn, datasetFromColumns, numberColumn } from '../../../src/data/dataset.js';
import { batches } from './batches.js';

// Ten rows, counted by hand: row 1 has an empty cell, row 3 NaN, row 4 an empty cell, row 6 +Infinity.
// Complete rows: 0, 2, 5, 7, 8, 9 -> 6 of 10.
//   race=W rows 0-4 -> 0, 2 complete (2 of 5); race=B rows 5-8 -> 5, 7, 8 (3 of 4); race missing row 9 (1 of 1)
//   sex=F rows 0,4,5,6,8 -> 0, 5, 8 (3 of 5); sex=M rows 1,2,3,7,9 -> 2, 7, 9 (3 of 5)
export const TEN = datasetFromColumns([
  numberColumn('shap_a', [1, 1, 1, Number.NaN, 1, 1, Number.POSITIVE_INFINITY, 1, 1, 1]),
  numberColumn('shap_b', [2, null, 2, 2, null, 2, 2, 2, 2, 2]),
  categoryColumn('race', ['W', 'W', 'W', 'W', 'W', 'B', 'B', 'B', 'B', null]),
  categoryColumn('sex', ['F', 'M', 'M', 'M', 'F', 'F', 'F', 'M', 'F', 'M']),
]);

describe('completeRows', () => {
  it('marks a row complete only when every attribution is present and finite', () => {
    expect([...completeRows(TEN, ['shap_a', 'shap_b'])]).toEqual([1, 0, 1, 0, 0, 1, 0, 1, 1, 1]);
  });
  it('with no attribution columns no row is explained', () => {
    expect([...completeRows(TEN, [])]).toEqual(new Array(10).fill(0));
  });
});

describe('CoverageAccumulator', () => {
  it('counts overall and per group (each sensitive column alone), groups sorted by subject', () => {
    const acc = new CoverageAccumulator(['shap_a', 'shap_b'], [['race'], ['sex']]);
    acc.add(TEN, 0);
    const r = acc.result();
    expect(r.rows).toBe(10);
    expect(r.complete).toBe(6);
    expect(r.missingByColumn).toEqual({ shap_a: 2, shap_b: 2 });
    expect(r.groupings[0]!.groups.map((g) => [g.subject, g.n, g.complete])).toEqual([
      ['race=(missing)', 1, 1],
      ['race=B', 4, 3],
      ['race=W', 5, 2],
    ]);
    expect(r.groupings[1]!.groups.map((g) => [g.subject, g.n, g.complete])).toEqual([
      ['sex=F', 5, 3],
      ['sex=M', 5, 3],
    ]);
    expect(r.groupings[0]!.groups[0]!.key).toEqual({ race: null });
  });

  it('crosses columns into intersectional groups', () => {
    const acc = new CoverageAccumulator(['shap_a', 'shap_b'], [['race', 'sex']]);
    acc.add(TEN, 0);
    const groups = acc.result().groupings[0]!.groups;
    expect(groups.map((g) => [g.subject, g.n, g.complete])).toEqual([
      ['race=(missing), sex=M', 1, 1],
      ['race=B, sex=F', 3, 2],
      ['race=B, sex=M', 1, 1],
      ['race=W, sex=F', 2, 1],
      ['race=W, sex=M', 3, 1],
    ]);
  });

  it('leaves rows of waived groups out of the overall share', () => {
    const acc = new CoverageAccumulator(['shap_a', 'shap_b'], [['race']], new Set(['race=W']));
    acc.add(TEN, 0);
    const r = acc.result();
    expect(r.waived).toEqual({ rows: 5, complete: 2 });
    expect(r.groupings[0]!.groups.filter((g) => g.waived).map((g) => g.subject)).toEqual(['race=W']);
  });

  it('gives the same result batch by batch as on the whole dataset (any split)', () => {
    const whole = new CoverageAccumulator(['shap_a', 'shap_b'], [['race'], ['race', 'sex']]);
    whole.add(TEN, 0);
    const expected = whole.result();
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 4 }), (cuts) => {
        const points = [...new Set([0, ...cuts, 10])].sort((a, b) => a - b);
        const sizes = points.slice(1).map((p, i) => p - points[i]!);
        const acc = new CoverageAccumulator(['shap_a', 'shap_b'], [['race'], ['race', 'sex']]);
        for (const { batch, offset } of batches(TEN, sizes)) acc.add(batch, offset);
        expect(acc.result()).toEqual(expected);
      }),
    );
  });
});
