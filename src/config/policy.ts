/**
 * loadPolicy: policy files -> one ResolvedPolicy. Steps: read files and extends chains (schema per
 * file) -> resolve check IDs and validate options through the catalogue -> pick the environment ->
 * merge. Every problem from every step is gathered and thrown as one ConfigError.
 */
import { createHash } from 'node:crypto';
import { ConfigError, UsageError, type Problem } from '../errors.js';
import { problemAt, sortProblems } from './issues.js';
import { type PathSeg, parsePath } from './path.js';
import { type PolicyLayer, loadPolicyLayers } from './policy-files.js';
import { type Overlay, type ResolvedEntry, entryIdentity, mergeOverlays } from './policy-merge.js';
import { DEFAULT_KEYS, type PolicyOverlay } from './policy-schema.js';
import { didYouMean } from './suggest.js';
import type { Defaults, ResolvedPolicy, SourceLocation, Waiver } from './types.js';

/** What the policy loader needs from the check catalogue (config must not import src/checks). */
export interface PolicyCatalogue {
  /** Canonical ID for an ID or slug, or null when unknown. */
  resolveId(idOrSlug: string): string | null;
  /** Problems with a check's options; `path` is relative to the options (`thresholds.auc`). */
  validateOptions(id: string, options: Record<string, unknown>): { path: string; message: string; hint?: string }[];
  /** Every ID and slug, for "did you mean" on an unknown one. */
  names?(): string[];
}

export interface LoadPolicyOptions {
  environment?: string;
  catalogue: PolicyCatalogue;
  /** Let `extends` reach outside the top-level policy's repository (CLI flag --allow-outside-repo). */
  allowOutsideRepo?: boolean;
}

const ENTRY_KEYS = new Set<string>(['id', ...DEFAULT_KEYS]);

export async function loadPolicy(files: string[], opts: LoadPolicyOptions): Promise<ResolvedPolicy> {
  if (files.length === 0) throw new UsageError('no policy file given (use --policy FILE or list policies in modelgate.yaml)');
  const { layers, problems, order } = await loadPolicyLayers(files, { allowOutsideRepo: opts.allowOutsideRepo ?? false });

  const overlays: Overlay[] = [];
  for (const layer of layers) overlays.push(resolveOverlay(layer, layer.data, [], opts.catalogue, problems));

  const environment = opts.environment ?? null;
  if (environment !== null) {
    const known = [...new Set(layers.flatMap((l) => Object.keys(l.data.environments ?? {})))];
    if (!known.includes(environment)) {
      const where = [...layers].reverse().find((l) => l.data.environments) ?? layers[layers.length - 1];
      const hint = known.length === 0 ? 'the policy defines no environments' : (didYouMean(environment, known) ?? `known environments: ${known.join(', ')}`);
      const file = where?.file ?? files[files.length - 1]!;
      problems.push(problemAt(where?.doc ?? null, file, where?.data.environments ? ['environments'] : [], `unknown environment "${environment}"${known.length ? ` (known: ${known.join(', ')})` : ''}`, hint));
    }
    for (const layer of layers) {
      const env = layer.data.environments?.[environment];
      if (env) overlays.push(resolveOverlay(layer, env, ['environments', environment], opts.catalogue, problems));
    }
  }

  if (problems.length > 0) throw new ConfigError(sortProblems(problems, order));
  const merged = mergeOverlays(overlays);
  const hash = createHash('sha256');
  for (const layer of layers) hash.update(layer.bytes);
  return { files: layers.map((l) => l.file), sha256: hash.digest('hex'), environment, ...merged };
}

function resolveOverlay(layer: PolicyLayer, data: PolicyOverlay, base: PathSeg[], catalogue: PolicyCatalogue, problems: Problem[]): Overlay {
  const { doc, file } = layer;
  const here = (path: PathSeg[]): SourceLocation => doc.locateKey(path) ?? { file, line: 1 };
  const suggestId = (written: string): string | undefined => didYouMean(written, catalogue.names?.() ?? []);

  const checks: ResolvedEntry[] = [];
  const firstSeen = new Map<string, SourceLocation>();
  for (const [i, entry] of (data.checks ?? []).entries()) {
    if (!entry) continue; // a hole left by an entry that failed the schema (already reported)
    const at: PathSeg[] = [...base, 'checks', i];
    const id = catalogue.resolveId(entry.id);
    if (id === null) {
      problems.push(problemAt(doc, file, [...at, 'id'], `unknown check "${entry.id}"`, suggestId(entry.id) ?? 'run `modelgate checks` for the list', 'value'));
      continue;
    }
    const overrides: Partial<Defaults> = {};
    const options: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(entry)) {
      if (key === 'id') continue;
      if (ENTRY_KEYS.has(key)) (overrides as Record<string, unknown>)[key] = value;
      else options[key] = value;
    }
    for (const p of catalogue.validateOptions(id, options)) {
      const rel = parsePath(p.path) ?? [];
      problems.push(problemAt(doc, file, [...at, ...rel], p.message, p.hint, p.message.startsWith('unknown key') ? 'key' : 'value'));
    }
    const location = here(at);
    const identity = entryIdentity(id, options);
    const earlier = firstSeen.get(identity);
    if (earlier) {
      problems.push(problemAt(doc, file, at, `duplicate check entry: same check, metric and sensitive columns as the entry at line ${earlier.line}`, 'give them different metric/sensitive options, or keep one'));
      continue;
    }
    firstSeen.set(identity, location);
    const keyLocations: Record<string, SourceLocation> = {};
    for (const key of Object.keys(entry)) keyLocations[key] = here([...at, key]);
    checks.push({ id, ...(overrides.severity ? { severity: overrides.severity } : {}), overrides, options, location, keyLocations, identity });
  }

  const waivers: Waiver[] = [];
  for (const [i, w] of (data.waivers ?? []).entries()) {
    if (!w) continue;
    const at: PathSeg[] = [...base, 'waivers', i];
    const check = catalogue.resolveId(w.check);
    if (check === null) {
      problems.push(problemAt(doc, file, [...at, 'check'], `unknown check "${w.check}"`, suggestId(w.check), 'value'));
      continue;
    }
    waivers.push({ ...w, check, location: here(at) });
  }
  const defaults = data.defaults as Partial<Defaults> | undefined;
  return { ...(data.columns ? { columns: data.columns } : {}), ...(defaults ? { defaults } : {}), checks, waivers };
}
