/**
 * Ctrl-C (SIGINT, exit 130) and a CI cancel (SIGTERM, exit 143) end the run at once with no
 * verdict: temporary report files and any report this run already wrote are removed, so CI never
 * reads a partial file or a half-finished set of reports.
 *
 * The handlers are installed when this module is evaluated, which main.ts makes the first thing it
 * imports: loading the rest of the CLI takes about half a second, and a Ctrl-C in that time must
 * already end in 130 rather than in death by signal. Signal handlers run between synchronous
 * steps only, and writeAtomic's write + rename is one such step, so every file is seen either as a
 * temporary file or as a finished report.
 */
import { rmSync } from 'node:fs';

/** Temporary files being written, and reports this run has put in place. */
export const pendingTemps = new Set<string>();
export const committed: string[] = [];

/** Removes the temporary files and the reports this process wrote (best effort: we are exiting). */
export function abortWrites(): void {
  for (const f of [...pendingTemps, ...committed]) {
    try {
      rmSync(f, { force: true });
    } catch {
      // Nothing more can be done about a file we cannot remove while exiting.
    }
  }
  pendingTemps.clear();
  committed.length = 0;
}

function interrupted(signal: string, code: number): void {
  abortWrites();
  process.stderr.write(`\ninterrupted (${signal}): no verdict; no report of this run was kept\n`);
  process.exit(code);
}

process.once('SIGINT', () => interrupted('SIGINT', 130));
process.once('SIGTERM', () => interrupted('SIGTERM', 143));
