import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectModelFormat, loadModel } from '../../src/config/model.js';
import { ConfigError, InputFileError, type Problem } from '../../src/errors.js';
import { writeTree } from './helpers.js';

async function loadOne(name: string, text: string) {
  const dir = writeTree({ [name]: text });
  return loadModel(path.join(dir, name));
}
async function problemsOf(name: string, text: string): Promise<Problem[]> {
  try {
    await loadOne(name, text);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

const MODEL_YAML = `name: credit-risk
version: 3.2.0
task: binary_classification
positive_label: 1
owner: risk-ml@example.com
created_at: 2026-11-02T10:00:00Z
risk_tier: high
features: [age, income, debt_ratio]
artifact: { uri: models/credit-risk.onnx, sha256: "not-a-sha" }
lineage:
  training_data:
    - { uri: s3://bucket/train.parquet, sha256: "abc", rows: 812345, snapshot_date: 2026-10-30 }
  evaluation_data: { uri: data/holdout.parquet, sha256: "def" }
  code: { repository: https://github.com/example/credit, commit: 1234 }
  hyperparameters: { max_depth: 6, eta: 0.1, objective: "binary:logistic" }
  environment: { runtime: python-3.11 }
  parent_model: credit-risk@3.1.0
explainability: { method: shap, output_space: probability, base_value: 0.21 }
`;

describe('YAML and JSON metadata (strict)', () => {
  it('loads every field; formats are not judged here', async () => {
    const problems = await problemsOf('model.yaml', MODEL_YAML);
    // commit: 1234 is a number in YAML: a type error, with a hint to quote it.
    expect(problems).toEqual([
      expect.objectContaining({ line: 14, column: 66, path: 'lineage.code.commit', message: 'expected a string, got 1234', hint: 'put it in quotes to make it text: "1234"' }),
    ]);
    const m = await loadOne('model.yaml', MODEL_YAML.replace('commit: 1234', 'commit: "1234"'));
    expect(m.format).toBe('yaml');
    expect(m.meta.version).toBe('3.2.0');
    expect(m.meta.positive_label).toBe(1);
    expect(m.meta.created_at).toBe('2026-11-02T10:00:00Z');
    expect(m.meta.artifact?.sha256).toBe('not-a-sha');
    expect(m.meta.lineage?.training_data?.[0]).toEqual({ uri: 's3://bucket/train.parquet', sha256: 'abc', rows: 812345, snapshot_date: '2026-10-30' });
    expect(m.meta.lineage?.code?.commit).toBe('1234');
    expect(m.meta.lineage?.hyperparameters).toEqual({ max_depth: 6, eta: 0.1, objective: 'binary:logistic' });
    expect(m.sha256).toBe(createHash('sha256').update(readFileSync(m.file)).digest('hex'));
    expect(m.raw).toMatchObject({ name: 'credit-risk' });
    // Positions counted in MODEL_YAML.
    expect(m.locate('lineage.training_data[0].sha256')).toMatchObject({ line: 12, column: 41 });
    expect(m.locate('lineage.code.commit')).toMatchObject({ line: 14, column: 58 });
    expect(m.locate('owner')).toMatchObject({ line: 5, column: 1 });
    expect(m.locate('lineage.evaluation_data.rows')).toBeNull();
  });

  it.each([
    ['unknown key with suggestion', 'name: x\nowners: a@b.c\n', { line: 2, column: 1, message: 'unknown key "owners"', hint: 'did you mean "owner"?' }],
    ['nested unknown key', 'lineage:\n  code:\n    comit: abc\n', { line: 3, column: 5, path: 'lineage.code.comit', hint: 'did you mean "commit"?' }],
    ['enum', 'task: classification\n', { line: 1, column: 7, message: 'expected one of binary_classification, multiclass_classification, regression, got "classification"' }],
    ['list expected', 'features: age\n', { line: 1, column: 11, message: 'expected a list, got "age"' }],
    ['training_data must be a list', 'lineage:\n  training_data: { uri: a }\n', { line: 2, column: 18, message: 'expected a list, got a mapping' }],
    ['version as a number keeps its spelling in the hint', 'version: 1.0\n', { line: 1, column: 10, hint: 'put it in quotes to make it text: "1.0"' }],
    ['top level must be a mapping', '- a\n- b\n', { line: 1, message: expect.stringContaining('expected a mapping of model fields') }],
  ])('%s', async (_name, text, want) => {
    expect(await problemsOf('model.yaml', text)).toEqual([expect.objectContaining(want)]);
  });

  it('reports all problems at once', async () => {
    const problems = await problemsOf('model.yaml', 'nme: x\ntask: 3\nfeatures: [1]\n');
    expect(problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      '1: unknown key "nme"',
      '2: expected one of binary_classification, multiclass_classification, regression, got 3',
      '3: expected a string, got 1',
    ]);
  });

  it('loads JSON with positions', async () => {
    const json = '{\n  "name": "m",\n  "lineage": {\n    "code": { "commit": "abc" }\n  }\n}\n';
    const m = await loadOne('model.json', json);
    expect(m.format).toBe('json');
    expect(m.meta).toEqual({ name: 'm', lineage: { code: { commit: 'abc' } } });
    expect(m.locate('lineage.code.commit')).toMatchObject({ line: 4, column: 15 });
    const problems = await problemsOf('model.json', '{\n  "name": "m",\n  "riskTier": "high"\n}\n');
    expect(problems).toEqual([expect.objectContaining({ line: 3, column: 3, message: 'unknown key "riskTier"', hint: 'did you mean "risk_tier"?' })]);
  });

  it('rejects duplicate keys in JSON too', async () => {
    expect(await problemsOf('model.json', '{"name": "a", "name": "b"}')).toEqual([expect.objectContaining({ line: 1, message: expect.stringContaining('duplicate key') })]);
  });

  it('reports a missing file as an input-file error', async () => {
    await expect(loadModel('/nonexistent/model.yaml')).rejects.toBeInstanceOf(InputFileError);
  });
});

// A real-shaped MLmodel as written by MLflow 2.x (sklearn flavor), with custom metadata.
const MLMODEL = `artifact_path: model
flavors:
  python_function:
    env:
      conda: conda.yaml
    loader_module: mlflow.sklearn
    model_path: model.pkl
    python_version: 3.11.4
  sklearn:
    pickled_model: model.pkl
    sklearn_version: 1.3.2
mlflow_version: 2.9.2
model_size_bytes: 1534
model_uuid: 6f1b3c2a0e9d4f7c8b5a4e3d2c1b0a99
run_id: 3e1f0c9a2b8d4e6f9a7c5b3d1e0f2a4c
signature:
  inputs: '[{"type": "double", "name": "age", "required": true}, {"type": "double", "name": "income", "required": true}]'
  outputs: '[{"type": "long", "required": true}]'
  params: null
utc_time_created: '2023-12-11 10:20:30.123456'
metadata:
  name: credit-risk
  owner: risk-ml@example.com
  lineage:
    code: { commit: "0123456789abcdef0123456789abcdef01234567" }
  some_custom_key: ignored
`;

describe('MLflow MLmodel', () => {
  it('maps run_id, utc_time_created, signature inputs and metadata', async () => {
    const m = await loadOne('MLmodel', MLMODEL);
    expect(m.format).toBe('mlflow');
    expect(m.meta).toEqual({
      name: 'credit-risk',
      owner: 'risk-ml@example.com',
      created_at: '2023-12-11T10:20:30.123456Z',
      features: ['age', 'income'],
      lineage: { training_run_id: '3e1f0c9a2b8d4e6f9a7c5b3d1e0f2a4c', code: { commit: '0123456789abcdef0123456789abcdef01234567' } },
    });
    expect(m.locate('lineage.training_run_id')).toMatchObject({ line: 15, column: 1 });
    expect(m.locate('created_at')).toMatchObject({ line: 20, column: 1 });
    expect(m.locate('features[1]')).toMatchObject({ line: 17, column: 3 });
    expect(m.locate('owner')).toMatchObject({ line: 23, column: 3 });
    expect(m.locate('lineage.code.commit')).toMatchObject({ line: 25, column: 13 });
    expect(m.locate('version')).toBeNull();
  });
  it('still checks the types of our fields in metadata, located in the file', async () => {
    const problems = await problemsOf('MLmodel', 'run_id: abc\nmetadata:\n  features: age\n');
    expect(problems).toEqual([expect.objectContaining({ line: 3, column: 13, message: 'expected a list, got "age"' })]);
  });
  it('rejects a signature that is not JSON, at its line', async () => {
    const problems = await problemsOf('MLmodel', "signature:\n  inputs: '[{\"name\": '\n");
    expect(problems).toEqual([expect.objectContaining({ line: 2, message: expect.stringContaining('signature.inputs is not valid JSON') })]);
  });
  it('has no features for a tensor signature', async () => {
    const m = await loadOne('MLmodel', `signature:\n  inputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 4]}}]'\n`);
    expect(m.meta.features).toBeUndefined();
  });
});

const CARD = `---
license: apache-2.0
language: en
base_model: distilbert-base-uncased
datasets:
  - imdb
  - acme/reviews
model-index:
  - name: sentiment-v2
    results: []
modelgate:
  version: "2.0.0"
  owner: nlp@example.com
  lineage:
    code: { commit: "abc" }
---

# sentiment-v2

A model card body with --- in it.
`;

describe('Hugging Face model card', () => {
  it('maps the front matter and the modelgate block', async () => {
    const m = await loadOne('README.md', CARD);
    expect(m.format).toBe('hf-card');
    expect(m.meta).toEqual({
      name: 'sentiment-v2',
      version: '2.0.0',
      owner: 'nlp@example.com',
      lineage: { training_data: [{ uri: 'imdb' }, { uri: 'acme/reviews' }], parent_model: 'distilbert-base-uncased', code: { commit: 'abc' } },
    });
    // Lines counted in CARD (line 1 is the opening ---).
    expect(m.locate('name')).toMatchObject({ line: 9, column: 5 });
    expect(m.locate('lineage.training_data[1].uri')).toMatchObject({ line: 7, column: 5 });
    expect(m.locate('lineage.parent_model')).toMatchObject({ line: 4, column: 1 });
    expect(m.locate('owner')).toMatchObject({ line: 13, column: 3 });
    expect(m.locate('lineage.code.commit')).toMatchObject({ line: 15, column: 13 });
    expect(m.locate('lineage.training_data[0].sha256')).toBeNull();
  });
  it('prefers model_name, and the modelgate block over mapped fields', async () => {
    const m = await loadOne('README.md', '---\nmodel_name: a\nmodel-index: [{ name: b }]\nmodelgate: { name: c }\n---\n');
    expect(m.meta.name).toBe('c');
    const m2 = await loadOne('README.md', '---\nmodel_name: a\nmodel-index: [{ name: b }]\n---\n');
    expect(m2.meta.name).toBe('a');
  });
  it('is strict inside the modelgate block, with lines counted from the top of the file', async () => {
    const problems = await problemsOf('README.md', '---\ntags: [x]\nmodelgate:\n  ownr: me\n---\n# body\n');
    expect(problems).toEqual([expect.objectContaining({ line: 4, column: 3, message: 'unknown key "ownr"', hint: 'did you mean "owner"?', sourceLine: '  ownr: me' })]);
  });
  it('needs front matter', async () => {
    expect(await problemsOf('README.md', '# just a readme\n')).toEqual([expect.objectContaining({ message: expect.stringContaining('YAML front matter') })]);
  });
});

describe('detectModelFormat', () => {
  it.each([
    ['models/x/MLmodel', 'mlflow'],
    ['README.md', 'hf-card'],
    ['model.json', 'json'],
    ['model.yaml', 'yaml'],
    ['model.yml', 'yaml'],
  ])('%s -> %s', (file, fmt) => expect(detectModelFormat(file)).toBe(fmt));
});
