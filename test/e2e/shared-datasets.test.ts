/**
 * The CLI on real public data (../shared/datasets), with policies that map their columns. Expected
 * numbers are ProPublica's published confusion matrices (shared/datasets/README.md):
 * Black (TN, FP, FN, TP) = (990, 805, 532, 1369); White = (1139, 349, 461, 505).
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run-cli.js';

const DATA = resolve(ROOT, '..', 'shared', 'datasets');
const dir = mkdtempSync(join(tmpdir(), 'mg-shared-'));
writeFileSync(join(dir, 'model.yaml'), 'name: compas\ntask: binary_classification\n');
writeFileSync(join(dir, 'policy.yaml'), `apiVersion: modelgate/v1
columns: { sensitive: [race] }
defaults: { min_group_size: 1, min_group_positives: 1, min_group_negatives: 1 }
checks:
  - { id: MG302, metric: fpr, max: 1 }
  - { id: MG302, metric: fnr, max: 1 }
  - { id: MG301, group_metric: fpr, aggregate: ratio, method: to_reference, reference: Caucasian, min: 0 }
`);

describe.skipIf(!existsSync(DATA))('real datasets through the CLI', () => {
  it('compas_all.csv reproduces ProPublica\'s per-race FPR and FNR and the Aequitas FPR disparity', async () => {
    const r = await runCli(['check', '--model', join(dir, 'model.yaml'), '--data', join(DATA, 'compas_all.csv'), '--policy', join(dir, 'policy.yaml'), '-f', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.dataset.rows).toBe(7214);
    const value = (metric: string, subject: string) =>
      report.results.find((x: { checkId: string; metric: string; subject: string }) => x.checkId === 'MG302' && x.metric === metric && x.subject === subject)?.observed;
    expect(value('fpr', 'race=African-American')).toBeCloseTo(805 / 1795, 12);
    expect(value('fnr', 'race=African-American')).toBeCloseTo(532 / 1901, 12);
    expect(value('fpr', 'race=Caucasian')).toBeCloseTo(349 / 1488, 12);
    expect(value('fnr', 'race=Caucasian')).toBeCloseTo(461 / 966, 12);
    const gate = report.results.find((x: { checkId: string }) => x.checkId === 'MG301');
    const black = gate.groups.find((g: { subject: string }) => g.subject === 'race=African-American');
    expect(black.disparity).toBeCloseTo(1.912093, 6);
  });

  it('adult.csv runs with its own column names and the published base rate', async () => {
    writeFileSync(join(dir, 'adult.yaml'), `apiVersion: modelgate/v1
columns: { sensitive: [race, sex] }
checks:
  - { id: MG203, min_rows: 16281, min_positives: 3846, min_negatives: 12435 }
  - { id: MG201, metric: accuracy, min: 0.85 }
`);
    const r = await runCli(['check', '--model', join(dir, 'model.yaml'), '--data', join(DATA, 'adult.csv'), '--policy', join(dir, 'adult.yaml'), '-f', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    const acc = report.results.find((x: { checkId: string }) => x.checkId === 'MG201');
    // Published in shared/datasets/README.md: test accuracy 0.8530802776242246.
    expect(acc.observed).toBeCloseTo(0.8530802776242246, 14);
  });
});
