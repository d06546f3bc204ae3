/**
 * Property: whatever bytes a CSV, TSV, JSONL or policy file holds, reading it gives either a result
 * or a typed UserError (naming the file), never an untyped throw, and never a hang (each read runs
 * under a time limit). Inputs are drawn both as raw bytes and from alphabets of the characters
 * that matter to each grammar (quotes, delimiters, CR/LF, BOM, brackets), which reach far deeper
 * into the parsers than uniform bytes do.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/config/policy.js';
import { openDataset } from '../../src/data/open.js';
import { policyCatalogue } from '../../src/engine/audit.js';
import { UserError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'mg-prop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (ext: string, bytes: Uint8Array | string) => {
  const p = join(dir, `f${++n}.${ext}`);
  writeFileSync(p, bytes);
  return p;
};

async function withinLimit<T>(p: Promise<T>, ms = 10_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`hang: no answer in ${ms} ms`)), ms); });
  try {
    return await Promise.race([p, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** Reads every column (as category, then as number) to the end; returns rows, or the UserError. */
async function readAll(path: string): Promise<number | UserError> {
  try {
    const src = await openDataset(path);
    let rows = -1;
    for (const as of ['category', 'number'] as const) {
      try {
        const { data } = await src.read({ columns: src.schema.map((c) => ({ name: c.name, as })) });
        rows = data.rows;
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        // A text column read as numbers is a typed error; reading as categories must have worked.
        if (as === 'category') return err;
      }
    }
    return rows;
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
}

function assertTyped(r: number | UserError, path: string): void {
  if (typeof r === 'number') {
    expect(r).toBeGreaterThanOrEqual(0);
    return;
  }
  expect(r.problems.length).toBeGreaterThan(0);
  expect(r.problems.every((p) => p.file === path)).toBe(true);
  for (const p of r.problems) {
    if (p.line !== undefined) expect(p.line).toBeGreaterThanOrEqual(1);
    if (p.row !== undefined) expect(p.row).toBeGreaterThanOrEqual(1);
  }
}

const from = (alphabet: string[], max = 400) => fc.array(fc.constantFrom(...alphabet), { maxLength: max }).map((a) => a.join(''));
const CSV_ALPHABET = ['a', 'b', '1', '0', '0.5', '-2e3', 'NaN', 'true', ',', ',', '\t', '"', '""', '\n', '\n', '\r\n', '\r', ' ', '\uFEFF', 'é', '\u0000', 'x,y\n', '"q\nr"'];
const JSON_ALPHABET = ['{', '}', '[', ']', '"a"', '"b"', ':', ',', '1', '0.25', 'null', 'true', '"x"', '\n', '\r\n', ' ', '\uFEFF', '{"a":1,"b":"x"}\n', '{"a":null}\n', '\\', '"'];
const YAML_ALPHABET = ['apiVersion: modelgate/v1\n', 'checks:\n', '  - id: MG201\n', '    metric: auc\n', '    min: 0.8\n', 'columns: {', 'sensitive: [sex]', '}', '\n', '  ', '- ', '&a ', '*a', '!!str ', '!tag ', ': ', '[', ']', '{', '}', '"', "'", '#', 'extends: ./nope.yaml\n', '__proto__: 1\n', '---\n', '\t', 'defaults:\n  confidence: 2\n', 'waivers:\n  - check: MG301\n', '\uFEFF', '%YAML 1.2\n'];

const RUNS = { numRuns: 150 };

describe('the CSV/TSV reader on any bytes', () => {
  it('raw bytes: a dataset or a typed error', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (bytes) => {
      const p = file('csv', bytes);
      assertTyped(await withinLimit(readAll(p)), p);
    }), RUNS);
  });
  it('CSV-shaped text: a dataset or a typed error', async () => {
    await fc.assert(fc.asyncProperty(from(CSV_ALPHABET), fc.constantFrom('csv', 'tsv'), async (text, ext) => {
      const p = file(ext, text);
      assertTyped(await withinLimit(readAll(p)), p);
    }), RUNS);
  });
});

describe('the JSONL reader on any bytes', () => {
  it('raw bytes: a dataset or a typed error', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (bytes) => {
      const p = file('jsonl', bytes);
      assertTyped(await withinLimit(readAll(p)), p);
    }), RUNS);
  });
  it('JSON-shaped text: a dataset or a typed error', async () => {
    await fc.assert(fc.asyncProperty(from(JSON_ALPHABET), async (text) => {
      const p = file('jsonl', text);
      assertTyped(await withinLimit(readAll(p)), p);
    }), RUNS);
  });
});

describe('the policy loader on any bytes', () => {
  const load = async (p: string) => {
    try {
      return await withinLimit(loadPolicy([p], { catalogue: policyCatalogue }));
    } catch (err) {
      if (err instanceof UserError) return err;
      throw err;
    }
  };
  it('raw bytes: a policy or a typed error', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (bytes) => {
      const p = file('yaml', bytes);
      const r = await load(p);
      if (r instanceof UserError) expect(r.problems.length).toBeGreaterThan(0);
    }), RUNS);
  });
  it('YAML-shaped text: a policy or a typed error, every problem placed in a file', async () => {
    await fc.assert(fc.asyncProperty(from(YAML_ALPHABET, 60), async (text) => {
      const p = file('yaml', text);
      const r = await load(p);
      if (r instanceof UserError) {
        expect(r.problems.length).toBeGreaterThan(0);
        for (const q of r.problems) expect(typeof q.file).toBe('string');
      } else expect(Array.isArray(r.checks)).toBe(true);
    }), RUNS);
  });
  it('arbitrary JSON values as a policy document: a policy or a typed error', async () => {
    await fc.assert(fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (v) => {
      const p = file('yaml', JSON.stringify(v));
      await load(p);
    }), RUNS);
  });
});
