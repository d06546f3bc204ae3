/**
 * Reads policy files and their `extends` chains into layers in merge order (extends first, then the
 * file). Collects every problem across every file instead of stopping at the first.
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, InputFileError, type Problem } from '../errors.js';
import { explainIssues, problemAt, toProblems } from './issues.js';
import type { PathSeg } from './path.js';
import { type PolicyFile, type PolicyOverlay, checkEntrySchema, columnsSchema, defaultsSchema, policyFileSchema, waiverSchema } from './policy-schema.js';
import { type YamlDoc, parseYaml, readConfigText } from './yaml.js';

export const MAX_EXTENDS_DEPTH = 16;
/** Files one policy may pull in through extends, counting every branch (a fan-out bomb stops here). */
export const MAX_POLICY_FILES = 128;

export interface LoadLayersOptions {
  /** Let `extends` reach files outside the repository of the top-level policy (CLI: --allow-outside-repo). */
  allowOutsideRepo?: boolean;
}

export interface PolicyLayer {
  /** Path as given (top level) or joined onto the extending file's folder. */
  file: string;
  bytes: Buffer;
  doc: YamlDoc;
  /** The file's normalized content; when the file has schema errors, only the parts that are valid. */
  data: PolicyFile;
  /** False when the file had schema errors (its valid parts are still checked, never merged). */
  valid: boolean;
}

interface Frame {
  canon: string;
  display: string;
}
interface Via {
  doc: YamlDoc;
  path: PathSeg[];
  written: string;
}

export async function loadPolicyLayers(files: readonly string[], opts: LoadLayersOptions = {}): Promise<{ layers: PolicyLayer[]; problems: Problem[]; order: string[] }> {
  const layers: PolicyLayer[] = [];
  /** Files in merge order, including ones that failed to parse (to sort problems by). */
  const order: string[] = [];
  const problems: Problem[] = [];
  const seen = new Set<string>();

  let root = '';
  const visit = async (display: string, stack: Frame[], via?: Via): Promise<void> => {
    const canon = await canonical(display);
    // Chains are shown relative to the top-level policy's folder, as the user wrote them.
    const show = (f: string) => path.relative(path.dirname(stack[0]?.display ?? display), f) || f;
    if (via && !opts.allowOutsideRepo && !inside(root, canon)) {
      problems.push(problemAt(via.doc, via.doc.file, via.path,
        `cannot extend "${via.written}": it resolves to ${canon}, outside the repository of the policy (${root}); a policy may only pull in files from its own repository`,
        'copy the file into the repository, or pass --allow-outside-repo if this is intended', 'value'));
      return;
    }
    const cycleStart = stack.findIndex((f) => f.canon === canon);
    if (cycleStart >= 0 && via) {
      const chain = [...stack.slice(cycleStart).map((f) => show(f.display)), show(display)].join(' -> ');
      problems.push(problemAt(via.doc, via.doc.file, via.path, `extends cycle: ${chain}`, 'remove one of the extends entries that close the loop'));
      return;
    }
    // A file reached twice without a cycle (a diamond) is merged once, where it first appeared.
    if (seen.has(canon)) return;
    if (via && stack.length >= MAX_EXTENDS_DEPTH) {
      problems.push(problemAt(via.doc, via.doc.file, via.path, `extends chain is deeper than ${MAX_EXTENDS_DEPTH} files: ${[...stack.map((f) => show(f.display)), show(display)].join(' -> ')}`));
      return;
    }
    if (via && seen.size >= MAX_POLICY_FILES) {
      problems.push(problemAt(via.doc, via.doc.file, via.path, `extends pulls in more than ${MAX_POLICY_FILES} policy files; refusing`));
      return;
    }
    seen.add(canon);

    let read;
    try {
      read = await readConfigText(display);
    } catch (err) {
      if (err instanceof ConfigError) problems.push(...err.problems);
      else if (err instanceof InputFileError && via) {
        const reason = err.problems[0]?.message ?? err.message;
        problems.push(problemAt(via.doc, via.doc.file, via.path, `cannot extend "${via.written}": ${reason} (looked for ${display})`, undefined, 'value'));
      } else throw err;
      return;
    }
    let doc: YamlDoc;
    try {
      doc = parseYaml(read.text, display);
    } catch (err) {
      if (err instanceof ConfigError) {
        order.push(display);
        problems.push(...err.problems);
        return;
      }
      throw err;
    }
    if (doc.value === null || typeof doc.value !== 'object' || Array.isArray(doc.value)) {
      order.push(display);
      problems.push(problemAt(doc, display, [], 'expected a mapping of policy keys (apiVersion, extends, columns, defaults, checks, waivers, environments) at the top level'));
      return;
    }

    const parsed = policyFileSchema.safeParse(dropEmptySections(doc.value as Record<string, unknown>));
    if (!parsed.success) {
      problems.push(...toProblems(explainIssues(parsed.error.issues, policyFileSchema, doc.value, (p) => doc.scalarSource(p)), doc, display));
    }
    const me: Frame = { canon, display };
    for (const { ext, childPath } of extendsOf(doc.value)) {
      const child = path.isAbsolute(ext) ? ext : path.join(path.dirname(display), ext);
      await visit(child, [...stack, me], { doc, path: childPath, written: ext });
    }
    // An invalid file's valid parts are still checked further (check IDs, options) so that every
    // problem is reported in one go; the ConfigError thrown later keeps it from being merged.
    const data = parsed.success ? parsed.data : salvage(doc.value as Record<string, unknown>);
    layers.push({ file: display, bytes: read.bytes, doc, data, valid: parsed.success });
    order.push(display);
  };

  for (const file of files) {
    root = await repositoryRoot(await canonical(file));
    await visit(file, []);
  }
  return { layers, problems, order };
}

