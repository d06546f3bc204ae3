import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/config/policy.js';
import { DEFAULT_COLUMNS, DEFAULTS } from '../../src/config/types.js';
import { ConfigError, InputFileError, type Problem, UsageError } from '../../src/errors.js';
import { catalogue, writeTree } from './helpers.js';

async function problems(files: Record<string, string>, entry: string | string[], environment?: string): Promise<Problem[]> {
  const dir = writeTree(files);
  const list = (Array.isArray(entry) ? entry : [entry]).map((f) => path.join(dir, f));
  try {
    await loadPolicy(list, { catalogue, ...(environment ? { environment } : {}) });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.problems.map((p) => ({ ...p, file: path.relative(dir, p.file) }));
  }
  throw new Error('expected a ConfigError');
}

async function load(files: Record<string, string>, entry: string | string[], environment?: string) {
  const dir = writeTree(files);
  const list = (Array.isArray(entry) ? entry : [entry]).map((f) => path.join(dir, f));
  return { dir, policy: await loadPolicy(list, { catalogue, ...(environment ? { environment } : {}) }) };
}

// The example policy of DESIGN §2.3 (MG101 options trimmed to the stand-in catalogue's schema).
const DESIGN_POLICY = `apiVersion: modelgate/v1
columns: { label: label, prediction: prediction, score: score, sensitive: [race, sex],
           explanations: { prefix: shap_ } }
defaults:
  severity: error
  min_group_size: 30
  min_group_positives: 10
  min_group_negatives: 10
  on_insufficient: warn
  decision: point
  confidence: 0.95
  on_inconclusive: warn
checks:
  - id: MG101
    required: [owner, lineage.code.commit]
  - id: dataset-hash-match
  - id: MG201
    metric: auc
    min: 0.85
  - id: MG301
    metric: demographic_parity_ratio
    sensitive: [race]
    min: 0.8
  - id: MG301
    metric: equalized_odds_difference
    sensitive: [race, sex]
    max: 0.10
    severity: warning
    min_group_size: 50
waivers:
  - check: group-disparity
    subject: "race=Native American"
    reason: "11 rows; a targeted sample is being collected (RISK-412)"
    expires: 2027-01-31
    approved_by: ml-governance@example.com
environments:
  staging: { defaults: { severity: warning } }
`;

describe('a valid policy', () => {
  it('loads the DESIGN example into the normalized shape', async () => {
    const { dir, policy } = await load({ 'policy.yaml': DESIGN_POLICY }, 'policy.yaml');
    const file = path.join(dir, 'policy.yaml');
    expect(policy.files).toEqual([file]);
    expect(policy.sha256).toBe(createHash('sha256').update(readFileSync(file)).digest('hex'));
    expect(policy.environment).toBeNull();
    expect(policy.columns).toEqual({ ...DEFAULT_COLUMNS, sensitive: ['race', 'sex'] });
    expect(policy.defaults).toEqual(DEFAULTS);
    expect(policy.checks.map((c) => c.id)).toEqual(['MG101', 'MG102', 'MG201', 'MG301', 'MG301']);
    const eod = policy.checks[4]!;
    expect(eod.severity).toBe('warning');
    expect(eod.overrides).toEqual({ severity: 'warning', min_group_size: 50 });
    expect(eod.options).toEqual({ metric: 'equalized_odds_difference', sensitive: ['race', 'sex'], max: 0.1 });
    // Lines counted in DESIGN_POLICY: the entry starts on line 24, `max:` is line 27.
    expect(eod.location).toEqual({ file, line: 24, column: 5 });
    expect(eod.keyLocations.max).toEqual({ file, line: 27, column: 5 });
    expect(policy.checks[2]!.keyLocations.min).toEqual({ file, line: 19, column: 5 });
    expect(policy.waivers).toEqual([
      {
        check: 'MG301',
        subject: 'race=Native American',
        reason: '11 rows; a targeted sample is being collected (RISK-412)',
        expires: '2027-01-31',
        approved_by: 'ml-governance@example.com',
        location: { file, line: 31, column: 5 },
      },
    ]);
  });

  it('accepts a missing apiVersion and rejects another one', async () => {
    await expect(load({ 'p.yaml': 'checks: [{ id: MG102 }]\n' }, 'p.yaml')).resolves.toBeDefined();
    expect(await problems({ 'p.yaml': 'apiVersion: modelgate/v2\n' }, 'p.yaml')).toEqual([
      expect.objectContaining({ line: 1, column: 13, message: 'expected "modelgate/v1", got "modelgate/v2"' }),
    ]);
  });

  it('treats an empty section (all entries commented out) as none', async () => {
    const { policy } = await load({ 'p.yaml': 'checks:\n  - id: MG102\nwaivers:\n  # - check: MG102\nenvironments:\n  ci:\n    checks:\n' }, 'p.yaml', 'ci');
    expect(policy.waivers).toEqual([]);
    expect(policy.checks.map((c) => c.id)).toEqual(['MG102']);
    expect(await problems({ 'p.yaml': 'defaults:\n  severity:\n' }, 'p.yaml')).toEqual([
      expect.objectContaining({ line: 2, message: 'expected one of error, warning, got an empty value' }),
    ]);
  });

  it('requires at least one policy file', async () => {
    await expect(loadPolicy([], { catalogue })).rejects.toBeInstanceOf(UsageError);
  });
});

