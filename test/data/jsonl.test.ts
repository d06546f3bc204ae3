/** JSON Lines: one object per line; errors name file and line. Expected values read off the literals. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CategoryColumn, NumberColumn, ReadRequest } from '../../src/data/dataset.js';
import { openDataset } from '../../src/data/open.js';
import { DataError } from '../../src/errors.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mg-jsonl-'));
let n = 0;
const file = (text: string): string => {
  const p = path.join(dir, `t${n++}.jsonl`);
  writeFileSync(p, text);
  return p;
};

async function fails(text: string, request: ReadRequest): Promise<{ err: DataError; p: string }> {
  const p = file(text);
  const err = await openDataset(p).then((s) => s.read(request)).then(
    () => { throw new Error('expected failure'); },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DataError);
  return { err: err as DataError, p };
}

describe('JSONL', () => {
  it('reads numbers, booleans, strings, nulls and absent keys; skips blank lines', async () => {
    const src = await openDataset(file('{"a":1,"b":"x","c":true}\n\n{"a":null,"c":false}\r\n{"a":"2.5","b":7}\n'));
    expect(src.schema).toEqual([
      { name: 'a', type: 'mixed' },
      { name: 'b', type: 'mixed' },
      { name: 'c', type: 'boolean' },
    ]);
    const { data } = await src.read({ columns: [{ name: 'a', as: 'number' }, { name: 'b', as: 'category' }, { name: 'c', as: 'number' }] });
    const a = data.columns.get('a') as NumberColumn;
    expect([...a.values]).toEqual([1, Number.NaN, 2.5]);
    expect([...a.valid!]).toEqual([1, 0, 1]);
    const b = data.columns.get('b') as CategoryColumn;
    expect([...b.codes].map((k) => (k < 0 ? null : b.dictionary[k]))).toEqual(['x', null, '7']);
    expect([...(data.columns.get('c') as NumberColumn).values]).toEqual([1, 0, Number.NaN]);
  });

  it('a line that is not an object names the line', async () => {
    const { err, p } = await fails('{"a":1}\n[1,2]\n', { columns: [{ name: 'a', as: 'number' }] });
    expect(err.problems[0]).toMatchObject({ file: p, line: 2, message: 'expected a JSON object on each line, got an array' });
  });

  it('invalid JSON names the line', async () => {
    const { err } = await fails('{"a":1}\n{"a":1}\n{"a":\n', { columns: [{ name: 'a', as: 'number' }] });
    expect(err.problems[0]).toMatchObject({ line: 3 });
    expect(err.message).toContain('invalid JSON');
  });

  it('nested value in a needed column', async () => {
    const { err } = await fails('{"a":1}\n{"a":{"x":1}}\n', { columns: [{ name: 'a', as: 'category' }] });
    expect(err.problems[0]).toMatchObject({ line: 2, row: 2, field: 'a', message: 'expected a scalar value, got a nested object' });
  });

  it('non-numeric string in a number column', async () => {
    const { err } = await fails('{"a":"abc"}\n', { columns: [{ name: 'a', as: 'number' }] });
    expect(err.problems[0]).toMatchObject({ line: 1, row: 1, field: 'a', message: 'expected a number, got "abc"' });
  });

  it('a key no row has lists the keys that exist', async () => {
    const { err, p } = await fails('{"a":1,"b":2}\n', { columns: [{ name: 'score', as: 'number' }] });
    expect(err.problems[0]).toMatchObject({ file: p, field: 'score' });
    expect(err.message).toContain('column "score" not found; the file has: a, b');
  });

  it('a key first seen after the sniffed lines is still read', async () => {
    const lines = Array.from({ length: 1500 }, (_, i) => (i === 1400 ? '{"a":1,"late":5}' : '{"a":1}'));
    const { data } = await (await openDataset(file(lines.join('\n')))).read({ columns: [{ name: 'late', as: 'presence' }] });
    const valid = (data.columns.get('late') as { valid: Uint8Array }).valid;
    expect(valid.reduce((s, x) => s + x, 0)).toBe(1);
    expect(valid[1400]).toBe(1);
  });
});
