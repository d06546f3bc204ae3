import { describe, expect, it } from 'vitest';
import { DEFAULT_COLUMNS } from '../../src/config/types.js';
import { categoryColumn, datasetFromColumns, numberColumn } from '../../src/data/dataset.js';
import { buildRoles, planRoles } from '../../src/engine/roles.js';
import { DataError } from '../../src/errors.js';

const present = (...n: string[]) => new Set(n);

describe('planRoles', () => {
  it('reads binary labels as numbers unless the positive label is a string', () => {
    expect(planRoles('binary_classification', undefined, DEFAULT_COLUMNS, present('label')).labelAs).toBe('number');
    expect(planRoles('binary_classification', '>50K', DEFAULT_COLUMNS, present('label')).labelAs).toBe('category');
    expect(planRoles('multiclass_classification', undefined, DEFAULT_COLUMNS, present('label')).labelAs).toBe('category');
  });
});

describe('buildRoles', () => {
  const plan = planRoles('binary_classification', undefined, DEFAULT_COLUMNS, present('label', 'prediction', 'score'));
  it('derives prediction from score >= threshold when there is no prediction column', () => {
    const p = planRoles('binary_classification', undefined, DEFAULT_COLUMNS, present('label', 'score'));
    const data = datasetFromColumns([numberColumn('label', [0, 1, 1]), numberColumn('score', [0.2, 0.5, 0.49])]);
    const { roles } = buildRoles('d.csv', data, p, 0.5, 'error');
    expect([...roles.prediction!]).toEqual([0, 1, 0]);
  });
  it('rejects a label outside {0,1}, a missing label and a NaN score, naming rows and columns', () => {
    const data = datasetFromColumns([numberColumn('label', [0, 2, null, 1]), numberColumn('prediction', [0, 1, 1, 1]), numberColumn('score', [0.1, 0.2, 0.3, Number.NaN])]);
    try {
      buildRoles('d.csv', data, plan, 0.5, 'error');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DataError);
      const problems = (e as DataError).problems;
      expect(problems.map((p) => [p.row, p.field])).toEqual([[2, 'label'], [3, 'label'], [4, 'score']]);
      expect(problems[0]!.message).toContain('outside {0, 1}');
    }
  });
  it('drops invalid rows with on_invalid_rows: drop and counts why', () => {
    const data = datasetFromColumns([numberColumn('label', [0, 2, 1, 1]), numberColumn('prediction', [0, 1, 1, 0]), numberColumn('score', [0.1, 0.2, 1.5, 0.9])]);
    const { roles, data: kept } = buildRoles('d.csv', data, plan, 0.5, 'drop');
    expect(kept.rows).toBe(2);
    expect([...roles.label!]).toEqual([0, 1]);
    expect(roles.dropped.rows).toBe(2);
    expect(roles.dropped.reasons).toEqual({ 'label outside {0,1}': 1, 'score not a probability': 1 });
  });
  it('maps string labels with a positive label onto 1/0', () => {
    const p = planRoles('binary_classification', 'yes', DEFAULT_COLUMNS, present('label', 'prediction'));
    const data = datasetFromColumns([categoryColumn('label', ['yes', 'no', 'no']), categoryColumn('prediction', ['no', 'no', 'yes'])]);
    const { roles } = buildRoles('d.csv', data, p, 0.5, 'error');
    expect([...roles.label!]).toEqual([1, 0, 0]);
    expect([...roles.prediction!]).toEqual([0, 0, 1]);
  });
  it('rejects a third class in a binary string label', () => {
    const p = planRoles('binary_classification', 'yes', DEFAULT_COLUMNS, present('label'));
    const data = datasetFromColumns([categoryColumn('label', ['yes', 'no', 'maybe'])]);
    expect(() => buildRoles('d.csv', data, p, 0.5, 'error')).toThrow(/maybe/);
  });
  it('codes multiclass labels against the sorted union of classes', () => {
    const p = planRoles('multiclass_classification', undefined, DEFAULT_COLUMNS, present('label', 'prediction'));
    const data = datasetFromColumns([categoryColumn('label', ['10', '2', '2']), categoryColumn('prediction', ['2', '3', '10'])]);
    const { roles } = buildRoles('d.csv', data, p, 0.5, 'error');
    expect(roles.classes).toEqual(['2', '3', '10']);
    expect([...roles.label!]).toEqual([2, 0, 0]);
    expect([...roles.prediction!]).toEqual([0, 1, 2]);
  });
});
