/** Runs the built CLI (`npm run build` first) the way a user does: a child process, colour off, hermetic env. */
import { execa } from 'execa';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'modelgate.js');

/** process.env without MODELGATE_*, CI or colour settings that would change the output. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('MODELGATE_') || k.startsWith('GITHUB_') || k.startsWith('INPUT_') || k.startsWith('PRE_COMMIT') || k === 'FORCE_COLOR' || k === 'NO_COLOR') continue;
    env[k] = v;
  }
  return { ...env, NO_COLOR: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', ...extra };
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function mg(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined>; input?: string } = {}): Promise<Run> {
  const r = await execa(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT, env: cleanEnv(opts.env), extendEnv: false, reject: false, stripFinalNewline: false, ...(opts.input !== undefined ? { input: opts.input } : { stdin: 'ignore' }),
  });
  return { code: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

export async function sh(cmd: string, args: string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<Run> {
  const r = await execa(cmd, args, { cwd, env: cleanEnv(env), extendEnv: false, reject: false, stripFinalNewline: false, stdin: 'ignore' });
  return { code: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}
