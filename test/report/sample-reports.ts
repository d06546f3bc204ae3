/**
 * Hand-built Report literals for renderer tests. Summaries are counted by hand from the results
 * listed (failed = blocking fails, warned = non-blocking fails), not computed by code under test.
 */
import type { GroupResult, Interval, Report, Result } from '../../src/report/model.js';

const DOCS = 'https://github.com/modelgate/modelgate/blob/main/README.md';
const docs = (id: string, slug: string) => `${DOCS}#${id.toLowerCase()}-${slug}`;
const wilson = (lower: number, upper: number): Interval => ({ lower, upper, level: 0.95, method: 'wilson' });

const SLUG: Record<string, [string, Result['category'], string]> = {
  MG101: ['lineage-required-fields', 'lineage', 'Lineage required fields'],
  MG102: ['dataset-hash-match', 'lineage', 'Dataset hash matches lineage'],
  MG201: ['performance-threshold', 'performance', 'Holdout performance threshold'],
  MG202: ['baseline-regression', 'performance', 'No regression against baseline'],
  MG203: ['holdout-size', 'performance', 'Holdout size'],
  MG301: ['group-disparity', 'fairness', 'Group disparity'],
  MG302: ['group-floor', 'fairness', 'Group floor'],
  MG401: ['explanation-coverage', 'explainability', 'Explanation coverage'],
  MG501: ['feature-null-rate', 'data', 'Feature null rate'],
};

export function result(checkId: string, over: Partial<Result> = {}): Result {
  const [slug, category, title] = SLUG[checkId] ?? ['custom', 'data', 'Custom'];
  return {
    checkId, slug, category, title, severity: 'error', status: 'pass', blocking: false,
    message: `${checkId} passed`, metric: null, subject: null, observed: null, interval: null,
    threshold: null, comparator: null, sampleSize: null, groups: [],
    location: { file: 'policies/credit.yaml', line: 10 }, docsUrl: docs(checkId, slug), waiver: null,
    ...over,
  };
}

export function group(subject: string, over: Partial<GroupResult> = {}): GroupResult {
  const key = Object.fromEntries(subject.split(', ').map((kv) => kv.split('=') as [string, string]));
  return { key, subject, n: 1000, positives: 300, negatives: 700, value: 0.5, interval: wilson(0.47, 0.53), status: 'pass', ...over };
}

function base(over: Partial<Report>): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'modelgate', version: '0.1.0' },
    run: { startedAt: '2026-11-02T10:00:00.000Z', durationMs: 1234, git: { sha: 'a'.repeat(40), dirty: false } },
    model: { name: 'credit-risk', version: '3.2.0', file: 'models/credit-risk/model.yaml', sha256: 'b'.repeat(64) },
    dataset: { path: 'data/holdout.parquet', format: 'parquet', sha256: 'c'.repeat(64), rows: 7214, columns: 14 },
    policy: { files: ['policies/base.yaml', 'policies/credit.yaml'], sha256: 'd'.repeat(64), environment: null },
    summary: { gates: 0, passed: 0, failed: 0, warned: 0, inconclusive: 0, insufficient: 0, waived: 0, skipped: 0, errors: 0 },
    verdict: 'pass', exitCode: 0, results: [], errors: [], metrics: { overall: {}, groups: {} },
    ...over,
  };
}

// Race groups with COMPAS-like selection rates (value = selection rate).
const raceGroups = (): GroupResult[] => [
  group('race=African-American', { n: 3696, positives: 1901, negatives: 1795, value: 0.576, interval: wilson(0.560, 0.592) }),
  group('race=Caucasian', { n: 2454, positives: 966, negatives: 1488, value: 0.331, interval: wilson(0.313, 0.350) }),
  group('race=Hispanic', { n: 637, positives: 228, negatives: 409, value: 0.279, interval: wilson(0.245, 0.315) }),
  group('race=Native American', { n: 18, positives: 9, negatives: 9, value: 0.611, interval: wilson(0.386, 0.797), status: 'insufficient', reason: 'n=18 < min_group_size 30' }),
  group('race=(missing)', { key: { race: null }, n: 409, positives: 150, negatives: 259, value: 0.301, interval: wilson(0.258, 0.348) }),
];

/** 4 gates, all pass; one skipped. Counted: 3 passed, 1 skipped. */
export const passReport: Report = base({
  results: [
    result('MG101', { metric: 'completeness', observed: 1, threshold: { min: 1 }, comparator: '>=', message: 'all 4 required lineage fields are present', location: { file: 'models/credit-risk/model.yaml', line: 1 } }),
    result('MG201', { metric: 'auc', observed: 0.912, threshold: { min: 0.85 }, comparator: '>=', interval: { lower: 0.901, upper: 0.923, level: 0.95, method: 'delong' }, sampleSize: 7214, message: 'auc is 0.912; min 0.850', location: { file: 'policies/credit.yaml', line: 14 } }),
    result('MG301', { metric: 'demographic_parity_ratio', subject: 'sex', observed: 0.912, threshold: { min: 0.8 }, comparator: '>=', interval: { lower: 0.87, upper: 0.95, level: 0.95, method: 'bootstrap' }, message: 'demographic_parity_ratio across sex is 0.912; min 0.800', groups: [group('sex=Female', { value: 0.456 }), group('sex=Male', { value: 0.5 })] }),
    result('MG401', { status: 'skipped', message: 'no explanation columns (prefix shap_) in the dataset' }),
  ],
  summary: { gates: 4, passed: 3, failed: 0, warned: 0, inconclusive: 0, insufficient: 0, waived: 0, skipped: 1, errors: 0 },
});

