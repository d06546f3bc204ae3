/** Bad model metadata (YAML, JSON, MLflow, model card) and bad project configs. */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { edit, read, write } from './base.js';
import type { Case } from './case.js';

const model = (from: string, to: string) => (dir: string) => edit(dir, 'model.yaml', (t) => t.replace(from, to));
const project = (text: string) => (dir: string) => write(dir, 'modelgate.yaml', text);
const useModel = (file: string) => (dir: string) => edit(dir, 'modelgate.yaml', (t) => t.replace('model: model.yaml', `model: ${file}`));

export const MODEL_CASES: Case[] = [
  { name: 'model: task of the wrong type', setup: model('task: binary_classification', 'task: 42'), expect: /model\.yaml:4:7 \(task\): expected one of binary_classification, multiclass_classification, regression, got 42/ },
  { name: 'model: task misspelt', setup: model('task: binary_classification', 'task: binary'), expect: /model\.yaml:4:7 \(task\): expected one of .*got "binary"/ },
  { name: 'model: positive_label is a list', setup: model('positive_label: 1', 'positive_label: [1]'), expect: /model\.yaml:5:17 \(positive_label\): expected a string or a number or true or false, got a list/ },
  { name: 'model: features is a string', setup: model('features: [age, income, debt_ratio, tenure]', 'features: age'), expect: /model\.yaml:10:11 \(features\): expected a list, got "age"/ },
  { name: 'model: training_data rows is text', setup: model('rows: 812345', 'rows: many'), expect: /model\.yaml:14:\d+ \(lineage\.training_data\[0\]\.rows\): expected a number, got "many"/ },
  { name: 'model: base_value is text', setup: model('output_space: log_odds }', 'output_space: log_odds, base_value: high }'), expect: /model\.yaml:21:\d+ \(explainability\.base_value\): expected a number, got "high"/ },
  { name: 'model: unknown key', setup: model('owner: risk-ml', 'ownr: risk-ml'), expect: /model\.yaml:6:1 \(ownr\): unknown key "ownr"[\s\S]*did you mean "owner"/ },
  { name: 'model: __proto__ key', setup: model('owner: risk-ml@example.com', '__proto__: { owner: x }'), expect: /model\.yaml:6:1 \(__proto__\): key "__proto__" is not allowed/ },
  { name: 'model: top level is a string', setup: (d) => write(d, 'model.yaml', 'credit-risk\n'), expect: /model\.yaml:1:1: expected a mapping of model fields/ },
  {
    name: 'model: JSON with a missing brace',
    setup: (d) => { write(d, 'model.json', '{\n  "name": "credit-risk",\n  "task": "binary_classification"\n'); useModel('model.json')(d); },
    expect: /model\.json:\d+:\d+: invalid YAML/,
  },
  {
    name: 'model: JSON with wrong types',
    setup: (d) => { write(d, 'model.json', '{\n  "name": 3,\n  "lineage": { "code": { "commit": false } }\n}\n'); useModel('model.json')(d); },
    expect: /model\.json:2:11 \(name\): expected a string, got 3[\s\S]*model\.json:3:\d+ \(lineage\.code\.commit\): expected a string, got false/,
  },
  {
    name: 'model: MLflow MLmodel with wrong types in metadata',
    setup: (d) => { write(d, 'MLmodel', 'run_id: abc123\nutc_time_created: "2026-11-02 10:00:00.000000"\nmetadata:\n  task: [binary]\n'); useModel('MLmodel')(d); },
    expect: /MLmodel:4:9 \(task\): expected one of binary_classification/,
  },
  {
    name: 'model: model card without front matter',
    setup: (d) => { write(d, 'README.md', '# credit-risk\n\nA model.\n'); useModel('README.md')(d); },
    expect: /README\.md:1: a model card needs YAML front matter/,
  },
  {
    name: 'model: model card with wrong types',
    setup: (d) => { write(d, 'README.md', '---\nmodel_name: credit-risk\nmodelgate:\n  task: binary_classification\n  features: 7\n---\n# credit-risk\n'); useModel('README.md')(d); },
    expect: /README\.md:5:13 \(features\): expected a list, got 7/,
  },
  { name: 'model: a directory', setup: (d) => { rmSync(join(d, 'model.yaml')); mkdirSync(join(d, 'model.yaml')); }, expect: /model\.yaml: is a directory, expected a file/ },
  { name: 'model: missing file', setup: (d) => rmSync(join(d, 'model.yaml')), expect: /model\.yaml: file not found/ },
  { name: 'model: empty file', setup: (d) => write(d, 'model.yaml', ''), expect: /model\.yaml:1(:1)?: expected a mapping of model fields/ },
  { name: 'model: binary bytes', setup: (d) => write(d, 'model.yaml', Buffer.from([0x00, 0x01, 0xff, 0xfe, 0x80, 0x0a])), expect: /model\.yaml:1:\d+: file is not valid UTF-8/ },

  { name: 'project: models is a mapping', setup: project('models:\n  credit-risk: { model: model.yaml }\n'), expect: /modelgate\.yaml:2:3 \(models\): expected a list, got a mapping/ },
  { name: 'project: model entry without data', setup: project('models:\n  - name: m\n    model: model.yaml\n    policy: policy.yaml\n'), expect: /modelgate\.yaml:2:5 \(models\[0\]\.data\): missing required key "data"/ },
  { name: 'project: unknown key in a model entry', setup: project('models:\n  - name: m\n    model: model.yaml\n    data: holdout.csv\n    polcy: policy.yaml\n'), expect: /modelgate\.yaml:5:5 \(models\[0\]\.polcy\): unknown key "polcy"[\s\S]*did you mean "policy"/ },
  { name: 'project: no models', setup: project('models: []\n'), expect: /modelgate\.yaml:1:9 \(models\): expected at least 1 item, got 0/ },
  { name: 'project: duplicate model names', setup: (d) => write(d, 'modelgate.yaml', `${read(d, 'modelgate.yaml')}  - { name: credit-risk, model: model.yaml, data: holdout.csv }\n`), expect: /modelgate\.yaml:7:\d+ \(models\[1\]\.name\): duplicate model name "credit-risk"/ },
  { name: 'project: data file missing', setup: (d) => rmSync(join(d, 'holdout.csv')), expect: /holdout\.csv: file not found/ },
  { name: 'project: --baseline is not JSON', setup: (d) => write(d, 'base.json', '{ "schemaVersion": 1,\n  metrics: {} }\n'), args: ['--config', 'modelgate.yaml', '--baseline', 'base.json'], expect: /base\.json:2:3: not valid JSON/ },
];
