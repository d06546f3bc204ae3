/**
 * `modelgate report convert` (re-render a saved JSON report, like `trivy convert`) and `modelgate
 * report diff` (compare two reports). A saved report is user input: it is validated against the
 * JSON contract first, and every problem is reported with its place in the file, so no renderer
 * ever sees a half-shaped object.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { z } from 'zod';
import { explainIssues, toProblems } from '../config/issues.js';
import { parseYaml } from '../config/yaml.js';
import { ConfigError, UsageError, describeFsError } from '../errors.js';
import { diffReports, renderDiffJson, renderDiffMarkdown, renderDiffTable } from '../report/diff.js';
import type { Report } from '../report/model.js';
import { STATUSES } from '../report/model.js';
import { writeAtomic } from './io.js';
import { colorLevel, FORMATS, type Format } from './options.js';
import { renderReports } from './render.js';

interface Out {
  out: (s: string) => void;
  err: (s: string) => void;
  setExit: (c: number) => void;
}

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

/** `-o` may never name one of the reports being read: inputs are never altered. */
function refuseOverInput(output: string | undefined, inputs: string[]): void {
  if (output === undefined) return;
  const out = resolve(process.cwd(), output);
  if (inputs.some((f) => resolve(process.cwd(), f) === out)) throw new UsageError(`refusing to write to ${output}: it is a report this command reads`);
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

const labels = (reports: Report[]) => reports.map((r) => `${r.model.name ?? '(unnamed)'} (${r.model.file})`).join(', ');

/** A report of several models needs --model: its name, or its metadata file when names repeat. */
function pickModel(reports: Report[], file: string, name: string | undefined): Report {
  if (name === undefined) {
    if (reports.length === 1) return reports[0]!;
    throw new UsageError(`${file} holds ${reports.length} models: ${labels(reports)}; choose one with --model NAME (or its metadata file)`);
  }
  const found = reports.filter((r) => r.model.name === name || r.model.file === name);
  if (found.length === 1) return found[0]!;
  if (found.length > 1) throw new UsageError(`${file} has ${found.length} models named "${name}": ${labels(found)}; pass the metadata file to --model instead`);
  throw new UsageError(`${file} has no model named "${name}"; it has ${labels(reports)}`);
}

export function registerReportCommands(program: Command, io: Out): void {
  const report = program.command('report').description('work with saved JSON reports: convert, diff');

  report
    .command('convert')
    .description('re-render a saved JSON report in another format')
    .argument('<report.json>', 'a JSON report written by `modelgate check --json FILE`')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...FORMATS]).makeOptionMandatory())
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .option('-v, --verbose', 'cli: per-group tables for every gate')
    .option('-q, --quiet', 'cli: only the gates that did not pass')
    .option('--color', 'force colour')
    .option('--no-color', 'no colour')
    .action(async (file: string, flags: { format: Format; output?: string; verbose?: boolean; quiet?: boolean; color?: boolean }) => {
      refuseOverInput(flags.output, [file]);
      const reports = await readReports(resolve(process.cwd(), file));
      const level = flags.output ? 0 : colorLevel(flags.color, process.env, Boolean(process.stdout.isTTY));
      const text = renderReports(flags.format, reports, { color: level, verbose: Boolean(flags.verbose), quiet: Boolean(flags.quiet), jsonReportPath: file });
      if (flags.output) await writeAtomic(resolve(process.cwd(), flags.output), text);
      else io.out(text);
    });

  report
    .command('diff')
    .description('compare two JSON reports metric by metric, group by group and gate by gate (exit 0 unless an input is bad)')
    .argument('<old.json>', 'the reference report (e.g. production)')
    .argument('<new.json>', 'the candidate report')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'markdown', 'json']).default('table'))
    .option('--model <name>', 'the model to compare when a report holds several')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .option('--color', 'accepted like every command (the diff is plain text)')
    .option('--no-color', 'accepted like every command (the diff is plain text)')
    .action(async (oldFile: string, newFile: string, flags: { format: 'table' | 'markdown' | 'json'; model?: string; output?: string }) => {
      refuseOverInput(flags.output, [oldFile, newFile]);
      const [a, b] = await Promise.all([readReports(resolve(process.cwd(), oldFile)), readReports(resolve(process.cwd(), newFile))]);
      const d = diffReports(pickModel(a, oldFile, flags.model), pickModel(b, newFile, flags.model));
      const text = flags.format === 'json' ? renderDiffJson(d) : flags.format === 'markdown' ? renderDiffMarkdown(d) : renderDiffTable(d);
      if (flags.output) await writeAtomic(resolve(process.cwd(), flags.output), text);
      else io.out(text);
    });
}