describe('problems are located and explained', () => {
  it.each([
    {
      name: 'typo in a defaults key',
      yaml: 'defaults:\n  min_grup_size: 20\n',
      want: { line: 2, column: 3, path: 'defaults.min_grup_size', message: 'unknown key "min_grup_size"', hint: 'did you mean "min_group_size"?', sourceLine: '  min_grup_size: 20' },
    },
    {
      name: 'percentage where a share is expected',
      yaml: 'checks:\n  - id: MG201\n    metric: auc\n    min: 80\n',
      want: { line: 4, column: 10, path: 'checks[0].min', message: 'expected a number between 0 and 1, got 80', hint: 'did you mean 0.8?' },
    },
    {
      name: 'confidence is exclusive',
      yaml: 'defaults: { confidence: 1 }\n',
      want: { line: 1, column: 25, message: 'expected a number strictly between 0 and 1, got 1' },
    },
    {
      name: 'wrong type',
      yaml: 'defaults:\n  min_group_size: high\n',
      want: { line: 2, column: 19, message: 'expected a whole number, got "high"' },
    },
    {
      name: 'enum',
      yaml: 'defaults:\n  decision: pointt\n',
      want: { line: 2, column: 13, message: 'expected one of point, interval, got "pointt"', hint: 'did you mean "point"?' },
    },
    {
      name: 'typo in a check option (from the check schema)',
      yaml: 'checks:\n  - id: MG401\n    mni: 0.9\n',
      want: { line: 3, column: 5, path: 'checks[0].mni', message: 'unknown key "mni"', hint: 'did you mean "min"?' },
    },
    {
      name: 'typo of a defaults key inside a check entry',
      yaml: 'checks:\n  - id: MG401\n    min_group_sise: 5\n',
      want: { line: 3, column: 5, message: 'unknown key "min_group_sise"', hint: 'did you mean "min_group_size"?' },
    },
    {
      name: 'unknown check id',
      yaml: 'checks:\n  - id: MG2O1\n',
      want: { line: 2, column: 9, path: 'checks[0].id', message: 'unknown check "MG2O1"', hint: 'did you mean "MG201"?' },
    },
    {
      name: 'unknown slug',
      yaml: 'checks:\n  - id: group-disparty\n',
      want: { line: 2, message: 'unknown check "group-disparty"', hint: 'did you mean "group-disparity"?' },
    },
    {
      name: 'list expected',
      yaml: 'checks:\n  id: MG201\n',
      want: { line: 2, column: 3, path: 'checks', message: 'expected a list, got a mapping' },
    },
    {
      name: 'sensitive must be text',
      yaml: 'columns:\n  sensitive: [race, 3]\n',
      want: { line: 2, column: 21, path: 'columns.sensitive[1]', message: 'expected a string, got 3' },
    },
    {
      name: 'duplicate entry in one file',
      yaml: 'checks:\n  - id: MG201\n    metric: auc\n    min: 0.8\n  - id: performance-threshold\n    metric: auc\n    min: 0.9\n',
      want: { line: 5, column: 5, message: 'duplicate check entry: same check, metric and sensitive columns as the entry at line 2' },
    },
    {
      name: 'top level is not a mapping',
      yaml: '- id: MG201\n',
      want: { line: 1, message: expect.stringContaining('expected a mapping of policy keys') },
    },
  ])('$name', async ({ yaml, want }) => {
    const found = await problems({ 'p.yaml': yaml }, 'p.yaml');
    expect(found).toEqual([expect.objectContaining({ file: 'p.yaml', ...want })]);
  });

  it('says a required option is missing, at the entry', async () => {
    const found = await problems({ 'p.yaml': 'checks:\n  - id: MG201\n    metrc: auc\n' }, 'p.yaml');
    expect(found).toEqual([
      expect.objectContaining({ line: 2, column: 5, path: 'checks[0].metric', message: 'missing required key "metric"', hint: 'expected one of auc, accuracy, recall' }),
      expect.objectContaining({ line: 3, column: 5, path: 'checks[0].metrc', message: 'unknown key "metrc"', hint: 'did you mean "metric"?' }),
    ]);
  });

  it('reports every problem at once, across files, in order', async () => {
    const found = await problems(
      {
        'base.yaml': 'defaults:\n  severity: fatal\n',
        'p.yaml': 'extends: ./base.yaml\ndefaults:\n  confidence: 95\nchecks:\n  - id: MG999\n  - id: MG201\n    metric: auc\n    min: 85\nwaivers:\n  - check: MG201\n',
      },
      'p.yaml',
    );
    expect(found.map((p) => `${p.file}:${p.line} ${p.message}`)).toEqual([
      'base.yaml:2 expected one of error, warning, got "fatal"',
      'p.yaml:3 expected a number strictly between 0 and 1, got 95',
      'p.yaml:5 unknown check "MG999"',
      'p.yaml:8 expected a number between 0 and 1, got 85',
      'p.yaml:10 missing required key "reason"',
      'p.yaml:10 missing required key "expires"',
      'p.yaml:10 a waiver needs "approved_by" or "ticket" (who accepted the risk)',
    ]);
  });
});

