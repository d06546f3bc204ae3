/** Picks the renderer for a format and joins several models' reports into one output. */
import { render } from '../report/index.js';
import type { Report } from '../report/model.js';
import type { Format } from './options.js';

export interface RenderFlags {
  color: number;
  verbose: boolean;
  quiet: boolean;
}

export function renderReports(format: Format, reports: Report[], flags: RenderFlags): string {
  return render(format, reports, { color: flags.color, verbose: flags.verbose, quiet: flags.quiet });
}