/** Fairness failure with groups. Counted: 7 gates: 2 passed, 2 failed, 1 warning, 1 insufficient, 1 waived. */
export const failReport: Report = base({
  results: [
    result('MG101', { metric: 'completeness', observed: 1, threshold: { min: 1 }, comparator: '>=' }),
    result('MG201', { metric: 'auc', observed: 0.712, threshold: { min: 0.85 }, comparator: '>=', interval: { lower: 0.69, upper: 0.73, level: 0.95, method: 'delong' }, status: 'fail', blocking: true, message: 'auc on the holdout is 0.712; min 0.850', location: { file: 'policies/credit.yaml', line: 14, column: 5 } }),
    result('MG301', {
      metric: 'demographic_parity_ratio', subject: 'race', observed: 0.457, threshold: { min: 0.8 }, comparator: '>=',
      interval: { lower: 0.41, upper: 0.5, level: 0.95, method: 'bootstrap' }, status: 'fail', blocking: true,
      message: 'selection-rate ratio across race is 0.457 (Hispanic 0.279 vs Native American 0.611); min 0.800',
      groups: raceGroups(), groupMetric: 'selection_rate', location: { file: 'policies/credit.yaml', line: 21, column: 5 },
    }),
    result('MG301', {
      metric: 'equalized_odds_difference', subject: 'sex', observed: 0.14, threshold: { max: 0.1 }, comparator: '<=', severity: 'warning',
      status: 'fail', blocking: false, message: 'equalized odds difference across sex is 0.140; max 0.100',
      groups: [group('sex=Female', { value: 0.61 }), group('sex=Male', { value: 0.75 })], location: { file: 'policies/credit.yaml', line: 27 },
    }),
    result('MG302', { metric: 'recall', subject: 'race=Native American', observed: 0.556, threshold: { min: 0.6 }, comparator: '>=', status: 'insufficient', blocking: false, message: 'race=Native American has 9 positives; min_group_positives 10', sampleSize: 18 }),
    result('MG302', {
      metric: 'recall', subject: 'race=Hispanic', observed: 0.5, threshold: { min: 0.6 }, comparator: '>=', status: 'waived', blocking: false,
      message: 'recall for race=Hispanic is 0.500; min 0.600',
      waiver: { check: 'MG302', subject: 'race=Hispanic', reason: 'targeted sample being collected (RISK-412)', expires: '2027-01-31', approved_by: 'ml-governance@example.com', ticket: 'RISK-412', location: { file: 'policies/credit.yaml', line: 40 } },
    }),
    result('MG501', { metric: 'null_rate', subject: 'income', observed: 0.004, threshold: { max: 0.05 }, comparator: '<=' }),
  ],
  summary: { gates: 7, passed: 2, failed: 2, warned: 1, inconclusive: 0, insufficient: 1, waived: 1, skipped: 0, errors: 0 },
  verdict: 'fail', exitCode: 1,
  waivers: { expired: [{ check: 'MG301', subject: 'race=Other', reason: 'old exception', expires: '2026-01-31', ticket: 'RISK-100', location: { file: 'policies/credit.yaml', line: 46 } }], unused: [] },
});

/** A crashed check plus a blocking failure: exit 2 wins. Counted: 3 gates: 1 passed, 1 failed, 1 error. */
export const errorReport: Report = base({
  results: [
    result('MG101'),
    result('MG102', { status: 'error', blocking: false, message: 'cannot read data/holdout.parquet: permission denied', location: null }),
    result('MG201', { metric: 'auc', observed: 0.712, threshold: { min: 0.85 }, comparator: '>=', status: 'fail', blocking: true, message: 'auc is 0.712; min 0.850' }),
  ],
  errors: [{ checkId: 'MG102', message: 'cannot read data/holdout.parquet: permission denied', file: 'data/holdout.parquet' }],
  summary: { gates: 3, passed: 1, failed: 1, warned: 0, inconclusive: 0, insufficient: 0, waived: 0, skipped: 0, errors: 1 },
  verdict: 'error', exitCode: 2,
});