describe('abuse', () => {
  it('rejects a __proto__ key in a policy and does not pollute objects', async () => {
    const found = await problems({ 'p.yaml': 'defaults:\n  __proto__: { severity: warning }\n' }, 'p.yaml');
    expect(found).toEqual([expect.objectContaining({ file: 'p.yaml', line: 2, column: 3, message: expect.stringContaining('"__proto__" is not allowed') })]);
    expect(({} as Record<string, unknown>).severity).toBeUndefined();
  });
  it('rejects an alias bomb in a policy', async () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [prev, name] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f']]) lines.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    const found = await problems({ 'p.yaml': `${lines.join('\n')}\n` }, 'p.yaml');
    expect(found).toEqual([expect.objectContaining({ message: expect.stringContaining('alias bomb') })]);
  });
});

describe('waivers', () => {
  const waiver = (body: string) => ({ 'p.yaml': `waivers:\n  - check: MG301\n${body}` });
  it.each([
    ['no reason', '    expires: 2027-01-31\n    ticket: RISK-1\n', 'missing required key "reason"', 2],
    ['no expiry', '    reason: small group\n    ticket: RISK-1\n', 'missing required key "expires"', 2],
    ['no approver or ticket', '    reason: small group\n    expires: 2027-01-31\n', 'a waiver needs "approved_by" or "ticket" (who accepted the risk)', 2],
    ['not a date', '    reason: r\n    expires: next year\n    ticket: T\n', 'expected an ISO date (YYYY-MM-DD), got "next year"', 4],
    ['impossible date', '    reason: r\n    expires: 2027-02-29\n    ticket: T\n', 'expected an ISO date (YYYY-MM-DD), got "2027-02-29"', 4],
    ['empty reason', '    reason: ""\n    expires: 2027-01-31\n    ticket: T\n', 'expected a non-empty string', 3],
    ['typo', '    reason: r\n    expires: 2027-01-31\n    aproved_by: me\n', 'unknown key "aproved_by"', 5],
  ])('%s', async (_name, body, message, line) => {
    const found = await problems(waiver(body), 'p.yaml');
    expect(found).toContainEqual(expect.objectContaining({ line, message }));
  });
  it('accepts a ticket instead of an approver and resolves the slug', async () => {
    const { policy } = await load(waiver('    reason: r\n    expires: 2027-01-31\n    ticket: RISK-1\n'), 'p.yaml');
    expect(policy.waivers[0]).toMatchObject({ check: 'MG301', ticket: 'RISK-1' });
    const slug = await load({ 'p.yaml': 'waivers:\n  - { check: explanation-coverage, reason: r, expires: 2027-01-31, ticket: T }\n' }, 'p.yaml');
    expect(slug.policy.waivers[0]!.check).toBe('MG401');
  });
});

