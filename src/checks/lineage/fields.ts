/**
 * Dotted paths into model metadata (`lineage.training_data[].sha256`) and the well-formedness
 * rules MG101 applies by field name.
 */

export const SHA256 = /^[0-9a-f]{64}$/i;
export const FULL_COMMIT = /^[0-9a-f]{40}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface FieldValue {
  /** Concrete path with indexes: `lineage.training_data[0].sha256`. */
  path: string;
  value: unknown;
}

/**
 * Values at a path; `[]` expands arrays. An empty array at a `[]` yields one missing entry, so a
 * required `training_data[].sha256` with no training data is reported missing.
 */
export function valuesAt(doc: unknown, path: string): FieldValue[] {
  const parts = path.split('.');
  let frontier: FieldValue[] = [{ path: '', value: doc }];
  for (const part of parts) {
    const expand = part.endsWith('[]');
    const key = expand ? part.slice(0, -2) : part;
    const next: FieldValue[] = [];
    for (const f of frontier) {
      const base = f.path ? `${f.path}.${key}` : key;
      const v = isRecord(f.value) && Object.hasOwn(f.value, key) ? f.value[key] : undefined;
      if (!expand) next.push({ path: base, value: v });
      else if (Array.isArray(v) && v.length > 0) v.forEach((x, i) => next.push({ path: `${base}[${i}]`, value: x }));
      else next.push({ path: `${base}[]`, value: undefined });
    }
    frontier = next;
  }
  return frontier;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (Array.isArray(v)) return v.length === 0;
  if (isRecord(v)) return Object.keys(v).length === 0;
  return false;
}

/** The format a field must have, decided by its last path segment; null = any non-empty value. */
export function formatRule(path: string): { name: string; test: (v: unknown) => boolean } | null {
  const leaf = path.split('.').pop()!.replace(/\[\d*\]$/, '');
  if (leaf === 'sha256' || leaf.endsWith('_sha256')) return { name: 'a 64-character hex sha256', test: (v) => typeof v === 'string' && SHA256.test(v) };
  if (leaf === 'commit') return { name: 'a full 40-character hex commit SHA', test: (v) => typeof v === 'string' && FULL_COMMIT.test(v) };
  if (leaf === 'created_at' || leaf.endsWith('_date') || leaf.endsWith('_at')) {
    return { name: 'an ISO 8601 date (2026-11-02 or 2026-11-02T10:00:00Z)', test: (v) => (v instanceof Date && !Number.isNaN(v.getTime())) || (typeof v === 'string' && ISO_DATE.test(v) && !Number.isNaN(Date.parse(v))) };
  }
  if (leaf === 'owner') return { name: 'an e-mail address', test: (v) => typeof v === 'string' && EMAIL.test(v) };
  if (leaf === 'rows') return { name: 'a non-negative integer', test: (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 };
  return null;
}
