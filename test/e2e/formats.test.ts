/**
 * The same rows as CSV, TSV, CSV.gz, Parquet (snappy, zstd, gzip), Arrow IPC (file and stream) and
 * JSONL give the same verdicts and numbers through the built CLI. Only what names the file differs.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'mg-formats-'));
const FILES = ['holdout.tsv', 'holdout.csv.gz', 'holdout.snappy.parquet', 'holdout.zstd.parquet', 'holdout.gzip.parquet', 'holdout.arrow', 'holdout.arrows', 'holdout.jsonl'];

/** The report without what depends on the file's name or bytes. */
function comparable(json: string): unknown {
  const r = JSON.parse(json);
  delete r.dataset;
  for (const x of r.results) {
    if (x.checkId === 'MG502') { delete x.subject; delete x.message; delete x.details; }
  }
  return r;
}

describe('every format gives the same report', () => {
  let reference: unknown;
  beforeAll(async () => {
    const m = await import(join(ROOT, 'scripts', 'write-formats.mjs'));
    await m.writeAllFormats(join(ROOT, 'fixtures/demo/holdout.csv'), dir, 'holdout');
    const r = await runCli(['check', '--model', 'fixtures/demo/model.yaml', '--data', 'fixtures/demo/holdout.csv', '--policy', 'fixtures/demo/policy.yaml', '--skip', 'MG102', '-f', 'json']);
    expect(r.code, r.stderr).toBe(0);
    reference = comparable(r.stdout);
  }, 120_000);

  for (const f of FILES) {
    it(f, async () => {
      const r = await runCli(['check', '--model', 'fixtures/demo/model.yaml', '--data', join(dir, f), '--policy', 'fixtures/demo/policy.yaml', '--skip', 'MG102', '-f', 'json']);
      expect(r.code, r.stderr).toBe(0);
      expect(comparable(r.stdout)).toEqual(reference);
    });
  }
});
