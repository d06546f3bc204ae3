/** Bad policies: YAML syntax and abuse, prototype keys, unknown keys, wrong types, ranges, extends. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { edit, write } from './base.js';
import { POLICY_HEAD, type Case } from './case.js';

const policy = (body: string) => (dir: string) => write(dir, 'policy.yaml', POLICY_HEAD + body);

/** Ten-fold aliases, six levels deep: 10^6 nodes from a few hundred bytes (billion laughs). */
const ALIAS_BOMB = ['a: &a [x, x, x, x, x, x, x, x, x, x]',
  ...['b', 'c', 'd', 'e', 'f'].map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcde'[i]}`).join(', ')}]`)].join('\n');

export const POLICY_CASES: Case[] = [
  { name: 'policy: unclosed flow sequence', setup: policy('columns: { sensitive: [sex }\n'), expect: /policy\.yaml:3:\d+: invalid YAML/ },
  { name: 'policy: bad indentation', setup: policy('columns:\n  sensitive: [sex]\n    label: y\n'), expect: /policy\.yaml:[45]:\d+: invalid YAML/ },
  { name: 'policy: tab indentation', setup: policy('columns:\n\tsensitive: [sex]\n'), expect: /policy\.yaml:4:\d+: invalid YAML/ },
  { name: 'policy: YAML alias bomb', setup: policy(`${ALIAS_BOMB}\n`), expect: /policy\.yaml:\d+:\d+ \([a-f]\S*\): aliases expand to more than 10000 nodes/ },
  { name: 'policy: circular alias', setup: policy('columns: &c\n  sensitive: *c\n'), expect: /policy\.yaml:4:\d+.*(circular|invalid YAML)/ },
  { name: 'policy: __proto__ key', setup: policy('columns:\n  __proto__: { label: x }\n  sensitive: [sex]\n'), expect: /policy\.yaml:4:3 \(columns\.__proto__\): key "__proto__" is not allowed/ },
  { name: 'policy: constructor key', setup: policy('constructor: { severity: warning }\n'), expect: /policy\.yaml:3:1 \(constructor\): key "constructor" is not allowed/ },
  { name: 'policy: prototype key in a check entry', setup: policy('checks:\n  - id: MG201\n    prototype: { min: 0 }\n'), expect: /policy\.yaml:5:5 \(checks\[0\]\.prototype\): key "prototype" is not allowed/ },
  { name: 'policy: unknown top-level key', setup: policy('chekcs:\n  - id: MG201\n'), expect: /policy\.yaml:3:1 \(chekcs\): unknown key "chekcs"[\s\S]*did you mean "checks"/ },
  { name: 'policy: unknown check option', setup: policy('checks:\n  - id: MG201\n    metric: auc\n    mni: 0.8\n'), expect: /policy\.yaml:6:5 \(checks\[0\]\.mni\): unknown key "mni"/ },
  { name: 'policy: threshold of the wrong type', setup: policy('checks:\n  - id: MG201\n    metric: auc\n    min: high\n'), expect: /policy\.yaml:6:10 \(checks\[0\]\.min\): expected a number, got "high"/ },
  { name: 'policy: rate threshold out of range', setup: policy('checks:\n  - id: MG301\n    metric: demographic_parity_ratio\n    min: 80\n'), expect: /policy\.yaml:6:10 \(checks\[0\]\.min\): expected a number between 0 and 1, got 80[\s\S]*did you mean 0\.8/ },
  { name: 'policy: AUC threshold out of range', setup: policy('checks:\n  - id: MG201\n    metric: auc\n    min: -0.5\n'), expect: /policy\.yaml:6:10 \(checks\[0\]\.min\): .*between 0 and 1.*got -0\.5/ },
  { name: 'policy: confidence out of range', setup: policy('defaults:\n  confidence: 1.5\n'), expect: /policy\.yaml:4:15 \(defaults\.confidence\): expected a number strictly between 0 and 1, got 1\.5/ },
  { name: 'policy: negative group size', setup: policy('defaults:\n  min_group_size: -3\n'), expect: /policy\.yaml:4:19 \(defaults\.min_group_size\): expected a whole number of at least 0, got -3/ },
  { name: 'policy: severity outside its enum', setup: policy('defaults:\n  severity: fatal\n'), expect: /policy\.yaml:4:13 \(defaults\.severity\): expected one of error, warning, got "fatal"/ },
  { name: 'policy: score threshold out of range', setup: policy('columns:\n  threshold: 2\n'), expect: /policy\.yaml:4:14 \(columns\.threshold\): expected a number between 0 and 1, got 2/ },
  { name: 'policy: check entry that is not a mapping', setup: policy('checks:\n  - MG201\n'), expect: /policy\.yaml:4:5 \(checks\[0\]\): expected a mapping, got "MG201"/ },
  { name: 'policy: unknown check id', setup: policy('checks:\n  - id: MG999\n'), expect: /policy\.yaml:4:9 \(checks\[0\]\.id\): unknown check "MG999"/ },
  { name: 'policy: duplicate key', setup: policy('defaults:\n  severity: error\n  severity: warning\n'), expect: /policy\.yaml:5:3: invalid YAML: duplicate key/ },
  { name: 'policy: two YAML documents', setup: policy('columns: { sensitive: [sex] }\n---\nchecks: []\n'), expect: /policy\.yaml:4:1: invalid YAML: a file must hold one YAML document/ },
  { name: 'policy: unknown tag', setup: policy('columns: !include other.yaml\n'), expect: /policy\.yaml:3:10: invalid YAML: .*tag/i },
  { name: 'policy: top level is a list', setup: (d) => write(d, 'policy.yaml', '- id: MG201\n'), expect: /policy\.yaml:1:1: expected a mapping of policy keys/ },
  { name: 'policy: MG302 fpr ceiling written as a percentage', setup: policy('columns: { sensitive: [sex] }\nchecks:\n  - id: MG302\n    metric: fpr\n    max: 20\n'), expect: /policy\.yaml:7:10 \(checks\[0\]\.max\): expected a number between 0 and 1 \(the range of fpr\), got 20[\s\S]*did you mean 0\.2/ },
  { name: 'policy: MG204 ceiling above 1', setup: policy('checks:\n  - id: MG204\n    metric: auc\n    max: 99.5\n'), expect: /policy\.yaml:6:10 \(checks\[0\]\.max\): expected a number between 0 and 1 \(the range of auc\), got 99\.5/ },
  { name: 'policy: empty file', setup: (d) => write(d, 'policy.yaml', ''), expect: /policy\.yaml:1(:1)?: expected a mapping of policy keys/ },
  {
    name: 'policy: not UTF-8 (Latin-1 byte)',
    setup: (d) => write(d, 'policy.yaml', Buffer.concat([Buffer.from(`${POLICY_HEAD}# caf`), Buffer.from([0xe9]), Buffer.from('\ncolumns: { sensitive: [sex] }\n')])),
    expect: /policy\.yaml:3:6: file is not valid UTF-8/,
  },
  { name: 'policy: nested 100000 levels deep', setup: policy(`x: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`), expect: /policy\.yaml:3:\d+: invalid YAML: .*nested too deeply/ },
  { name: 'policy: larger than 10 MiB', setup: policy(`# ${'x'.repeat(11 * 1024 * 1024)}\n`), expect: /policy\.yaml: file is \d+ bytes; configuration files are limited to 10485760 bytes/ },
  { name: 'policy: apiVersion from the future', setup: (d) => write(d, 'policy.yaml', 'apiVersion: modelgate/v2\nextends: [./default.yaml]\n'), expect: /policy\.yaml:1:13 \(apiVersion\): expected "modelgate\/v1", got "modelgate\/v2"/ },
  { name: 'policy: waiver with an impossible date', setup: policy('waivers:\n  - check: MG301\n    reason: pending\n    expires: 2027-13-45\n    approved_by: a@example.com\n'), expect: /policy\.yaml:6:14 \(waivers\[0\]\.expires\): expected an ISO date \(YYYY-MM-DD\)/ },
  { name: 'policy: waiver nobody approved', setup: policy('waivers:\n  - check: MG301\n    reason: pending\n    expires: 2027-01-31\n'), expect: /policy\.yaml:4:5 \(waivers\[0\]\): a waiver needs "approved_by" or "ticket"/ },
  { name: 'policy: unknown key in an environment', setup: policy('environments:\n  staging:\n    defualts: { severity: warning }\n'), expect: /policy\.yaml:5:5 \(environments\.staging\.defualts\): unknown key "defualts"/ },
  { name: 'policy: --env names no environment', setup: policy('environments:\n  staging: { defaults: { severity: warning } }\n'), args: ['--config', 'modelgate.yaml', '--env', 'prod'], expect: /policy\.yaml:3:1 \(environments\): unknown environment "prod" \(known: staging\)/ },
  { name: 'policy: extends itself', setup: (d) => edit(d, 'policy.yaml', (t) => t.replace('[./default.yaml]', '[./default.yaml, ./policy.yaml]')), expect: /policy\.yaml:3:\d+ \(extends\[1\]\): extends cycle: policy\.yaml -> policy\.yaml/ },
  {
    name: 'policy: extends cycle through two files',
    setup: (d) => {
      edit(d, 'policy.yaml', (t) => t.replace('[./default.yaml]', '[./default.yaml, ./a.yaml]'));
      write(d, 'a.yaml', 'extends: ./b.yaml\n');
      write(d, 'b.yaml', '# b\nextends: ./a.yaml\n');
    },
    expect: /b\.yaml:2:\d+ \(extends\): extends cycle: a\.yaml -> b\.yaml -> a\.yaml/,
  },
  { name: 'policy: extends a missing file', setup: (d) => edit(d, 'policy.yaml', (t) => t.replace('[./default.yaml]', '[./default.yaml, ./nope.yaml]')), expect: /policy\.yaml:3:\d+ \(extends\[1\]\): cannot extend "\.\/nope\.yaml": file not found/ },
  {
    name: 'policy: extends a directory',
    setup: (d) => {
      mkdirSync(join(d, 'base.d'));
      edit(d, 'policy.yaml', (t) => t.replace('[./default.yaml]', '[./default.yaml, ./base.d]'));
    },
    expect: /policy\.yaml:3:\d+ \(extends\[1\]\): cannot extend "\.\/base\.d": is a directory/,
  },
  {
    name: 'policy: extends chain 20 files deep',
    setup: (d) => {
      edit(d, 'policy.yaml', (t) => t.replace('[./default.yaml]', '[./default.yaml, ./p1.yaml]'));
      for (let i = 1; i < 20; i++) write(d, `p${i}.yaml`, `extends: ./p${i + 1}.yaml\n`);
      write(d, 'p20.yaml', 'defaults: { severity: warning }\n');
    },
    expect: /p\d+\.yaml:1:\d+ \(extends\): extends chain is deeper than 16 files/,
  },
  {
    name: 'policy: extends outside the repository',
    setup: (d) => edit(d, 'policy.yaml', (t) => t.replace('[./default.yaml]', '[./default.yaml, /etc/hostname]')),
    expect: /policy\.yaml:3:\d+ \(extends\[1\]\): .*outside/,
  },
  { name: 'policy: sensitive column the data lacks', setup: (d) => edit(d, 'policy.yaml', (t) => t.replace('sensitive: [sex]', 'sensitive: [race]')), expect: /holdout\.csv \(column "race"\): column "race" not found/ },
  { name: 'policy: label column the data lacks', setup: policy('columns:\n  sensitive: [sex]\n  label: target\n'), expect: /holdout\.csv \(column "target"\): column "target" not found/ },
  { name: 'policy: MG301 on a column the data lacks', setup: policy('columns: { sensitive: [sex] }\nchecks:\n  - id: MG301\n    metric: demographic_parity_ratio\n    sensitive: [ethnicity]\n    min: 0.8\n'), expect: /holdout\.csv \(column "ethnicity"\)/ },
  { name: 'policy: directory instead of a file', setup: (d) => { write(d, 'modelgate.yaml', 'models:\n  - { name: m, model: model.yaml, data: holdout.csv, policy: [pol] }\n'); mkdirSync(join(d, 'pol')); }, expect: /pol: is a directory, expected a file/ },
];
