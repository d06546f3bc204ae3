/** Picks the renderer for a format and joins several models' reports into one output. */
import { render, renderGithubReports, renderJunitReports } from '../report/index.js';
import type { Report } from '../report/model.js';
import type { Format } from './options.js';

export interface RenderFlags {
  color: number;
  verbose: boolean;
  quiet: boolean;
  jsonReportPath?: string | null;
  /** Terminal width for the cli format (only when writing to a TTY). */
  width?: number;
}

export function renderReports(format: Format, reports: Report[], flags: RenderFlags): string {
  const options = { color: flags.color > 0, verbose: flags.verbose, quiet: flags.quiet, jsonReportPath: flags.jsonReportPath ?? null, ...(flags.width ? { width: flags.width } : {}) };
  if (reports.length === 1) return render(format, reports[0]!, options);
  switch (format) {
    case 'junit':
      return renderJunitReports(reports);
    case 'github':
      return renderGithubReports(reports);
    case 'json':
      // Several models: one document holding each model's report (each one the single-model contract).
      return `{\n  "schemaVersion": 1,\n  "reports": [\n${reports.map((r) => indent(render('json', r).trimEnd(), 4)).join(',\n')}\n  ]\n}\n`;
    case 'sarif': {
      const docs = reports.map((r) => JSON.parse(render('sarif', r)) as { runs: unknown[] });
      const first = docs[0]!;
      return JSON.stringify({ ...first, runs: docs.flatMap((d) => d.runs) }, null, 2) + '\n';
    }
    default:
      return reports.map((r) => render(format, r, options)).join(format === 'cli' ? '\n' : '\n\n');
  }
}

function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text.split('\n').map((l) => pad + l).join('\n');
}
