/**
 * RFC 4180 cases for the CSV reader, and every error naming file + place. Expected values are the
 * hand-read meaning of each literal input.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { CategoryColumn, NumberColumn, ReadAs } from '../../src/data/dataset.js';
import { openDataset } from '../../src/data/open.js';
import { DataError, formatPlace } from '../../src/errors.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mg-csv-'));
let counter = 0;
function file(content: string | Buffer, ext = 'csv'): string {
  const p = path.join(dir, `t${counter++}.${ext}`);
  writeFileSync(p, content);
  return p;
}

async function strings(content: string | Buffer, name: string, ext = 'csv'): Promise<(string | null)[]> {
  const src = await openDataset(file(content, ext));
  const { data } = await src.read({ columns: [{ name, as: 'category' }] });
  const c = data.columns.get(name) as CategoryColumn;
  return [...c.codes].map((k) => (k < 0 ? null : c.dictionary[k]!));
}

async function nums(content: string, name: string): Promise<(number | null)[]> {
  const src = await openDataset(file(content));
  const { data } = await src.read({ columns: [{ name, as: 'number' }] });
  const c = data.columns.get(name) as NumberColumn;
  return [...c.values].map((x, i) => (c.valid && c.valid[i] === 0 ? null : x));
}

async function failure(content: string | Buffer, columns: { name: string; as: ReadAs }[] = [], ext = 'csv'): Promise<{ err: DataError; p: string }> {
  const p = file(content, ext);
  try {
    const src = await openDataset(p);
    await src.read({ columns });
  } catch (err) {
    expect(err).toBeInstanceOf(DataError);
    return { err: err as DataError, p };
  }
  throw new Error('expected a DataError');
}

describe('RFC 4180 parsing', () => {
  const cases: [string, string, string, (string | null)[]][] = [
    ['plain LF', 'a,b\n1,x\n2,y\n', 'b', ['x', 'y']],
    ['CRLF', 'a,b\r\n1,x\r\n2,y\r\n', 'b', ['x', 'y']],
    ['no final newline', 'a,b\n1,x\n2,y', 'b', ['x', 'y']],
    ['quoted comma', 'a,b\n1,"x,y"\n', 'b', ['x,y']],
    ['doubled quotes', 'a,b\n1,"say ""hi"""\n', 'b', ['say "hi"']],
    ['embedded LF', 'a,b\n1,"line1\nline2"\n2,z\n', 'b', ['line1\nline2', 'z']],
    ['embedded CRLF kept inside quotes', 'a,b\r\n1,"l1\r\nl2"\r\n', 'b', ['l1\r\nl2']],
    ['UTF-8 BOM on the header', '\ufeffa,b\n1,x\n', 'a', ['1']],
    ['empty field is missing', 'a,b\n1,\n2,y\n', 'b', [null, 'y']],
    ['quoted empty is missing', 'a,b\n1,""\n', 'b', [null]],
    ['last field empty at EOF', 'a,b\n1,', 'b', [null]],
    ['blank lines skipped', 'a,b\n\n1,x\n\n2,y\n\n', 'b', ['x', 'y']],
    ['unicode', 'a,b\n1,Māori\n2,日本\n', 'b', ['Māori', '日本']],
    ['quote inside unquoted field kept', 'a,b\n1,5"\n', 'b', ['5"']],
    ['quoted header name', '"a b",c\n1,2\n', 'a b', ['1']],
  ];
  for (const [label, content, col, expected] of cases) {
    it(label, async () => expect(await strings(content, col)).toEqual(expected));
  }

  it('TSV', async () => expect(await strings('a\tb\n1\tx,y\n', 'b', 'tsv')).toEqual(['x,y']));
  it('gzip CSV', async () => expect(await strings(gzipSync('a,b\n1,x\n'), 'b', 'csv.gz')).toEqual(['x']));
  it('header only gives 0 rows', async () => expect(await strings('a,b\n', 'b')).toEqual([]));

  it('numbers: decimals, exponents, signs, booleans, NaN/Inf stay valid, empty is missing', async () => {
    const csv = 'x\n1\n-2.5\n1e3\n.5\n+7\n0.1\n-0\ntrue\nFALSE\nNaN\ninf\n-Infinity\n\n 3 \n';
    // '\n\n' is a blank line (skipped, not a missing value); use a quoted empty for missing:
    expect(await nums(csv.replace('\n\n', '\n""\n'), 'x')).toEqual([1, -2.5, 1000, 0.5, 7, 0.1, -0, 1, 0, Number.NaN, Infinity, -Infinity, null, 3]);
  });

  it('category normalizes numbers in a numeric column ("1.50" and 1.5 are one group)', async () => {
    expect(await strings('x\n1.50\n1.5\n2\n', 'x')).toEqual(['1.5', '1.5', '2']);
    expect(await strings('x\n007\n7\n', 'x')).toEqual(['7', '7']);
    expect(await strings('x\nTRUE\nfalse\n', 'x')).toEqual(['true', 'false']);
    expect(await strings('x\n007\nabc\n', 'x')).toEqual(['007', 'abc']); // string column: text as is
  });

  it('big integers keep every digit as categories', async () => {
    expect(await strings('id\n12345678901234567891\n', 'id')).toEqual(['12345678901234567891']);
  });

  it('records longer than a read chunk are handled (8 MiB+ field)', async () => {
    const big = 'z'.repeat(9 * 1024 * 1024);
    expect((await strings(`a,b\n1,"${big}"\n2,y\n`, 'b')).map((s) => s?.length)).toEqual([big.length, 1]);
  });
});

describe('CSV errors name the file and the place', () => {
  it('ragged row', async () => {
    const { err, p } = await failure('a,b\n1,2\n3\n', [{ name: 'a', as: 'number' }]);
    expect(err.problems[0]).toMatchObject({ file: p, line: 3, row: 2 });
    expect(err.message).toContain('row has 1 field, the header has 2');
  });

  it('unterminated quote names the line where it opened', async () => {
    const { err, p } = await failure('a,b\n1,2\n3,"open\nmore\n', [{ name: 'a', as: 'number' }]);
    expect(err.problems[0]).toMatchObject({ file: p, line: 3, field: 'b' });
    expect(err.message).toContain('unterminated quoted field');
  });

  it('text after a closing quote', async () => {
    const { err } = await failure('a,b\n1,"x"y\n', [{ name: 'a', as: 'number' }]);
    expect(err.problems[0]).toMatchObject({ line: 2, field: 'b' });
  });

  it('duplicate and empty header names (all reported)', async () => {
    const { err, p } = await failure(',a,a\n1,2,3\n');
    expect(err.problems.map((x) => x.message)).toEqual([
      'header field 1 is empty: every column needs a name',
      'duplicate column name "a" (fields 2 and 3)',
    ]);
    expect(err.problems[0]).toMatchObject({ file: p, line: 1, hint: expect.stringContaining('index=False') });
  });

  it('non-numeric text in a number column', async () => {
    const { err, p } = await failure('a,b\n1,x\n2abc,y\n', [{ name: 'a', as: 'number' }]);
    expect(err.problems[0]).toMatchObject({ file: p, line: 3, row: 2, field: 'a', message: 'expected a number, got "2abc"' });
    expect(formatPlace(err.problems[0]!)).toBe(`${p}:3 (row 2, column "a")`);
  });

  it('hex is not number text', async () => {
    const { err } = await failure('a\n0x10\n', [{ name: 'a', as: 'number' }]);
    expect(err.message).toContain('expected a number, got "0x10"');
  });

  it('missing requested column lists the available ones', async () => {
    const { err, p } = await failure('a,b\n1,2\n', [{ name: 'score', as: 'number' }, { name: 'c', as: 'category' }]);
    expect(err.problems).toHaveLength(2);
    expect(err.problems[0]).toMatchObject({ file: p, field: 'score', message: 'column "score" not found; the file has: a, b' });
  });

  it('empty file', async () => {
    const { err, p } = await failure('');
    expect(err.message).toBe(`${p}: empty file: expected a header row`);
  });

  it('a record over 64 MiB is refused instead of exhausting memory', async () => {
    const { err } = await failure(`a,b\n1,"${'x'.repeat(65 * 1024 * 1024)}"\n2,3\n`, [{ name: 'a', as: 'number' }]);
    expect(err.message).toMatch(/longer than 64 MiB/);
    expect(err.problems[0]).toMatchObject({ line: 2 });
  }, 30_000);

  it('truncated gzip', async () => {
    const gz = gzipSync('a,b\n' + '1,2\n'.repeat(10000));
    const { err } = await failure(gz.subarray(0, gz.length - 20), [{ name: 'a', as: 'number' }], 'csv.gz');
    expect(err.message).toContain('cannot decompress gzip data');
  });
});

describe('only requested columns are read', () => {
  it('bad text in other columns is not parsed, and only requested columns come back', async () => {
    const src = await openDataset(file('a,b,c\n1,not-a-number,x\n2,,y\n'));
    const { data } = await src.read({ columns: [{ name: 'a', as: 'number' }, { name: 'c', as: 'presence' }] });
    expect([...data.columns.keys()]).toEqual(['a', 'c']);
    expect([...(data.columns.get('a') as NumberColumn).values]).toEqual([1, 2]);
  });

  it('scan yields batches sharing one dictionary', async () => {
    const pad = 'p'.repeat(90); // ~100-byte rows: 15 MB, more than one 8 MiB read
    const rows = Array.from({ length: 150_000 }, (_, i) => `${i},g${i % 3},${pad}`).join('\n');
    const src = await openDataset(file(`a,g,pad\n${rows}\n`));
    const batches = [];
    for await (const b of src.scan({ columns: [{ name: 'g', as: 'category' }] })) batches.push(b);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.reduce((s, b) => s + b.rows, 0)).toBe(150_000);
    const dicts = new Set(batches.map((b) => (b.columns.get('g') as CategoryColumn).dictionary));
    expect(dicts.size).toBe(1);
  });
});
