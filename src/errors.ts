/**
 * The few typed errors modelgate throws for problems the *user* can fix. The CLI's one top-level
 * catch prints them without a stack trace and exits 2. Anything else that escapes is a bug: it is
 * still exit 2 (fail closed), but printed as an internal error.
 */

/** One problem at one place in one input file. */
export interface Problem {
  /** File the problem is in (as the user named it, or resolved path). */
  file: string;
  /** 1-based line, when the input is text. */
  line?: number;
  /** 1-based column (character) on that line. */
  column?: number;
  /** Dotted path inside a structured document, e.g. `checks[2].min`. */
  path?: string;
  /** 1-based data row (for datasets), counting data rows only, header excluded. */
  row?: number;
  /** Dataset column name, when the problem is about one column. */
  field?: string;
  /** What is wrong and what was expected: `expected a number between 0 and 1, got 80`. */
  message: string;
  /** Extra help: `did you mean 0.8?`. */
  hint?: string;
  /** The offending source line, shown under the message. */
  sourceLine?: string;
}

export type UserErrorKind = 'usage' | 'config' | 'data' | 'io';

export class UserError extends Error {
  readonly kind: UserErrorKind;
  readonly problems: Problem[];
  constructor(kind: UserErrorKind, message: string, problems: Problem[] = []) {
    super(message);
    this.name = 'UserError';
    this.kind = kind;
    this.problems = problems;
  }
}

/** Invalid project config, policy, waiver or model metadata. Carries every problem found. */
export class ConfigError extends UserError {
  constructor(problems: Problem[], message?: string) {
    super('config', message ?? summarize(problems), problems);
    this.name = 'ConfigError';
  }
}

/** Unreadable or invalid dataset. */
export class DataError extends UserError {
  constructor(problem: Problem | Problem[]) {
    const list = Array.isArray(problem) ? problem : [problem];
    super('data', summarize(list), list);
    this.name = 'DataError';
  }
}

/** Bad command-line usage (unknown check ID, conflicting flags, missing inputs). */
export class UsageError extends UserError {
  constructor(message: string) {
    super('usage', message);
    this.name = 'UsageError';
  }
}

/** A file that cannot be opened or read (missing, a directory, permissions). */
export class InputFileError extends UserError {
  constructor(file: string, message: string) {
    super('io', `${file}: ${message}`, [{ file, message }]);
    this.name = 'InputFileError';
  }
}

export function formatPlace(p: Problem): string {
  let s = p.file;
  if (p.line !== undefined) s += `:${p.line}`;
  if (p.line !== undefined && p.column !== undefined) s += `:${p.column}`;
  const extra: string[] = [];
  if (p.row !== undefined) extra.push(`row ${p.row}`);
  if (p.field !== undefined) extra.push(`column "${p.field}"`);
  if (p.path !== undefined) extra.push(p.path);
  if (extra.length) s += ` (${extra.join(', ')})`;
  return s;
}

function summarize(problems: Problem[]): string {
  if (problems.length === 0) return 'invalid input';
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return `${formatPlace(first)}: ${first.message}${more}`;
}

/** Wraps a Node fs error (ENOENT, EISDIR, EACCES) into a message a user understands. */
export function describeFsError(file: string, err: unknown): InputFileError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const msg =
    code === 'ENOENT' ? 'file not found'
    : code === 'EISDIR' ? 'is a directory, expected a file'
    : code === 'EACCES' || code === 'EPERM' ? 'permission denied (cannot read the file)'
    : code === 'ENOTDIR' ? 'a parent of this path is not a directory'
    : `cannot read: ${(err as Error)?.message ?? String(err)}`;
  return new InputFileError(file, msg);
}
