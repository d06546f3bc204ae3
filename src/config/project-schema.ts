/** `modelgate.yaml` (DESIGN §2.4): the models of a repository, paths relative to the file. */
import { z } from 'zod';
import { API_VERSION } from './policy-schema.js';

const path = z.string().min(1);

export const projectModelSchema = z.strictObject({
  name: z.string().min(1),
  model: path,
  data: path,
  policy: z.union([path, z.array(path)]).optional(),
  baseline: path.optional(),
});

export const projectSchema = z.strictObject({
  $schema: z.string().optional(),
  apiVersion: z.literal(API_VERSION).optional(),
  models: z.array(projectModelSchema).min(1),
});

export type ProjectConfigInput = z.input<typeof projectSchema>;
export type ProjectConfigOutput = z.output<typeof projectSchema>;
