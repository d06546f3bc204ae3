/** `modelgate explain` text of the performance checks: what, formula, options, example, waiver. */

const METRICS = `Metrics — binary: accuracy, balanced_accuracy, precision, recall (tpr), specificity (tnr), fpr, fnr,
f1, selection_rate, auc (ROC, ties count ½), pr_auc (average precision), log_loss (probabilities clipped to
[2⁻⁵², 1 − 2⁻⁵²]), brier, ece (10 equal-width bins); multiclass: accuracy, macro_f1, weighted_f1, per-class
recall (\`metric: recall\` with \`class: "2"\`, or \`metric: "recall:2"\`); regression: mae, mse, rmse, r2, mape.
A metric whose denominator is zero (recall without positive labels) is undefined, never 0: the result is
\`insufficient\` with the reason.`;

const INTERVALS = `Intervals (level \`defaults.confidence\`, 0.95 by default): Wilson for proportions (accuracy, recall,
precision, ...), DeLong for auc, a normal interval from per-row sums for mean losses (log_loss, brier, mae, mse,
mape; rmse takes the square root of the mse interval), and a seeded bootstrap over the confusion counts for other
functions of counts (f1, balanced_accuracy, macro_f1, ece). pr_auc and r2 have no interval yet.`;

const DECISION = `Decision: with \`decision: point\` (default) the estimate decides — a value equal to \`min\` or \`max\` passes — and
the interval is reported beside it. With \`decision: interval\` the gate passes only when the whole interval is on
the passing side, fails when it is wholly on the failing side, and is \`inconclusive\` otherwise (blocking only
when \`on_inconclusive: fail\`). A metric without an interval is decided on the estimate, and the message says so.`;

const WAIVE = (id: string) => `To waive: add to the policy
\`\`\`yaml
waivers:
  - check: ${id}
    reason: "why this is acceptable, and until when"
    expires: 2027-01-31
    approved_by: ml-governance@example.com
\`\`\``;

export const MG201_DOCS = `Computes one metric on the holdout and compares it with \`min\` and/or \`max\`.

${METRICS}

${INTERVALS}

${DECISION}

Options: \`metric\` (required), \`class\` (multiclass per-class recall), \`min\`, \`max\` (at least one).
\`\`\`yaml
checks:
  - id: MG201
    metric: auc
    min: 0.85
  - id: MG201
    metric: log_loss
    max: 0.45
    decision: interval
\`\`\`
Message: \`auc is 0.812 [0.795, 0.829] (95% DeLong); min 0.850\`. The result also puts the task's standard metric set,
overall and per group of \`columns.sensitive\`, into the JSON report's \`metrics\` block, so \`--baseline\` and
\`modelgate report diff\` can compare any of them later.

${WAIVE('MG201')}`;

export const MG202_DOCS = `Compares a metric with the baseline model's and fails when it dropped by more than \`max_drop\` (absolute,
in the metric's units) or \`max_relative_drop\` (drop / |baseline|). The drop is oriented so that positive means
worse: baseline − candidate for higher-is-better metrics, candidate − baseline for losses (\`higher_is_better\`
overrides the direction).

Baseline, in order of preference:
1. **Baseline columns** in the holdout (\`columns.baseline_prediction\`, \`columns.baseline_score\`; defaults
   \`baseline_prediction\`, \`baseline_score\`): both models on the same rows, a paired comparison.
   Correctness rates (accuracy, recall, specificity, fpr, fnr, per-class recall) get the exact McNemar test:
   with b rows only the baseline got right and c rows only the candidate got right (among the metric's
   denominator rows), p = min(1, 2·P(X ≤ min(b, c))) for X ~ Binomial(b + c, ½), and the interval of the
   difference is (c − b)/n ± z·√(b + c − (c − b)²/n)/n. Other binary count metrics (precision, f1, ...) get a
   bootstrap over the 8 joint cells (label × candidate × baseline prediction); auc, log_loss, regression and
   multiclass metrics a paired bootstrap over rows (\`replicates\`, default 2000), both models on the same
   resampled rows. The relative drop's interval always comes from the bootstrap.
2. **A saved report** (\`modelgate check --baseline REPORT.json\`): the value of \`metrics.overall.<metric>\` in a
   previous modelgate JSON report. Unpaired: the baseline is a fixed number, so the drop's interval is the
   candidate's interval shifted. When that report was computed on a holdout with another sha256 the message
   says so. When both exist the paired comparison is used and the report is mentioned.
3. Neither: \`skipped\` with the reason, or \`error\` with \`required: true\`.

${DECISION.replace('`min` or `max`', '`max_drop`')}

Options: \`metric\` (required), \`class\`, \`max_drop\`, \`max_relative_drop\` (at least one), \`higher_is_better\`,
\`required\` (default false), \`replicates\` (default 2000).
\`\`\`yaml
checks:
  - id: MG202
    metric: recall
    max_drop: 0.01
  - id: MG202
    metric: auc
    max_relative_drop: 0.02
    required: true
\`\`\`

${WAIVE('MG202')}`;

export const MG203_DOCS = `Counts the holdout's rows and, for binary models, its positive and negative labels, and fails when a count is
below its minimum (a count equal to the minimum passes). A gate on 40 rows or 3 positives means nothing: its
interval is as wide as the scale. Rows dropped by \`on_invalid_rows: drop\` are not counted.

With \`per_group: true\`, every group of each \`columns.sensitive\` column is also held to the policy's
\`min_group_size\`, \`min_group_positives\` and \`min_group_negatives\` defaults (the same numbers that make the
fairness gates call a group insufficient); a missing sensitive value is its own group, \`(missing)\`.
This is a census of the file, so it is decided on the observed counts (no interval).

Options: \`min_rows\` (default 100), \`min_positives\` (10), \`min_negatives\` (10), \`per_group\` (false).
\`\`\`yaml
checks:
  - id: MG203
    min_rows: 1000
    min_positives: 50
    per_group: true
\`\`\`
To waive one small group only, give the waiver a \`subject\` such as \`"race=Native American"\`.

${WAIVE('MG203')}`;

export const MG204_DOCS = `Flags a metric that is too good to be true: AUC above 0.995 on a real-world problem almost always means the
label leaked into a feature (a column computed after the outcome) or the holdout overlaps the training data
(see MG105). Higher-is-better metrics have a ceiling \`max\` (default 0.995 for the default metric auc); for a
lower-is-better metric (log_loss, brier, mae, ...) set the floor \`min\` below which it is suspicious.

Default severity is **warning**: a value above the ceiling is evidence, not proof — some tasks are genuinely
easy (a synthetic benchmark, a deterministic rule being distilled) — so by default it is reported in every
report and annotation without blocking the release. Set \`severity: error\` to make it block.

${INTERVALS}

With \`decision: interval\` it is flagged only when the whole interval is beyond the ceiling.

Options: \`metric\` (default auc), \`class\`, \`max\`, \`min\`.
\`\`\`yaml
checks:
  - id: MG204
    metric: auc
    max: 0.99
    severity: error
\`\`\`

${WAIVE('MG204')}`;
