/**
 * Multiclass metrics from one group's KxK confusion matrix (row = true, column = predicted),
 * scikit-learn semantics: like sklearn's per-group call, the averaged F1s use only the classes
 * that occur in the group's labels or predictions (sklearn's unique_labels). For those classes
 * F1 = 2tp/(2tp + fp + fn) always has a positive denominator, so zero_division never applies.
 */
import type { ConfusionMatrix } from './counts.js';
import type { MetricValue } from './types.js';
import { ratioValue, undefinedValue } from './types.js';

interface ClassCounts {
  tp: Float64Array;
  support: Float64Array;
  predicted: Float64Array;
  n: number;
}

function classCounts(m: ConfusionMatrix): ClassCounts {
  const K = m.classes;
  const tp = new Float64Array(K);
  const support = new Float64Array(K);
  const predicted = new Float64Array(K);
  let n = 0;
  for (let t = 0; t < K; t++) {
    for (let p = 0; p < K; p++) {
      const c = m.cells[t * K + p]!;
      support[t]! += c;
      predicted[p]! += c;
      n += c;
    }
    tp[t] = m.cells[t * K + t]!;
  }
  return { tp, support, predicted, n };
}

export function multiclassAccuracy(m: ConfusionMatrix): MetricValue {
  const c = classCounts(m);
  let correct = 0;
  for (let k = 0; k < m.classes; k++) correct += c.tp[k]!;
  return ratioValue(correct, c.n, 'no rows');
}

export function macroF1(m: ConfusionMatrix): MetricValue {
  const c = classCounts(m);
  let sum = 0;
  let present = 0;
  for (let k = 0; k < m.classes; k++) {
    const den = c.support[k]! + c.predicted[k]!; // = 2tp + fp + fn
    if (den === 0) continue;
    sum += (2 * c.tp[k]!) / den;
    present++;
  }
  return present === 0 ? undefinedValue('no rows') : { value: sum / present };
}

/** Σ_k support_k · F1_k / Σ support (classes only predicted have weight 0). */
export function weightedF1(m: ConfusionMatrix): MetricValue {
  const c = classCounts(m);
  if (c.n === 0) return undefinedValue('no rows');
  let sum = 0;
  for (let k = 0; k < m.classes; k++) {
    const s = c.support[k]!;
    if (s === 0) continue;
    sum += (s * 2 * c.tp[k]!) / (s + c.predicted[k]!);
  }
  return { value: sum / c.n };
}

export function classRecall(m: ConfusionMatrix, k: number): MetricValue {
  if (!(k >= 0 && k < m.classes)) throw new RangeError(`class ${k} out of range`);
  const c = classCounts(m);
  return ratioValue(c.tp[k]!, c.support[k]!, `no rows with label class ${k}`);
}
