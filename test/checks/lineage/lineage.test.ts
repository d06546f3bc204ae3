/**
 * Table-driven tests of the lineage checks (MG101-MG105) against literal metadata, with fake I/O.
 * Expected values are counted by hand from each case's metadata.
 */
import { describe, expect, it } from 'vitest';
import type { CheckContext, CheckIO } from '../../../src/checks/types.js';
import { mg101 } from '../../../src/checks/lineage/mg101-required-fields.js';
import { mg102 } from '../../../src/checks/lineage/mg102-dataset-hash.js';
import { mg103 } from '../../../src/checks/lineage/mg103-code-commit.js';
import { mg104 } from '../../../src/checks/lineage/mg104-artifact-hash.js';
import { mg105 } from '../../../src/checks/lineage/mg105-holdout-not-in-training.js';
import { valuesAt } from '../../../src/checks/lineage/fields.js';
import { DEFAULT_COLUMNS, DEFAULTS, type ModelMeta } from '../../../src/config/types.js';
import { categoryColumn } from '../../../src/data/dataset.js';

const H = (c: string) => c.repeat(64);
const COMMIT = 'a'.repeat(40);

function ctx(meta: ModelMeta, over: { sha?: string; io?: Partial<CheckIO>; ids?: string[] } = {}): CheckContext {
  const io: CheckIO = {
    sha256File: async () => ({ ok: true, sha256: H('b') }),
    git: async () => ({ exitCode: 0, stdout: '/repo\n', stderr: '' }),
    resolve: (_f, p) => `/abs/${p}`,
    fileExists: async () => true,
    readColumn: async () => [],
    ...over.io,
  };
  return {
    model: { meta, file: 'model.yaml', format: 'yaml', sha256: H('0'), raw: meta, locate: () => null },
    policy: { files: [], sha256: '', environment: null, columns: DEFAULT_COLUMNS, defaults: DEFAULTS, checks: [], waivers: [] },
    columns: DEFAULT_COLUMNS,
    settings: DEFAULTS,
    dataset: { rows: 0, columns: new Map() },
    datasetInfo: { path: 'holdout.csv', format: 'csv', sha256: over.sha ?? H('c'), bytes: 1, rows: 1, columns: [] },
    roles: {
      task: 'binary_classification', rows: 0, label: null, prediction: null, score: null, classes: null, sensitive: new Map(),
      id: over.ids ? categoryColumn('id', over.ids) : null, baselinePrediction: null, baselineScore: null, dropped: { rows: 0, reasons: {} },
    },
    entry: { location: { file: 'policy.yaml', line: 3 }, keyLocations: {} },
    waivedSubjects: new Set(),
    baseline: null,
    io,
  };
}

const full: ModelMeta = {
  name: 'm', version: '1', owner: 'a@b.co',
  lineage: {
    training_data: [{ uri: 't1', sha256: H('1') }, { uri: 't2', sha256: H('2') }],
    evaluation_data: { sha256: H('c') },
    code: { repository: 'https://x', commit: COMMIT },
    hyperparameters: { C: 1 },
  },
};

describe('valuesAt', () => {
  it('expands [] over every element and reports an empty array as one missing value', () => {
    expect(valuesAt(full, 'lineage.training_data[].sha256').map((v) => v.path)).toEqual(['lineage.training_data[0].sha256', 'lineage.training_data[1].sha256']);
    expect(valuesAt({ lineage: { training_data: [] } }, 'lineage.training_data[].sha256')).toEqual([{ path: 'lineage.training_data[].sha256', value: undefined }]);
  });
});

describe('MG101 lineage-required-fields', () => {
  const cases: { name: string; meta: ModelMeta; required?: string[]; min?: number; status: string; observed: number; missing?: string[] }[] = [
    { name: 'all default fields present', meta: full, status: 'pass', observed: 1 },
    // 9 default paths; owner malformed -> 8/9.
    { name: 'owner not an e-mail', meta: { ...full, owner: 'risk team' }, status: 'fail', observed: 8 / 9 },
    // training_data[1] lacks sha256: the [] path fails as a whole -> 8/9.
    { name: 'one training set without sha256', meta: { ...full, lineage: { ...full.lineage, training_data: [{ uri: 't1', sha256: H('1') }, { uri: 't2' }] } }, status: 'fail', observed: 8 / 9, missing: ['lineage.training_data[1].sha256'] },
    { name: 'abbreviated commit', meta: { ...full, lineage: { ...full.lineage, code: { repository: 'r', commit: 'abc1234' } } }, status: 'fail', observed: 8 / 9 },
    { name: 'custom list, 2 of 4', meta: { owner: 'a@b.co', created_at: '2026-11-02' }, required: ['owner', 'created_at', 'lineage.code.commit', 'lineage.hyperparameters'], status: 'fail', observed: 0.5 },
    // boundary: completeness exactly min passes
    { name: 'completeness at min_completeness', meta: { owner: 'a@b.co', created_at: '2026-11-02' }, required: ['owner', 'created_at', 'lineage.code.commit', 'lineage.hyperparameters'], min: 0.5, status: 'pass', observed: 0.5 },
    { name: 'bad ISO date', meta: { created_at: '02/11/2026' }, required: ['created_at'], status: 'fail', observed: 0 },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const [f] = await mg101.run(ctx(c.meta), { required: c.required, min_completeness: c.min });
      expect(f!.status).toBe(c.status);
      expect(f!.observed).toBeCloseTo(c.observed, 12);
      if (c.missing) expect((f!.details as { missing: string[] }).missing).toEqual(c.missing);
    });
  }
  it('rejects a malformed path in options', () => {
    expect(mg101.options.safeParse({ required: ['lineage..x'] }).success).toBe(false);
    expect(mg101.options.safeParse({ require: ['x'] }).success).toBe(false);
  });
});

