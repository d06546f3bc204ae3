/**
 * Format detection and the errors for files that are not what they claim, truncated or corrupt.
 * Inputs are the committed fixtures, copied, renamed or cut in a temp directory.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReadRequest } from '../../src/data/dataset.js';
import { openDataset } from '../../src/data/open.js';
import { DataError, InputFileError, UserError } from '../../src/errors.js';

const fixtures = path.resolve(__dirname, '../../fixtures/data');
const dir = mkdtempSync(path.join(tmpdir(), 'mg-open-'));
const fixture = (name: string): Buffer => readFileSync(path.join(fixtures, name));
function put(name: string, bytes: Buffer | string): string {
  const p = path.join(dir, name);
  writeFileSync(p, bytes);
  return p;
}
const request: ReadRequest = { columns: [{ name: 'label', as: 'number' }, { name: 'race', as: 'category' }] };

async function error(p: string): Promise<UserError> {
  try {
    const src = await openDataset(p);
    await src.read(request);
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return err as UserError;
  }
  throw new Error(`expected ${p} to fail`);
}

describe('format by extension, content-sniffed when unknown', () => {
  const cases: [string, string, string][] = [
    ['sample.snappy.parquet', 'data.bin', 'parquet'],
    ['sample.arrow', 'data.dat', 'arrow'],
    ['sample.arrows', 'data', 'arrow'],
    ['sample.arrows', 'data.feather', 'arrow'],
    ['sample.arrow', 'data.ipc', 'arrow'],
    ['sample.jsonl', 'data.log', 'jsonl'],
    ['sample.jsonl', 'data.ndjson', 'jsonl'],
    ['sample.csv', 'data.txt', 'csv'],
    ['sample.tsv', 'data.txt2', 'tsv'],
    ['sample.csv.gz', 'data.gz', 'csv'],
  ];
  for (const [from, to, format] of cases) {
    it(`${from} as ${to} reads as ${format}`, async () => {
      const p = path.join(dir, to);
      copyFileSync(path.join(fixtures, from), p);
      const src = await openDataset(p);
      expect(src.format).toBe(format);
      const { data, info } = await src.read(request);
      expect(data.rows).toBe(240);
      expect(info.format).toBe(format);
    });
  }
});

describe('files that are not what the extension says', () => {
  it('a .parquet that is CSV text', async () => {
    const p = put('lie.parquet', fixture('sample.csv'));
    const e = await error(p);
    expect(e).toBeInstanceOf(DataError);
    expect(e.message).toBe(`${p}: not a Parquet file (no PAR1 magic bytes); it looks like CSV text`);
  });
  it('a .csv that is Parquet', async () => {
    const p = put('lie.csv', fixture('sample.snappy.parquet'));
    expect((await error(p)).message).toBe(`${p}: not CSV text; it looks like a Parquet file (PAR1 magic bytes)`);
  });
  it('an .arrow that is JSON Lines', async () => {
    const p = put('lie.arrow', fixture('sample.jsonl'));
    expect((await error(p)).message).toContain('not an Arrow IPC file or stream');
  });
  it('a .csv.gz that is not gzip', async () => {
    const p = put('lie.csv.gz', fixture('sample.csv'));
    expect((await error(p)).message).toContain('not gzip-compressed data (no gzip magic bytes); it looks like CSV text');
  });
  it('binary data with an unknown extension', async () => {
    const p = put('blob.xyz', Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8]));
    expect((await error(p)).message).toContain('unrecognized dataset format');
  });
});

describe('missing, unreadable and empty files', () => {
  it('missing file', async () => {
    const e = await error(path.join(dir, 'nope.csv'));
    expect(e).toBeInstanceOf(InputFileError);
    expect(e.message).toContain('file not found');
  });
  it('a directory', async () => {
    const d = path.join(dir, 'adir.csv');
    mkdirSync(d);
    expect((await error(d)).message).toContain('is a directory');
  });
  it('empty Parquet/CSV/JSONL files', async () => {
    for (const ext of ['csv', 'parquet', 'jsonl']) {
      const p = put(`empty.${ext}`, '');
      expect((await error(p)).message).toBe(`${p}: empty file: expected a header row`);
    }
  });
});

describe('truncated and corrupt binary files give a DataError naming the file', () => {
  it('Parquet cut short (no PAR1 at the end)', async () => {
    const bytes = fixture('sample.zstd.parquet');
    const p = put('cut.parquet', bytes.subarray(0, bytes.length - 100));
    const e = await error(p);
    expect(e).toBeInstanceOf(DataError);
    expect(e.message).toBe(`${p}: truncated or corrupt Parquet file: no PAR1 magic bytes at the end`);
  });
  it('Parquet with a corrupt footer', async () => {
    const bytes = Buffer.from(fixture('sample.snappy.parquet'));
    const footerLen = bytes.readUInt32LE(bytes.length - 8);
    bytes.fill(0xab, bytes.length - 8 - footerLen, bytes.length - 8);
    const p = put('footer.parquet', bytes);
    const e = await error(p);
    expect(e).toBeInstanceOf(DataError);
    expect(e.message).toMatch(new RegExp(`^${p.replaceAll('.', '\\.')}: cannot read Parquet: `));
    expect(e.message).not.toContain('\n');
  });
  it('Parquet with a column chunk cut out of the middle', async () => {
    const bytes = fixture('sample.gzip.parquet');
    const p = put('middle.parquet', Buffer.concat([bytes.subarray(0, 200), bytes.subarray(1200)]));
    const e = await error(p);
    expect(e).toBeInstanceOf(DataError);
    expect(e.message).toContain('cannot read Parquet');
    expect(e.message).not.toContain('\n');
  });
  for (const name of ['sample.arrows', 'sample.arrow']) {
    it(`Arrow ${name.endsWith('s') ? 'stream' : 'file'} cut in half`, async () => {
      const bytes = fixture(name);
      const p = put(`cut-${name}`, bytes.subarray(0, Math.floor(bytes.length / 2)));
      const e = await error(p);
      expect(e).toBeInstanceOf(DataError);
      expect(e.message).toContain(p);
    });
  }
  it('Arrow stream with ZSTD-compressed batches', async () => {
    const p = path.join(fixtures, 'sample-zstd.arrows');
    const e = await error(p);
    expect(e.message).toBe(`${p}: compressed Arrow IPC (ZSTD) is not supported; write it uncompressed`);
  });
});