/** `extends` as written, taken from the raw document so a chain is followed even when the file has other errors. */
function extendsOf(raw: unknown): { ext: string; childPath: PathSeg[] }[] {
  const ext = (raw as { extends?: unknown }).extends;
  if (typeof ext === 'string' && ext !== '') return [{ ext, childPath: ['extends'] }];
  if (!Array.isArray(ext)) return [];
  return ext.flatMap((e: unknown, i) => (typeof e === 'string' && e !== '' ? [{ ext: e, childPath: ['extends', i] }] : []));
}

/** The git root above a top-level policy (a `.git` folder, or file in a worktree), else its own folder. */
export async function repositoryRoot(canonFile: string): Promise<string> {
  for (let dir = path.dirname(canonFile); ; dir = path.dirname(dir)) {
    try {
      await stat(path.join(dir, '.git'));
      return dir;
    } catch {
      if (path.dirname(dir) === dir) return path.dirname(canonFile);
    }
  }
}

function inside(root: string, canon: string): boolean {
  const rel = path.relative(root, canon);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

async function canonical(file: string): Promise<string> {
  try {
    return await realpath(file);
  } catch {
    return path.resolve(file);
  }
}

/** The valid sections and list entries of an invalid file; failing list entries become holes to keep indexes. */
function salvage(raw: Record<string, unknown>): PolicyFile {
  const overlay = (src: Record<string, unknown>): PolicyOverlay => {
    const out: PolicyOverlay = {};
    const columns = columnsSchema.safeParse(src.columns);
    if (columns.success && columns.data) out.columns = columns.data;
    const defaults = defaultsSchema.safeParse(src.defaults);
    if (defaults.success && defaults.data) out.defaults = defaults.data;
    if (Array.isArray(src.checks)) out.checks = src.checks.map((e) => checkEntrySchema.safeParse(e).data) as PolicyOverlay['checks'];
    if (Array.isArray(src.waivers)) out.waivers = src.waivers.map((w) => waiverSchema.safeParse(w).data) as PolicyOverlay['waivers'];
    return out;
  };
  const out: PolicyFile = overlay(raw);
  const envs = raw.environments;
  if (envs && typeof envs === 'object' && !Array.isArray(envs)) {
    out.environments = {};
    for (const [name, env] of Object.entries(envs)) {
      if (env && typeof env === 'object' && !Array.isArray(env)) out.environments[name] = overlay(env as Record<string, unknown>);
    }
  }
  return out;
}

const SECTIONS = ['extends', 'columns', 'defaults', 'checks', 'waivers', 'environments'];

/**
 * `waivers:` with every entry commented out parses as null; that means "none", not a type error.
 * Only whole sections are treated so; a null inside a section is still reported.
 */
function dropEmptySections(root: Record<string, unknown>): Record<string, unknown> {
  const strip = (obj: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(Object.entries(obj).filter(([k, v]) => !(v === null && SECTIONS.includes(k))));
  const out = strip(root);
  const envs = out.environments;
  if (envs && typeof envs === 'object' && !Array.isArray(envs)) {
    out.environments = Object.fromEntries(
      Object.entries(envs).map(([name, env]) => [name, env && typeof env === 'object' && !Array.isArray(env) ? strip(env as Record<string, unknown>) : env]),
    );
  }
  return out;
}
