import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jsonSchemaFiles, jsonSchemas } from '../../src/config/json-schema.js';

const SCHEMA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schema');

describe('committed JSON Schemas', () => {
  // Regenerate with: UPDATE_SCHEMAS=1 npx vitest run test/config/json-schema.test.ts
  const files = jsonSchemaFiles();
  if (process.env.UPDATE_SCHEMAS === '1') {
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(SCHEMA_DIR, name), text);
  }
  it.each(Object.keys(files))('schema/%s is fresh (regenerate with UPDATE_SCHEMAS=1)', (name) => {
    const committed = readFileSync(path.join(SCHEMA_DIR, name), 'utf8');
    expect(committed).toBe(files[name as keyof typeof files]);
  });
});

type Json = Record<string, any>;

describe('schema content', () => {
  const { policy, model, project } = jsonSchemas() as { policy: Json; model: Json; project: Json };
  it('is draft 2020-12 with an $id', () => {
    for (const s of [policy, model, project]) {
      expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(s.$id).toMatch(/^https:\/\/.+\.schema\.json$/);
    }
  });
  it('is closed where the loaders are strict and open for check options', () => {
    expect(policy.additionalProperties).toBe(false);
    expect(policy.properties.defaults.additionalProperties).toBe(false);
    const entry = policy.properties.checks.items;
    expect(entry.required).toEqual(['id']);
    expect(entry.additionalProperties).toEqual({});
    expect(model.additionalProperties).toBe(false);
    expect(model.properties.lineage.additionalProperties).toBe(false);
    expect(project.properties.models.items.required).toEqual(['name', 'model', 'data']);
  });
  it('describes inputs as written (string or list), with ranges and enums', () => {
    expect(policy.properties.extends.anyOf.map((b: Json) => b.type)).toEqual(['string', 'array']);
    expect(policy.properties.defaults.properties.confidence).toMatchObject({ exclusiveMinimum: 0, exclusiveMaximum: 1 });
    expect(policy.properties.columns.properties.threshold).toMatchObject({ minimum: 0, maximum: 1 });
    expect(policy.properties.apiVersion.const).toBe('modelgate/v1');
    expect(policy.properties.waivers.items.required).toEqual(['check', 'reason', 'expires']);
    expect(model.properties.task.enum).toEqual(['binary_classification', 'multiclass_classification', 'regression']);
  });
});