describe('MG102 dataset-hash-match', () => {
  it('passes when the hashes match (case-insensitive)', async () => {
    const [f] = await mg102.run(ctx({ lineage: { evaluation_data: { sha256: H('C') } } }), {});
    expect(f!.status).toBe('pass');
  });
  it('fails on a different hash, naming both', async () => {
    const [f] = await mg102.run(ctx({ lineage: { evaluation_data: { sha256: H('d') } } }), {});
    expect(f!.status).toBe('fail');
    expect(f!.message).toContain(H('c'));
    expect(f!.message).toContain(H('d'));
  });
  it('fails closed when no hash is recorded', async () => {
    const [f] = await mg102.run(ctx({}), {});
    expect(f!.status).toBe('fail');
    expect(f!.message).toContain('modelgate hash');
  });
});

describe('MG103 code-commit-verifiable', () => {
  const git = (answers: Record<string, number>, shallow = false): Partial<CheckIO> => ({
    git: async (args) => ({ exitCode: answers[args[0]!] ?? 0, stdout: args[1] === '--is-shallow-repository' ? String(shallow) : '/repo', stderr: '' }),
  });
  const meta = { lineage: { code: { commit: COMMIT } } };
  it('passes when git finds the commit, and calls git with an argument array', async () => {
    const calls: string[][] = [];
    const c = ctx(meta, { io: { git: async (args) => { calls.push(args); return { exitCode: 0, stdout: '/repo', stderr: '' }; } } });
    const [f] = await mg103.run(c, {});
    expect(f!.status).toBe('pass');
    expect(calls).toContainEqual(['cat-file', '-e', `${COMMIT}^{commit}`]);
  });
  it('fails when the commit does not exist', async () => {
    const [f] = await mg103.run(ctx(meta, { io: git({ 'cat-file': 1 }) }), {});
    expect(f!.status).toBe('fail');
  });
  it('is inconclusive in a shallow clone', async () => {
    const [f] = await mg103.run(ctx(meta, { io: git({ 'cat-file': 1 }, true) }), {});
    expect(f!.status).toBe('inconclusive');
    expect(f!.message).toContain('fetch-depth: 0');
  });
  it('is skipped outside a repository unless required', async () => {
    expect((await mg103.run(ctx(meta, { io: git({ 'rev-parse': 128 }) }), {}))[0]!.status).toBe('skipped');
    expect((await mg103.run(ctx(meta, { io: git({ 'rev-parse': 128 }) }), { require_repository: true }))[0]!.status).toBe('fail');
  });
  it('fails on an abbreviated SHA without asking git', async () => {
    const [f] = await mg103.run(ctx({ lineage: { code: { commit: 'abc1234' } } }, { io: git({ 'cat-file': 0 }) }), {});
    expect(f!.status).toBe('fail');
  });
  it('checks reachability when asked', async () => {
    const [f] = await mg103.run(ctx(meta, { io: git({ 'merge-base': 1 }) }), { reachable_from_head: true });
    expect(f!.status).toBe('fail');
  });
});

describe('MG104 artifact-hash-match', () => {
  it('passes when the local artifact matches', async () => {
    const [f] = await mg104.run(ctx({ artifact: { uri: 'model.onnx', sha256: H('b') } }), {});
    expect(f!.status).toBe('pass');
  });
  it('fails when it differs', async () => {
    const [f] = await mg104.run(ctx({ artifact: { uri: 'model.onnx', sha256: H('e') } }), {});
    expect(f!.status).toBe('fail');
  });
  it('skips remote and absent artifacts unless require_local', async () => {
    expect((await mg104.run(ctx({ artifact: { uri: 's3://b/m.onnx', sha256: H('b') } }), {}))[0]!.status).toBe('skipped');
    const absent = ctx({ artifact: { uri: 'm.onnx', sha256: H('b') } }, { io: { fileExists: async () => false } });
    expect((await mg104.run(absent, {}))[0]!.status).toBe('skipped');
    expect((await mg104.run(absent, { require_local: true }))[0]!.status).toBe('fail');
  });
  it('fails when a present artifact has no recorded hash', async () => {
    expect((await mg104.run(ctx({ artifact: { uri: 'm.onnx' } }), {}))[0]!.status).toBe('fail');
  });
});

describe('MG105 holdout-not-in-training', () => {
  it('passes when the holdout hash is not a training hash', async () => {
    expect((await mg105.run(ctx(full), {}))[0]!.status).toBe('pass');
  });
  it('fails when the holdout is a training set', async () => {
    const [f] = await mg105.run(ctx(full, { sha: H('2') }), {});
    expect(f!.status).toBe('fail');
    expect(f!.message).toContain('training_data[1]');
  });
  it('is skipped without training hashes', async () => {
    expect((await mg105.run(ctx({}), {}))[0]!.status).toBe('skipped');
  });
  it('counts overlapping ids (distinct) against the training id file', async () => {
    const c = ctx(full, { ids: ['a', 'b', 'b', 'c', 'd'], io: { readColumn: async () => ['b', 'd', 'x'] } });
    const found = await mg105.run(c, { training_ids: { file: 'train_ids.csv', column: 'id' } });
    expect(found[1]!.status).toBe('fail');
    expect(found[1]!.observed).toBe(2);
  });
});
