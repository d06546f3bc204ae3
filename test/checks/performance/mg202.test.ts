/**
 * MG202 baseline-regression. McNemar p-value and paired interval checked with statsmodels
 * (mcnemar(exact=True)) and the textbook paired-difference interval (/tmp/ref_checks.py).
 */
import { describe, expect, it } from 'vitest';
import { mg202 } from '../../../src/checks/performance/mg202-baseline-regression.js';
import type { Finding } from '../../../src/checks/types.js';
import type { MetricsBlock } from '../../../src/report/model.js';
import { confusionRows, perfContext, type PerfInput } from './fake-context.js';

async function run(input: PerfInput, options: Record<string, unknown>): Promise<Finding> {
  const findings = await mg202.run(perfContext(input), mg202.options.parse(options));
  expect(findings).toHaveLength(1);
  return findings[0]!;
}

const report = (overall: MetricsBlock['overall'], datasetSha256 = 'a'.repeat(64)) =>
  ({ file: 'prod.json', metrics: { overall, groups: {} }, datasetSha256 });

// candidate recall 3/4 = 0.75
const CAND = confusionRows(3, 1, 1, 5);

describe('MG202 with a baseline report', () => {
  it.each([
    [0.05, 'pass'], // 0.80 − 0.75 = 0.05 exactly (in doubles 0.05000000000000004): the boundary passes
    [0.0499, 'fail'],
    [0.1, 'pass'],
  ])('recall 0.80 -> 0.75 with max_drop %d: %s', async (maxDrop, status) => {
    const f = await run({ ...CAND, baseline: report({ recall: { value: 0.8 } }) }, { metric: 'recall', max_drop: maxDrop });
    expect(f.status).toBe(status);
    expect(f.observed).toBeCloseTo(0.05, 15);
    expect(f).toMatchObject({ metric: 'recall_drop', subject: 'recall', comparator: '<=', thresholdKey: 'max_drop', threshold: { max: maxDrop } });
  });

  it('recall dropped more than allowed: fail, naming both values and the file', async () => {
    const f = await run({ ...CAND, baseline: report({ recall: { value: 0.9 } }) }, { metric: 'recall', max_drop: 0.01 });
    expect(f.status).toBe('fail');
    expect(f.message).toMatch(/^recall 0\.750 vs baseline 0\.900 \(baseline report prod\.json\); drop 0\.150 \[-0\.054, 0\.599\] \(95% Wilson\); max_drop 0\.010; unpaired/);
    // drop interval = 0.9 − the candidate's Wilson interval [0.30064, 0.95441]
    expect(f.interval!.lower).toBeCloseTo(0.9 - 0.9544127391902995, 12);
    expect(f.interval!.upper).toBeCloseTo(0.9 - 0.30064184258240184, 12);
    expect(f.metrics!.overall!['recall']!.value).toBe(0.75);
  });

  it('max_relative_drop: (0.9 − 0.75)/0.9 = 1/6', async () => {
    const f = await run({ ...CAND, baseline: report({ recall: { value: 0.9 } }) }, { metric: 'recall', max_relative_drop: 0.2 });
    expect(f.status).toBe('pass');
    expect(f.observed).toBeCloseTo(1 / 6, 15);
    expect(f).toMatchObject({ thresholdKey: 'max_relative_drop', metric: 'recall_relative_drop' });
    const both = await run({ ...CAND, baseline: report({ recall: { value: 0.9 } }) }, { metric: 'recall', max_relative_drop: 0.2, max_drop: 0.1 });
    expect(both).toMatchObject({ status: 'fail', thresholdKey: 'max_drop' });
  });

  it('a lower-is-better metric drops when it rises', async () => {
    // log loss of the scores below, by hand: −(ln .9 + ln .8 + ln .9 + ln .8)/4 = 0.16425
    const input = { label: [1, 1, 0, 0], prediction: [1, 1, 0, 0], score: [0.9, 0.8, 0.1, 0.2] };
    const f = await run({ ...input, baseline: report({ log_loss: { value: 0.1 } }) }, { metric: 'log_loss', max_drop: 0.05 });
    expect(f.observed).toBeCloseTo(-(Math.log(0.9) + Math.log(0.8)) / 2 - 0.1, 12);
    expect(f.status).toBe('fail');
  });

  it('says when the baseline was computed on another holdout', async () => {
    const f = await run({ ...CAND, baseline: report({ recall: { value: 0.75 } }, 'b'.repeat(64)) }, { metric: 'recall', max_drop: 0 });
    expect(f.status).toBe('pass');
    expect(f.message).toContain('the baseline was computed on a different holdout (sha256 bbbbbbbbbbbb… vs aaaaaaaaaaaa…)');
  });

  it('a report without the metric is an error listing what it has', async () => {
    const f = await run({ ...CAND, baseline: report({ accuracy: { value: 0.8 }, auc: { value: 0.9 } }) }, { metric: 'recall', max_drop: 0.01 });
    expect(f.status).toBe('error');
    expect(f.message).toBe('the baseline report prod.json has no overall recall; it has: accuracy, auc');
  });
});

