/** Runs the built CLI in a case folder, optionally as an unprivileged user, with a hard time limit. */
import { execa } from 'execa';
import { BIN } from '../e2e/run-cli.js';

export const NOBODY = 65534;

export interface CliRun {
  code: number | undefined;
  output: string;
  timedOut: boolean;
}

export async function runIn(cwd: string, args: string[], opts: { unprivileged?: boolean; timeoutMs?: number } = {}): Promise<CliRun> {
  const asNobody = opts.unprivileged && process.getuid?.() === 0;
  const r = await execa(process.execPath, [BIN, ...args], {
    cwd,
    reject: false,
    stdin: 'ignore',
    all: true,
    timeout: opts.timeoutMs ?? 30_000,
    env: { NO_COLOR: '1', SOURCE_DATE_EPOCH: '1764460800', CI: 'true', HOME: cwd },
    extendEnv: true,
    ...(asNobody ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  return { code: r.exitCode, output: String(r.all ?? ''), timedOut: Boolean(r.timedOut) };
}
