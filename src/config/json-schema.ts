/**
 * JSON Schemas for editors, generated from the same zod schemas the loaders use (the input side:
 * what users write). Committed copies live in schema/; test/config/json-schema.test.ts fails when
 * they are stale and rewrites them with UPDATE_SCHEMAS=1.
 */
import { z } from 'zod';
import { modelMetaSchema } from './model-schema.js';
import { policyFileSchema } from './policy-schema.js';
import { projectSchema } from './project-schema.js';

const BASE = 'https://github.com/modelgate/modelgate/blob/main/schema';

function generate(schema: z.ZodType, name: string, title: string): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema, ...rest } = json;
  return { $schema, $id: `${BASE}/${name}.schema.json`, title, ...rest };
}

export function jsonSchemas(): { policy: object; model: object; project: object } {
  return {
    policy: generate(policyFileSchema, 'policy', 'modelgate policy'),
    model: generate(modelMetaSchema, 'model', 'modelgate model metadata'),
    project: generate(projectSchema, 'project', 'modelgate project config (modelgate.yaml)'),
  };
}

/** The exact text of each committed schema file. */
export function jsonSchemaFiles(): Record<'policy.schema.json' | 'model.schema.json' | 'project.schema.json', string> {
  const s = jsonSchemas();
  const text = (o: object): string => `${JSON.stringify(o, null, 2)}\n`;
  return { 'policy.schema.json': text(s.policy), 'model.schema.json': text(s.model), 'project.schema.json': text(s.project) };
}
