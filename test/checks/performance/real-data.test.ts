/**
 * The standard metrics block on the public datasets, overall and per group, against scikit-learn
 * 1.2 and statsmodels 0.13 (`/usr/bin/python3`, script kept out of the repo):
 *   recall_score, roc_auc_score, log_loss, f1_score, brier_score_loss on the rows of each group,
 *   and proportion_confint(tp, positives, method='wilson') for the recall interval.
 * The full comparison (every metric, every group, ~1e-13 agreement) is in the performance report.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { metricsBlock } from '../../../src/checks/shared/metrics-block.js';
import { DEFAULT_COLUMNS, DEFAULTS } from '../../../src/config/types.js';
import { openDataset } from '../../../src/data/open.js';
import { buildRoles, planRoles } from '../../../src/engine/roles.js';

const dir = resolve(__dirname, '../../../../shared/datasets');

async function block(file: string) {
  const source = await openDataset(resolve(dir, file));
  const columns = { ...DEFAULT_COLUMNS, sensitive: ['race', 'sex'] };
  const plan = planRoles('binary_classification', 1, columns, new Set(source.schema.map((c) => c.name)));
  const read = await source.read({ columns: [
    { name: 'label', as: 'number' }, { name: 'prediction', as: 'number' }, { name: 'score', as: 'number' },
    { name: 'race', as: 'category' }, { name: 'sex', as: 'category' },
  ] });
  const { roles } = buildRoles(file, read.data, plan, 0.5, 'error');
  return metricsBlock({ roles, columns, settings: DEFAULTS });
}

describe.skipIf(!existsSync(dir))('metrics block on real data', () => {
  it.each([
    // file, grouping, group, n, recall, wilson lower, wilson upper, auc, log_loss, f1, brier
    ['adult.csv', 'race', 'race=Black', 1561, 0.48044692737430167, 0.40843825203941386, 0.553277214216712, 0.9258058517733994, 0.19938078992171615, 0.5548387096774193, 0.06054454736250336],
    ['adult.csv', 'sex', 'sex=Female', 5421, 0.5254237288135594, 0.4850964353099528, 0.5654220988112196, 0.9302748141417189, 0.1843605713164715, 0.6175298804780877, 0.05423421789527083],
    ['compas.csv', 'race', 'race=African-American', 3175, 0.7152317880794702, 0.6930508951831488, 0.7364194283793585, 0.7042527817830293, 1.0451913460362803, 0.6808022922636102, 0.22908346456692916],
    ['compas.csv', 'race', 'race=Native American', 11, 1.0, 0.5655175352168252, 1.0, 0.85, 0.5635156144658034, 0.7692307692307693, 0.18999999999999997],
  ] as const)('%s %s', async (file, grouping, subject, n, recall, lo, hi, auc, logLoss, f1, brier) => {
    const g = (await block(file)).groups[grouping]![subject]!;
    expect(g['recall']!.n).toBe(n);
    expect(g['recall']!.value).toBeCloseTo(recall, 13);
    expect(g['recall']!.interval!.lower).toBeCloseTo(lo, 12);
    expect(g['recall']!.interval!.upper).toBeCloseTo(hi, 12);
    expect(g['auc']!.value).toBeCloseTo(auc, 13);
    expect(g['log_loss']!.value).toBeCloseTo(logLoss, 12);
    expect(g['f1']!.value).toBeCloseTo(f1, 13);
    expect(g['brier']!.value).toBeCloseTo(brier, 13);
  });

  it('overall on adult: published test accuracy 0.8530802776242246 (README of the datasets)', async () => {
    const b = await block('adult.csv');
    expect(b.overall['accuracy']!.value).toBe(0.8530802776242246);
    expect(b.overall['auc']!.value).toBeCloseTo(0.905434823745985, 13);
  });
});
