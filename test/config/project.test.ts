import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findProjectConfig, loadProjectConfig } from '../../src/config/project.js';
import { ConfigError, type Problem } from '../../src/errors.js';
import { writeTree } from './helpers.js';

describe('findProjectConfig', () => {
  it('finds modelgate.yaml in a parent folder below the git root', async () => {
    const root = writeTree({ 'repo/modelgate.yaml': 'models: []\n', 'repo/models/a/model.yaml': 'name: a\n' });
    mkdirSync(path.join(root, 'repo/.git'));
    expect(await findProjectConfig(path.join(root, 'repo/models/a'))).toBe(path.join(root, 'repo/modelgate.yaml'));
  });
  it('prefers the nearest one and accepts .yml', async () => {
    const root = writeTree({ 'repo/modelgate.yaml': '', 'repo/sub/modelgate.yml': '' });
    mkdirSync(path.join(root, 'repo/.git'));
    expect(await findProjectConfig(path.join(root, 'repo/sub'))).toBe(path.join(root, 'repo/sub/modelgate.yml'));
  });
  it('stops at the git root (a .git folder or file)', async () => {
    const root = writeTree({ 'modelgate.yaml': '', 'repo/.git': 'gitdir: /elsewhere\n', 'repo/src/x.txt': '' });
    expect(await findProjectConfig(path.join(root, 'repo/src'))).toBeNull();
  });
  it('refuses two candidates in one folder', async () => {
    const root = writeTree({ 'modelgate.yaml': '', 'modelgate.yml': '', '.git/HEAD': '' });
    await expect(findProjectConfig(root)).rejects.toThrow(/keep one/);
  });
});

describe('loadProjectConfig', () => {
  it('resolves paths against the config folder; policy may be one path or a list', async () => {
    const root = writeTree({
      'cfg/modelgate.yaml': `models:
  - name: credit-risk
    model: models/credit-risk/model.yaml
    data: data/credit-risk/holdout.parquet
    policy: [policies/base.yaml, policies/credit.yaml]
    baseline: reports/prod.json
  - name: churn
    model: ../elsewhere/MLmodel
    data: /abs/holdout.csv
    policy: policies/base.yaml
  - name: bare
    model: m.yaml
    data: d.csv
`,
    });
    const file = path.join(root, 'cfg/modelgate.yaml');
    const cfg = await loadProjectConfig(file);
    const dir = path.join(root, 'cfg');
    expect(cfg).toEqual({
      file,
      models: [
        {
          name: 'credit-risk',
          model: path.join(dir, 'models/credit-risk/model.yaml'),
          data: path.join(dir, 'data/credit-risk/holdout.parquet'),
          policy: [path.join(dir, 'policies/base.yaml'), path.join(dir, 'policies/credit.yaml')],
          baseline: path.join(dir, 'reports/prod.json'),
        },
        { name: 'churn', model: path.join(root, 'elsewhere/MLmodel'), data: '/abs/holdout.csv', policy: [path.join(dir, 'policies/base.yaml')] },
        { name: 'bare', model: path.join(dir, 'm.yaml'), data: path.join(dir, 'd.csv'), policy: [] },
      ],
    });
  });

  async function problems(text: string): Promise<Problem[]> {
    const root = writeTree({ 'modelgate.yaml': text });
    try {
      await loadProjectConfig(path.join(root, 'modelgate.yaml'));
    } catch (err) {
      if (err instanceof ConfigError) return err.problems;
      throw err;
    }
    throw new Error('expected a ConfigError');
  }

  it.each([
    ['typo', 'models:\n  - name: a\n    model: m.yaml\n    data: d.csv\n    polcy: p.yaml\n', { line: 5, column: 5, message: 'unknown key "polcy"', hint: 'did you mean "policy"?' }],
    ['missing data', 'models:\n  - name: a\n    model: m.yaml\n', { line: 2, column: 5, message: 'missing required key "data"' }],
    ['empty list', 'models: []\n', { line: 1, column: 9, message: 'expected at least 1 item, got 0' }],
    ['not a mapping', 'just text\n', { line: 1, message: expect.stringContaining('"models:"') }],
    ['duplicate names', 'models:\n  - { name: a, model: m, data: d }\n  - { name: a, model: n, data: e }\n', { line: 3, message: 'duplicate model name "a" (also at line 2)' }],
  ])('%s', async (_name, text, want) => {
    expect(await problems(text)).toEqual([expect.objectContaining(want)]);
  });
});
