/**
 * `report convert` and `report diff` through the built CLI. Convert is checked against the files
 * `check` itself wrote in the same run (same report, so the bytes must be identical), for one model
 * and for a project of two models; bad inputs must end in exit 2 naming the file and the place.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mg, ROOT } from './run-cli.js';

const EPOCH = { SOURCE_DATE_EPOCH: '1790000000' };
const dir = mkdtempSync(join(tmpdir(), 'mg-report-cmd-'));
const p = (f: string) => join(dir, f);
const FORMATS = { junit: 'junit.xml', markdown: 'summary.md', html: 'report.html', sarif: 'report.sarif' } as const;

async function checkAll(config: string, prefix: string) {
  const args = ['check', '--config', config, '--json', p(`${prefix}report.json`)];
  for (const [f, file] of Object.entries(FORMATS)) args.push(`--${f}`, p(prefix + file));
  return mg(args, { env: EPOCH });
}

describe('report convert', () => {
  beforeAll(async () => {
    expect((await checkAll('fixtures/demo/modelgate.yaml', 'one-')).code).toBe(0);
    const two = p('two.yaml');
    const demo = join(ROOT, 'fixtures/demo');
    const fail = join(ROOT, 'fixtures/failing/mg102-dataset-hash-match');
    writeFileSync(two, `models:\n  - { name: good, model: ${demo}/model.yaml, data: ${demo}/holdout.csv, policy: [${demo}/policy.yaml] }\n`
      + `  - { name: bad, model: ${fail}/model.yaml, data: ${fail}/holdout.csv, policy: [${fail}/policy.yaml] }\n`);
    expect((await checkAll(two, 'two-')).code).toBe(1);
  });

  for (const prefix of ['one-', 'two-']) {
    for (const [format, file] of Object.entries(FORMATS)) {
      it(`${prefix}model JSON -> ${format} equals what check wrote`, async () => {
        const r = await mg(['report', 'convert', p(`${prefix}report.json`), '--format', format], { env: EPOCH });
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        expect(r.stdout).toBe(readFileSync(p(prefix + file), 'utf8'));
      });
    }
  }

  it('json -> json is a fixed point, and -o writes a file', async () => {
    const r = await mg(['report', 'convert', p('one-report.json'), '-f', 'json', '-o', p('again.json')]);
    expect(r.code).toBe(0);
    expect(readFileSync(p('again.json'), 'utf8')).toBe(readFileSync(p('one-report.json'), 'utf8'));
  });

  it('rejects what is not a modelgate report with exit 2, naming the file and the place', async () => {
    writeFileSync(p('not.json'), '{ "hello": ');
    let r = await mg(['report', 'convert', p('not.json'), '-f', 'cli']);
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining('not.json: not valid JSON')]);

    writeFileSync(p('other.json'), JSON.stringify({ schemaVersion: 1, tool: { name: 'eslint' } }));
    r = await mg(['report', 'convert', p('other.json'), '-f', 'cli']);
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining('not a modelgate JSON report')]);

    const doc = JSON.parse(readFileSync(p('one-report.json'), 'utf8'));
    writeFileSync(p('future.json'), JSON.stringify({ ...doc, schemaVersion: 2 }));
    r = await mg(['report', 'convert', p('future.json'), '-f', 'cli']);
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining('schemaVersion 2 is newer')]);

    doc.results[2].status = 'great';
    writeFileSync(p('broken.json'), JSON.stringify(doc, null, 2));
    r = await mg(['report', 'convert', p('broken.json'), '-f', 'cli']);
    expect(r.code).toBe(2);
    const line = JSON.stringify(doc, null, 2).split('\n').findIndex((l) => l.includes('"great"')) + 1;
    expect(r.stderr).toContain(`broken.json:${line}:`);
    expect(r.stderr).toContain('results[2].status');

    r = await mg(['report', 'convert', p('missing.json'), '-f', 'cli']);
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining('file not found')]);
    r = await mg(['report', 'convert', p('one-report.json'), '-f', 'pdf']);
    expect(r.code).toBe(2);
  });
});

describe('report diff', () => {
  it('finds a metric that crossed its threshold; exit 0', async () => {
    const doc = JSON.parse(readFileSync(p('one-report.json'), 'utf8'));
    // Candidate: coverage in group sex=F drops from 1 to 0.95 (MG401 min 1.0 holds every group).
    const cand = structuredClone(doc);
    cand.metrics.overall.explanation_coverage.value = 0.975;
    cand.metrics.groups.sex['sex=F'].explanation_coverage.value = 0.95;
    writeFileSync(p('cand.json'), JSON.stringify(cand));
    const r = await mg(['report', 'diff', p('one-report.json'), p('cand.json')]);
    expect(r.code).toBe(0);
    const row = r.stdout.split('\n').find((l) => l.trim().startsWith('explanation_coverage'))!;
    // 0.975 − 1 = −0.025; coverage is better higher (MG401 min); 1 ≥ 1 passed, 0.975 < 1 fails.
    expect(row.split(/\s{2,}/).map((s) => s.trim())).toEqual(['', 'explanation_coverage', '1.000', '0.975', '-0.025', 'higher', 'worse', 'now fails MG401 ≥ 1.000']);
    const json = JSON.parse((await mg(['report', 'diff', p('one-report.json'), p('cand.json'), '-f', 'json'])).stdout);
    const g = json.metrics.find((m: { group: string | null; metric: string }) => m.group === 'sex=F' && m.metric === 'explanation_coverage');
    expect(g).toMatchObject({ grouping: 'sex', metric: 'explanation_coverage', old: 1, new: 0.95, effect: 'worse' });
    expect((await mg(['report', 'diff', p('one-report.json'), p('cand.json'), '-f', 'markdown'])).stdout).toContain('### Groups by sex');
  });

  it('needs --model for a report of several models, and exits 2 on bad input', async () => {
    let r = await mg(['report', 'diff', p('two-report.json'), p('two-report.json')]);
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining('holds 2 models: credit-risk (fixtures/demo/model.yaml), credit-risk (fixtures/failing/')]);
    r = await mg(['report', 'diff', p('two-report.json'), p('two-report.json'), '--model', 'credit-risk']);
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining('2 models named "credit-risk"')]);
    r = await mg(['report', 'diff', p('two-report.json'), p('one-report.json'), '--model', 'fixtures/demo/model.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('same holdout');
    r = await mg(['report', 'diff', p('one-report.json'), p('not.json')]);
    expect(r.code).toBe(2);
  });
});
