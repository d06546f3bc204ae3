/**
 * Reads a saved JSON report (`report convert`/`diff`, and `check --baseline`). A saved report is
 * user input: it is validated against the JSON contract first, and every problem is reported with
 * its place in the file, so no renderer ever sees a half-shaped object.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { explainIssues, toProblems } from '../config/issues.js';
import { parseYaml } from '../config/yaml.js';
import { ConfigError, describeFsError } from '../errors.js';
import type { Report } from '../report/model.js';
import { STATUSES } from '../report/model.js';

const nullableNum = z.number().nullable();
const interval = z.looseObject({ lower: nullableNum, upper: nullableNum, level: z.number(), method: z.string() }).nullable();
const threshold = z.looseObject({ min: z.number().optional(), max: z.number().optional() }).nullable();
const location = z.looseObject({ file: z.string(), line: z.number(), column: z.number().optional() });
const status = z.enum(STATUSES as [string, ...string[]]);
const waiver = z.looseObject({ reason: z.string(), expires: z.string(), location });
const metricValue = z.looseObject({ value: nullableNum, interval: interval.optional(), n: z.number().optional() });

const resultSchema = z.looseObject({
  checkId: z.string(), slug: z.string(), category: z.enum(['lineage', 'performance', 'fairness', 'explainability', 'data']),
  title: z.string(), severity: z.enum(['error', 'warning']), status, blocking: z.boolean(), message: z.string(),
  metric: z.string().nullable(), subject: z.string().nullable(), observed: nullableNum, interval, threshold,
  comparator: z.enum(['>=', '<=', '==', 'between']).nullable(), sampleSize: nullableNum,
  groups: z.array(z.looseObject({
    key: z.record(z.string(), z.string().nullable()), subject: z.string(), n: z.number(), positives: nullableNum,
    negatives: nullableNum, value: nullableNum, interval, status,
  })),
  groupThreshold: threshold.optional(), groupMetric: z.string().nullable().optional(),
  location: location.nullable(), docsUrl: z.string(), waiver: waiver.nullable(),
});

const count = z.number().int().nonnegative();
export const reportSchema = z.looseObject({
  schemaVersion: z.literal(1),
  tool: z.looseObject({ name: z.literal('modelgate'), version: z.string() }),
  run: z.looseObject({ startedAt: z.string(), durationMs: z.number(), git: z.looseObject({ sha: z.string().nullable(), dirty: z.boolean().nullable() }) }),
  model: z.looseObject({ name: z.string().nullable(), version: z.string().nullable(), file: z.string(), sha256: z.string() }),
  dataset: z.looseObject({ path: z.string(), format: z.string(), sha256: z.string(), rows: z.number(), columns: z.number() }),
  policy: z.looseObject({ files: z.array(z.string()), sha256: z.string(), environment: z.string().nullable() }),
  summary: z.looseObject({ gates: count, passed: count, failed: count, warned: count, inconclusive: count, insufficient: count, waived: count, skipped: count, errors: count }),
  verdict: z.enum(['pass', 'fail', 'error']),
  exitCode: z.literal([0, 1, 2]),
  results: z.array(resultSchema),
  errors: z.array(z.looseObject({ checkId: z.string().nullable(), message: z.string() })),
  metrics: z.looseObject({ overall: z.record(z.string(), metricValue), groups: z.record(z.string(), z.record(z.string(), z.record(z.string(), metricValue))) }),
  waivers: z.looseObject({ expired: z.array(waiver), unused: z.array(waiver) }).optional(),
});

/** The several-models document `check --json` writes: `{schemaVersion, reports: [...]}`. */
const multiSchema = z.looseObject({ schemaVersion: z.literal(1), reports: z.array(reportSchema).min(1) });

const HINT = 'pass a JSON report written by `modelgate check --json FILE` (or `--format json`)';

function lineColumn(text: string, offset: number): { line: number; column: number; sourceLine: string } {
  const before = text.slice(0, offset);
  const start = before.lastIndexOf('\n') + 1;
  const end = text.indexOf('\n', start);
  return { line: before.split('\n').length, column: offset - start + 1, sourceLine: text.slice(start, end === -1 ? undefined : end) };
}

/** Reads and validates a saved JSON report; every problem names the file and its line. */
export async function readReports(file: string): Promise<Report[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw describeFsError(file, e);
  }
  let doc: unknown;
  const body = text.replace(/^\uFEFF/, '');
  try {
    doc = JSON.parse(body);
  } catch (e) {
    const at = /position (\d+)/.exec((e as Error).message);
    const place = at ? lineColumn(body, Number(at[1])) : {};
    throw new ConfigError([{ file, ...place, message: `not valid JSON: ${(e as Error).message.replace(/ in JSON at position \d+.*$/, '')}`, hint: HINT }]);
  }
  const isObj = doc !== null && typeof doc === 'object' && !Array.isArray(doc);
  const o = (isObj ? doc : {}) as { schemaVersion?: unknown; reports?: unknown; tool?: { name?: unknown } };
  const looksMulti = Array.isArray(o.reports);
  if (typeof o.schemaVersion !== 'number' || (!looksMulti && o.tool?.name !== 'modelgate')) {
    throw new ConfigError([{ file, message: 'not a modelgate JSON report (expected schemaVersion and tool.name "modelgate")', hint: HINT }]);
  }
  if (o.schemaVersion > 1) throw new ConfigError([{ file, message: `report schemaVersion ${o.schemaVersion} is newer than this modelgate understands (1)`, hint: 'upgrade modelgate' }]);
  const schema = looksMulti ? multiSchema : reportSchema;
  const parsed = schema.safeParse(doc);
  if (parsed.success) return looksMulti ? (o.reports as Report[]) : [doc as Report];
  let locator = null;
  try {
    locator = parseYaml(text, file);
  } catch {
    // Too big or too odd to locate: the problems keep their JSON paths.
  }
  const all = toProblems(explainIssues(parsed.error.issues, schema, doc), locator, file);
  const shown = all.slice(0, 20);
  const more = all.length - shown.length;
  shown.push({ file, message: `${more > 0 ? `and ${more} more problems: ` : ''}this is not a complete modelgate report`, hint: HINT });
  throw new ConfigError(shown);
}
