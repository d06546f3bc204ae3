/**
 * The whole holdout as one batch for the accumulators: the explanation columns the check asked for,
 * plus the validated role columns (score or prediction, sensitive categories, id) under their
 * policy names, which is also how a streamed batch would carry them.
 */
import type { Column, Dataset } from '../../data/dataset.js';
import type { CheckContext } from '../types.js';

export function explanationView(ctx: CheckContext): Dataset {
  const { roles, columns } = ctx;
  if (roles.rows !== ctx.dataset.rows) {
    throw new Error(`roles cover ${roles.rows} rows but the dataset has ${ctx.dataset.rows}`);
  }
  const map = new Map<string, Column>(ctx.dataset.columns);
  const output = modelOutput(ctx);
  if (output !== null) map.set(output.column, { kind: 'number', name: output.column, values: output.values, valid: null });
  for (const [name, col] of roles.sensitive) map.set(name, col);
  if (roles.id !== null) map.set(columns.id, roles.id);
  return { rows: roles.rows, columns: map };
}

/** What an explanation reconstructs: the positive-class score, or the prediction of a regressor. */
export function modelOutput(ctx: CheckContext): { column: string; role: 'score' | 'prediction'; values: Float64Array } | null {
  const { roles, columns } = ctx;
  if (roles.score !== null) return { column: columns.score, role: 'score', values: roles.score };
  if (roles.task === 'regression' && roles.prediction !== null) {
    return { column: columns.prediction, role: 'prediction', values: roles.prediction as Float64Array }; // a regressor's: doubles
  }
  return null;
}
