/**
 * The JSONL byte path against JSON.parse (the reader before the byte path existed) on the same
 * files: every number compared with Object.is, every validity byte, code and dictionary entry
 * equal, and the same error when the file is bad. Lines mix the simple kind with everything the
 * byte path hands over: whitespace, escapes, non-ASCII, nesting, repeated keys, invalid JSON.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReadAs } from '../../src/data/dataset.js';
import { jsonlFastLines } from '../../src/data/jsonl.js';
import { readSnapshot } from '../support/read-snapshot.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mg-jsonlfast-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;

const KEYS = ['a', 'b', 'c'];

async function readWith(p: string, fast: boolean, as: readonly ReadAs[], scan: boolean): Promise<unknown> {
  jsonlFastLines.enabled = fast;
  try {
    return await readSnapshot(p, () => KEYS, as, scan);
  } finally {
    jsonlFastLines.enabled = true;
  }
}

/** Opening a file parses its first 1,000 lines with JSON.parse: the lines under test come after. */
const PAD = '{"a":1,"b":"A","c":2}\n'.repeat(1000);

async function same(content: string, as: readonly ReadAs[], scan = false): Promise<unknown> {
  const p = path.join(dir, `t${counter++}.jsonl`);
  writeFileSync(p, PAD + content);
  const fast = await readWith(p, true, as, scan);
  const general = await readWith(p, false, as, scan);
  expect(fast).toEqual(general);
  return fast;
}

const value = fc.oneof(
  { weight: 5, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => JSON.stringify(x)) },
  { weight: 2, arbitrary: fc.integer({ min: -5, max: 5 }).map(String) },
  { weight: 2, arbitrary: fc.constantFrom('"A"', '"B"', '"1.5"', '" 2"', '"NaN"', '"true"', '"abc"', '""', '"x\\"y"', '"\\u0041"', '"é"', '"a\tb"') },
  { weight: 2, arbitrary: fc.constantFrom('true', 'false', 'null', '-0', '0.0', '1e5', '1E-3', '-1.5e+300', '1e400', '12345678901234567890') },
  { weight: 1, arbitrary: fc.constantFrom('01', '1.', '.5', '+1', '-', 'tru', 'nul', '{}', '[1]', '{"x":1}', 'NaN', '"unterminated') },
);
const key = fc.constantFrom('a', 'b', 'c', 'a', 'b', 'c', 'd', '__proto__', 'a\\u0062', 'é');
const member = fc.tuple(key, value, fc.constantFrom('', '', '', ' ')).map(([k, v, ws]) => `"${k}"${ws}:${ws}${v}`);
const line = fc.oneof(
  { weight: 12, arbitrary: fc.array(member, { maxLength: 5 }).map((ms) => `{${ms.join(',')}}`) },
  { weight: 1, arbitrary: fc.array(member, { maxLength: 4 }).map((ms) => ` { ${ms.join(' , ')} } `) },
  { weight: 1, arbitrary: fc.constantFrom('', '  ', '[]', '1', 'null', '{', '{"a":1}x', '{"a":1,}', '{"a":1}\r', '{"a" :1}') },
);
const jsonl = fc
  .tuple(fc.array(line, { minLength: 1, maxLength: 25 }), fc.boolean())
  .map(([lines, finalNewline]) => lines.join('\n') + (finalNewline ? '\n' : ''));

describe('JSONL byte path = JSON.parse path', () => {
  for (const as of [['number'], ['category'], ['presence'], ['number', 'category', 'presence']] as ReadAs[][]) {
    it(`random files read as ${as.join('/')}`, async () => {
      await fc.assert(
        fc.asyncProperty(jsonl, async (text) => {
          await same(text, as);
        }),
        { numRuns: 150 },
      );
    });
  }

  it('simple files read the same (and are not all errors)', async () => {
    const simple = fc
      .array(fc.tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom('"A"', '"B"', 'null', '"C"'), fc.constantFrom('1', 'null', '"x"')), { minLength: 1, maxLength: 40 })
      .map((rows) => rows.map(([a, b, c]) => `{"a":${JSON.stringify(a)},"b":${b},"c":${c}}`).join('\n') + '\n');
    await fc.assert(
      fc.asyncProperty(simple, async (text) => {
        const r = await same(text, ['number', 'category', 'presence']);
        expect(r).not.toHaveProperty('error');
      }),
      { numRuns: 150 },
    );
  });

  it('invalid JSON on a simple-looking line is the same error', async () => {
    const lines = ['{"a":01}', '{"a":1.}', '{"a":.5}', '{"a":+1}', '{"a":-}', '{"a":1e}', '{"a":1e+}', '{"a":tru}', '{"a":nul}', '{"a":falsey}',
      '{"a":"x\ty"}', '{"a":"x\\"}', '{"a":1,}', '{"a":1}}', '{"a":1', '{"a"}', '{"a":1,"b"}', '{a:1}', '{"a":-01}', '{"a":0x1}'];
    for (const l of lines) {
      const r = await same(`{"a":1,"b":"A","c":2}\n${l}\n{"a":3}\n`, ['number', 'category', 'presence']);
      expect(r).toHaveProperty('error');
    }
    for (const l of ['{"a":-0}', '{"a":0.0e0}', '{"a":1E+2}', '{"a":"1e5"}', '{"a":true,"a":null}', '{"a":"x","a":7}', '{}', '{"d":{"x":1}}']) {
      const r = await same(`${l}\n{"a":3,"b":"B","c":null}\n`, ['number', 'category', 'presence']);
      expect(r).not.toHaveProperty('error');
    }
  });

  it('a file longer than one buffer fill, scanned and read; an error deep in it', async () => {
    const lines: string[] = [];
    let x = 7;
    for (let i = 0; i < 200_000; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const b = i % 4999 === 0 ? '"é"' : ['"White"', '"Black"', '"Asian"'][x % 3]!;
      lines.push(i % 3001 === 0 ? `{ "a": ${x / 2 ** 32}, "b": ${b} }` : `{"a":${x / 2 ** 32},"b":${b},"c":${x % 10 === 0 ? 'null' : x % 100}}`);
    }
    const text = lines.join('\n') + '\n';
    expect(text.length).toBeGreaterThan(8 * 1024 * 1024);
    const as: ReadAs[] = ['number', 'category', 'presence'];
    await same(text, as, true);
    await same(text, as, false);
    const bad = [...lines.slice(0, 120_000), '{"a":"zz","b":"A","c":1}', ...lines.slice(120_000)].join('\n');
    expect(await same(bad, as, false)).toHaveProperty('error');
  });
});
