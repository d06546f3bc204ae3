/**
 * MG301/MG302 on real public data (/work/shared/datasets, see its README), read through the real
 * reader and the engine's role interpretation, checked against numbers nobody computed with this
 * code:
 *
 * 1. compas_all.csv against ProPublica's published confusion matrices ("Directions of the Racial
 *    Bias": Black FPR 44.85 %, FNR 27.99 %; White FPR 23.45 %, FNR 47.72 %; cells (TN, FP, FN, TP)
 *    Black (990, 805, 532, 1369), White (1139, 349, 461, 505)) and the Aequitas demo notebook's
 *    disparities relative to Caucasian (FPR 1.912093, pprev 1.690224), to its 6 printed decimals.
 * 2. compas.csv and adult.csv: every Fairlearn metric by race, by sex and by race × sex, against a
 *    pandas groupby implementation of Fairlearn's definitions (fairlearn is not installable
 *    offline; Debian bookworm python3-pandas 1.5.3), compared to 1e-9. The script, run as
 *    `/usr/bin/python3 fairlearn_ref.py`:
 *
 *   import pandas as pd, numpy as np
 *   def rates(d):
 *       y, p = d.label, d.prediction
 *       P = (y == 1).sum(); N = (y == 0).sum()
 *       return pd.Series(dict(sr=p.mean(), tpr=((y == 1) & (p == 1)).sum() / P if P else np.nan,
 *                             fpr=((y == 0) & (p == 1)).sum() / N if N else np.nan, n=len(d), P=P, N=N))
 *   for name in ['compas', 'adult']:
 *       df = pd.read_csv(D + name + '.csv'); allr = rates(df)
 *       for cols in (['race'], ['sex'], ['race', 'sex']):
 *           g = df.groupby(cols).apply(rates)
 *           sr, tpr = g.sr, g.tpr.dropna()
 *           # Equalized odds rests on both rates: a group without negatives (or positives) is left
 *           # out of both, as modelgate's min_group_negatives/positives >= 1 does.
 *           both = g.dropna(subset=['tpr', 'fpr']); eo_tpr, fpr = both.tpr, both.fpr
 *           res = dict(demographic_parity_difference=sr.max() - sr.min(),
 *               demographic_parity_ratio=sr.min() / sr.max(),
 *               equalized_odds_difference=max(eo_tpr.max() - eo_tpr.min(), fpr.max() - fpr.min()),
 *               equalized_odds_ratio=min(eo_tpr.min() / eo_tpr.max(), fpr.min() / fpr.max()),
 *               equal_opportunity_difference=tpr.max() - tpr.min(),
 *               equal_opportunity_ratio=tpr.min() / tpr.max(),
 *               demographic_parity_difference_to_overall=(sr - allr.sr).abs().max(),
 *               demographic_parity_ratio_to_overall=np.minimum(sr / allr.sr, allr.sr / sr).min())
 *
 * (compas race × sex has one group without negative labels, Native American × Female, n 2.)
 * Values printed with repr() and pasted below.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mg301 } from '../../../src/checks/fairness/mg301.js';
import { mg302 } from '../../../src/checks/fairness/mg302.js';
import type { CheckContext, Finding } from '../../../src/checks/types.js';
import { DEFAULT_COLUMNS, DEFAULTS, type Defaults } from '../../../src/config/types.js';
import { openDataset } from '../../../src/data/open.js';
import { buildRoles, planRoles } from '../../../src/engine/roles.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(here, '../../../../shared/datasets');

const FAIRLEARN: Record<string, Record<string, number>> = {
  'compas by race': { demographic_parity_difference: 0.5231910946196661, demographic_parity_ratio: 0.28061224489795916, equalized_odds_difference: 0.6612903225806452, equalized_odds_ratio: 0.17391304347826086, equal_opportunity_difference: 0.6612903225806452, equal_opportunity_ratio: 0.3387096774193548, demographic_parity_difference_to_overall: 0.28155010899664173, demographic_parity_ratio_to_overall: 0.4578668981223896 },
  'compas by sex': { demographic_parity_difference: 0.05016678091961557, demographic_parity_ratio: 0.8898094926350246, equalized_odds_difference: 0.02497604967116296, equalized_odds_ratio: 0.9597561432332842, equal_opportunity_difference: 0.02497604967116296, equal_opportunity_ratio: 0.9597561432332842, demographic_parity_difference_to_overall: 0.040616235297362135, demographic_parity_ratio_to_overall: 0.9088755346218397 },
  'compas by race × sex': { demographic_parity_difference: 1.0, demographic_parity_ratio: 0.0, equalized_odds_difference: 1.0, equalized_odds_ratio: 0.0, equal_opportunity_difference: 1.0, equal_opportunity_ratio: 0.0, demographic_parity_difference_to_overall: 0.5542773817239144, demographic_parity_ratio_to_overall: 0.0 },
  'adult by race': { demographic_parity_difference: 0.19135220125786162, demographic_parity_ratio: 0.2081977878985036, equalized_odds_difference: 0.33834586466165417, equalized_odds_ratio: 0.170935960591133, equal_opportunity_difference: 0.33834586466165417, equal_opportunity_ratio: 0.48275862068965514, demographic_parity_difference_to_overall: 0.14353112147160774, demographic_parity_ratio_to_overall: 0.25955950929047994 },
  'adult by sex': { demographic_parity_difference: 0.1761165143533282, demographic_parity_ratio: 0.3024706980754397, equalized_odds_difference: 0.0872912589014283, equalized_odds_ratio: 0.21913805778554776, equal_opportunity_difference: 0.0872912589014283, equal_opportunity_ratio: 0.8575336646701501, demographic_parity_difference_to_overall: 0.1174759133884371, demographic_parity_ratio_to_overall: 0.39397169015299605 },
  'adult by race × sex': { demographic_parity_difference: 0.29229185054427775, demographic_parity_ratio: 0.049282296650717705, equalized_odds_difference: 0.6728971962616822, equalized_odds_ratio: 0.0, equal_opportunity_difference: 0.6728971962616822, equal_opportunity_ratio: 0.0, demographic_parity_difference_to_overall: 0.17869407172889762, demographic_parity_ratio_to_overall: 0.07816280677497407 },
};

async function context(file: string, sensitive: string[], settings: Partial<Defaults> = {}): Promise<CheckContext> {
  const source = await openDataset(path.join(dir, file));
  const columns = { ...DEFAULT_COLUMNS, sensitive };
  const plan = planRoles('binary_classification', 1, columns, new Set(source.schema.map((c) => c.name)));
  const read = await source.read({ columns: [
    { name: 'label', as: 'number' }, { name: 'prediction', as: 'number' }, { name: 'score', as: 'number' },
    ...sensitive.map((name) => ({ name, as: 'category' as const })),
  ] });
  const { roles, data } = buildRoles(file, read.data, plan, 0.5, 'error');
  const s: Defaults = { ...DEFAULTS, ...settings };
  return {
    model: { meta: { task: 'binary_classification' }, file: 'model.yaml', format: 'yaml', sha256: '', raw: {}, locate: () => null },
    policy: { files: [], sha256: '', environment: null, columns, defaults: s, checks: [], waivers: [] },
    columns, settings: s, dataset: data, datasetInfo: read.info, roles,
    entry: { location: { file: 'policy.yaml', line: 1 }, keyLocations: {} },
    waivedSubjects: new Set(), baseline: null,
    io: { sha256File: async () => ({ ok: false, message: '' }), git: async () => ({ exitCode: 1, stdout: '', stderr: '' }), resolve: (_f, p) => p, fileExists: async () => false, readColumn: async () => [] },
  };
}

const one = (ctx: CheckContext, options: Record<string, unknown>): Finding => (mg301.run(ctx, mg301.options.parse(options)) as Finding[])[0]!;
// Every group with a defined rate is compared, as in Fairlearn; the one without negatives is listed.
const ALL_IN: Partial<Defaults> = { min_group_size: 1, min_group_positives: 1, min_group_negatives: 1, on_insufficient: 'ignore' };

describe.skipIf(!existsSync(dir))('fairness on real data', () => {
  it('compas_all.csv: ProPublica FPR/FNR and Aequitas disparities relative to Caucasian', async () => {
    const ctx = await context('compas_all.csv', ['race']);
    const fpr = one(ctx, { group_metric: 'fpr', aggregate: 'ratio', method: 'to_reference', reference: 'Caucasian', min: 0.8 });
    const by = (f: Finding, s: string) => f.groups!.find((g) => g.subject === `race=${s}`)!;
    const black = by(fpr, 'African-American');
    const white = by(fpr, 'Caucasian');
    expect([black.n, black.positives, black.negatives]).toEqual([3696, 1901, 1795]);
    expect([white.n, white.positives, white.negatives]).toEqual([2454, 966, 1488]);
    expect(black.value).toBe(805 / 1795);
    expect(white.value).toBe(349 / 1488);
    expect(black.value!.toFixed(6)).toBe('0.448468');
    expect(white.value!.toFixed(6)).toBe('0.234543');
    expect((100 * black.value!).toFixed(2)).toBe('44.85');
    expect((100 * white.value!).toFixed(2)).toBe('23.45');
    expect(black.disparity!.toFixed(6)).toBe('1.912093');
    expect(white.disparity).toBe(1);
    expect(fpr.status).toBe('fail');

    const sr = one(ctx, { group_metric: 'selection_rate', aggregate: 'ratio', method: 'to_reference', reference: 'Caucasian', min: 0.8 });
    expect(by(sr, 'African-American').disparity!.toFixed(6)).toBe('1.690224');
    expect(sr.message).toMatch(/^selection-rate ratio to Caucasian across race is 0\.\d{3} \(/);

    const fnr = mg302.run(ctx, mg302.options.parse({ metric: 'fnr', max: 0.5 })) as Finding[];
    const fnrOf = (s: string) => fnr.find((f) => f.subject === `race=${s}`)!.observed!;
    expect(fnrOf('African-American')).toBe(532 / 1901);
    expect(fnrOf('Caucasian')).toBe(461 / 966);
    expect((100 * fnrOf('African-American')).toFixed(2)).toBe('27.99');
    expect((100 * fnrOf('Caucasian')).toFixed(2)).toBe('47.72');
  });

  it('compas.csv: Native American (11 rows) is insufficient, listed with its counts, not a pass or a drop', async () => {
    const ctx = await context('compas.csv', ['race']);
    const f = one(ctx, { metric: 'demographic_parity_ratio', min: 0.8 });
    const na = f.groups!.find((g) => g.subject === 'race=Native American')!;
    expect([na.status, na.n, na.reason]).toEqual(['insufficient', 11, 'n 11 < min_group_size 30']);
    expect(f.groups!.map((g) => g.subject)).toEqual(['race=African-American', 'race=Asian', 'race=Caucasian', 'race=Hispanic', 'race=Native American', 'race=Other']);
    expect(f.message).toContain('1 insufficient: Native American (n 11 < min_group_size 30)');
  });

  const cases = Object.entries(FAIRLEARN).flatMap(([key, metrics]) => Object.entries(metrics).map(([m, v]) => [key, m, v] as const));
  it.each(cases)('%s: %s = %d (Fairlearn definitions, pandas)', async (key, metric, expected) => {
    const [file, cols] = key.split(' by ');
    const sensitive = cols!.split(' × ');
    const ctx = await context(`${file}.csv`, sensitive, ALL_IN);
    const toOverall = metric.endsWith('_to_overall');
    const name = metric.replace(/_to_overall$/, '');
    const f = one(ctx, { metric: name, ...(toOverall ? { method: 'to_overall' } : {}), ...(name.endsWith('_ratio') ? { min: 0 } : { max: 1 }) });
    expect(f.status).toBe('pass');
    expect(Math.abs(f.observed! - expected)).toBeLessThan(1e-9);
  });
});
