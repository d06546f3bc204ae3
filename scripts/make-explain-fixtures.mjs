#!/usr/bin/env node
/**
 * Explainability fixtures with known truth (MG401-MG403): `node scripts/make-explain-fixtures.mjs [outDir]`
 * (default fixtures/explain). Deterministic: seeded PRNG, fixed sizes, no clock, no dependencies.
 *
 * The model is linear-logistic, so its exact (interventional) SHAP values are known in closed form:
 * in log-odds space attribution_i = w_i * (x_i - mean_i) over the background, base = c + Σ w_i mean_i,
 * and base + Σ attribution_i = c + Σ w_i x_i = logit(score). The score is computed from the model
 * (not from the attributions), so additivity holds to rounding (~1e-15).
 *
 * Each variant breaks one thing, and `planted.json` records what was planted and the numbers the
 * checks must report, computed here from what the generator did (its own plain-sum residuals,
 * its own logit), never by the checks.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rng } from './lib/rng.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = process.argv[2] ? resolve(process.argv[2]) : join(ROOT, 'fixtures', 'explain');

const FEATURES = ['age', 'income', 'debt_ratio', 'tenure_years', 'num_accounts'];
const WEIGHTS = { age: -0.021, income: 0.013, debt_ratio: -2.4, tenure_years: 0.045, num_accounts: 0.11 };
const INTERCEPT = 0.35;
const RACES = [['White', 0.5], ['Black', 0.2], ['Asian', 0.15], ['Hispanic', 0.15]];
const ATOL = 1e-6;
const RTOL = 1e-6;

const pick = (u, weighted) => {
  let x = u();
  for (const [v, p] of weighted) if ((x -= p) < 0) return v;
  return weighted[weighted.length - 1][0];
};
const roundTo = (x, d) => Number(x.toFixed(d));

function population(n, seed) {
  const u = rng(seed);
  const rows = [];
  for (let i = 0; i < n; i++) {
    const x = {
      age: 18 + Math.floor(u() * 63),
      income: roundTo(15 + 185 * u() * u(), 2),
      debt_ratio: roundTo(u(), 4),
      tenure_years: Math.floor(u() * 31),
      num_accounts: Math.floor(u() * 13),
    };
    const race = pick(u, RACES);
    const sex = u() < 0.52 ? 'Female' : 'Male';
    const z = FEATURES.reduce((s, f) => s + WEIGHTS[f] * x[f], INTERCEPT);
    const score = 1 / (1 + Math.exp(-z));
    rows.push({ id: `r${String(i + 1).padStart(5, '0')}`, race, sex, x, score, label: u() < score ? 1 : 0 });
  }
  return { rows, u };
}

/** Exact SHAP of the linear model in log-odds, with `background` as the reference distribution. */
function explainWith(rows, background) {
  const mean = Object.fromEntries(FEATURES.map((f) => [f, background.reduce((s, r) => s + r.x[f], 0) / background.length]));
  const base = FEATURES.reduce((s, f) => s + WEIGHTS[f] * mean[f], INTERCEPT);
  for (const r of rows) {
    r.base = base;
    r.phi = Object.fromEntries(FEATURES.map((f) => [f, WEIGHTS[f] * (r.x[f] - mean[f])]));
  }
  return base;
}

const logit = (p) => Math.log(p / (1 - p));
function additive(r, space) {
  if (r.blank) return null;
  const recon = r.base + FEATURES.reduce((s, f) => s + r.phi[f], 0);
  const f = space === 'log_odds' ? logit(r.score) : r.score;
  const residual = recon - f;
  return { residual, pass: Math.abs(residual) <= ATOL + RTOL * Math.abs(f) };
}

