/**
 * Option precedence for every option: flag > MODELGATE_* environment variable > config file >
 * default (DESIGN §2.4). Pure: takes the flags and the environment as arguments.
 */
import type { ProjectOptions } from '../config/types.js';
import { UsageError } from '../errors.js';

export const FORMATS = ['cli', 'json', 'junit', 'markdown', 'github', 'html', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export interface CheckFlags {
  config?: string;
  model?: string;
  data?: string;
  policy?: string[];
  env?: string;
  baseline?: string;
  only?: string[];
  skip?: string[];
  failOn?: string;
  waivers?: boolean;
  format?: string;
  output?: string;
  json?: string[];
  junit?: string[];
  markdown?: string[];
  html?: string[];
  sarif?: string[];
  quiet?: boolean;
  verbose?: boolean;
  color?: boolean;
  progress?: boolean;
  allowOutsideRepo?: boolean;
}

export interface ResolvedCheckOptions {
  config?: string;
  model?: string;
  data?: string;
  policy: string[];
  environment?: string;
  baseline?: string;
  only: string[];
  skip: string[];
  failOn: 'error' | 'warning';
  waivers: boolean;
  format: Format;
  output?: string;
  outputs: { format: Format; file: string }[];
  quiet: boolean;
  verbose: boolean;
  /** Paths in policies (extends, training_ids, artifact) may leave the repository. */
  allowOutsideRepo: boolean;
}

const list = (v: string | undefined) => (v ? v.split(/[,\n]/).map((s) => s.trim()).filter(Boolean) : []);
const bool = (name: string, v: string | undefined): boolean | undefined => {
  if (v === undefined || v === '') return undefined;
  if (/^(1|true|yes|on)$/i.test(v)) return true;
  if (/^(0|false|no|off)$/i.test(v)) return false;
  throw new UsageError(`${name}=${v}: expected true or false`);
};

/** Flag > MODELGATE_* environment variable > `options:` of modelgate.yaml (`project`) > default. */
export function resolveCheckOptions(flags: CheckFlags, env: NodeJS.ProcessEnv, project: ProjectOptions = {}): ResolvedCheckOptions {
  const e = (k: string) => {
    const v = env[`MODELGATE_${k}`];
    return v === undefined || v === '' ? undefined : v;
  };
  const format = (flags.format ?? e('FORMAT') ?? 'cli') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`${flags.format !== undefined ? '--format ' : 'MODELGATE_FORMAT='}${format}: expected one of ${FORMATS.join(', ')}`);
  const failOn = flags.failOn ?? e('FAIL_ON') ?? project.fail_on ?? 'error';
  const from = (flag: unknown, name: string, variable: string) => (flag !== undefined ? name : variable);
  if (failOn !== 'error' && failOn !== 'warning') throw new UsageError(`${from(flags.failOn, '--fail-on', 'MODELGATE_FAIL_ON=')}${flags.failOn !== undefined ? ' ' : ''}${failOn}: expected error or warning`);
  const ids = (flag: string[] | undefined, key: string, fromConfig: string[] | undefined) =>
    flag && flag.length ? flag.flatMap((x) => list(x)) : e(key) !== undefined ? list(e(key)) : fromConfig ?? [];
  const outputs: { format: Format; file: string }[] = [];
  for (const f of ['json', 'junit', 'markdown', 'html', 'sarif'] as const) {
    const fromConfig = project.reports?.[f];
    const files = flags[f]?.length ? flags[f]! : e(f.toUpperCase()) !== undefined ? list(e(f.toUpperCase())) : fromConfig ? [fromConfig] : [];
    for (const file of files) outputs.push({ format: f, file });
  }
  const noWaivers = bool('MODELGATE_NO_WAIVERS', e('NO_WAIVERS'));
  const r: ResolvedCheckOptions = {
    policy: flags.policy?.length ? flags.policy : list(e('POLICY')),
    only: ids(flags.only, 'ONLY', project.only),
    skip: ids(flags.skip, 'SKIP', project.skip),
    failOn,
    waivers: flags.waivers !== undefined ? flags.waivers : noWaivers !== undefined ? !noWaivers : project.waivers ?? true,
    format,
    outputs,
    // A -v flag outranks MODELGATE_QUIET from the environment (flag > variable).
    quiet: flags.quiet ?? (flags.verbose ? false : bool('MODELGATE_QUIET', e('QUIET')) ?? false),
    verbose: flags.verbose ?? bool('MODELGATE_VERBOSE', e('VERBOSE')) ?? false,
    allowOutsideRepo: flags.allowOutsideRepo ?? bool('MODELGATE_ALLOW_OUTSIDE_REPO', e('ALLOW_OUTSIDE_REPO')) ?? project.allow_outside_repo ?? false,
  };
  const set = <K extends keyof ResolvedCheckOptions>(k: K, v: ResolvedCheckOptions[K] | undefined) => {
    if (v !== undefined) r[k] = v;
  };
  set('config', flags.config ?? e('CONFIG'));
  set('model', flags.model ?? e('MODEL'));
  set('data', flags.data ?? e('DATA'));
  set('environment', flags.env ?? e('ENV') ?? project.environment);
  set('baseline', flags.baseline ?? e('BASELINE'));
  set('output', flags.output ?? e('OUTPUT'));
  return r;
}

/** Colour: --color/--no-color, then NO_COLOR, then FORCE_COLOR, then whether stdout is a TTY. */
export function colorLevel(flag: boolean | undefined, env: NodeJS.ProcessEnv, isTTY: boolean): 0 | 1 | 2 | 3 {
  if (flag === false) return 0;
  const force = env.FORCE_COLOR;
  const forced = force === undefined ? undefined : force === '' || force === 'true' ? 1 : force === 'false' ? 0 : Math.min(3, Math.max(0, Number.parseInt(force, 10) || 0));
  if (flag === true) return (forced && forced > 0 ? forced : 1) as 1 | 2 | 3;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (forced !== undefined) return forced as 0 | 1 | 2 | 3;
  if (!isTTY || env.TERM === 'dumb') return 0;
  return env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit' ? 3 : 2;
}

/** SOURCE_DATE_EPOCH fixes the clock so two runs over the same inputs give identical reports. */
export function runClock(env: NodeJS.ProcessEnv): { now: Date; fixed: boolean } {
  const s = env.SOURCE_DATE_EPOCH;
  if (s !== undefined && s !== '') {
    if (!/^\d+$/.test(s)) throw new UsageError(`SOURCE_DATE_EPOCH=${s}: expected whole seconds since 1970`);
    return { now: new Date(Number(s) * 1000), fixed: true };
  }
  return { now: new Date(), fixed: false };
}