describe('MG202 without a baseline', () => {
  it('is skipped, or an error when required', async () => {
    const f = await run(CAND, { metric: 'recall', max_drop: 0.01 });
    expect(f.status).toBe('skipped');
    expect(f.message).toMatch(/^no baseline for recall: pass --baseline REPORT\.json/);
    expect((await run(CAND, { metric: 'recall', max_drop: 0.01, required: true })).status).toBe('error');
  });
  it('needs max_drop or max_relative_drop', () => {
    expect(mg202.options.safeParse({ metric: 'recall' }).success).toBe(false);
  });
});

describe('MG202 with baseline columns (paired)', () => {
  // 20 rows, all labels 1 so accuracy = recall: both right 10, baseline only 6, candidate only 1, both wrong 3.
  const label = Array(20).fill(1);
  const prediction = [...Array(10).fill(1), ...Array(6).fill(0), 1, ...Array(3).fill(0)];
  const baselinePrediction = [...Array(10).fill(1), ...Array(6).fill(1), 0, ...Array(3).fill(0)];
  const paired: PerfInput = { label, prediction, baselinePrediction };

  it('exact McNemar on a hand-computed 2x2 table (b = 6, c = 1): p = 2·(1 + 7)/2⁷ = 0.125', async () => {
    const f = await run(paired, { metric: 'accuracy', max_drop: 0.1 });
    // candidate 11/20, baseline 16/20: drop 0.25
    expect(f.status).toBe('fail');
    expect(f.observed).toBeCloseTo(0.25, 15);
    expect(f.details!['mcnemar']).toMatchObject({ baselineOnly: 6, candidateOnly: 1, n: 20 });
    expect((f.details!['mcnemar'] as { pValue: number }).pValue).toBeCloseTo(0.125, 14);
    expect(f.interval!.lower).toBeCloseTo(0.015008573459630137, 12);
    expect(f.interval!.upper).toBeCloseTo(0.48499142654036986, 12);
    expect(f.message).toBe('accuracy 0.550 vs baseline 0.800 (baseline column baseline_prediction); drop 0.250 [0.015, 0.485] (95% normal); max_drop 0.100; exact McNemar p = 0.1250 (6 rows only the baseline got right, 1 only the candidate, of 20)');
  });

  it('decision: interval makes the same comparison inconclusive (the drop interval straddles 0.1)', async () => {
    const f = await run({ ...paired, settings: { decision: 'interval' } }, { metric: 'accuracy', max_drop: 0.1 });
    expect(f.status).toBe('inconclusive');
    expect((await run({ ...paired, settings: { decision: 'interval' } }, { metric: 'accuracy', max_drop: 0.01 })).status).toBe('fail');
  });

  it('recall uses only the positive rows; fnr flips the sign back', async () => {
    // add 5 negatives both models get right: recall unchanged, accuracy changes
    const more = { label: [...label, 0, 0, 0, 0, 0], prediction: [...prediction, 0, 0, 0, 0, 0], baselinePrediction: [...baselinePrediction, 0, 0, 0, 0, 0] };
    const rec = await run(more, { metric: 'recall', max_drop: 0.3 });
    expect(rec.status).toBe('pass');
    expect(rec.observed).toBeCloseTo(0.25, 15);
    expect(rec.details!['mcnemar']).toMatchObject({ baselineOnly: 6, candidateOnly: 1, n: 20 });
    expect(rec.interval!.lower).toBeCloseTo(0.015008573459630137, 12);
    const fnr = await run(more, { metric: 'fnr', max_drop: 0.3 });
    // fnr 9/20 vs 4/20: a rise of 0.25 is a drop of 0.25 for a lower-is-better metric
    expect(fnr.observed).toBeCloseTo(0.25, 15);
    expect(fnr.interval!.lower).toBeCloseTo(0.015008573459630137, 12);
  });

  it('prefers the paired comparison when a report is also given, and mentions it', async () => {
    const f = await run({ ...paired, baseline: report({ accuracy: { value: 0.5 } }) }, { metric: 'accuracy', max_drop: 0.3 });
    expect(f.status).toBe('pass');
    expect(f.observed).toBeCloseTo(0.25, 15);
    expect(f.message).toContain('the baseline report prod.json was also given (accuracy 0.500 there); the paired comparison on the same rows is used');
  });

  it('auc: paired bootstrap over rows, deterministic, interval around the drop', async () => {
    // candidate separates perfectly (auc 1); baseline ranks one negative above every positive:
    // 4 of 5·5 = 25 pairs... by hand: negative 0.95 beats all 5 positives -> 20/25 = 0.8
    const y = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0];
    const input: PerfInput = {
      label: y, prediction: y,
      score: [0.9, 0.8, 0.7, 0.65, 0.6, 0.4, 0.3, 0.2, 0.1, 0.05],
      baselineScore: [0.9, 0.8, 0.7, 0.65, 0.6, 0.95, 0.3, 0.2, 0.1, 0.05],
    };
    const f = await run(input, { metric: 'auc', max_drop: 0.05 });
    expect(f.details).toMatchObject({ candidate: 1, baseline: 0.8, method: 'bootstrap' });
    expect(f.observed).toBeCloseTo(-0.2, 15); // an improvement: negative drop
    expect(f.status).toBe('pass');
    expect(f.interval!.method).toBe('bootstrap');
    expect(f.interval!.lower!).toBeLessThanOrEqual(-0.2 + 1e-12);
    expect(f.interval!.upper!).toBeLessThanOrEqual(0);
    expect((await run(input, { metric: 'auc', max_drop: 0.05 })).interval).toEqual(f.interval);
  });

  it('f1: bootstrap over the joint cells', async () => {
    const f = await run(paired, { metric: 'f1', max_drop: 0.5 });
    // candidate f1 = 2·11/(2·11 + 9) = 22/31, baseline 32/36
    expect(f.details).toMatchObject({ method: 'bootstrap' });
    expect(f.observed).toBeCloseTo(32 / 36 - 22 / 31, 15);
    expect(f.interval!.lower!).toBeLessThan(f.observed!);
    expect(f.interval!.upper!).toBeGreaterThan(f.observed!);
  });

  it('regression: mae on the same rows, paired bootstrap over rows', async () => {
    // candidate errors 1,1,1,1,1,1 (mae 1); baseline errors 0.5 (mae 0.5): a rise of 0.5 is a drop of 0.5
    const label = [1, 2, 3, 4, 5, 6];
    const f = await run({ task: 'regression', label, prediction: label.map((y) => y + 1), baselinePrediction: label.map((y) => y - 0.5) }, { metric: 'mae', max_drop: 0.4 });
    expect(f).toMatchObject({ status: 'fail', metric: 'mae_drop', subject: 'mae' });
    expect(f.observed).toBe(0.5);
    // every resample has the same per-row errors, so the interval collapses onto 0.5
    expect([f.interval!.lower, f.interval!.upper]).toEqual([0.5, 0.5]);
  });

  it('multiclass accuracy: McNemar on the rows both models classify', async () => {
    // both right on rows 0-3, baseline only on 4-5, candidate only on 6
    const label = [0, 1, 2, 0, 1, 2, 0, 1];
    const prediction = [0, 1, 2, 0, 0, 0, 0, 0];
    const baselinePrediction = [0, 1, 2, 0, 1, 2, 1, 0];
    const f = await run({ task: 'multiclass_classification', classes: ['0', '1', '2'], label, prediction, baselinePrediction }, { metric: 'accuracy', max_drop: 0.2 });
    // candidate 5/8, baseline 6/8: drop 1/8
    expect(f.observed).toBe(0.125);
    expect(f.details!['mcnemar']).toMatchObject({ baselineOnly: 2, candidateOnly: 1, n: 8, pValue: 1 });
    expect(f.status).toBe('pass');
  });
});