function plantedNumbers(rows, space, attributionOf) {
  const explained = rows.filter((r) => !r.blank);
  const groups = {};
  for (const col of ['race', 'sex']) {
    groups[col] = {};
    for (const r of rows) {
      const g = (groups[col][r[col]] ??= { n: 0, complete: 0 });
      g.n++;
      if (!r.blank) g.complete++;
    }
  }
  const all = Object.entries(groups).flatMap(([col, gs]) => Object.entries(gs).map(([v, g]) => ({ subject: `${col}=${v}`, share: g.complete / g.n })));
  const lowest = all.sort((a, b) => a.share - b.share || (a.subject < b.subject ? -1 : 1))[0];
  const checks = explained.map((r) => ({ id: r.id, ...additive(r, space) }));
  const failing = checks.filter((c) => !c.pass).sort((a, b) => Math.abs(b.residual) - Math.abs(a.residual));
  const maxAbs = checks.reduce((m, c) => Math.max(m, Math.abs(c.residual)), 0);
  const other = space === 'log_odds' ? 'probability' : 'log_odds';
  const bases = new Map();
  for (const r of explained) bases.set(r.base, (bases.get(r.base) ?? 0) + 1);
  return {
    coverage: { rows: rows.length, complete: explained.length, share: explained.length / rows.length, groups, lowestGroup: lowest.subject },
    features: attributionOf,
    additivity: {
      space,
      explained: explained.length,
      passed: explained.length - failing.length,
      share: (explained.length - failing.length) / explained.length,
      failingIds: failing.map((c) => c.id),
      maxAbsResidual: maxAbs,
      passedInOtherSpace: { space: other, passed: explained.filter((r) => additive(r, other).pass).length },
      baseValues: [...bases.entries()].map(([value, n]) => ({ value, rows: n })).sort((a, b) => b.rows - a.rows),
    },
  };
}

function csv(rows, columns) {
  const lines = [columns.map((c) => c.name).join(',')];
  for (const r of rows) lines.push(columns.map((c) => c.value(r)).join(','));
  return lines.join('\n') + '\n';
}

function columnsFor(renamed = {}) {
  const num = (get) => (r) => String(get(r));
  const expl = (get) => (r) => (r.blank ? '' : String(get(r)));
  return [
    { name: 'id', value: (r) => r.id },
    { name: 'race', value: (r) => r.race },
    { name: 'sex', value: (r) => r.sex },
    ...FEATURES.map((f) => ({ name: f, value: num((r) => r.x[f]) })),
    { name: 'label', value: num((r) => r.label) },
    { name: 'score', value: num((r) => r.score) },
    ...FEATURES.map((f) => ({ name: `shap_${renamed[f] ?? f}`, value: expl((r) => r.phi[f]) })),
    { name: 'shap_base_value', value: expl((r) => r.base) },
  ];
}

function modelYaml(name, space, base) {
  return [
    `name: explain-${name}`,
    'version: 1.0.0',
    'task: binary_classification',
    'positive_label: 1',
    'owner: explain-fixtures@example.com',
    `features: [${FEATURES.join(', ')}]`,
    `explainability: { method: shap, output_space: ${space}, base_value: ${base} }`,
    '',
  ].join('\n');
}

const POLICY = `apiVersion: modelgate/v1
columns:
  label: label
  score: score
  id: id
  sensitive: [race, sex]
  explanations: { prefix: shap_, base_value: shap_base_value }
checks:
  - id: MG401          # explanation-coverage
    min: 1.0
  - id: MG402          # explained-features
    min: 1.0
  - id: MG403          # explanation-additivity
    min: 1.0
    atol: 1.0e-6
    rtol: 1.0e-6
`;

