/**
 * Golden values on real public data (/work/shared/datasets, see its README), computed
 * independently with scikit-learn 1.2.1 + pandas 1.5.3 (Debian bookworm python3-sklearn), never
 * with this code. Fairlearn is not installable offline, so its definitions were computed with a
 * pandas groupby (fairlearn/metrics/_fairness_metrics.py: between_groups difference = max − min,
 * ratio = min/max; to_overall difference = max |m_g − m_o|, ratio = min min(m_g/m_o, m_o/m_g)).
 * The script, run as `/usr/bin/python3 golden.py`:
 *
 *   import numpy as np, pandas as pd
 *   from sklearn import metrics as M
 *   for name in ['adult', 'compas', 'compas_all']:
 *       df = pd.read_csv(D + name + '.csv'); y, p, s = df.label.values, df.prediction.values, df.score.values
 *       overall = dict(accuracy=M.accuracy_score(y, p), precision=M.precision_score(y, p),
 *           recall=M.recall_score(y, p), f1=M.f1_score(y, p),
 *           balanced_accuracy=M.balanced_accuracy_score(y, p), auc=M.roc_auc_score(y, s),
 *           pr_auc=M.average_precision_score(y, s), log_loss=M.log_loss(y, s),  # eps="auto" = 2^-52
 *           brier=M.brier_score_loss(y, s))
 *       for col in ['race', 'sex']:
 *           for g, d in df.groupby(col):
 *               tn, fp, fn, tp = M.confusion_matrix(d.label, d.prediction, labels=[0, 1]).ravel()
 *               rates[g] = [len(d), d.prediction.mean(), M.recall_score(d.label, d.prediction),
 *                           fp / (fp + tn), M.roc_auc_score(d.label, d.score)]
 *           sr, tpr, fpr = (pd.Series of each rate by group); sr_all = df.prediction.mean()
 *           fair = dict(dpd=sr.max() - sr.min(), dpr=sr.min() / sr.max(),
 *               eod=max(tpr.max() - tpr.min(), fpr.max() - fpr.min()),
 *               eor=min(tpr.min() / tpr.max(), fpr.min() / fpr.max()),
 *               dpd_overall=(sr - sr_all).abs().max(),
 *               dpr_overall=np.minimum(sr / sr_all, sr_all / sr).min())
 *
 * Values printed with repr() and pasted below. Compared to 1e-9 (absolute).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  binaryCounts, confusionOf, fairnessMetric, getMetric, rankStats, scoreSums,
  type GroupStats,
} from '../../src/stats/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(here, '../../../shared/datasets');

interface Expected {
  overall: Record<string, number>;
  race: { fair: Record<string, number>; rates: Record<string, [number, number, number, number, number | null]> };
  sex: { fair: Record<string, number>; rates: Record<string, [number, number, number, number, number | null]> };
}

// A minimal CSV reader: these files have no quotes (checked: grep -c '"' gives 0).
function load(file: string) {
  const lines = readFileSync(path.join(dir, file), 'utf8').trimEnd().split('\n');
  const header = lines[0]!.split(',');
  const rows = lines.slice(1).map((l) => l.split(','));
  const num = (name: string) => Float64Array.from(rows, (r) => Number(r[header.indexOf(name)]));
  const cat = (name: string) => {
    const raw = rows.map((r) => r[header.indexOf(name)]!);
    const names = [...new Set(raw)].sort();
    return { names, codes: Int32Array.from(raw, (v) => names.indexOf(v)) };
  };
  return { label: num('label'), prediction: num('prediction'), score: num('score'), race: cat('race'), sex: cat('sex') };
}

const EXPECTED: Record<string, Expected> = {
  adult: {
    overall: { accuracy: 0.8530802776242246, precision: 0.7303548795944234, recall: 0.5993239729589184, f1: 0.6583833190516996, balanced_accuracy: 0.7654440532265441, auc: 0.9054348237459856, pr_auc: 0.7629064452325629, log_loss: 0.3175804342738889, brier: 0.10166833477257152 },
    race: {
      fair: { dpd: 0.19135220125786162, dpr: 0.2081977878985036, eod: 0.33834586466165417, eor: 0.170935960591133, dpd_overall: 0.14353112147160774, dpr_overall: 0.25955950929047994 },
      rates: {
        "Amer-Indian-Eskimo": [159, 0.050314465408805034, 0.3157894736842105, 0.014285714285714285, 0.9575187969924812],
        "Asian-Pac-Islander": [480, 0.24166666666666667, 0.6541353383458647, 0.08357348703170028, 0.8953002101796277],
        "Black": [1561, 0.08392056374119154, 0.48044692737430167, 0.03256150506512301, 0.9258058517733994],
        "Other": [135, 0.08888888888888889, 0.4, 0.01818181818181818, 0.9618181818181819],
        "White": [13946, 0.2071561738132798, 0.6063037249283668, 0.07392884468247896, 0.9011203312338456],
      },
    },
    sex: {
      fair: { dpd: 0.1761165143533282, dpr: 0.3024706980754397, eod: 0.0872912589014283, eor: 0.21913805778554776, dpd_overall: 0.1174759133884371, dpr_overall: 0.39397169015299605 },
      rates: {
        "Female": [5421, 0.07636967349197565, 0.5254237288135594, 0.021527634030221485, 0.9302748141417189],
        "Male": [10860, 0.25248618784530386, 0.6127149877149877, 0.09823776959495002, 0.881735289489432],
      },
    },
  },
  compas: {
    overall: { accuracy: 0.6607258587167855, precision: 0.6299527444565612, recall: 0.6169455322178711, f1: 0.6233812949640288, balanced_accuracy: 0.6571198074410795, auc: 0.7097888069940436, pr_auc: 0.644022647213761, log_loss: 0.9703433268962139, brier: 0.22542287751134155 },
    race: {
      fair: { dpd: 0.5231910946196661, dpr: 0.28061224489795916, eod: 0.6612903225806452, eor: 0.17391304347826086, dpd_overall: 0.28155010899664173, dpr_overall: 0.4578668981223896 },
      rates: {
        "African-American": [3175, 0.5760629921259842, 0.7152317880794702, 0.4233817701453104, 0.7042527817830293],
        "Asian": [31, 0.22580645161290322, 0.625, 0.08695652173913043, 0.8478260869565217],
        "Caucasian": [2103, 0.3309557774607703, 0.5036496350364964, 0.22014051522248243, 0.6927625543456584],
        "Hispanic": [509, 0.2770137524557957, 0.41798941798941797, 0.19375, 0.6371693121693123],
        "Native American": [11, 0.7272727272727273, 1.0, 0.5, 0.85],
        "Other": [343, 0.20408163265306123, 0.3387096774193548, 0.1278538812785388, 0.7066946531153335],
      },
    },
    sex: {
      fair: { dpd: 0.05016678091961557, dpr: 0.8898094926350246, eod: 0.02497604967116296, eor: 0.9597561432332842, dpd_overall: 0.040616235297362135, dpr_overall: 0.9088755346218397 },
      rates: {
        "Female": [1175, 0.4051063829787234, 0.5956416464891041, 0.30183727034120733, 0.6976829167540498],
        "Male": [4997, 0.455273163898339, 0.6206176961602671, 0.302960399846213, 0.710987378682528],
      },
    },
  },
  compas_all: {
    overall: { accuracy: 0.6537288605489326, precision: 0.6135061802833887, recall: 0.6259612426945556, f1: 0.6196711327649209, balanced_accuracy: 0.6512344694421555, auc: 0.7021662544019724, pr_auc: 0.6283740292169139, log_loss: 1.0635079062886483, brier: 0.22946492930413087 },
    race: {
      fair: { dpd: 0.4571175950486295, dpr: 0.31432360742705573, eod: 0.5766917293233083, eor: 0.19389684039967595, dpd_overall: 0.2502513165161464, dpr_overall: 0.4557392229883991 },
      rates: {
        "African-American": [3696, 0.5882034632034632, 0.7201472908995266, 0.44846796657381616, 0.6918343812595336],
        "Asian": [32, 0.25, 0.6666666666666666, 0.08695652173913043, 0.857487922705314],
        "Caucasian": [2454, 0.3480032599837001, 0.5227743271221532, 0.23454301075268819, 0.6931462744050402],
        "Hispanic": [637, 0.29827315541601257, 0.44396551724137934, 0.21481481481481482, 0.6379257130693913],
        "Native American": [18, 0.6666666666666666, 0.9, 0.375, 0.85625],
        "Other": [377, 0.20954907161803712, 0.3233082706766917, 0.14754098360655737, 0.6955349439171699],
      },
    },
    sex: {
      fair: { dpd: 0.04480945807855985, dpr: 0.9043484091859355, eod: 0.020698121217160637, eor: 0.9671005036311529, dpd_overall: 0.036144474155688944, dpr_overall: 0.9213909446610974 },
      rates: {
        "Female": [1395, 0.4236559139784946, 0.608433734939759, 0.3210702341137124, 0.6908649089110064],
        "Male": [5819, 0.46846537205705446, 0.6291318561569197, 0.3242009132420091, 0.7033912953644355],
      },
    },
  },
};

const close = (actual: number | null, expected: number | null) => {
  if (expected === null) expect(actual).toBeNull();
  else {
    expect(actual).not.toBeNull();
    expect(Math.abs(actual! - expected)).toBeLessThan(1e-9);
  }
};

describe.skipIf(!existsSync(dir))('golden values on public datasets (scikit-learn / Fairlearn definitions)', () => {
  for (const name of ['adult', 'compas', 'compas_all'] as const) {
    describe(name, () => {
      // Loaded in beforeAll: a describe body runs at collection even when skipIf skips it.
      let d!: ReturnType<typeof load>;
      beforeAll(() => {
        d = load(`${name}.csv`);
      });
      const exp = EXPECTED[name]!;

      it('overall metrics match scikit-learn', () => {
        const stats: GroupStats = {
          confusion: confusionOf(binaryCounts(d.label, d.prediction), 0),
          scores: scoreSums(d.label, d.score)[0]!,
          rank: rankStats(d.score, d.label).overall,
        };
        for (const [metric, value] of Object.entries(exp.overall)) {
          close(getMetric(metric, 'binary_classification')!.compute(stats).value, value);
        }
      });

      for (const col of ['race', 'sex'] as const) {
        it(`per-${col} rates, AUC and Fairlearn disparities`, () => {
          const g = d[col];
          const counts = binaryCounts(d.label, d.prediction, g.codes, g.names.length);
          const ranks = rankStats(d.score, d.label, g.codes, g.names.length).groups;
          const groups = g.names.map((key, i) => ({ key, confusion: confusionOf(counts, i) }));
          const tpr = getMetric('tpr', 'binary_classification')!;
          const fpr = getMetric('fpr', 'binary_classification')!;
          const sr = getMetric('selection_rate', 'binary_classification')!;
          const auc = getMetric('auc', 'binary_classification')!;
          expect(Object.keys(exp[col].rates)).toEqual(g.names);
          g.names.forEach((key, i) => {
            const [n, s, t, f, a] = exp[col].rates[key]!;
            const c = groups[i]!.confusion;
            expect(c.tp + c.fp + c.tn + c.fn).toBe(n);
            close(sr.compute({ confusion: c }).value, s);
            close(tpr.compute({ confusion: c }).value, t);
            close(fpr.compute({ confusion: c }).value, f);
            close(auc.compute({ rank: ranks[i]! }).value, a);
          });
          const f = exp[col].fair;
          close(fairnessMetric('demographic_parity_difference', groups).value, f.dpd!);
          close(fairnessMetric('demographic_parity_ratio', groups).value, f.dpr!);
          close(fairnessMetric('disparate_impact_ratio', groups).value, f.dpr!);
          close(fairnessMetric('equalized_odds_difference', groups).value, f.eod!);
          close(fairnessMetric('equalized_odds_ratio', groups).value, f.eor!);
          close(fairnessMetric('demographic_parity_difference', groups, { method: 'to_overall' }).value, f.dpd_overall!);
          close(fairnessMetric('demographic_parity_ratio', groups, { method: 'to_overall' }).value, f.dpr_overall!);
        });
      }
    });
  }

  it("compas_all reproduces ProPublica's published truth tables and Aequitas' disparities", () => {
    // ProPublica, "How We Analyzed the COMPAS Recidivism Algorithm": (TN, FP, FN, TP)
    // all (2681, 1282, 1216, 2035); Black (990, 805, 532, 1369); White (1139, 349, 461, 505).
    const d = load('compas_all.csv');
    const counts = binaryCounts(d.label, d.prediction, d.race.codes, d.race.names.length);
    const cell = (race: string) => confusionOf(counts, d.race.names.indexOf(race));
    expect(confusionOf(binaryCounts(d.label, d.prediction), 0)).toEqual({ tn: 2681, fp: 1282, fn: 1216, tp: 2035 });
    expect(cell('African-American')).toEqual({ tn: 990, fp: 805, fn: 532, tp: 1369 });
    expect(cell('Caucasian')).toEqual({ tn: 1139, fp: 349, fn: 461, tp: 505 });
    const fpr = getMetric('fpr', 'binary_classification')!;
    const fnr = getMetric('fnr', 'binary_classification')!;
    const pct = (v: number | null) => Math.round(v! * 10000) / 100;
    expect(pct(fpr.compute({ confusion: cell('African-American') }).value)).toBe(44.85);
    expect(pct(fnr.compute({ confusion: cell('African-American') }).value)).toBe(27.99);
    expect(pct(fpr.compute({ confusion: cell('Caucasian') }).value)).toBe(23.45);
    expect(pct(fnr.compute({ confusion: cell('Caucasian') }).value)).toBe(47.72);
    // Aequitas demo notebook (printed to 6 decimals): FPR disparity 1.912093, pprev disparity
    // 1.690224 for African-American relative to Caucasian.
    const groups = d.race.names.map((key, i) => ({ key, confusion: confusionOf(counts, i) }));
    const aa = d.race.names.indexOf('African-American');
    const ref = { method: 'to_reference', reference: { group: 'Caucasian' } } as const;
    const fprPart = fairnessMetric('equalized_odds_ratio', groups, ref).parts.find((p) => p.metric === 'fpr')!;
    expect(fprPart.detail.reference).toBe('Caucasian');
    expect(fprPart.detail.disparities![aa]!.toFixed(6)).toBe('1.912093');
    const sr = fairnessMetric('demographic_parity_ratio', groups, ref).parts[0]!;
    expect(sr.detail.disparities![aa]!.toFixed(6)).toBe('1.690224');
  });
});
