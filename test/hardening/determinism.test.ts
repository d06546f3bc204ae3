/**
 * Determinism (issue 8.6): with SOURCE_DATE_EPOCH the built CLI writes byte-identical JSON, JUnit
 * and SARIF for the same rows whatever their order and file format (CSV, shuffled CSV, JSONL,
 * Parquet, Arrow). Only the dataset's own identity (file name, format, sha256) may differ, and is
 * masked; MG102 (the file's hash) is skipped because it is about the bytes, not the rows.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendPolicy, editCsv, makeBase, read, write, writeFormats } from './base.js';
import { runIn } from './run.js';

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mg-determinism-'));
  makeBase(dir);
  // Gates that use bootstrap intervals, intersections and per-group floors, decided on intervals.
  appendPolicy(dir, [
    '  - id: MG301',
    '    metric: equalized_odds_difference',
    '    sensitive: [sex, region]',
    '    max: 0.2',
    '    decision: interval',
    '  - id: MG302',
    '    metric: recall',
    '    sensitive: [region]',
    '    min: 0.3',
    '  - id: MG201',
    '    metric: brier',
    '    max: 0.3',
    '',
  ].join('\n'));
  // A fixed permutation of the rows (a linear congruential generator keeps it reproducible).
  write(dir, 'shuffled.csv', read(dir, 'holdout.csv'));
  editCsv(dir, (lines) => {
    const body = lines.slice(1);
    let seed = 7;
    for (let i = body.length - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const j = seed % (i + 1);
      [body[i], body[j]] = [body[j]!, body[i]!];
    }
    return [lines[0]!, ...body];
  }, 'shuffled.csv');
  await writeFormats(dir, 'shuffled.csv', 'shuffled');
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const VARIANTS = ['holdout.csv', 'shuffled.csv', 'shuffled.jsonl', 'shuffled.snappy.parquet', 'shuffled.arrow', 'shuffled.arrows', 'shuffled.tsv', 'shuffled.csv.gz'];

async function reports(data: string, tag: string): Promise<Record<string, string>> {
  const out = { json: `${tag}.json`, junit: `${tag}.xml`, sarif: `${tag}.sarif` };
  const r = await runIn(dir, ['check', '--model', 'model.yaml', '--data', data, '--policy', 'policy.yaml', '--skip', 'MG102', '--no-progress', '-q',
    '--json', out.json, '--junit', out.junit, '--sarif', out.sarif]);
  expect([0, 1], r.output).toContain(r.code);
  const { sha256, format } = JSON.parse(readFileSync(join(dir, out.json), 'utf8')).dataset as { sha256: string; format: string };
  const mask = (text: string) => text.replaceAll(sha256, '<sha256>').replaceAll(data, '<data>')
    .replaceAll(`"format": "${format}"`, '"format": "<format>"').replaceAll(`"dataset.format" value="${format}"`, '"dataset.format" value="<format>"');
  return Object.fromEntries(Object.entries(out).map(([k, f]) => [k, mask(readFileSync(join(dir, f), 'utf8'))]));
}

describe('the same rows in another order or format give byte-identical reports', () => {
  it('JSON, JUnit and SARIF match the CSV run for every order and format', async () => {
    const all = await Promise.all(VARIANTS.map((v, i) => reports(v, `r${i}`)));
    const [first, ...rest] = all;
    const results = JSON.parse(first!.json!).results as { checkId: string; groups: unknown[] }[];
    // The appended gates ran: MG302 per region and the intersectional MG301 with its groups.
    expect(results.filter((r) => r.checkId === 'MG302').length).toBeGreaterThan(1);
    expect(results.some((r) => r.checkId === 'MG301' && r.groups.length >= 4)).toBe(true);
    rest.forEach((r, i) => {
      for (const k of ['json', 'junit', 'sarif']) expect(r[k], `${VARIANTS[i + 1]} ${k}`).toBe(first![k]);
    });
  });
});
