/**
 * Failing fixtures for the performance and data-quality checks (MG201-MG204, MG501), in the shape
 * of `failingVariants` in make-fixtures.mjs: `{ name, why, policy, holdout?, model? }`. Each changes
 * one thing of the demo and must make `modelgate check --config fixtures/failing/<name>/modelgate.yaml`
 * exit 1 naming the check. Deterministic: derived from the demo rows, no randomness.
 */

const only = (id, body) => `apiVersion: modelgate/v1\ncolumns: { sensitive: [sex] }\nchecks:\n  - id: ${id}\n${body}`;

/** Every column of the demo rows, in their order, plus `extra`. */
const columnsOf = (rows, extra = []) => [...Object.keys(rows[0]).filter((c) => !extra.includes(c)), ...extra];

export function performanceVariants({ rows, toCsv }) {
  const v = [];

  v.push({
    name: 'mg201-performance-threshold',
    why: 'the policy asks for AUC >= 0.85; the demo model reaches about 0.75',
    policy: only('MG201', '    metric: auc\n    min: 0.85\n'),
  });

  // The baseline thresholds the same scores at 0.3 instead of 0.5: far higher recall, so the
  // candidate's recall is a large drop on the same rows (paired McNemar test).
  const withBaseline = rows.map((r) => ({ ...r, baseline_prediction: r.score >= 0.3 ? 1 : 0 }));
  v.push({
    name: 'mg202-baseline-regression',
    why: 'the baseline_prediction column (the production model on the same rows) has a much higher recall than the candidate',
    holdout: toCsv(withBaseline, columnsOf(withBaseline, ['baseline_prediction'])),
    policy: only('MG202', '    metric: recall\n    max_drop: 0.02\n'),
  });

  const few = rows.slice(0, 60);
  v.push({
    name: 'mg203-holdout-size',
    why: 'the holdout has 60 rows, fewer than min_rows 100',
    holdout: toCsv(few, columnsOf(few)),
    policy: only('MG203', '    min_rows: 100\n'),
  });

  // The score is a copy of the label, nudged: a leaked outcome separates the classes perfectly.
  const leaked = rows.map((r) => ({ ...r, score: r.label === 1 ? 0.97 : 0.03, prediction: r.label }));
  v.push({
    name: 'mg204-suspicious-performance',
    why: 'the score leaks the label (AUC 1.0 > 0.995); the policy raises MG204 to severity error (it warns by default)',
    holdout: toCsv(leaked, columnsOf(leaked)),
    policy: only('MG204', '    metric: auc\n    max: 0.995\n    severity: error\n'),
  });

  // Every tenth row loses its income: a null rate of 0.1 against max 0.05.
  const holes = rows.map((r, i) => (i % 10 === 0 ? { ...r, income: null } : r));
  v.push({
    name: 'mg501-feature-null-rate',
    why: 'income is missing in 10% of the rows (max 0.05)',
    holdout: toCsv(holes, columnsOf(holes)),
    policy: only('MG501', '    max: 0.05\n'),
  });
  return v;
}
