/**
 * Finds the zod schema that governs a path, so error messages can say what *is* allowed there
 * (the known keys for a typo, both bounds of a range). Reads zod 4's public `_zod.def`.
 */
import type { z } from 'zod';
import type { PathSeg } from './path.js';

type Def = { type: string; [k: string]: unknown };
const defOf = (s: unknown): Def | undefined => (s as { _zod?: { def?: Def } } | undefined)?._zod?.def;

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

/** Strips wrappers (optional, default, pipe input side, lazy) down to the structural schema. */
export function unwrap(schema: unknown): unknown {
  let s = schema;
  for (let guard = 0; guard < 50; guard++) {
    const def = defOf(s);
    if (!def) return s;
    if (WRAPPERS.has(def.type)) s = def.innerType;
    else if (def.type === 'pipe') s = def.in;
    else if (def.type === 'lazy') s = (def.getter as () => unknown)();
    else return s;
  }
  return s;
}

/** The schemas that may govern `path` (several when a union branches). */
export function schemasAt(schema: unknown, path: readonly PathSeg[]): unknown[] {
  let current = [unwrap(schema)];
  for (const seg of path) {
    const next: unknown[] = [];
    for (const s of expandUnions(current)) {
      const def = defOf(s);
      if (!def) continue;
      if (def.type === 'object') {
        const shape = (s as z.ZodObject).shape as Record<string, unknown>;
        if (typeof seg === 'string' && Object.prototype.hasOwnProperty.call(shape, seg)) next.push(unwrap(shape[seg]));
        else if (def.catchall) next.push(unwrap(def.catchall));
      } else if (def.type === 'array' && typeof seg === 'number') next.push(unwrap(def.element));
      else if (def.type === 'record') next.push(unwrap(def.valueType));
    }
    current = next;
  }
  return expandUnions(current);
}

function expandUnions(list: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const s of list) {
    const def = defOf(s);
    if (def?.type === 'union') out.push(...expandUnions((def.options as unknown[]).map(unwrap)));
    else out.push(s);
  }
  return out;
}

/** Keys an object at `path` accepts (union of the object branches). */
export function knownKeysAt(schema: unknown, path: readonly PathSeg[]): string[] {
  const keys = new Set<string>();
  for (const s of schemasAt(schema, path)) {
    if (defOf(s)?.type === 'object') for (const k of Object.keys((s as z.ZodObject).shape)) keys.add(k);
  }
  return [...keys];
}

export interface Bounds {
  min?: { value: number; inclusive: boolean };
  max?: { value: number; inclusive: boolean };
  integer: boolean;
}

/** Numeric bounds of the number schema at `path`, if there is exactly one kind of number there. */
export function numberBoundsAt(schema: unknown, path: readonly PathSeg[]): Bounds | undefined {
  const s = schemasAt(schema, path).find((x) => defOf(x)?.type === 'number');
  const def = defOf(s);
  if (!def) return undefined;
  const bounds: Bounds = { integer: def.format === 'safeint' || def.format === 'int32' };
  for (const c of (def.checks as unknown[] | undefined) ?? []) {
    const cd = defOf(c) as { check?: string; value?: unknown; inclusive?: boolean } | undefined;
    if (!cd || typeof cd.value !== 'number') continue;
    if (cd.check === 'greater_than') bounds.min = { value: cd.value, inclusive: !!cd.inclusive };
    if (cd.check === 'less_than') bounds.max = { value: cd.value, inclusive: !!cd.inclusive };
  }
  return bounds;
}
