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

/** Defaults for `modelgate check` in this repository; flags and MODELGATE_* variables override them. */
export const projectOptionsSchema = z.strictObject({
  fail_on: z.enum(['error', 'warning']).optional(),
  environment: z.string().min(1).optional(),
  only: z.array(z.string().min(1)).optional(),
  skip: z.array(z.string().min(1)).optional(),
  waivers: z.boolean().optional(),
  allow_outside_repo: z.boolean().optional(),
  /** Report files written by every run, relative to this file. */
  reports: z.strictObject({
    json: path.optional(),
    junit: path.optional(),
    markdown: path.optional(),
    html: path.optional(),
    sarif: path.optional(),
  }).optional(),
});

export const projectSchema = z.strictObject({
  $schema: z.string().optional(),
  apiVersion: z.literal(API_VERSION).optional(),
  options: projectOptionsSchema.optional(),
  models: z.array(projectModelSchema).min(1),
});

export type ProjectConfigInput = z.input<typeof projectSchema>;
export type ProjectConfigOutput = z.output<typeof projectSchema>;
