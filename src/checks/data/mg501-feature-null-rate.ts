/**
 * MG501 feature-null-rate: the share of missing values in every feature column. A census of the
 * file, decided on the observed rate (a rate equal to `max` passes, compared exactly as a ratio
 * of counts). A feature column the file does not have fails, named.
 */
import { z } from 'zod';
import type { GroupResult, MetricValue } from '../../report/model.js';
import { compareToThreshold, rational } from '../../stats/index.js';
import { defineCheck, type CheckContext, type Finding } from '../types.js';
import { MG501_DOCS } from './mg501-docs.js';

const share = z.number().min(0).max(1);
export const DEFAULT_MAX_NULL_RATE = 0.05;

export const mg501Options = z.strictObject({
  /** Largest allowed share of missing values in each column. */
  max: share.default(DEFAULT_MAX_NULL_RATE),
  /** Columns to check; default: the model's `features`. */
  columns: z.array(z.string().min(1)).min(1).optional(),
  /** Per-column maximum, overriding `max` (`{ income: 0.2 }`). */
  per_column: z.record(z.string().min(1), share).optional(),
});
export type Mg501Options = z.output<typeof mg501Options>;

function featureColumns(opts: Mg501Options, features: string[] | undefined): string[] {
  return [...new Set(opts.columns ?? features ?? [])];
}

export const mg501 = defineCheck<Mg501Options>({
  id: 'MG501',
  slug: 'feature-null-rate',
  category: 'data',
  title: 'Feature null rate',
  summary: 'Share of missing values in each feature column, against max (per column or for all)',
  defaultSeverity: 'error',
  docs: MG501_DOCS,
  options: mg501Options as z.ZodType<Mg501Options>,
  needsData: true,
  // Not required: a missing feature column is this check's finding, not an input error. Streamed:
  // each batch's nulls are counted and the presence masks are never held whole.
  stream: (opts, env) => {
    const names = featureColumns(opts, env.model.meta.features);
    const counts: NullCounts = { rows: 0, missing: new Map() };
    return {
      columns: names.map((name) => ({ name, as: 'presence' as const, required: false })),
      sink: { add: (batch) => countNulls(batch, names, counts), result: () => counts },
    };
  },
  run: (ctx, opts) => [nullRates(ctx, opts)],
});

/** Rows seen and missing values per column read (a column the file lacks has no entry). */
interface NullCounts {
  rows: number;
  missing: Map<string, number>;
}

function countNulls(ctx: Pick<CheckContext, 'dataset'>, names: readonly string[], into: NullCounts): NullCounts {
  const rows = ctx.dataset.rows;
  into.rows += rows;
  for (const name of names) {
    const col = ctx.dataset.columns.get(name);
    if (col === undefined) continue;
    let missing = 0;
    if (col.kind === 'category') {
      for (let i = 0; i < rows; i++) if (col.codes[i]! < 0) missing++;
    } else {
      const valid = col.kind === 'number' ? col.valid : col.valid;
      if (valid !== null) missing = countMissing(valid, rows);
    }
    into.missing.set(name, (into.missing.get(name) ?? 0) + missing);
  }
  return into;
}

const ALL_PRESENT = 0x01010101;

/**
 * Σ (1 − valid[i]) over the first `rows` entries, four bytes at a time: a word of four 1s (four
 * present rows, the common case) adds nothing, any other word adds exactly its four terms.
 */
export function countMissing(valid: Uint8Array, rows: number): number {
  let missing = 0;
  let i = 0;
  if (valid.byteOffset % 4 === 0) {
    const words = new Uint32Array(valid.buffer, valid.byteOffset, rows >>> 2);
    for (let w = 0; w < words.length; w++) {
      if (words[w] === ALL_PRESENT) continue;
      const b = w << 2;
      missing += 4 - valid[b]! - valid[b + 1]! - valid[b + 2]! - valid[b + 3]!;
    }
    i = words.length << 2;
  }
  for (; i < rows; i++) missing += 1 - valid[i]!;
  return missing;
}

const fmt = (x: number) => x.toFixed(3);

function nullRates(ctx: CheckContext, opts: Mg501Options): Finding {
  const names = featureColumns(opts, ctx.model.meta.features);
  const base = { metric: 'null_rate', subject: 'features', threshold: { max: opts.max }, comparator: '<=' as const, sampleSize: ctx.dataset.rows };
  if (names.length === 0) {
    return { ...base, status: 'skipped', thresholdKey: 'columns', message: 'no feature columns to check: the model metadata has no `features` and the check sets no `columns`' };
  }
  const rows = ctx.dataset.rows;
  const inFile = new Set(ctx.datasetInfo.columns.map((c) => c.name));
  const counts = (ctx.streamed as NullCounts | undefined) ?? countNulls(ctx, names, { rows: 0, missing: new Map() });
  const groups: GroupResult[] = [];
  const overall: Record<string, MetricValue> = {};
  const problems: string[] = [];
  let worst: { name: string; rate: number } | null = null;
  for (const name of names) {
    const max = opts.per_column?.[name] ?? opts.max;
    const key = opts.per_column?.[name] !== undefined ? 'per_column' : 'max';
    const waived = ctx.waivedSubjects.has(name);
    const counted = counts.missing.get(name);
    if (!inFile.has(name) || counted === undefined) {
      groups.push({ key: { column: name }, subject: name, n: 0, positives: null, negatives: null, value: null, interval: null, status: waived ? 'waived' : 'fail', reason: 'column not in the dataset' });
      if (!waived) problems.push(`feature column "${name}" is not in the dataset`);
      continue;
    }
    const missing = counted;
    const rate = rows === 0 ? 0 : missing / rows;
    const over = rows > 0 && compareToThreshold({ value: rate, exact: rational(missing, rows) }, max) > 0;
    overall[`null_rate:${name}`] = { value: rows === 0 ? null : rate, interval: null, n: rows };
    const status = waived ? 'waived' : over ? 'fail' : 'pass';
    groups.push({ key: { column: name }, subject: name, n: rows, positives: null, negatives: null, value: rate, interval: null, status });
    if (status === 'fail') problems.push(`${name} ${fmt(rate)} (${missing} of ${rows} missing) > ${key === 'per_column' ? `per_column.${name}` : 'max'} ${fmt(max)}`);
    if (!waived && (worst === null || rate > worst.rate)) worst = { name, rate };
  }
  const failing = groups.filter((g) => g.status === 'fail');
  const checked = groups.filter((g) => g.status !== 'waived' && g.value !== null).length;
  const first = failing[0];
  const failKey = first === undefined ? 'max' : first.value === null ? 'columns' : opts.per_column?.[first.subject] !== undefined ? 'per_column' : 'max';
  const head = worst ? `highest null rate ${fmt(worst.rate)} (${worst.name}) across ${checked} feature column${checked === 1 ? '' : 's'}; max ${fmt(opts.max)}` : 'no feature column could be checked';
  const message = failing.length ? `${head}; ${failing.length} failing: ${problems.slice(0, 8).join('; ')}${problems.length > 8 ? `; and ${problems.length - 8} more` : ''}` : head;
  return {
    ...base,
    status: failing.length ? 'fail' : 'pass',
    message,
    observed: worst?.rate ?? null,
    thresholdKey: failKey,
    groups,
    // Each column is held to `max` (per_column overrides are in the message): charts draw that line.
    groupMetric: 'null_rate',
    groupThreshold: { max: opts.max },
    details: { columns: names, missingColumns: groups.filter((g) => g.value === null).map((g) => g.subject) },
    metrics: { overall },
  };
}