function write(name, { rows, space, base, renamed = {}, planted, expect }) {
  const dir = join(OUT, name);
  mkdirSync(dir, { recursive: true });
  const attributionColumns = FEATURES.map((f) => `shap_${renamed[f] ?? f}`);
  const missing = FEATURES.filter((f) => renamed[f] !== undefined);
  const features = {
    features: FEATURES,
    missing,
    unknownColumns: missing.map((f) => `shap_${renamed[f]}`),
    share: (FEATURES.length - missing.length) / FEATURES.length,
  };
  const numbers = plantedNumbers(rows, space, features);
  writeFileSync(join(dir, 'holdout.csv'), csv(rows, columnsFor(renamed)));
  writeFileSync(join(dir, 'model.yaml'), modelYaml(name, space, base));
  writeFileSync(join(dir, 'policy.yaml'), POLICY);
  const doc = { variant: name, planted, attributionColumns, ...numbers, expect };
  writeFileSync(join(dir, 'planted.json'), JSON.stringify(doc, null, 2) + '\n');
  const a = numbers.additivity;
  console.log(
    `${name}: ${rows.length} rows; coverage ${numbers.coverage.complete}/${rows.length} (lowest ${numbers.coverage.lowestGroup}); ` +
      `features ${FEATURES.length - missing.length}/${FEATURES.length}; additivity (${space}) ${a.passed}/${a.explained}, ` +
      `in ${a.passedInOtherSpace.space} ${a.passedInOtherSpace.passed}; max |residual| ${a.maxAbsResidual.toExponential(2)}`,
  );
}

const EXPECT_PASS = { MG401: 'pass', MG402: 'pass', MG403: 'pass' };

{
  const { rows } = population(1000, 401);
  const base = explainWith(rows, rows);
  write('good', { rows, space: 'log_odds', base, planted: { note: 'exact SHAP of a linear-logistic model in log-odds' }, expect: EXPECT_PASS });
}
{
  const { rows, u } = population(1200, 402);
  const base = explainWith(rows, rows);
  let dropped = 0;
  for (const r of rows) if (r.race === 'Black' && u() < 0.25) (r.blank = true), dropped++;
  write('dropped-in-group', {
    rows, space: 'log_odds', base,
    planted: { note: 'every explanation cell (attributions and base value) emptied in about a quarter of race=Black rows', group: 'race=Black', droppedRows: dropped },
    expect: { MG401: 'fail', MG402: 'pass', MG403: 'pass' },
  });
}
{
  const { rows } = population(800, 403);
  const base = explainWith(rows, rows);
  write('missing-feature', {
    rows, space: 'log_odds', base, renamed: { tenure_years: 'tenure' },
    planted: { note: 'attribution column of tenure_years written under a stale name, shap_tenure', missingFeature: 'tenure_years', strayColumn: 'shap_tenure' },
    expect: { MG401: 'pass', MG402: 'fail', MG403: 'pass' },
  });
}
{
  const { rows } = population(1000, 404);
  const base = explainWith(rows, rows);
  write('wrong-space', {
    rows, space: 'probability', base,
    planted: { note: 'attributions are exact in log-odds but the metadata declares probability', trueSpace: 'log_odds', declaredSpace: 'probability' },
    expect: { MG401: 'pass', MG402: 'pass', MG403: 'fail', hintSpace: 'log_odds' },
  });
}
{
  const { rows, u } = population(1500, 405);
  const base = explainWith(rows, rows);
  const tampered = [];
  while (tampered.length < 7) {
    const r = rows[Math.floor(u() * rows.length)];
    if (r.tampered) continue;
    const feature = FEATURES[Math.floor(u() * FEATURES.length)];
    const delta = (u() < 0.5 ? -1 : 1) * roundTo(0.05 + 0.45 * u(), 3);
    r.phi[feature] += delta;
    r.tampered = true;
    tampered.push({ id: r.id, feature, delta });
  }
  write('corrupted', {
    rows, space: 'log_odds', base,
    planted: { note: 'one attribution of 7 rows shifted by delta', tampered },
    expect: { MG401: 'pass', MG402: 'pass', MG403: 'fail' },
  });
}
{
  const { rows } = population(1000, 406);
  const base = explainWith(rows, rows);
  const women = rows.filter((r) => r.sex === 'Female');
  const womenBase = explainWith(women, women);
  write('mixed-base', {
    rows, space: 'log_odds', base,
    planted: { note: 'sex=Female rows explained against a Female-only background: additivity holds, the base value differs', bases: [base, womenBase], rowsWithSecondBase: women.length },
    expect: { MG401: 'pass', MG402: 'pass', MG403: 'fail' },
  });
}
