/**
 * `modelgate report convert` (re-render a saved JSON report, like `trivy convert`) and `modelgate
 * report diff` (compare two reports). The reading and validating is report-read.ts; it, the diff and
 * the renderers are imported when the command runs, so other commands do not pay for loading them.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { UsageError } from '../errors.js';
import type { Report } from '../report/model.js';
import { colorLevel, FORMATS, type Format } from './options.js';

interface Out {
  out: (s: string) => void;
  err: (s: string) => void;
  setExit: (c: number) => void;
}

/** `-o` may never name one of the reports being read: inputs are never altered. */
function refuseOverInput(output: string | undefined, inputs: string[]): void {
  if (output === undefined) return;
  const out = resolve(process.cwd(), output);
  if (inputs.some((f) => resolve(process.cwd(), f) === out)) throw new UsageError(`refusing to write to ${output}: it is a report this command reads`);
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
      const [{ readReports }, { renderReports }, { writeAtomic }] = await Promise.all([import('./report-read.js'), import('./render.js'), import('./io.js')]);
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
      const [{ readReports }, { diffReports, renderDiffJson, renderDiffMarkdown, renderDiffTable }, { writeAtomic }] = await Promise.all([import('./report-read.js'), import('../report/diff.js'), import('./io.js')]);
      const [a, b] = await Promise.all([readReports(resolve(process.cwd(), oldFile)), readReports(resolve(process.cwd(), newFile))]);
      const d = diffReports(pickModel(a, oldFile, flags.model), pickModel(b, newFile, flags.model));
      const text = flags.format === 'json' ? renderDiffJson(d) : flags.format === 'markdown' ? renderDiffMarkdown(d) : renderDiffTable(d);
      if (flags.output) await writeAtomic(resolve(process.cwd(), flags.output), text);
      else io.out(text);
    });
}
