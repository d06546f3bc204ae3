/** Runs the built CLI as a user would: a separate process, colour off, fixed clock. */
import { execa } from 'execa';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = resolve(ROOT, 'bin', 'modelgate.js');

export async function runCli(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  const r = await execa(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    reject: false,
    stdin: 'ignore',
    env: { NO_COLOR: '1', SOURCE_DATE_EPOCH: '1764460800', CI: 'true', ...opts.env },
    extendEnv: true,
  });
  return { code: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}
