/**
 * YAML (and JSON, a subset of it) with positions. Every loader in this folder parses through here
 * so that any dotted path can be pointed at as file:line:column, and so the abuse limits hold
 * everywhere: document size, alias expansion (billion laughs), circular aliases, prototype keys,
 * duplicate keys, multiple documents, unknown tags.
 */
import { Document, LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { ConfigError, type Problem } from '../errors.js';
import type { SourceLocation } from './types.js';
import { type PathSeg, formatPath, toSegments } from './path.js';

export { MAX_CONFIG_BYTES, readConfigText } from './read-text.js';

/** Nodes an alias may expand to, summed over the document (yaml's maxAliasCount idea, counted in nodes). */
export const MAX_ALIAS_NODES = 10_000;
const MAX_SHOWN_LINE = 240;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Points at places in a parsed file. Implemented by YamlDoc and by the mapped model formats. */
export interface Locator {
  file: string;
  /** Where the key of `path` was written (for a list item: where the item starts). */
  locateKey(path: string | readonly PathSeg[]): SourceLocation | null;
  /** Where the value at `path` starts (the key's place when the value is empty). */
  locateValue(path: string | readonly PathSeg[]): SourceLocation | null;
  /** The text of a 1-based line of the file. */
  lineText(line: number): string | undefined;
}

export interface YamlDoc extends Locator {
  value: unknown;
  /** The literal text of a scalar as written (`1.0` stays `1.0`), for "quote it" hints. */
  scalarSource(path: readonly PathSeg[]): string | undefined;
}

export interface ParseOptions {
  /** Lines before `text` in the file (front matter starts after its `---`). */
  lineOffset?: number;
  /** The whole file, when `text` is only part of it (for showing source lines). */
  fullText?: string;
}

export function parseYaml(text: string, file: string, opts: ParseOptions = {}): YamlDoc {
  const offset = opts.lineOffset ?? 0;
  // Source lines are shown under messages; a minified one-line file must not flood the terminal.
  const lines = (opts.fullText ?? text).split(/\r?\n/).map((l) => (l.length > MAX_SHOWN_LINE ? `${l.slice(0, MAX_SHOWN_LINE)}...` : l));
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
  const at = (pos: number): { line: number; column: number } => {
    const lp = lineCounter.linePos(pos);
    return { line: lp.line + offset, column: lp.col };
  };
  const problem = (pos: number, message: string, path?: readonly PathSeg[]): Problem => {
    const { line, column } = at(pos);
    return { file, line, column, message, sourceLine: lines[line - 1], ...(path ? { path: formatPath(path) } : {}) };
  };

  const problems: Problem[] = [];
  for (const e of [...doc.errors, ...doc.warnings]) {
    const reason = e.code === 'MULTIPLE_DOCS' ? 'a file must hold one YAML document (found a second "---")'
      : e.code === 'RESOURCE_EXHAUSTION' ? 'the document is nested too deeply to parse safely'
      : e.code === 'DUPLICATE_KEY' ? 'duplicate key (each key may appear once in a mapping)'
      : e.message.replace(/ at line \d+, column \d+.*$/s, '');
    problems.push(problem(e.pos[0], `invalid YAML: ${reason}`));
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const value = convert(doc, problem, problems);
  if (problems.length > 0) throw new ConfigError(problems);

  const find = (path: string | readonly PathSeg[]): { keyPos: number; valuePos: number } | null => {
    const segs = toSegments(path);
    return segs ? findNode(doc, segs) : null;
  };
  const toLoc = (pos: number): SourceLocation => ({ file, ...at(pos) });
  return {
    file,
    value,
    locateKey: (path) => {
      const hit = find(path);
      return hit ? toLoc(hit.keyPos) : null;
    },
    locateValue: (path) => {
      const hit = find(path);
      return hit ? toLoc(hit.valuePos) : null;
    },
    lineText: (line) => lines[line - 1],
    scalarSource: (path) => {
      const node = nodeAt(doc, [...path]);
      return isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
    },
  };
}

type MakeProblem = (pos: number, message: string, path?: readonly PathSeg[]) => Problem;

/** AST -> plain JS, by hand rather than toJS(), to enforce the limits with positions. */
function convert(doc: Document.Parsed, problem: MakeProblem, problems: Problem[]): unknown {
  let aliasNodes = 0;
  let aliasReported = false;
  const walk = (node: unknown, path: PathSeg[], ancestors: Set<unknown>, viaAlias: boolean): unknown => {
    if (node === null || node === undefined) return null;
    if (viaAlias && ++aliasNodes > MAX_ALIAS_NODES) {
      if (!aliasReported) problems.push(problem(rangeStart(node), `aliases expand to more than ${MAX_ALIAS_NODES} nodes; refusing (this looks like an alias bomb)`, path));
      aliasReported = true;
      return null;
    }
    if (isAlias(node)) {
      const target = node.resolve(doc);
      if (!target) {
        problems.push(problem(rangeStart(node), `unknown alias *${node.source}`, path));
        return null;
      }
      if (ancestors.has(target)) {
        problems.push(problem(rangeStart(node), `alias *${node.source} refers to a node that contains it (circular)`, path));
        return null;
      }
      return walk(target, path, ancestors, true);
    }
    if (isScalar(node)) return node.value;
    ancestors.add(node);
    try {
      return walkCollection(node, path, ancestors, viaAlias);
    } finally {
      ancestors.delete(node);
    }
  };
  const walkCollection = (node: unknown, path: PathSeg[], inner: Set<unknown>, viaAlias: boolean): unknown => {
    if (isSeq(node)) return node.items.map((item, i) => walk(item, [...path, i], inner, viaAlias));
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        const key = pair.key;
        if (!isScalar(key) || key.value === null || typeof key.value === 'object') {
          problems.push(problem(rangeStart(key ?? node), 'keys must be plain strings', path));
          continue;
        }
        const name = String(key.value);
        if (FORBIDDEN_KEYS.has(name)) {
          problems.push(problem(rangeStart(key), `key "${name}" is not allowed (reserved by JavaScript)`, [...path, name]));
          continue;
        }
        out[name] = walk(pair.value, [...path, name], inner, viaAlias);
      }
      return out;
    }
    return null;
  };
  return walk(doc.contents, [], new Set(), false);
}

function rangeStart(node: unknown): number {
  const r = (node as { range?: [number, number, number] } | null)?.range;
  return r ? r[0] : 0;
}

function nodeAt(doc: Document.Parsed, segs: PathSeg[]): unknown {
  return findNode(doc, segs)?.node;
}

function findNode(doc: Document.Parsed, segs: readonly PathSeg[]): { node: unknown; keyPos: number; valuePos: number } | null {
  let node: unknown = doc.contents;
  let keyPos = rangeStart(node);
  for (const seg of segs) {
    if (isAlias(node)) node = node.resolve(doc);
    // Paths joined by others as `thresholds.0` still find list items.
    if (isSeq(node) && (typeof seg === 'number' || /^\d+$/.test(seg))) {
      const item: unknown = node.items[Number(seg)];
      if (item === undefined) return null;
      node = item;
      keyPos = rangeStart(item);
    } else if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return null;
      keyPos = rangeStart(pair.key);
      node = pair.value;
    } else return null;
  }
  const valuePos = node === null || node === undefined ? keyPos : rangeStart(node as Node);
  return { node, keyPos, valuePos };
}
