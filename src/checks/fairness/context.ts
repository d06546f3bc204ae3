/** What both fairness checks need from the context: the sensitive columns, the grouping, the columns to read. */
import type { CategoryColumn } from '../../data/dataset.js';
import type { Task } from '../../config/types.js';
import { metricInfo, validMetricNames } from '../shared/evaluate.js';
import { buildGrouping, type Grouping } from '../shared/grouping.js';
import type { CheckContext, ColumnNeed, NeedsEnv } from '../types.js';

export function sensitiveNames(opts: { sensitive?: string[] | undefined }, columns: { sensitive: string[] }): string[] {
  return opts.sensitive ?? columns.sensitive;
}

/** Sensitive columns named only on the check, and the score column when a compared metric needs it. */
export function fairnessColumnNeeds(opts: { sensitive?: string[] | undefined }, env: NeedsEnv, metrics: readonly string[]): ColumnNeed[] {
  const needs: ColumnNeed[] = (opts.sensitive ?? [])
    .filter((c) => !env.columns.sensitive.includes(c))
    .map((name) => ({ name, as: 'category' as const, required: true }));
  const task = env.model.meta.task ?? 'binary_classification';
  if (metrics.some((m) => metricInfo(m, task)?.needs.includes('score'))) {
    needs.push({ name: env.columns.score, as: 'number', required: true });
  }
  return needs;
}

export function groupingOf(ctx: CheckContext, names: readonly string[]): Grouping {
  const cols = names.map((name) => {
    const col = ctx.roles.sensitive.get(name) ?? ctx.dataset.columns.get(name);
    // The engine reads every column columns() asks for, as a category: anything else is a bug.
    if (col === undefined || col.kind !== 'category') throw new Error(`sensitive column ${name} was not read as a category`);
    return col as CategoryColumn;
  });
  return buildGrouping(cols);
}

/** Why a metric cannot be computed for this task, or null. */
export function metricProblem(metric: string, task: Task): string | null {
  if (metricInfo(metric, task) !== null) return null;
  return `metric "${metric}" is not defined for ${task.replace(/_/g, ' ')}; valid: ${validMetricNames(task).join(', ')}`;
}

/**
 * The group a policy's `reference:` names: a value of a single column (`Caucasian`), or a group
 * subject (`race=Caucasian`, `race=Caucasian, sex=Male`), `(missing)` included.
 */
export function resolveReference(reference: string, grouping: Grouping): string | null {
  if (grouping.subjects.includes(reference)) return reference;
  if (grouping.columns.length === 1) {
    const subject = `${grouping.columns[0]}=${reference}`;
    if (grouping.subjects.includes(subject)) return subject;
  }
  return null;
}
