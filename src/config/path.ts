/**
 * Dotted paths into a parsed document: `checks[2].min`, `lineage.training_data[0].sha256`.
 * Keys that are not plain identifiers are written as `["odd.key"]` so every path round-trips.
 */

export type PathSeg = string | number;

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

export function formatPath(path: readonly PathSeg[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (PLAIN_KEY.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** Parses a dotted path; returns null when it is malformed (callers treat that as "not found"). */
export function parsePath(text: string): PathSeg[] | null {
  const out: PathSeg[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '.') {
      if (out.length === 0) return null;
      i++;
      continue;
    }
    if (ch === '[') {
      const close = findClose(text, i);
      if (close < 0) return null;
      const inner = text.slice(i + 1, close);
      if (/^\d+$/.test(inner)) out.push(Number(inner));
      else if (inner.startsWith('"')) {
        try {
          const key: unknown = JSON.parse(inner);
          if (typeof key !== 'string') return null;
          out.push(key);
        } catch {
          return null;
        }
      } else return null;
      i = close + 1;
      continue;
    }
    let j = i;
    while (j < text.length && text[j] !== '.' && text[j] !== '[') j++;
    out.push(text.slice(i, j));
    i = j;
  }
  return out;
}

function findClose(text: string, open: number): number {
  let inString = false;
  for (let i = open + 1; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === ']') return i;
  }
  return -1;
}

export function toSegments(path: string | readonly PathSeg[]): PathSeg[] | null {
  return typeof path === 'string' ? parsePath(path) : [...path];
}

/** The value at `path` in a plain JS value, or undefined. */
export function valueAt(root: unknown, path: readonly PathSeg[]): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}
