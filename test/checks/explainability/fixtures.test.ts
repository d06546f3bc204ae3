/**
 * The generated holdouts of scripts/make-explain-fixtures.mjs against what the generator planted
 * (planted.json: computed by the generator from what it did, with its own plain-sum residuals and
 * logit, never by the checks). Also: the committed fixtures are what the generator writes today.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { mg401 } from '../../../src/checks/explainability/mg401.js';
import { mg402 } from '../../../src/checks/explainability/mg402.js';
import { mg403 } from '../../../src/checks/explainability/mg403.js';
import type { CheckContext, Finding } from '../../../src/checks/types.js';
import type { ModelMeta } from '../../../src/config/types.js';
import { fakeContext } from './fake-context.js';

const ROOT = path.resolve(__dirname, '../../..');
const DIR = path.join(ROOT, 'fixtures/explain');
const VARIANTS = ['good', 'dropped-in-group', 'missing-feature', 'wrong-space', 'corrupted', 'mixed-base'];

/** The generator writes plain CSV: no quotes, no commas inside fields. */
function readCsv(file: string): Record<string, string[]> {
  const [header, ...lines] = readFileSync(file, 'utf8').trimEnd().split('\n');
  const names = header!.split(',');
  const cols: Record<string, string[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const line of lines) line.split(',').forEach((v, i) => cols[names[i]!]!.push(v));
  return cols;
}

function contextFor(variant: string): CheckContext {
  const cols = readCsv(path.join(DIR, variant, 'holdout.csv'));
  const meta = parseYaml(readFileSync(path.join(DIR, variant, 'model.yaml'), 'utf8')) as ModelMeta;
  const num = (v: string[]) => v.map((x) => (x === '' ? null : Number(x)));
  const names = Object.keys(cols);
  return fakeContext({
    id: cols['id'],
    score: num(cols['score']!) as number[],
    sensitive: { race: cols['race']!, sex: cols['sex']! },
    explanations: Object.fromEntries(names.filter((n) => n.startsWith('shap_')).map((n) => [n, num(cols[n]!)])),
    otherColumns: names.filter((n) => !n.startsWith('shap_') && !['id', 'score', 'race', 'sex'].includes(n)),
    meta,
  });
}

async function findingOf(def: { run: (ctx: CheckContext, o: never) => Finding[] | Promise<Finding[]>; options: { parse(x: unknown): unknown } }, ctx: CheckContext): Promise<Finding> {
  const out = await def.run(ctx, def.options.parse({}) as never);
  return out[0]!;
}

describe.each(VARIANTS)('fixture %s', (variant) => {
  const planted = JSON.parse(readFileSync(path.join(DIR, variant, 'planted.json'), 'utf8'));
  const ctx = contextFor(variant);

  it('MG401 reports the planted coverage, overall and per group', async () => {
    const f = await findingOf(mg401, ctx);
    expect(f.status).toBe(planted.expect.MG401);
    expect(f.observed).toBe(planted.coverage.share);
    expect(f.details).toMatchObject({ rows: planted.coverage.rows, complete: planted.coverage.complete });
    for (const [col, groups] of Object.entries(planted.coverage.groups as Record<string, Record<string, { n: number; complete: number }>>)) {
      for (const [value, g] of Object.entries(groups)) {
        const got = f.groups!.find((x) => x.subject === `${col}=${value}`)!;
        expect([got.n, got.value]).toEqual([g.n, g.complete / g.n]);
      }
    }
    if (planted.expect.MG401 === 'fail') expect(f.message).toContain(`lowest group ${planted.coverage.lowestGroup} `);
  });

  it('MG402 reports the planted feature share, missing features and stray columns', async () => {
    const f = await findingOf(mg402, ctx);
    expect(f.status).toBe(planted.expect.MG402);
    expect(f.observed).toBe(planted.features.share);
    expect(f.details).toMatchObject({ missingFeatures: planted.features.missing, unknownColumns: planted.features.unknownColumns });
  });

  it('MG403 reports the planted pass rate, the failing rows by id, and the fit in the other space', async () => {
    const f = await findingOf(mg403, ctx);
    const a = planted.additivity;
    expect(f.status).toBe(a.passed === a.explained ? 'pass' : 'fail');
    expect(f.observed).toBe(a.share);
    expect(f.details).toMatchObject({ explained: a.explained, passed: a.passed, alternative: { space: a.passedInOtherSpace.space, passed: a.passedInOtherSpace.passed } });
    const worst = (f.details!['worstRows'] as { id: string }[]).map((w) => w.id);
    expect(worst).toEqual(a.failingIds.slice(0, 10));
    const hint = f.details!['hint'] as string | undefined;
    if (planted.expect.hintSpace) expect(hint).toContain(`matches the score in ${planted.expect.hintSpace}`);
    else expect(hint).toBeUndefined();
    const base = f.details!['baseValue'] as { values: { rows: number }[]; varies: boolean };
    expect(base.values.map((v) => v.rows)).toEqual(a.baseValues.map((v: { rows: number }) => v.rows));
    expect(base.varies).toBe(a.baseValues.length > 1);
  });

  it('MG403 fails a varying base value in its own finding, and only then', async () => {
    const all = await mg403.run(ctx, mg403.options.parse({}));
    const base = all.find((x) => x.subject === 'base value')!;
    expect(base.status).toBe(planted.additivity.baseValues.length > 1 ? 'fail' : 'pass');
    const statuses = all.map((x) => x.status);
    expect(statuses.includes('fail') ? 'fail' : 'pass').toBe(planted.expect.MG403);
  });
});

describe('the generator', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'explain-fixtures-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes exactly the committed fixtures (deterministic, and the fixtures are fresh)', () => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/make-explain-fixtures.mjs'), out], { stdio: 'pipe' });
    expect(readdirSync(out).sort()).toEqual([...VARIANTS].sort());
    for (const v of VARIANTS) {
      for (const f of ['holdout.csv', 'model.yaml', 'policy.yaml', 'planted.json']) {
        expect(readFileSync(path.join(out, v, f), 'utf8'), `${v}/${f}`).toBe(readFileSync(path.join(DIR, v, f), 'utf8'));
      }
    }
  });

  it('planted what it says: the corrupted rows are the tampered ones, the dropped rows are all race=Black', () => {
    const corrupted = JSON.parse(readFileSync(path.join(DIR, 'corrupted', 'planted.json'), 'utf8'));
    expect([...corrupted.additivity.failingIds].sort()).toEqual(corrupted.planted.tampered.map((t: { id: string }) => t.id).sort());
    const dropped = JSON.parse(readFileSync(path.join(DIR, 'dropped-in-group', 'planted.json'), 'utf8'));
    const black = dropped.coverage.groups.race.Black;
    expect(black.n - black.complete).toBe(dropped.planted.droppedRows);
    expect(dropped.coverage.rows - dropped.coverage.complete).toBe(dropped.planted.droppedRows);
  });
});
