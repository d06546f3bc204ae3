/**
 * What a user may write in a policy file (DESIGN §2.3), as zod. `PolicyFileInput` (z.input) is the
 * written shape; `PolicyFile` (z.output) is the per-file normalized shape the merger consumes.
 * Check options stay open here: each check's own schema validates them (via the catalogue).
 */
import { z } from 'zod';
import type { Defaults } from './types.js';

export const API_VERSION = 'modelgate/v1';

const nonEmpty = z.string().min(1);
const stringList = z.union([nonEmpty, z.array(nonEmpty)]).transform((v) => (Array.isArray(v) ? v : [v]));
const count = z.int().min(0);

export const severitySchema = z.enum(['error', 'warning']);

export const defaultsShape = {
  severity: severitySchema.describe('error blocks the gate; warning is reported only').optional(),
  min_group_size: count.describe('groups smaller than this are "insufficient", never silently dropped').optional(),
  min_group_positives: count.describe('minimum positives per group for TPR/FNR-based gates').optional(),
  min_group_negatives: count.describe('minimum negatives per group for FPR/TNR-based gates').optional(),
  on_insufficient: z.enum(['warn', 'fail', 'ignore']).optional(),
  decision: z.enum(['point', 'interval']).describe('point: judge the estimate; interval: pass/fail only when the whole confidence interval agrees').optional(),
  confidence: z.number().gt(0).lt(1).describe('confidence level of the reported intervals, e.g. 0.95').optional(),
  on_inconclusive: z.enum(['pass', 'warn', 'fail']).optional(),
  on_invalid_rows: z.enum(['error', 'drop']).describe('what to do with rows whose label/prediction/score is missing or out of domain').optional(),
} satisfies Record<keyof Defaults, z.ZodType>;

export const DEFAULT_KEYS = Object.keys(defaultsShape) as (keyof Defaults)[];

export const defaultsSchema = z.strictObject(defaultsShape);

export const columnsSchema = z.strictObject({
  label: nonEmpty.optional(),
  prediction: nonEmpty.optional(),
  score: nonEmpty.optional(),
  id: nonEmpty.optional(),
  sensitive: stringList.optional(),
  threshold: z.number().min(0).max(1).optional(),
  explanations: z
    .strictObject({
      prefix: z.string().optional(),
      columns: z.record(z.string(), nonEmpty).optional(),
      base_value: nonEmpty.optional(),
      output_space: z.enum(['probability', 'log_odds', 'raw']).optional(),
    })
    .optional(),
  baseline_prediction: nonEmpty.optional(),
  baseline_score: nonEmpty.optional(),
});

/** A `checks:` entry: id, severity and defaults overrides are ours; every other key is a check option. */
export const checkEntrySchema = z.looseObject({
  id: nonEmpty,
  ...defaultsShape,
});

export const waiverSchema = z
  .strictObject({
    check: nonEmpty,
    subject: nonEmpty.optional(),
    reason: nonEmpty,
    expires: z.iso.date().describe('ISO date YYYY-MM-DD; the waiver applies through the end of that day (UTC)'),
    approved_by: nonEmpty.optional(),
    ticket: nonEmpty.optional(),
  })
  // `when` makes this run even when other keys are wrong, so all of a waiver's problems show at once.
  .refine((w) => w.approved_by !== undefined || w.ticket !== undefined, {
    message: 'a waiver needs "approved_by" or "ticket" (who accepted the risk)',
    when: (payload) => payload.value !== null && typeof payload.value === 'object' && !Array.isArray(payload.value),
  });

const overlayShape = {
  defaults: defaultsSchema.optional(),
  columns: columnsSchema.optional(),
  checks: z.array(checkEntrySchema).describe('gates to run; a later entry with the same id, metric and sensitive columns replaces an earlier one').optional(),
  waivers: z.array(waiverSchema).describe('accepted, justified, temporary exceptions').optional(),
};

export const environmentSchema = z.strictObject(overlayShape);

export const policyFileSchema = z.strictObject({
  $schema: z.string().optional(),
  apiVersion: z.literal(API_VERSION).optional(),
  extends: stringList.describe('policy files merged before this one, relative to this file').optional(),
  ...overlayShape,
  environments: z.record(nonEmpty, environmentSchema).describe('overlays applied on top when --env NAME is given').optional(),
});

export type PolicyFileInput = z.input<typeof policyFileSchema>;
export type PolicyFile = z.output<typeof policyFileSchema>;
export type PolicyOverlay = z.output<typeof environmentSchema>;
export type ColumnsInput = z.output<typeof columnsSchema>;
