/**
 * The `hook` commands' definitions (see hook.ts): the pre-push logic is imported when a hook command
 * runs, so the other commands do not load it.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { PACKAGE_ROOT } from './paths.js';

interface Out {
  out: (s: string) => void;
  err: (s: string) => void;
  setExit: (c: number) => void;
}

export function registerHookCommands(program: Command, io: Out): void {
  const cmd = program.command('hook').description('git pre-push hook: audit the models changed in the pushed commits');
  cmd
    .command('install')
    .description('install a git pre-push hook (honours core.hooksPath) that runs the gate on changed models')
    .option('--force', 'overwrite a pre-push hook that modelgate did not write')
    .action(async (flags: { force?: boolean }) => {
      const hook = await import('./hook.js');
      const js = join(PACKAGE_ROOT, 'bin', 'modelgate.js');
      const st = await stat(js).catch(() => null);
      if (!st) throw new UsageError(`cannot find modelgate's own entry point at ${js}`);
      const r = await hook.installHook(process.cwd(), Boolean(flags.force), js, process.execPath);
      io.out(`${r.replaced ? 'replaced' : 'installed'} ${r.file}\n`);
    });
  cmd
    .command('run', { hidden: true })
    .description('run by the pre-push hook: reads the pushed refs on stdin')
    .argument('[remote]', 'remote name (git passes it)')
    .argument('[url]', 'remote URL (git passes it; unused)')
    .action(async (remote: string | undefined) => {
      const hook = await import('./hook.js');
      const ms = hook.hookTimeoutMs(process.env);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((res) => { timer = setTimeout(() => res('timeout'), ms); });
      // Under pre-commit the remote comes in its environment instead of the arguments.
      const code = await Promise.race([hook.runHook(remote ?? (process.env.PRE_COMMIT_REMOTE_NAME || undefined), io, process.cwd()), timeout]).finally(() => clearTimeout(timer));
      if (code === 'timeout') {
        io.err(`modelgate: the pre-push check did not finish within ${ms / 1000} s (MODELGATE_HOOK_TIMEOUT): no verdict, push blocked (exit 2).\n`
          + '  Raise MODELGATE_HOOK_TIMEOUT (seconds), or skip this check once with `git push --no-verify`.\n');
        io.setExit(2);
        // Work still in flight (a read, a child process) must not keep the push waiting.
        setTimeout(() => process.exit(2), 100).unref();
        return;
      }
      io.setExit(code);
    });
}
