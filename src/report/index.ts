/**
 * Format name -> renderer. Every renderer is `(report, options) => string` (STYLE habit 11): the
 * CLI decides where the bytes go and which options apply (colour, verbosity, Unicode).
 */
import { renderCli } from './cli.js';
import { renderGithub } from './github.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import type { Report } from './model.js';
import { renderSarif } from './sarif.js';

export const FORMATS = ['cli', 'json', 'junit', 'markdown', 'github', 'html', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderOptions {
  /** cli: ANSI colour (the CLI decides from TTY, NO_COLOR, FORCE_COLOR, --color). */
  color?: boolean;
  /** cli: every group table, and messages of passing gates. */
  verbose?: boolean;
  /** cli: only failing gates and the summary line. */
  quiet?: boolean;
  /** cli: false for ASCII symbols and bars. Default true. */
  unicode?: boolean;
  /** cli: terminal columns to fit (the CLI passes process.stdout.columns on a TTY); unset = no limit. */
  width?: number;
  /** markdown: byte budget (default 900 KB). */
  maxBytes?: number;
  /** markdown: path of the JSON report, named when output is truncated. */
  jsonReportPath?: string | null;
}

export type Renderer = (report: Report, options?: RenderOptions) => string;

export const RENDERERS: Record<Format, Renderer> = {
  cli: (r, o = {}) => renderCli(r, o),
  json: (r) => renderJson(r),
  junit: (r) => renderJunit(r),
  markdown: (r, o = {}) => renderMarkdown(r, o),
  github: (r) => renderGithub(r),
  html: (r) => renderHtml(r),
  sarif: (r) => renderSarif(r),
};

export function isFormat(s: string): s is Format {
  return (FORMATS as readonly string[]).includes(s);
}

export function render(format: Format, report: Report, options: RenderOptions = {}): string {
  return RENDERERS[format](report, options);
}

export { renderCli, renderGithub, renderHtml, renderJson, renderJunit, renderMarkdown, renderSarif };
export { renderJunitReports } from './junit.js';
export { renderGithubReports } from './github.js';
export { summaryLine } from './status.js';