describe('extends and merging', () => {
  const BASE = `defaults:
  severity: error
  min_group_size: 30
columns:
  label: y
  sensitive: [race]
  explanations: { prefix: phi_, base_value: phi0 }
checks:
  - id: MG201
    metric: auc
    min: 0.85
  - id: MG301
    metric: demographic_parity_ratio
    sensitive: [race, sex]
    min: 0.8
waivers:
  - { check: MG301, reason: base, expires: 2027-01-31, ticket: A }
`;
  const CHILD = `extends: [./shared/base.yaml]
defaults:
  min_group_size: 50
columns:
  explanations: { prefix: shap_ }
checks:
  - id: MG201
    metric: auc
    min: 0.9
  - id: MG301
    metric: demographic_parity_ratio
    sensitive: [sex, race]
    min: 0.7
  - id: MG401
    min: 1
waivers:
  - { check: MG201, reason: child, expires: 2027-01-31, ticket: B }
`;
  it('merges extends first, then the file; maps key-wise, checks by identity, waivers concatenated', async () => {
    const { dir, policy } = await load({ 'shared/base.yaml': BASE, 'child.yaml': CHILD }, 'child.yaml');
    const base = path.join(dir, 'shared/base.yaml');
    const child = path.join(dir, 'child.yaml');
    expect(policy.files).toEqual([base, child]);
    const expectedSha = createHash('sha256').update(Buffer.concat([readFileSync(base), readFileSync(child)])).digest('hex');
    expect(policy.sha256).toBe(expectedSha);
    expect(policy.defaults).toEqual({ ...DEFAULTS, severity: 'error', min_group_size: 50 });
    expect(policy.columns.label).toBe('y');
    expect(policy.columns.sensitive).toEqual(['race']);
    expect(policy.columns.explanations).toEqual({ prefix: 'shap_', base_value: 'phi0' });
    // Replaced in place (same identity; sensitive order does not matter), new entry appended.
    expect(policy.checks.map((c) => [c.id, c.options.min, c.location.file])).toEqual([
      ['MG201', 0.9, child],
      ['MG301', 0.7, child],
      ['MG401', 1, child],
    ]);
    expect(policy.waivers.map((w) => w.reason)).toEqual(['base', 'child']);
  });

  it('later --policy files override earlier ones; different metrics are different gates', async () => {
    const { policy } = await load(
      {
        'a.yaml': 'defaults: { severity: warning }\nchecks:\n  - { id: MG201, metric: auc, min: 0.8 }\n',
        'b.yaml': 'checks:\n  - { id: MG201, metric: recall, min: 0.6 }\n  - { id: MG201, metric: auc, min: 0.7 }\n',
      },
      ['a.yaml', 'b.yaml'],
    );
    expect(policy.defaults.severity).toBe('warning');
    expect(policy.checks.map((c) => `${c.options.metric}:${c.options.min}`)).toEqual(['auc:0.7', 'recall:0.6']);
  });

  it('merges a file reached twice (diamond) once', async () => {
    const { dir, policy } = await load(
      { 'base.yaml': 'checks: [{ id: MG102 }]\n', 'a.yaml': 'extends: base.yaml\n', 'b.yaml': 'extends: base.yaml\n' },
      ['a.yaml', 'b.yaml'],
    );
    expect(policy.files.map((f) => path.relative(dir, f))).toEqual(['base.yaml', 'a.yaml', 'b.yaml']);
  });

  it('names the chain of a cycle, at the extends line that closes it', async () => {
    const found = await problems({ 'a.yaml': 'extends: ./b.yaml\n', 'b.yaml': 'checks: []\nextends: [./c.yaml]\n', 'c.yaml': 'extends: a.yaml\n' }, 'a.yaml');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'c.yaml', line: 1, column: 1 });
    expect(found[0]!.message).toMatch(/^extends cycle: .*a\.yaml -> .*b\.yaml -> .*c\.yaml -> .*a\.yaml$/);
  });

  it('reports a file extending itself', async () => {
    const found = await problems({ 'a.yaml': 'extends: a.yaml\n' }, 'a.yaml');
    expect(found[0]!.message).toMatch(/^extends cycle: .*a\.yaml -> .*a\.yaml$/);
  });

  it('reports a missing extends file at its line', async () => {
    const found = await problems({ 'p.yaml': 'apiVersion: modelgate/v1\nextends:\n  - ./base.yaml\n  - ./nope.yaml\n', 'base.yaml': 'checks: []\n' }, 'p.yaml');
    expect(found).toEqual([expect.objectContaining({ file: 'p.yaml', line: 4, column: 5, path: 'extends[1]', message: expect.stringMatching(/^cannot extend "\.\/nope\.yaml": file not found/) })]);
  });

  it('stops chains deeper than 16 files', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) files[`p${i}.yaml`] = `extends: p${i + 1}.yaml\n`;
    files['p20.yaml'] = 'checks: []\n';
    const found = await problems(files, 'p0.yaml');
    expect(found).toEqual([expect.objectContaining({ file: 'p15.yaml', line: 1, message: expect.stringContaining('deeper than 16 files') })]);
  });

  it('reports a missing top-level policy file as an input-file error', async () => {
    await expect(loadPolicy(['/nonexistent/policy.yaml'], { catalogue })).rejects.toBeInstanceOf(InputFileError);
  });
});

