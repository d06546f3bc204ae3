/**
 * zod issues -> Problems a person can act on: file:line:column, the source line, what was expected
 * and what was found, with a "did you mean" where one is plausible. Every issue is kept (all
 * problems are reported at once); messages are rebuilt here rather than taken from zod so that they
 * read the same everywhere (`expected a number between 0 and 1, got 80`).
 */
import type { z } from 'zod';
import type { Problem } from '../errors.js';
import { type PathSeg, formatPath, valueAt } from './path.js';
import { knownKeysAt, numberBoundsAt, type Bounds } from './schema-walk.js';
import { didYouMean } from './suggest.js';
import type { Locator } from './yaml.js';

type Issue = z.core.$ZodIssue;

/** One explained issue, path relative to the validated value. */
export interface Explained {
  path: PathSeg[];
  message: string;
  hint?: string;
  /** What to point at: the value, the key itself (unknown key), or the enclosing key (missing key). */
  where: 'value' | 'key' | 'parent';
}

export function explainIssues(issues: readonly Issue[], schema: unknown, value: unknown, source?: (path: PathSeg[]) => string | undefined): Explained[] {
  const out: Explained[] = [];
  for (const issue of issues) explainOne(issue, [], schema, value, source, out);
  return out;
}

function explainOne(issue: Issue, prefix: PathSeg[], schema: unknown, root: unknown, source: ((p: PathSeg[]) => string | undefined) | undefined, out: Explained[]): void {
  const path = [...prefix, ...(issue.path as PathSeg[])];
  const got = valueAt(root, path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeysAt(schema, path);
      for (const key of issue.keys) {
        const hint = didYouMean(key, known) ?? (known.length > 0 && known.length <= 12 ? `expected one of: ${known.join(', ')}` : undefined);
        out.push({ path: [...path, key], message: `unknown key "${key}"`, ...(hint ? { hint } : {}), where: 'key' });
      }
      return;
    }
    case 'invalid_type': {
      if (got === undefined) {
        const key = path[path.length - 1];
        out.push({ path, message: typeof key === 'string' ? `missing required key "${key}"` : `missing value`, where: 'parent' });
        return;
      }
      const expected = issue.expected === 'number' && numberBoundsAt(schema, path)?.integer ? 'a whole number' : expectedName(issue.expected);
      const hint = quoteHint(issue.expected, got, source?.(path));
      out.push({ path, message: `expected ${expected}, got ${describe(got)}`, ...(hint ? { hint } : {}), where: 'value' });
      return;
    }
    case 'too_big':
    case 'too_small': {
      if (issue.origin === 'number' && typeof got === 'number') {
        const bounds = numberBoundsAt(schema, path) ?? { integer: false };
        out.push({ path, message: `expected ${rangeText(bounds)}, got ${got}`, ...percentHint(bounds, got), where: 'value' });
      } else if (issue.origin === 'array' || issue.origin === 'set') {
        const n = Array.isArray(got) ? got.length : 0;
        const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
        const word = issue.code === 'too_small' ? 'at least' : 'at most';
        out.push({ path, message: `expected ${word} ${limit} item${limit === 1 ? '' : 's'}, got ${n}`, where: 'value' });
      } else if (issue.origin === 'string' && issue.code === 'too_small' && Number(issue.minimum) === 1) {
        out.push({ path, message: 'expected a non-empty string', where: 'value' });
      } else out.push({ path, message: issue.message, where: 'value' });
      return;
    }
    case 'invalid_value': {
      if (got === undefined && typeof path[path.length - 1] === 'string') {
        out.push({ path, message: `missing required key "${String(path[path.length - 1])}"`, hint: `expected one of ${issue.values.map(String).join(', ')}`, where: 'parent' });
        return;
      }
      const values = issue.values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
      const message = values.length === 1 ? `expected ${JSON.stringify(issue.values[0])}, got ${describe(got)}` : `expected one of ${values.join(', ')}, got ${describe(got)}`;
      const hint = typeof got === 'string' ? didYouMean(got, values) : undefined;
      out.push({ path, message, ...(hint ? { hint } : {}), where: 'value' });
      return;
    }
    case 'invalid_union': {
      const branches = issue.errors;
      const shallow = branches.every((b) => b.length > 0 && b.every((i) => i.code === 'invalid_type' && i.path.length === 0));
      if (shallow || branches.length === 0) {
        if (got === undefined) {
          explainOne({ ...branches[0]![0]!, path: issue.path } as Issue, prefix, schema, root, source, out);
          return;
        }
        const names = [...new Set(branches.flatMap((b) => b.map((i) => expectedName((i as { expected: string }).expected))))];
        out.push({ path, message: `expected ${names.join(' or ')}, got ${describe(got)}`, where: 'value' });
        return;
      }
      // The branch that got furthest (matched the type and failed inside) says what is wrong.
      const best = branches.find((b) => !b.every((i) => i.code === 'invalid_type' && i.path.length === 0)) ?? branches[0]!;
      for (const inner of best) explainOne(inner, path, schema, root, source, out);
      return;
    }
    case 'invalid_format': {
      const what = issue.format === 'date' ? 'an ISO date (YYYY-MM-DD)' : `a value in ${issue.format} format`;
      out.push({ path, message: `expected ${what}, got ${describe(got)}`, where: 'value' });
      return;
    }
    case 'custom': {
      const hint = (issue.params as { hint?: unknown } | undefined)?.hint;
      out.push({ path, message: issue.message, ...(typeof hint === 'string' ? { hint } : {}), where: 'value' });
      return;
    }
    default:
      out.push({ path, message: issue.message, where: 'value' });
  }
}