/** Interval decisions. Counted: 3 gates: 1 passed, 1 inconclusive (blocking), 1 insufficient (not blocking) -> exit 1. */
export const inconclusiveReport: Report = base({
  results: [
    result('MG201', { metric: 'recall', observed: 0.83, threshold: { min: 0.8 }, comparator: '>=', interval: wilson(0.78, 0.88), status: 'inconclusive', blocking: true, message: 'recall is 0.830 but its 95% interval [0.780, 0.880] straddles min 0.800' }),
    result('MG203', { metric: 'positives', observed: 48, threshold: { min: 50 }, comparator: '>=', status: 'insufficient', blocking: false, message: 'holdout has 48 positives; min 50' }),
    result('MG301', { metric: 'demographic_parity_difference', subject: 'sex', observed: 0.05, threshold: { max: 0.1 }, comparator: '<=', interval: { lower: 0.02, upper: 0.08, level: 0.95, method: 'bootstrap' }, groups: [group('sex=Female', { value: 0.3 }), group('sex=Male', { value: 0.35 })] }),
  ],
  summary: { gates: 3, passed: 1, failed: 0, warned: 0, inconclusive: 1, insufficient: 1, waived: 0, skipped: 0, errors: 0 },
  verdict: 'fail', exitCode: 1,
});

/** User strings that try to break every format. */
export const HOSTILE = '</testcase><x a="1"> & ::error::boom %0A 50%25 |pipe| *bold* [link](javascript:x) <script>alert(1)</script> \u001b[31mred\u0007 ]]> line\nbreak\r';
export const hostileReport: Report = base({
  model: { name: 'evil.model <x>', version: '1.0', file: 'models/e vil.yaml', sha256: 'e'.repeat(64) },
  results: [
    result('MG301', {
      metric: 'demographic_parity_ratio', subject: `grp${HOSTILE}`, observed: 0.5, threshold: { min: 0.8 }, comparator: '>=', status: 'fail', blocking: true,
      message: `ratio for ${HOSTILE} is 0.5`, groups: [group(`g=${HOSTILE}`, { value: 0.2 }), group('g=b', { value: 0.4 })],
      location: { file: 'policies/a,b:c.yaml', line: 3 },
    }),
    result('MG501', { status: 'error', message: `crash: ${HOSTILE}`, location: null }),
  ],
  errors: [{ checkId: null, message: `run error ${HOSTILE}` }],
  summary: { gates: 2, passed: 0, failed: 1, warned: 0, inconclusive: 0, insufficient: 0, waived: 0, skipped: 0, errors: 1 },
  verdict: 'error', exitCode: 2,
});

/** One fairness gate over `n` intersectional groups (for size budgets). */
export function manyGroupsReport(n: number): Report {
  const groups: GroupResult[] = [];
  for (let i = 0; i < n; i++) {
    const v = (i % 97) / 97;
    groups.push(group(`zip=${String(10000 + i)}, segment=retail-customers-long-name`, { n: 40 + (i % 13), value: v, interval: wilson(Math.max(0, v - 0.1), Math.min(1, v + 0.1)), status: v < 0.2 ? 'fail' : 'pass' }));
  }
  return base({
    results: [result('MG302', { metric: 'recall', subject: 'zip × segment', observed: 0, threshold: { min: 0.2 }, comparator: '>=', status: 'fail', blocking: true, message: `recall is below 0.200 in ${groups.filter((g) => g.status === 'fail').length} groups`, groups, groupThreshold: { min: 0.2 } })],
    summary: { gates: 1, passed: 0, failed: 1, warned: 0, inconclusive: 0, insufficient: 0, waived: 0, skipped: 0, errors: 0 },
    verdict: 'fail', exitCode: 1,
  });
}

export const ALL_SAMPLES: Record<string, Report> = {
  pass: passReport, fail: failReport, error: errorReport, inconclusive: inconclusiveReport, hostile: hostileReport,
};

/**
 * Equalized odds by race with tiny rates and both components per group in details.groupParts.
 * TPR/FPR are counts by hand: A TP 9/300 = 0.03, FP 14/700 = 0.02; B TP 3/300 = 0.01, FP 7/700 = 0.01.
 * Counted: 1 gate: 0 passed, 1 failed.
 */
export const eqOddsReport: Report = base({
  results: [
    result('MG301', {
      metric: 'equalized_odds_difference', subject: 'race', observed: 0.02, threshold: { max: 0.01 }, comparator: '<=', status: 'fail', blocking: true,
      message: 'equalized-odds difference (worst is true-positive-rate) across race is 0.0200 (A 0.0300 vs B 0.0100); max 0.01', groupMetric: 'tpr',
      groups: [
        group('race=A', { value: 0.03, interval: wilson(0.016, 0.056), status: 'pass', disparity: 1 }),
        group('race=B', { value: 0.01, interval: wilson(0.003, 0.029), status: 'fail', disparity: 1 / 3 }),
      ],
      details: {
        groupParts: {
          metrics: ['tpr', 'fpr'],
          groups: {
            'race=A': [{ value: 0.03, interval: wilson(0.016, 0.056), disparity: 1 }, { value: 0.02, interval: wilson(0.012, 0.033), disparity: 1 }],
            'race=B': [{ value: 0.01, interval: wilson(0.003, 0.029), disparity: 1 / 3 }, { value: 0.01, interval: wilson(0.005, 0.02), disparity: 0.5 }],
          },
        },
      },
    }),
  ],
  summary: { gates: 1, passed: 0, failed: 1, warned: 0, inconclusive: 0, insufficient: 0, waived: 0, skipped: 0, errors: 0 },
  verdict: 'fail', exitCode: 1,
});
