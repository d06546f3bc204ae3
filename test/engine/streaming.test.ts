/**
 * The streamed pass (64K-row scan batches, per-batch role validation, explanation sinks) gives the
 * same report whatever the format and the row order: 150 000 rows (three batches) as CSV, as Parquet,
 * and as Parquet in a shuffled order give byte-identical JSON reports from the built CLI once the
 * dataset's own path, format and hash are set aside. Batch boundaries fall on different rows in
 * the shuffled file, so this also shows that no statistic depends on where a batch ends.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../e2e/run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mg-stream-'));
const ROWS = 150_000;
const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:', { threads: '2' });
  const c = await db.connect();
  const u = (k: number) => `(hash(i * 1024 + ${k}) / 18446744073709551616.0)`;
  // A linear logit model with exact SHAP values (base -1), so MG403 has something to add up.
  await c.run(`CREATE TABLE t AS
    WITH f AS (SELECT i, round(${u(0)} * 2 - 1, 6) AS f0, round(${u(1)} * 2 - 1, 6) AS f1,
        CASE WHEN ${u(2)} < 0.6 THEN 'White' WHEN ${u(2)} < 0.85 THEN 'Black' ELSE 'Asian' END AS race,
        CASE WHEN ${u(3)} < 0.5 THEN 'Male' ELSE 'Female' END AS sex
      FROM range(${ROWS}) r(i)),
    s AS (SELECT *, round(1.5 * f0, 9) AS shap_f0, round(-0.8 * f1, 9) AS shap_f1 FROM f),
    p AS (SELECT *, 1 / (1 + exp(-(-1 + shap_f0 + shap_f1))) AS score FROM s)
    SELECT i, (${u(4)} < score)::BIGINT AS label, (score >= 0.5)::BIGINT AS prediction, score, race, sex,
      f0, f1, shap_f0, shap_f1 FROM p`);
  const cols = 'label, prediction, score, race, sex, f0, f1, shap_f0, shap_f1';
  await c.run(`COPY (SELECT ${cols} FROM t ORDER BY i) TO '${file('rows.csv')}' (FORMAT csv, HEADER true)`);
  await c.run(`COPY (SELECT ${cols} FROM t ORDER BY i) TO '${file('rows.parquet')}' (FORMAT parquet, ROW_GROUP_SIZE 40000)`);
  await c.run(`COPY (SELECT ${cols} FROM t ORDER BY hash(i + 77)) TO '${file('shuffled.parquet')}' (FORMAT parquet)`);
  c.closeSync();
  db.closeSync();
  writeFileSync(file('model.yaml'), `name: stream-test
version: 1.0.0
task: binary_classification
positive_label: 1
owner: test@example.com
features: [f0, f1]
explainability: { method: shap, output_space: log_odds, base_value: -1 }
`);
  writeFileSync(file('policy.yaml'), `apiVersion: modelgate/v1
columns: { sensitive: [race, sex] }
defaults: { decision: interval }
checks:
  - { id: MG201, metric: auc, min: 0.6 }
  - { id: MG201, metric: recall, min: 0.2 }
  - { id: MG203 }
  - { id: MG301, metric: demographic_parity_difference, max: 0.5 }
  - { id: MG302, metric: recall, min: 0.1 }
  - { id: MG401 }
  - { id: MG402 }
  - { id: MG403 }
  - { id: MG501 }
`);
});

async function report(data: string): Promise<{ code: number; text: string; json: Record<string, unknown> }> {
  const r = await runCli(['check', '--model', 'model.yaml', '--data', data, '--policy', 'policy.yaml', '-f', 'json', '--no-progress'], { cwd: dir });
  const json = JSON.parse(r.stdout) as Record<string, unknown>;
  // The dataset's own identity differs by construction; everything else must not.
  const ds = json.dataset as Record<string, unknown>;
  expect(ds.rows).toBe(ROWS);
  ds.path = ds.format = ds.sha256 = '<dataset>';
  return { code: r.code, text: JSON.stringify(json, null, 1).replaceAll(data, '<dataset>'), json };
}

describe('streamed reads give identical reports across formats and row orders', () => {
  it('CSV, Parquet and shuffled Parquet (150 000 rows, 3 scan batches)', async () => {
    const csv = await report('rows.csv');
    const pq = await report('rows.parquet');
    const shuffled = await report('shuffled.parquet');
    expect(csv.code).toBe(0);
    const results = csv.json.results as { checkId: string; status: string }[];
    expect(new Set(results.map((r) => r.checkId))).toEqual(new Set(['MG201', 'MG203', 'MG301', 'MG302', 'MG401', 'MG402', 'MG403', 'MG501']));
    expect(pq.text).toBe(csv.text);
    expect(shuffled.text).toBe(csv.text);
  }, 120_000);
});