describe('environments', () => {
  const FILES = {
    'base.yaml': 'environments:\n  staging:\n    defaults: { severity: warning }\n',
    'p.yaml': `extends: base.yaml
checks:
  - { id: MG201, metric: auc, min: 0.85 }
environments:
  staging:
    checks:
      - { id: MG201, metric: auc, min: 0.7 }
    waivers:
      - { check: MG201, reason: staging only, expires: 2027-01-31, ticket: T }
  production:
    columns: { threshold: 0.6 }
`,
  };
  it('applies the chosen environment on top of every file', async () => {
    const { policy } = await load(FILES, 'p.yaml', 'staging');
    expect(policy.environment).toBe('staging');
    expect(policy.defaults.severity).toBe('warning');
    expect(policy.checks).toHaveLength(1);
    expect(policy.checks[0]!.options.min).toBe(0.7);
    expect(policy.checks[0]!.location.line).toBe(7);
    expect(policy.waivers.map((w) => w.reason)).toEqual(['staging only']);
    expect(policy.columns.threshold).toBe(0.5);
  });
  it('ignores environments when none is chosen', async () => {
    const { policy } = await load(FILES, 'p.yaml');
    expect(policy.checks[0]!.options.min).toBe(0.85);
    expect(policy.defaults.severity).toBe('error');
  });
  it('lists the known environments for an unknown one', async () => {
    const found = await problems(FILES, 'p.yaml', 'prod');
    expect(found).toEqual([
      expect.objectContaining({ file: 'p.yaml', line: 4, message: 'unknown environment "prod" (known: staging, production)' }),
    ]);
  });
  it('says so when the policy defines no environments', async () => {
    const found = await problems({ 'p.yaml': 'checks: []\n' }, 'p.yaml', 'staging');
    expect(found).toEqual([expect.objectContaining({ message: 'unknown environment "staging"', hint: 'the policy defines no environments' })]);
  });
  it('rejects unknown keys inside an environment', async () => {
    const found = await problems({ 'p.yaml': 'environments:\n  ci:\n    default: { severity: warning }\n' }, 'p.yaml');
    expect(found).toEqual([expect.objectContaining({ line: 3, column: 5, message: 'unknown key "default"', hint: 'did you mean "defaults"?' })]);
  });
});