const EXPECTED: Record<string, string> = {
  string: 'a string', number: 'a number', int: 'a whole number', boolean: 'true or false', array: 'a list',
  object: 'a mapping', record: 'a mapping', null: 'an empty value', bigint: 'a whole number',
};
function expectedName(expected: string): string {
  return EXPECTED[expected] ?? expected;
}

export function describe(v: unknown): string {
  if (v === null) return 'an empty value';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v);
  return String(v);
}

function quoteHint(expected: string, got: unknown, written: string | undefined): string | undefined {
  if (expected === 'string' && (typeof got === 'number' || typeof got === 'boolean')) {
    return `put it in quotes to make it text: "${written ?? String(got)}"`;
  }
  if ((expected === 'number' || expected === 'int') && typeof got === 'string' && got.trim() !== '' && Number.isFinite(Number(got))) {
    return 'remove the quotes to make it a number';
  }
  return undefined;
}

function rangeText(b: Bounds): string {
  const kind = b.integer ? 'a whole number' : 'a number';
  // zod's int() carries the safe-integer limits; those are not a user-facing bound.
  const min = b.min && Math.abs(b.min.value) < Number.MAX_SAFE_INTEGER ? b.min : undefined;
  const max = b.max && Math.abs(b.max.value) < Number.MAX_SAFE_INTEGER ? b.max : undefined;
  if (min && max) {
    if (min.inclusive && max.inclusive) return `${kind} between ${min.value} and ${max.value}`;
    if (!min.inclusive && !max.inclusive) return `${kind} strictly between ${min.value} and ${max.value}`;
    return `${kind} ${min.inclusive ? 'of at least' : 'greater than'} ${min.value} and ${max.inclusive ? 'at most' : 'less than'} ${max.value}`;
  }
  if (min) return `${kind} ${min.inclusive ? 'of at least' : 'greater than'} ${min.value}`;
  if (max) return `${kind} ${max.inclusive ? 'of at most' : 'less than'} ${max.value}`;
  return kind;
}

/** 80 where a share in [0, 1] is expected is almost always a percentage. */
function percentHint(b: Bounds, got: number): { hint?: string } {
  const isShare = b.max?.value === 1 && (b.min === undefined || b.min.value >= 0);
  if (!isShare || !(got > 1 && got <= 100)) return {};
  return { hint: `did you mean ${Number((got / 100).toPrecision(12))}?` };
}

/** Turns explained issues into located Problems. `docPath` is where the validated value sits in the file. */
export function toProblems(explained: readonly Explained[], locator: Locator | null, file: string, docPath: readonly PathSeg[] = []): Problem[] {
  return explained.map((e) => {
    const full = [...docPath, ...e.path];
    const target = e.where === 'parent' ? full.slice(0, -1) : full;
    return problemAt(locator, file, full, e.message, e.hint, e.where === 'value' ? 'value' : 'key', target);
  });
}

/** A Problem at `path`, located at the nearest place in the file that exists. */
export function problemAt(locator: Locator | null, file: string, path: readonly PathSeg[], message: string, hint?: string, where: 'value' | 'key' = 'key', locateAt: readonly PathSeg[] = path): Problem {
  const problem: Problem = { file, message };
  if (path.length > 0) problem.path = formatPath(path);
  if (hint) problem.hint = hint;
  if (!locator) return problem;
  let loc = null;
  for (let n = locateAt.length; n >= 0 && !loc; n--) {
    const p = locateAt.slice(0, n);
    loc = where === 'value' && n === locateAt.length ? locator.locateValue(p) : locator.locateKey(p);
  }
  if (loc) {
    problem.line = loc.line;
    if (loc.column !== undefined) problem.column = loc.column;
    const text = locator.lineText(loc.line);
    if (text !== undefined) problem.sourceLine = text;
  }
  return problem;
}

/**
 * Validates check options against a check's own zod schema, for PolicyCatalogue.validateOptions.
 * `alsoKnown` are entry keys the policy loader handles itself (id, severity, defaults keys), so a
 * typo of one of them still gets its suggestion.
 */
export function optionProblems(schema: z.ZodType, options: unknown, alsoKnown: readonly string[] = []): { path: string; message: string; hint?: string }[] {
  const result = schema.safeParse(options);
  if (result.success) return [];
  return explainIssues(result.error.issues, schema, options).map((e) => {
    let hint = e.hint;
    if (e.message.startsWith('unknown key') && !hint?.startsWith('did you mean')) {
      const key = e.path[e.path.length - 1];
      hint = (typeof key === 'string' ? didYouMean(key, [...knownKeysAt(schema, e.path.slice(0, -1)), ...alsoKnown]) : undefined) ?? hint;
    }
    return { path: formatPath(e.path), message: e.message, ...(hint ? { hint } : {}) };
  });
}

/** Problems in merge order of their files, then by position within a file (stable otherwise). */
export function sortProblems(problems: Problem[], fileOrder: readonly string[] = []): Problem[] {
  const rank = new Map<string, number>();
  for (const f of fileOrder) if (!rank.has(f)) rank.set(f, rank.size);
  for (const p of problems) if (!rank.has(p.file)) rank.set(p.file, rank.size);
  return [...problems].sort((a, b) => rank.get(a.file)! - rank.get(b.file)! || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
