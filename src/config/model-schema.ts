/**
 * Model metadata as written (DESIGN §2.1). Only *types* are checked here; formats (sha256 hex,
 * 40-hex commits, ISO dates, e-mail) are the lineage check's business, so a model with a malformed
 * sha still loads and MG101 can say exactly what is wrong with it.
 */
import { z } from 'zod';
import type { ModelMeta } from './types.js';

const str = z.string();

export const dataRefSchema = z.strictObject({
  uri: str.optional(),
  sha256: str.optional(),
  rows: z.number().optional(),
  snapshot_date: str.optional(),
});

export const modelMetaShape = {
  name: str.optional(),
  version: str.optional(),
  task: z.enum(['binary_classification', 'multiclass_classification', 'regression']).optional(),
  positive_label: z.union([str, z.number(), z.boolean()]).optional(),
  owner: str.optional(),
  created_at: str.optional(),
  risk_tier: z.enum(['low', 'medium', 'high', 'critical']).optional(),
  intended_use: str.optional(),
  features: z.array(str).optional(),
  artifact: z.strictObject({ uri: str.optional(), sha256: str.optional() }).optional(),
  lineage: z
    .strictObject({
      training_data: z.array(dataRefSchema).optional(),
      evaluation_data: dataRefSchema.optional(),
      code: z.strictObject({ repository: str.optional(), commit: str.optional() }).optional(),
      hyperparameters: z.record(z.string(), z.unknown()).optional(),
      environment: z.strictObject({ runtime: str.optional(), lockfile_sha256: str.optional() }).optional(),
      training_run_id: str.optional(),
      parent_model: str.optional(),
    })
    .optional(),
  explainability: z
    .strictObject({
      method: str.optional(),
      output_space: z.enum(['probability', 'log_odds', 'raw']).optional(),
      base_value: z.number().optional(),
    })
    .optional(),
};

export const MODEL_KEYS = Object.keys(modelMetaShape);

export const modelMetaSchema = z.strictObject({ $schema: str.optional(), ...modelMetaShape });

export type ModelMetaInput = z.input<typeof modelMetaSchema>;
export type ModelMetaOutput = z.output<typeof modelMetaSchema>;

// Compile-time guard: the schema's output must stay assignable to the engine's ModelMeta.
const _check: (m: Omit<ModelMetaOutput, '$schema'>) => ModelMeta = (m) => m;
void _check;
