/**
 * sha256 of a file on the worker (files over 8 MiB, read READ_BYTES at a time) and inline (smaller
 * files). Expected digests come from node:crypto over the whole file read at once; sizes straddle
 * the read size so the last, short read is covered.
 */
import { createHash, randomFillSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashFileInWorker, READ_BYTES } from '../../src/data/hash-file.js';
import { InputFileError } from '../../src/errors.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mg-hash-'));

function fileOf(name: string, size: number): string {
  const file = path.join(dir, name);
  writeFileSync(file, randomFillSync(Buffer.alloc(size)));
  return file;
}

const whole = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('hashFileInWorker', () => {
  it.each([
    ['worker, a whole number of reads', 80 * READ_BYTES],
    ['worker, a short last read', 80 * READ_BYTES + 12_345],
    ['worker, one byte over a read', 8 * 1024 * 1024 + 1],
    ['inline', 100_003],
    ['inline, empty', 0],
  ])('%s', async (_, size) => {
    const file = fileOf(`f-${size}.bin`, size);
    expect(await hashFileInWorker(file)).toEqual({ sha256: whole(file), bytes: size });
  });

  it('a known digest: sha256 of the empty file', async () => {
    const file = fileOf('empty.bin', 0);
    expect((await hashFileInWorker(file)).sha256).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('a missing file is an input error naming it', async () => {
    const missing = path.join(dir, 'nope.bin');
    await expect(hashFileInWorker(missing)).rejects.toBeInstanceOf(InputFileError);
    await expect(hashFileInWorker(missing)).rejects.toThrow(/nope\.bin/);
  });
});
