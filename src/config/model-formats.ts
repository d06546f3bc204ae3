/**
 * MLflow `MLmodel` files and Hugging Face model cards, mapped onto our model fields. Both formats
 * are lenient (their own keys are ignored unless we map them); fields in our names -- MLflow's
 * `metadata:` block, the card's `modelgate:` block -- take precedence over the mapped ones.
 * Each mapping also records where a field came from, so locate() points into the real file.
 */
import type { Problem } from '../errors.js';
import { problemAt } from './issues.js';
import { MODEL_KEYS } from './model-schema.js';
import type { PathSeg } from './path.js';
import { toSegments } from './path.js';
import type { SourceLocation } from './types.js';
import type { Locator, YamlDoc } from './yaml.js';

export interface Mapping {
  ours: PathSeg[];
  theirs: PathSeg[];
  /** Paths below `ours` (features[3]) point at `theirs` too (one JSON string holds them all). */
  descendants?: boolean;
}

export interface Mapped {
  /** Our field names, before the schema. */
  value: Record<string, unknown>;
  locator: Locator;
  problems: Problem[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

export function fromMlflow(doc: YamlDoc, root: Obj): Mapped {
  const derived: Obj = {};
  const maps: Mapping[] = [];
  const problems: Problem[] = [];
  const runId = text(root.run_id);
  if (runId !== undefined) {
    derived.lineage = { training_run_id: runId };
    maps.push({ ours: ['lineage', 'training_run_id'], theirs: ['run_id'] });
  }
  const created = text(root.utc_time_created);
  if (created !== undefined) {
    // MLflow writes `2023-12-11 10:20:30.123456`, always UTC; say so in ISO 8601.
    const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)$/.exec(created);
    derived.created_at = m ? `${m[1]}T${m[2]}Z` : created;
    maps.push({ ours: ['created_at'], theirs: ['utc_time_created'] });
  }
  const inputs = isObj(root.signature) ? root.signature.inputs : undefined;
  if (inputs !== undefined && inputs !== null) {
    let cols: unknown = inputs;
    if (typeof inputs === 'string') {
      try {
        cols = JSON.parse(inputs);
      } catch (err) {
        problems.push(problemAt(doc, doc.file, ['signature', 'inputs'], `signature.inputs is not valid JSON: ${(err as Error).message}`, undefined, 'value'));
      }
    }
    // Tensor signatures have no column names; then the model simply has no feature list.
    const names = Array.isArray(cols) ? cols.map((c) => (isObj(c) ? c.name : undefined)) : [];
    if (names.length > 0 && names.every((n) => typeof n === 'string')) {
      derived.features = names;
      maps.push({ ours: ['features'], theirs: ['signature', 'inputs'], descendants: true });
    }
  }
  const explicit = isObj(root.metadata) ? pick(root.metadata, MODEL_KEYS) : {};
  return { value: deepMerge(derived, explicit), locator: mappedLocator(doc, isObj(root.metadata) ? ['metadata'] : null, maps), problems };
}

export function fromHfCard(doc: YamlDoc, root: Obj): Mapped {
  const derived: Obj = {};
  const maps: Mapping[] = [];
  const problems: Problem[] = [];
  const index = Array.isArray(root['model-index']) && isObj(root['model-index'][0]) ? root['model-index'][0] : undefined;
  if (text(root.model_name) !== undefined) {
    derived.name = text(root.model_name);
    maps.push({ ours: ['name'], theirs: ['model_name'] });
  } else if (index && text(index.name) !== undefined) {
    derived.name = text(index.name);
    maps.push({ ours: ['name'], theirs: ['model-index', 0, 'name'] });
  }
  const datasets = typeof root.datasets === 'string' ? [root.datasets] : Array.isArray(root.datasets) ? root.datasets : [];
  const training: Obj[] = [];
  datasets.forEach((d, i) => {
    if (typeof d !== 'string') return;
    const theirs: PathSeg[] = typeof root.datasets === 'string' ? ['datasets'] : ['datasets', i];
    const ours: PathSeg[] = ['lineage', 'training_data', training.length];
    maps.push({ ours, theirs }, { ours: [...ours, 'uri'], theirs });
    training.push({ uri: d });
  });
  const base = typeof root.base_model === 'string' ? root.base_model : Array.isArray(root.base_model) && typeof root.base_model[0] === 'string' ? root.base_model[0] : undefined;
  if (training.length > 0 || base !== undefined) {
    derived.lineage = { ...(training.length ? { training_data: training } : {}), ...(base !== undefined ? { parent_model: base } : {}) };
    if (base !== undefined) maps.push({ ours: ['lineage', 'parent_model'], theirs: typeof root.base_model === 'string' ? ['base_model'] : ['base_model', 0] });
  }
  let own: Obj = {};
  if (root.modelgate !== undefined && root.modelgate !== null) {
    if (isObj(root.modelgate)) own = root.modelgate;
    else problems.push(problemAt(doc, doc.file, ['modelgate'], 'expected a mapping of modelgate model fields under "modelgate:"', undefined, 'value'));
  }
  return { value: deepMerge(derived, own), locator: mappedLocator(doc, isObj(root.modelgate) ? ['modelgate'] : null, maps), problems };
}

/** Locates our paths in the source file: first in our own block, then through the mappings. */
export function mappedLocator(doc: YamlDoc, ownBlock: PathSeg[] | null, maps: readonly Mapping[]): Locator {
  const translate = (path: string | readonly PathSeg[], kind: 'key' | 'value'): SourceLocation | null => {
    const segs = toSegments(path);
    if (!segs) return null;
    if (segs.length === 0) return doc.locateKey([]);
    const locate = kind === 'key' ? doc.locateKey : doc.locateValue;
    if (ownBlock) {
      const hit = locate([...ownBlock, ...segs]);
      if (hit) return hit;
    }
    for (const m of maps) {
      const under = m.ours.length <= segs.length && m.ours.every((s, i) => s === segs[i]);
      if (under && (m.ours.length === segs.length || m.descendants)) return locate(m.theirs);
    }
    return null;
  };
  return {
    file: doc.file,
    locateKey: (p) => translate(p, 'key'),
    locateValue: (p) => translate(p, 'value'),
    lineText: doc.lineText,
  };
}

function pick(obj: Obj, keys: readonly string[]): Obj {
  const out: Obj = {};
  for (const k of keys) if (Object.prototype.hasOwnProperty.call(obj, k)) out[k] = obj[k];
  return out;
}

export function deepMerge(base: Obj, over: Obj): Obj {
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isObj(out[k]) && isObj(v) ? deepMerge(out[k] as Obj, v) : v;
  return out;
}

/** Splits a Markdown file's YAML front matter off: its text and how many lines precede it. */
export function frontMatter(full: string): { yaml: string; lineOffset: number } | null {
  const lines = full.split(/\r?\n/);
  if (lines[0]?.trim() !== '---') return null;
  const end = lines.findIndex((l, i) => i > 0 && (l.trim() === '---' || l.trim() === '...'));
  if (end < 0) return null;
  return { yaml: lines.slice(1, end).join('\n'), lineOffset: 1 };
}
