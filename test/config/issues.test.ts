import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Explained, explainIssues, optionProblems } from '../../src/config/issues.js';
import { parseYaml } from '../../src/config/yaml.js';

function explain(schema: z.ZodType, value: unknown, source?: (p: (string | number)[]) => string | undefined): Explained[] {
  const r = schema.safeParse(value);
  if (r.success) return [];
  return explainIssues(r.error.issues, schema, value, source);
}

const S = z.strictObject({
  share: z.number().min(0).max(1).optional(),
  open: z.number().gt(0).lt(1).optional(),
  half: z.number().gt(0).max(1).optional(),
  atLeast: z.int().min(1).optional(),
  name: z.string().optional(),
  count: z.int().optional(),
  mode: z.enum(['point', 'interval']).optional(),
  tags: z.union([z.string(), z.array(z.string())]).optional(),
  list: z.array(z.string()).min(2).optional(),
  nested: z.strictObject({ deep_key: z.string().optional() }).optional(),
  must: z.string(),
});

describe('explainIssues', () => {
  it.each<[string, Record<string, unknown>, Partial<Explained>]>([
    ['range with percent hint', { must: 'x', share: 80 }, { path: ['share'], message: 'expected a number between 0 and 1, got 80', hint: 'did you mean 0.8?' }],
    ['no percent hint past 100', { must: 'x', share: 250 }, { message: 'expected a number between 0 and 1, got 250' }],
    ['below range', { must: 'x', share: -0.1 }, { message: 'expected a number between 0 and 1, got -0.1' }],
    ['exclusive range', { must: 'x', open: 0 }, { message: 'expected a number strictly between 0 and 1, got 0' }],
    ['mixed range', { must: 'x', half: 0 }, { message: 'expected a number greater than 0 and at most 1, got 0' }],
    ['integer minimum', { must: 'x', atLeast: 0 }, { message: 'expected a whole number of at least 1, got 0' }],
    ['integer expected', { must: 'x', count: 2.5 }, { message: 'expected a whole number, got 2.5' }],
    ['quoted number', { must: 'x', count: '3' }, { message: 'expected a whole number, got "3"', hint: 'remove the quotes to make it a number' }],
    ['number for text', { must: 'x', name: 12 }, { message: 'expected a string, got 12', hint: 'put it in quotes to make it text: "12"' }],
    ['enum with suggestion', { must: 'x', mode: 'intervall' }, { message: 'expected one of point, interval, got "intervall"', hint: 'did you mean "interval"?' }],
    ['union of types', { must: 'x', tags: 3 }, { path: ['tags'], message: 'expected a string or a list, got 3' }],
    ['union branch that matched the type', { must: 'x', tags: ['a', true] }, { path: ['tags', 1], message: 'expected a string, got true' }],
    ['list length', { must: 'x', list: ['a'] }, { message: 'expected at least 2 items, got 1' }],
    ['missing key', {}, { path: ['must'], message: 'missing required key "must"', where: 'parent' }],
    ['unknown nested key', { must: 'x', nested: { deep_kye: 'v' } }, { path: ['nested', 'deep_kye'], message: 'unknown key "deep_kye"', hint: 'did you mean "deep_key"?', where: 'key' }],
    ['unknown key without a close match lists the keys', { must: 'x', nested: { zzz: 1 } }, { message: 'unknown key "zzz"', hint: 'expected one of: deep_key' }],
    ['null', { must: null }, { message: 'expected a string, got an empty value' }],
  ])('%s', (_name, value, want) => {
    expect(explain(S, value)).toEqual([expect.objectContaining(want)]);
  });

  it('keeps every issue', () => {
    expect(explain(S, { share: 2, mode: 'x', extra: 1 }).map((e) => e.message)).toEqual([
      'expected a number between 0 and 1, got 2',
      'expected one of point, interval, got "x"',
      'missing required key "must"',
      'unknown key "extra"',
    ]);
  });

  it('uses the written spelling in the quote hint', () => {
    const doc = parseYaml('must: x\nname: 1.10\n', 'a.yaml');
    expect(explain(S, doc.value, (p) => doc.scalarSource(p))[0]!.hint).toBe('put it in quotes to make it text: "1.10"');
  });
});

describe('optionProblems (for the catalogue)', () => {
  const opts = z.strictObject({ metric: z.string(), min: z.number().min(0).max(1).optional(), thresholds: z.array(z.number().min(0).max(1)).optional() });
  it('formats paths and suggests entry-level keys too', () => {
    expect(optionProblems(opts, { metric: 'auc', thresholds: [0.5, 7], min_grop_size: 3 }, ['min_group_size'])).toEqual([
      { path: 'thresholds[1]', message: 'expected a number between 0 and 1, got 7', hint: 'did you mean 0.07?' },
      { path: 'min_grop_size', message: 'unknown key "min_grop_size"', hint: 'did you mean "min_group_size"?' },
    ]);
    expect(optionProblems(opts, { metric: 'auc' })).toEqual([]);
  });
});
