import { z } from 'zod';
import type { ColumnType } from '../../data/dataset.js';
import { defineCheck, type Finding } from '../types.js';

const TYPE = z.enum(['number', 'integer', 'boolean', 'string', 'date']);

const Options = z.strictObject({
  /** Columns that must exist (besides the role columns, which are always required when used). */
  required: z.array(z.string().min(1)).optional(),
  /** Expected logical type per column. `number` accepts integers too. */
  types: z.record(z.string(), TYPE).optional(),
  /** With `on_invalid_rows: drop`: how many dropped rows are tolerated (default 0). */
  max_dropped_rows: z.number().int().min(0).optional(),
  /** With `on_invalid_rows: drop`: the tolerated share of dropped rows, in [0, 1]. */
  max_dropped_share: z.number().min(0).max(1).optional(),
});

function compatible(actual: ColumnType, expected: z.infer<typeof TYPE>): boolean {
  if (actual === expected) return true;
  if (expected === 'number') return actual === 'integer';
  if (actual === 'null' || actual === 'unknown') return true;
  return false;
}

export const mg502 = defineCheck({
  id: 'MG502',
  slug: 'schema',
  category: 'data',
  title: 'Holdout schema',
  summary: 'Required columns present with the right types and domains; rows dropped as invalid are counted and gated.',
  defaultSeverity: 'error',
  needsData: true,
  options: Options,
  docs: `Checks the holdout's columns: every column in \`required\` exists, each column in \`types\` has the expected
logical type (\`number\` accepts integers), and the role columns hold values in their domain.

Labels and predictions outside the task's domain, and scores that are not finite numbers in [0, 1], stop the run with
exit 2 (naming the rows) unless the policy sets \`defaults.on_invalid_rows: drop\`; then the dropped rows are counted here
and the gate fails when they exceed \`max_dropped_rows\` (default 0) or \`max_dropped_share\`.

\`\`\`yaml
checks:
  - id: MG502
    required: [age, income]
    types: { age: integer, income: number, region: string }
\`\`\``,
  run(ctx, opts): Finding[] {
    const schema = new Map(ctx.datasetInfo.columns.map((c) => [c.name, c.type]));
    const problems: string[] = [];
    for (const name of opts.required ?? []) if (!schema.has(name)) problems.push(`column "${name}" is missing`);
    for (const [name, want] of Object.entries(opts.types ?? {})) {
      const got = schema.get(name);
      if (got === undefined) { if (!(opts.required ?? []).includes(name)) problems.push(`column "${name}" is missing`); }
      else if (!compatible(got, want)) problems.push(`column "${name}" is ${got}, expected ${want}`);
    }
    const dropped = ctx.roles.dropped.rows;
    const total = dropped + ctx.roles.rows;
    const maxRows = opts.max_dropped_rows ?? (opts.max_dropped_share === undefined ? 0 : Infinity);
    const maxShare = opts.max_dropped_share ?? 1;
    if (dropped > maxRows || (total > 0 && dropped / total > maxShare)) {
      const why = Object.entries(ctx.roles.dropped.reasons).map(([k, v]) => `${v} ${k}`).join(', ');
      problems.push(`${dropped} of ${total} rows were dropped as invalid (${why})`);
    }
    const checked = (opts.required?.length ?? 0) + Object.keys(opts.types ?? {}).length;
    return [{
      status: problems.length === 0 ? 'pass' : 'fail',
      subject: ctx.datasetInfo.path,
      metric: 'schema',
      observed: dropped,
      sampleSize: total,
      thresholdKey: problems.some((p) => p.includes('dropped')) ? 'max_dropped_rows' : 'required',
      message: problems.length === 0
        ? `${ctx.datasetInfo.columns.length} columns; ${checked} column rules hold; role columns valid${dropped ? ` (${dropped} invalid rows dropped)` : ''}`
        : problems.join('; '),
      details: { dropped: ctx.roles.dropped, problems },
    }];
  },
});
