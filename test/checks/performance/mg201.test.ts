/**
 * MG201 performance-threshold. Expected values by hand (confusion counts in comments); Wilson
 * bounds from statsmodels proportion_confint(method='wilson') (/tmp/ref_checks.py).
 */
import { describe, expect, it } from 'vitest';
import { mg201 } from '../../../src/checks/performance/mg201-performance-threshold.js';
import type { Finding } from '../../../src/checks/types.js';
import { confusionRows, perfContext, type PerfInput } from './fake-context.js';

async function run(input: PerfInput, options: Record<string, unknown>): Promise<Finding> {
  const findings = await mg201.run(perfContext(input), mg201.options.parse(options));
  expect(findings).toHaveLength(1);
  return findings[0]!;
}

// recall 17/20 = 0.85 (tp 17, fn 3), 40 negatives with 4 false positives
const R85 = confusionRows(17, 3, 4, 36);

describe('MG201 performance-threshold', () => {
  it.each([
    [{ min: 0.85 }, 'pass'], // exactly at min passes
    [{ min: 0.8500001 }, 'fail'],
    [{ min: 0.84 }, 'pass'],
    [{ max: 0.85 }, 'pass'], // exactly at max passes
    [{ max: 0.8499999 }, 'fail'],
    [{ min: 0.8, max: 0.9 }, 'pass'],
  ])('recall 0.85 against %j -> %s', async (t, status) => {
    const f = await run(R85, { metric: 'recall', ...t });
    expect(f.status).toBe(status);
    expect(f.observed).toBe(0.85);
  });

  it('names subject, observed value, interval and threshold', async () => {
    const f = await run(R85, { metric: 'recall', min: 0.9 });
    expect(f.message).toBe('recall is 0.850 [0.640, 0.948] (95% Wilson); min 0.900');
    expect(f).toMatchObject({
      status: 'fail', metric: 'recall', subject: 'overall', threshold: { min: 0.9 }, comparator: '>=', sampleSize: 60, thresholdKey: 'min',
    });
    expect(f.interval!.lower).toBeCloseTo(0.639581135259243, 12);
    expect(f.interval!.upper).toBeCloseTo(0.9476312541037833, 12);
    expect(f.details).toMatchObject({ positives: 20, negatives: 40, numerator: 17, denominator: 20 });
  });

  it('adds digits when rounding would print a failing value equal to its bound', async () => {
    const f = await run(R85, { metric: 'recall', min: 0.8500001 });
    expect(f.message).toMatch(/^recall is 0\.8500000 .*; min 0\.8500001$/);
  });

  it('the tpr alias is recall; max sets comparator and key', async () => {
    const f = await run(R85, { metric: 'fpr', max: 0.05 });
    // fpr 4/40 = 0.1
    expect(f).toMatchObject({ status: 'fail', observed: 0.1, comparator: '<=', thresholdKey: 'max', metric: 'fpr' });
    expect((await run(R85, { metric: 'tpr', min: 0.85 })).metric).toBe('recall');
  });

  it('decision: interval is inconclusive on a tiny sample whose interval straddles the threshold', async () => {
    // recall 3/4: Wilson [0.301, 0.954]
    const tiny = { ...confusionRows(3, 1, 1, 5) };
    const point = await run(tiny, { metric: 'recall', min: 0.7 });
    expect(point.status).toBe('pass');
    const f = await run({ ...tiny, settings: { decision: 'interval' } }, { metric: 'recall', min: 0.7 });
    expect(f.status).toBe('inconclusive');
    expect(f.message).toBe('recall is 0.750 [0.301, 0.954] (95% Wilson); min 0.700; the interval straddles the threshold');
    // the same interval wholly above / below
    expect((await run({ ...tiny, settings: { decision: 'interval' } }, { metric: 'recall', min: 0.3 })).status).toBe('pass');
    expect((await run({ ...tiny, settings: { decision: 'interval' } }, { metric: 'recall', min: 0.96 })).status).toBe('fail');
  });

  it('a metric without an interval is decided on the estimate under decision: interval, and says so', async () => {
    const f = await run({ ...confusionRows(3, 1, 1, 5), score: [0.9, 0.8, 0.7, 0.3, 0.6, 0.3, 0.2, 0.2, 0.1, 0.05], settings: { decision: 'interval' } }, { metric: 'pr_auc', min: 0.95 });
    expect(f.status).toBe('fail');
    expect(f.message).toContain('no interval (no interval method for average precision yet): decided on the estimate');
  });

  it('an undefined metric is insufficient, with the reason', async () => {
    const f = await run(confusionRows(0, 0, 2, 8), { metric: 'recall', min: 0.5 });
    expect(f.status).toBe('insufficient');
    expect(f.message).toBe('recall is undefined on 10 rows: no positive labels; min 0.500');
    expect(f.observed).toBeNull();
  });

  it('a metric of another task is an error naming the valid metrics', async () => {
    const f = await run(R85, { metric: 'mae', max: 1 });
    expect(f.status).toBe('error');
    expect(f.message).toMatch(/^metric "mae" is not defined for binary classification; valid metrics: accuracy, .*auc.*tpr, tnr$/);
  });

  it('the option schema rejects unknown metric names and a missing threshold', () => {
    const bad = mg201.options.safeParse({ metric: 'acuracy', min: 0.8 });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.message).toMatch(/^unknown metric "acuracy"; expected one of accuracy/);
    expect((bad.error!.issues[0] as { params?: { hint?: string } }).params?.hint).toBe('did you mean "accuracy"?');
    expect(mg201.options.safeParse({ metric: 'auc' }).success).toBe(false);
    expect(mg201.options.safeParse({ metric: 'auc', min: 0.9, max: 0.8 }).success).toBe(false);
    expect(mg201.options.safeParse({ metric: 'mae', max: 2 }).success).toBe(true);
  });

  it('per-class recall of a multiclass model: metric recall with class', async () => {
    // class 2: rows with label 2 are 4, 5; predicted 2 and 0 -> 1/2
    const mc: PerfInput = { task: 'multiclass_classification', classes: ['0', '1', '2'], label: [0, 0, 1, 1, 2, 2], prediction: [0, 1, 1, 1, 2, 0] };
    const f = await run(mc, { metric: 'recall', class: 2, min: 0.5 });
    expect(f).toMatchObject({ status: 'pass', metric: 'recall:2', observed: 0.5 });
    expect((await run(mc, { metric: 'recall:1', min: 1 })).status).toBe('pass');
    expect((await run(mc, { metric: 'recall', class: '7', min: 0.5 })).message).toBe('class "7" does not occur in the label or prediction columns (classes: 0, 1, 2)');
    expect((await run(R85, { metric: 'recall', class: '1', min: 0.5 })).status).toBe('error');
  });

  it('regression metrics: mae against max', async () => {
    // errors 0.5, 0, 1, 1: mae 0.625
    const f = await run({ task: 'regression', label: [1, 2, 3, 4], prediction: [1.5, 2, 2, 5] }, { metric: 'mae', max: 0.625 });
    expect(f).toMatchObject({ status: 'pass', observed: 0.625, comparator: '<=' });
    expect(f.interval!.method).toBe('normal');
  });

  it('contributes the standard metric set, overall and per sensitive group', async () => {
    const sex = [...Array(30).fill('F'), ...Array(30).fill('M')];
    const f = await run({ ...R85, score: R85.label.map((y, i) => (y ? 0.6 + (i % 4) / 10 : 0.1 + (i % 5) / 10)), sensitive: { sex } }, { metric: 'auc', min: 0.5 });
    const overall = f.metrics!.overall!;
    expect(Object.keys(overall).sort()).toEqual(['accuracy', 'auc', 'balanced_accuracy', 'brier', 'ece', 'f1', 'fnr', 'fpr', 'log_loss', 'pr_auc', 'precision', 'recall', 'selection_rate', 'specificity']);
    expect(overall['recall']).toMatchObject({ value: 0.85, n: 60 });
    // sex=F: rows 0-29 = 17 tp, 3 fn, 4 fp, 6 tn -> accuracy 23/30
    const F = f.metrics!.groups!['sex']!['sex=F']!;
    expect(F['accuracy']!.value).toBeCloseTo(23 / 30, 15);
    expect(F['accuracy']!.n).toBe(30);
    // sex=M: 30 negatives, all predicted 0 -> recall undefined, kept as null
    expect(f.metrics!.groups!['sex']!['sex=M']!['recall']!.value).toBeNull();
    expect(f.metrics!.groups!['sex']!['sex=M']!['specificity']!.value).toBe(1);
  });
});
