/** Formats user errors for stderr: place, message, the offending line, and a hint. No stack trace. */
import type { ChalkInstance } from 'chalk';
import { formatPlace, type UserError } from '../errors.js';

export function formatUserError(err: UserError, c: ChalkInstance): string {
  const lines: string[] = [];
  if (err.problems.length === 0) {
    lines.push(`${c.red.bold('error')}: ${err.message}`);
    return lines.join('\n') + '\n';
  }
  const noun = err.kind === 'config' ? 'invalid configuration' : err.kind === 'data' ? 'invalid dataset' : err.kind === 'usage' ? 'usage' : 'cannot read input';
  if (err.problems.length > 1) lines.push(`${c.red.bold('error')}: ${noun}: ${err.problems.length} problems`);
  for (const p of err.problems) {
    const head = err.problems.length > 1 ? '  ' : `${c.red.bold('error')}: `;
    lines.push(`${head}${c.bold(formatPlace(p))}: ${p.message}`);
    if (p.sourceLine !== undefined) {
      const gutter = p.line !== undefined ? String(p.line) : '';
      const pad = ' '.repeat(gutter.length);
      lines.push(`    ${c.dim(`${gutter} |`)} ${p.sourceLine}`);
      if (p.column !== undefined) lines.push(`    ${c.dim(`${pad} |`)} ${' '.repeat(Math.max(0, p.column - 1))}${c.red('^')}`);
    }
    if (p.hint) lines.push(`    ${c.cyan('hint')}: ${p.hint}`);
  }
  return lines.join('\n') + '\n';
}
