/** Running the built CLI from the benchmark scripts. */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = join(ROOT, 'bin', 'modelgate.js');

/** Check IDs in the built catalogue (`modelgate checks`), so the bench policy uses only what exists. */
export function availableChecks() {
  const out = execFileSync(process.execPath, [BIN, 'checks'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return new Set([...out.matchAll(/^(MG\d{3})\s/gm)].map((m) => m[1]));
}
