import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { optionProblems } from '../../src/config/issues.js';
import type { PolicyCatalogue } from '../../src/config/policy.js';
import { DEFAULT_KEYS } from '../../src/config/policy-schema.js';

/** Writes files (relative path -> text) into a fresh temp folder; returns the folder. */
export function writeTree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mg-config-'));
  for (const [rel, text] of Object.entries(files)) {
    const full = path.join(dir, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return dir;
}

const share = z.number().min(0).max(1);
const sensitive = z.union([z.string(), z.array(z.string())]);

/** A small stand-in catalogue with real option schemas, the way the CLI builds one from src/checks. */
const CHECKS: Record<string, { slug: string; options: z.ZodType }> = {
  MG101: { slug: 'lineage-required-fields', options: z.strictObject({ required: z.array(z.string()).optional() }) },
  MG102: { slug: 'dataset-hash-match', options: z.strictObject({}) },
  MG201: { slug: 'performance-threshold', options: z.strictObject({ metric: z.enum(['auc', 'accuracy', 'recall']), min: share.optional(), max: share.optional() }) },
  MG202: { slug: 'baseline-regression', options: z.strictObject({ metric: z.string(), max_drop: share.optional() }) },
  MG301: {
    slug: 'group-disparity',
    options: z.strictObject({ metric: z.string().optional(), group_metric: z.string().optional(), sensitive: sensitive.optional(), min: share.optional(), max: share.optional() }),
  },
  MG401: { slug: 'explanation-coverage', options: z.strictObject({ min: share.optional() }) },
};

export const catalogue: PolicyCatalogue = {
  resolveId(idOrSlug) {
    const upper = idOrSlug.toUpperCase();
    if (CHECKS[upper]) return upper;
    return Object.entries(CHECKS).find(([, c]) => c.slug === idOrSlug)?.[0] ?? null;
  },
  validateOptions(id, options) {
    return optionProblems(CHECKS[id]!.options, options, ['id', ...DEFAULT_KEYS]);
  },
  names: () => Object.entries(CHECKS).flatMap(([id, c]) => [id, c.slug]),
};
