/**
 * The commander program: the only code that reads argv, writes stdout/stderr and sets the exit
 * code. One top-level catch turns user errors into a clean message and exit 2; anything else is an
 * internal error, still exit 2 (fail closed).
 */
import './interrupt.js'; // first: exit 130 on Ctrl-C from the very start (see interrupt.ts)
import { Chalk } from 'chalk';
import { Command, CommanderError, Option } from 'commander';
import { UserError } from '../errors.js';
import { formatUserError } from './print-error.js';
import { colorLevel, FORMATS, type CheckFlags } from './options.js';
import { gitState } from './io.js';
import { displayPath } from './paths.js';
import { mapStack } from './stack.js';
import { registerInfoCommands } from './info-commands.js';
import { registerHookCommands } from './hook-command.js';
import { registerInitCommand } from './init.js';
import { registerReportCommands } from './report-commands.js';
import { TOOL } from './version.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

function addCheckOptions(cmd: Command): Command {
  return cmd
    .option('--config <file>', 'project config (default: modelgate.yaml found from here up to the git root)')
    .option('--model <file>', 'model metadata (YAML, JSON, MLflow MLmodel, or Hugging Face README.md)')
    .option('--data <file>', 'holdout dataset (.csv, .tsv, .parquet, .arrow/.feather/.ipc, .jsonl; .gz on text)')
    .option('--policy <file>', 'policy file (repeatable; later files override earlier ones)', collect)
    .option('--env <name>', 'apply the policy\'s `environments.<name>` overrides')
    .option('--baseline <report.json>', 'a previous JSON report to compare against (MG202)')
    .option('--only <ids>', 'run only these checks (IDs or slugs, comma-separated; repeatable)', collect)
    .option('--skip <ids>', 'skip these checks (IDs or slugs, comma-separated; repeatable)', collect)
    .addOption(new Option('--fail-on <level>', 'lowest severity that fails the gate').choices(['error', 'warning']))
    .option('--waivers', 'apply the policy\'s waivers (the default; overrides `waivers: false` in modelgate.yaml)')
    .option('--no-waivers', 'ignore every waiver in the policy')
    .addOption(new Option('-f, --format <format>', 'report format written to stdout (or to --output)').choices([...FORMATS]))
    .option('-o, --output <file>', 'write the --format report to this file instead of stdout')
    .option('--json <file>', 'also write a JSON report (repeatable)', collect)
    .option('--junit <file>', 'also write a JUnit XML report (repeatable)', collect)
    .option('--markdown <file>', 'also write a Markdown summary (repeatable)', collect)
    .option('--html <file>', 'also write a self-contained HTML report (repeatable)', collect)
    .option('--sarif <file>', 'also write a SARIF 2.1.0 report (repeatable)', collect)
    .option('-q, --quiet', 'print only the summary line and the gates that did not pass')
    .option('-v, --verbose', 'print per-group tables for every gate')
    .option('--color', 'force colour')
    .option('--no-color', 'no colour (also: NO_COLOR=1)')
    .option('--no-progress', 'no progress bar on stderr')
    .option('--allow-outside-repo', 'let paths in policies (extends, training_ids, artifact) leave the repository');
}

export function buildProgram(io: { out: (s: string) => void; err: (s: string) => void; setExit: (c: number) => void }): Command {
  const program = new Command('modelgate')
    .description('Decide whether a machine-learning model may ship: lineage, holdout performance, subgroup fairness and explainability gates.')
    .version(TOOL.version, '-V, --version')
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();

  const check = addCheckOptions(program.command('check', { isDefault: true }))
    .description('run the gate (the default command); exit 0 pass, 1 gate failed, 2 no verdict')
    .action(async (flags: CheckFlags & { fail_on?: string }) => {
      const env = process.env;
      const level = colorLevel(flags.color, env, Boolean(process.stdout.isTTY));
      verdictPending = true;
      // git runs while the engine loads (two processes, otherwise waited for later). SOURCE_DATE_EPOCH
      // fixes the clock and leaves git out of the report (runClock, options.ts), so no git then.
      const git = env.SOURCE_DATE_EPOCH ? undefined : gitState(process.cwd());
      // The engine is imported here, not at the top: --help, --version and the other commands do not need it.
      const { runCheck, writeOutputs } = await import('./check.js');
      const run = await runCheck(flags, env, process.cwd(), git);
      const o = run.options;
      const text = await writeOutputs(run, o, level, process.cwd());
      io.setExit(run.exitCode);
      if (text) io.out(text);
      const errors = run.reports.flatMap((r) => r.errors);
      if (errors.length && o.format !== 'cli') {
        const c = new Chalk({ level: colorLevel(flags.color, env, Boolean(process.stderr.isTTY)) });
        for (const e of errors) io.err(`${c.red.bold('error')}: ${e.checkId ? `${e.checkId}: ` : ''}${e.message}\n`);
      }
    });
  void check;
  registerInfoCommands(program, io);
  registerHookCommands(program, io);
  registerInitCommand(program, io);
  registerReportCommands(program, io);
  return program;
}

/** True while `check` runs and before its exit code is known. */
let verdictPending = false;

export async function main(argv: string[]): Promise<number> {
  // A closed pipe (`modelgate explain MG202 | head`) is not an error of ours: stop writing quietly.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      // The verdict is set before the report is written, so a closed pipe keeps it; else no verdict.
      if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : verdictPending ? 2 : 0);
      throw e;
    });
  }
  let code = 0;
  const out = (s: string) => { process.stdout.write(s); };
  const err = (s: string) => { process.stderr.write(s); };
  const program = buildProgram({ out, err, setExit: (c) => { code = c; process.exitCode = c; verdictPending = false; } });
  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    const c = new Chalk({ level: colorLevel(undefined, process.env, Boolean(process.stderr.isTTY)) });
    if (e instanceof CommanderError) {
      // --help and --version exit 0; bad flags are usage errors: exit 2 (no verdict).
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof UserError) {
      for (const p of e.problems) p.file = displayPath(p.file, process.cwd());
      err(formatUserError(e, c));
      return 2;
    }
    err(`${c.red.bold('internal error')}: ${mapStack((e as Error)?.stack ?? String(e))}\n`);
    err('This is a bug in modelgate. The gate has no verdict (exit 2).\n');
    return 2;
  }
}

// Ctrl-C and SIGTERM are handled by ./interrupt.js, imported first so it is in place during start-up.
main(process.argv).then((code) => {
  process.exitCode = code;
});
