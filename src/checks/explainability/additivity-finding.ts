/**
 * Turns MG403's counts into a verdict and a message: pass rate over explained rows, the worst rows,
 * rows that could not be checked, a varying base value, and the output-space mix-up diagnosis.
 */
import type { OutputSpace } from '../../config/types.js';
import type { Finding } from '../types.js';
import type { AdditivityConfig, AdditivityResult, WorstRow } from './additivity.js';
import type { BaseSummary } from './base-tally.js';
import { fmtNumber, fmtShare, plural } from './format.js';

export interface AdditivityFindingContext extends AdditivityConfig {
  /** The space as declared (before `raw` is mapped to log-odds for scores). */
  declared: OutputSpace;
  declaredBy: string;
  role: 'score' | 'prediction';
}

/** The alternative space must fit at least this share of rows for the mix-up hint. */
const MISMATCH_FIT = 0.9;

export function additivityFinding(
  res: AdditivityResult,
  fc: AdditivityFindingContext,
  opts: { min: number },
): Finding {
  const base = { subject: 'explained rows', metric: 'explanation_additivity', threshold: { min: opts.min }, comparator: '>=' as const, thresholdKey: 'min' };
  const details = detailsOf(res, fc);
  if (res.explained === 0) {
    return {
      ...base, status: 'fail', observed: null, sampleSize: 0, details,
      message: `no row has a complete explanation (0 of ${plural(res.rows, 'row')}), so additivity cannot hold; see MG401`,
    };
  }
  const observed = res.passed / res.explained;
  const parts = [
    `additivity holds in ${res.passed} of ${res.explained} explained rows (${fmtShare(observed, opts.min)}); min ${opts.min.toFixed(3)}` +
      ` (|base + Σ attributions − ${outputName(fc)}| ≤ ${fc.atol} + ${fc.rtol}·|${outputName(fc)}|)`,
  ];
  if (res.worst.length > 0) parts.push(`worst rows: ${res.worst.slice(0, 3).map(worstText).join(', ')}`);
  const nc = res.notCheckable;
  if (nc.infinite_output > 0) parts.push(`${plural(nc.infinite_output, 'row')} not checkable (score 0 or 1 has infinite log-odds)`);
  if (nc.missing_base > 0) parts.push(`${plural(nc.missing_base, 'row')} not checkable (no base value in "${fc.baseColumn}")`);
  if (nc.missing_output > 0) parts.push(`${plural(nc.missing_output, 'row')} not checkable (no model output)`);
  const unexplained = res.rows - res.explained;
  if (unexplained > 0) parts.push(`${plural(unexplained, 'row')} without a complete explanation left to MG401`);
  const hint = mismatchHint(res, fc, observed, opts.min);
  if (hint !== null) parts.push(hint);
  return {
    ...base,
    status: observed < opts.min ? 'fail' : 'pass',
    observed,
    sampleSize: res.explained,
    message: parts.join('; '),
    details: { ...details, ...(hint !== null ? { hint } : {}) },
    metrics: { overall: { explanation_additivity: { value: observed, n: res.explained } }, groups: {} },
  };
}

/**
 * φ0 should be one number per explainer and background; a per-row base column that varies means
 * mixed explainers or backgrounds even when every row adds up. A separate finding (subject
 * `base value`) so the verdict and its numbers are not mixed with the pass rate.
 */
export function baseFinding(res: AdditivityResult, fc: AdditivityFindingContext): Finding | null {
  const b = res.base;
  if (b.source !== 'column' || b.rows === 0) return null;
  const spread = b.max! - b.min!;
  const tol = fc.atol + fc.rtol * Math.max(Math.abs(b.min!), Math.abs(b.max!));
  const parts = [
    b.varies
      ? `base value varies across rows: ${baseText(b)}, spread ${fmtNumber(spread)}; expected one value`
      : `base value is constant (${fmtNumber(b.min!)} in ${plural(b.rows, 'row')})`,
  ];
  if (b.metadataMismatch > 0) {
    parts.push(`per-row base value differs from explainability.base_value ${b.metadataValue} in ${plural(b.metadataMismatch, 'row')}`);
  }
  return {
    status: b.varies ? 'fail' : 'pass',
    message: parts.join('; '),
    metric: 'base_value_spread',
    subject: 'base value',
    observed: spread,
    threshold: { max: tol },
    comparator: '<=',
    sampleSize: b.rows,
    thresholdKey: 'constant_base',
    details: { baseValue: b },
  };
}

function outputName(fc: AdditivityFindingContext): string {
  if (fc.role === 'prediction') return fc.outputSpace === 'log_odds' ? 'logit(prediction)' : 'prediction';
  return fc.outputSpace === 'log_odds' ? 'logit(score)' : 'score';
}

/**
 * Attributions that add up in log-odds but are checked against probabilities (or the reverse) fail
 * nearly every row; the same rows then fit the other space. Only meaningful for a probability score.
 */
function mismatchHint(res: AdditivityResult, fc: AdditivityFindingContext, observed: number, min: number): string | null {
  const alt = res.alternative;
  if (fc.role !== 'score' || observed >= min || alt.checked === 0 || alt.passed <= res.passed) return null;
  if (alt.passed / alt.checked < MISMATCH_FIT) return null;
  return (
    `residuals look like an output-space mismatch: base + Σ attributions matches the score in ${alt.space} ` +
    `(${alt.passed} of ${alt.checked} rows) but was checked in ${fc.outputSpace} (declared ${fc.declared} by ${fc.declaredBy}); ` +
    `set explainability.output_space: ${alt.space}`
  );
}

/** For an undeclared space: how well each space fits (the declared run used probability). */
export function spaceFit(res: AdditivityResult): string {
  return (
    `base + Σ attributions matches the score as probability in ${res.passed} of ${res.checked} rows ` +
    `and as ${res.alternative.space} in ${res.alternative.passed} of ${res.alternative.checked} rows`
  );
}

function worstText(w: WorstRow): string {
  return `${w.id ?? `row ${w.row}`} (residual ${fmtNumber(w.residual)})`;
}

function baseText(b: BaseSummary): string {
  const shown = b.values.slice(0, 3).map((v) => `${fmtNumber(v.value)} in ${plural(v.rows, 'row')}`);
  const rest = b.values.slice(3).reduce((s, v) => s + v.rows, b.otherRows);
  if (rest > 0) shown.push(`other values in ${plural(rest, 'row')}`);
  return `${shown.join(', ')} (range ${fmtNumber(b.min!)} to ${fmtNumber(b.max!)})`;
}

function detailsOf(res: AdditivityResult, fc: AdditivityFindingContext): Record<string, unknown> {
  return {
    outputSpace: fc.declared,
    checkedSpace: fc.outputSpace,
    declaredBy: fc.declaredBy,
    atol: fc.atol,
    rtol: fc.rtol,
    rows: res.rows,
    explained: res.explained,
    checked: res.checked,
    passed: res.passed,
    failed: res.checked - res.passed,
    notCheckable: res.notCheckable,
    maxAbsResidual: res.checked > 0 ? res.maxAbsResidual : null,
    worstRows: res.worst,
    alternative: res.alternative,
    baseValue: res.base,
  };
}
