/**
 * The check catalogue: an explicit array, in ID order (STYLE habit 1). Adding a check = adding it
 * here; nothing registers itself by being imported.
 */
import { mg501 } from './data/mg501-feature-null-rate.js';
import { mg502 } from './data/mg502-schema.js';
import { explainabilityChecks } from './explainability/index.js';
import { fairnessChecks } from './fairness/index.js';
import { lineageChecks } from './lineage/index.js';
import { performanceChecks } from './performance/index.js';
import type { CheckDef } from './types.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCheck = CheckDef<any>;

export const CHECKS: readonly AnyCheck[] = [...lineageChecks, ...performanceChecks, ...fairnessChecks, ...explainabilityChecks, mg501, mg502].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const byKey = new Map<string, AnyCheck>();
for (const c of CHECKS) {
  byKey.set(c.id.toUpperCase(), c);
  byKey.set(c.slug.toLowerCase(), c);
}

/** Finds a check by ID (any case) or slug. */
export function findCheck(idOrSlug: string): AnyCheck | undefined {
  return byKey.get(idOrSlug.toUpperCase()) ?? byKey.get(idOrSlug.toLowerCase());
}
