/**
 * Where the package lives and how paths are shown. Kept apart from check.ts so the commands that
 * only need a path (init, hook install, error messages) do not load the audit engine.
 */
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Two folders up from this module: dist/cli/ in the tsc build, dist/bundle/ in the bundled one.
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_POLICY = resolve(PACKAGE_ROOT, 'policies', 'default.yaml');

/** Paths shown in reports: relative to the working directory when inside it, for stable output. */
export function displayPath(p: string, cwd: string): string {
  const rel = relative(cwd, resolve(cwd, p));
  return rel && !rel.startsWith('..') ? rel.split('\\').join('/') : resolve(cwd, p);
}
