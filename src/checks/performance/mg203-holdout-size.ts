/**
 * MG203 holdout-size: enough rows, positive and negative labels for the other gates to mean
 * anything, overall and (per_group: true) in every group of each policy sensitive column. A census
 * of the file, so it is decided on the observed counts; a count equal to its minimum passes.
 */
import { z } from 'zod';
import type { GroupResult } from '../../report/model.js';
import type { GroupCodes } from '../../stats/types.js';
import { defineCheck, type CheckContext, type Finding } from '../types.js';
import { metricsBlock } from '../shared/metrics-block.js';
import { statsCacheFor } from '../shared/stats-cache.js';
import { MG203_DOCS } from './docs.js';
import { plural } from './format.js';
import { columnGroups } from './groups.js';

const count = z.number().int().min(0);
export const mg203Options = z.strictObject({
  min_rows: count.default(100),
  min_positives: count.default(10),
  min_negatives: count.default(10),
  per_group: z.boolean().default(false),
});
export type Mg203Options = z.output<typeof mg203Options>;

interface Counts { n: number; pos: number | null; neg: number | null }
interface Minimums { rows: number; positives: number; negatives: number }

interface Shortfall { key: string; text: string; metric: 'rows' | 'positives' | 'negatives'; observed: number; min: number }

/** Which minimums a count misses. */
function shortfalls(c: Counts, m: Minimums, keys: [string, string, string]): Shortfall[] {
  const out: Shortfall[] = [];
  const add = (metric: Shortfall['metric'], observed: number, min: number, key: string, word: string) => {
    if (observed < min) out.push({ key, metric, observed, min, text: `${plural(observed, word)} < ${key} ${min}` });
  };
  add('rows', c.n, m.rows, keys[0], 'row');
  if (c.pos !== null) add('positives', c.pos, m.positives, keys[1], 'positive');
  if (c.neg !== null) add('negatives', c.neg, m.negatives, keys[2], 'negative');
  return out;
}

function describe(c: Counts): string {
  return c.pos === null ? plural(c.n, 'row') : `${plural(c.n, 'row')} (${plural(c.pos, 'positive')}, ${plural(c.neg!, 'negative')})`;
}

export const mg203 = defineCheck<Mg203Options>({
  id: 'MG203',
  slug: 'holdout-size',
  category: 'performance',
  title: 'Holdout size',
  summary: 'Enough rows, positive and negative labels for the gates to mean anything',
  defaultSeverity: 'error',
  docs: MG203_DOCS,
  options: mg203Options as z.ZodType<Mg203Options>,
  needsData: true,
  requires: ['label'],
  run: (ctx, opts) => [holdoutSize(ctx, opts)],
});

function holdoutSize(ctx: CheckContext, opts: Mg203Options): Finding {
  const { roles } = ctx;
  const binary = roles.task === 'binary_classification';
  const label = roles.label!;
  // Row and positive counts per group come from the run's shared cache (one pass per grouping).
  const countRows = (group: GroupCodes | null, groups = 1): Counts[] =>
    statsCacheFor(roles, group, groups).sizes().map((s) => ({ n: s.n, pos: binary ? s.pos : null, neg: binary ? s.n - s.pos : null }));
  const overall = countRows(null)[0]!;
  const mins: Minimums = { rows: opts.min_rows, positives: opts.min_positives, negatives: opts.min_negatives };
  const misses = shortfalls(overall, mins, ['min_rows', 'min_positives', 'min_negatives']);
  const parts = [`the holdout has ${describe(overall)}; min ${mins.rows} rows${binary ? `, ${mins.positives} positives, ${mins.negatives} negatives` : ''}`];
  if (misses.length) parts.push(`too small: ${misses.map((m) => m.text).join(', ')}`);
  if (roles.dropped.rows > 0) parts.push(`${plural(roles.dropped.rows, 'invalid row')} dropped before counting`);

  const groups: GroupResult[] = [];
  const groupMins: Minimums = { rows: ctx.settings.min_group_size, positives: ctx.settings.min_group_positives, negatives: ctx.settings.min_group_negatives };
  const small: string[] = [];
  let firstGroup: { subject: string; miss: Shortfall } | null = null;
  if (opts.per_group) {
    for (const col of ctx.columns.sensitive) {
      const sens = roles.sensitive.get(col);
      if (!sens) continue;
      const g = columnGroups(sens);
      const counts = countRows(g.codes, g.groups);
      for (const code of g.order) {
        const c = counts[code]!;
        const subject = g.subjects[code]!;
        const miss = shortfalls(c, groupMins, ['min_group_size', 'min_group_positives', 'min_group_negatives']);
        const status = ctx.waivedSubjects.has(subject) ? 'waived' : miss.length ? 'fail' : 'pass';
        if (status === 'fail') {
          small.push(`${subject} ${miss.map((m) => m.text).join(', ')}`);
          firstGroup ??= { subject, miss: miss[0]! };
        }
        const gr: GroupResult = { key: g.keys[code]!, subject, n: c.n, positives: c.pos, negatives: c.neg, value: c.n, interval: null, status };
        if (miss.length) gr.reason = miss.map((m) => m.text).join(', ');
        groups.push(gr);
      }
    }
    if (small.length) parts.push(`${plural(small.length, 'group')} too small: ${small.slice(0, 5).join('; ')}${small.length > 5 ? `; and ${small.length - 5} more` : ''}`);
  }
  // The headline (observed vs threshold) is the first shortfall: overall before groups.
  const head = misses[0] ? { subject: 'overall', miss: misses[0] } : firstGroup;
  return {
    status: head ? 'fail' : 'pass',
    message: parts.join('; '),
    metric: head?.miss.metric ?? 'rows',
    subject: head?.subject ?? 'overall',
    observed: head?.miss.observed ?? overall.n,
    interval: null,
    threshold: { min: head?.miss.min ?? opts.min_rows },
    comparator: '>=',
    sampleSize: overall.n,
    thresholdKey: misses[0]?.key ?? (firstGroup ? 'per_group' : 'min_rows'),
    groups,
    details: { rows: overall.n, positives: overall.pos, negatives: overall.neg, dropped: roles.dropped.rows, minimums: mins, ...(opts.per_group ? { groupMinimums: groupMins } : {}) },
    metrics: metricsBlock(ctx),
  };
}
