/** `modelgate explain` text for the explainability checks (markdown). */

const COLUMNS = `**Where explanations are read from.** One attribution column per feature, found by prefix
(\`columns.explanations.prefix\`, default \`shap_\`: \`shap_age\` explains feature \`age\`) or listed
explicitly (\`columns.explanations.columns: { age: phi_age, ... }\`, which turns the prefix off). The
base-value column (\`columns.explanations.base_value\`, default \`shap_base_value\`) and the role
columns (label, score, id, sensitive, ...) are never attributions.`;

export const MG401_DOCS = `## MG401 explanation-coverage

Regulated decisions need an explanation for every row. MG401 measures the share of holdout rows
whose explanation is **complete**: every attribution column the dataset has is present and finite
(not empty, not NaN, not ±Infinity) in that row.

    coverage = complete rows / rows          (overall, and per sensitive group)

Features with no attribution column at all are MG402's finding; they do not make every row
incomplete here. With no attribution column at all, no row is explained (coverage 0). A column
that exists but is empty in every row does make every row incomplete; the message names it.

${COLUMNS}

**Groups.** Each sensitive column of the policy (\`columns.sensitive\`) is grouped on its own
(\`race=Black\`); a missing value is its own group, \`(missing)\`. A group whose coverage lags is the
finding: the message names the lowest group. Coverage is a count over the given file, not an
estimate, so it is decided on the observed value, with no interval, and small groups are judged
too (3 unexplained rows out of 5 are a fact, not noise).

**Options**
- \`min\` (0..1, default 1.0): overall coverage must be at least this.
- \`min_group\` (0..1, default \`min\`): every group's coverage must be at least this.
- \`max_gap\` (0..1, optional): best minus worst group coverage, per grouping, must not exceed this.
- \`per_group\` (default true): false turns the group verdicts off.
- \`sensitive\` (list, optional): cross these columns into intersectional groups
  (\`race=Black, sex=Female\`) instead of grouping each policy sensitive column alone.

**Example**

    checks:
      - id: MG401
        min: 1.0
      - id: MG401
        min: 0.98
        min_group: 0.95
        sensitive: [race, sex]

**Waive** the whole check, or one group with \`subject: "race=Black"\`: a waived group is shown as
\`waived\`, is not judged, and its rows are left out of the overall share:

    waivers:
      - check: MG401
        subject: "race=Black"
        reason: "backfill of explanations for batch 12 in progress (RISK-88)"
        expires: 2027-01-31
        approved_by: ml-governance@example.com
`;

export const MG402_DOCS = `## MG402 explained-features

Checks the explanation's schema against the model's: the share of the model's \`features\` (model
metadata) that have an attribution column, the features that have none, and any attribution column
that names no feature of the model (a renamed or stale feature).

    explained features = features with an attribution column / features

Only the dataset's header is read. Without a \`features\` list in the model metadata the check
cannot be computed (status error).

${COLUMNS}

**Options**
- \`min\` (0..1, default 1.0): the share must be at least this.
- \`allow_unknown\` (default false): attribution columns naming no model feature fail the check
  unless this is true.

**Example**

    checks:
      - id: MG402
        min: 1.0

**Waive** with a \`check: MG402\` waiver (reason, expiry, approver), e.g. while a feature's explainer
support is being added.
`;

export const MG403_DOCS = `## MG403 explanation-additivity

SHAP's local accuracy: for each row, the base value plus the sum of the attributions equals the
model output in the explanation's output space. MG403 checks it row by row:

    |base + Σ attributions − f| ≤ atol + rtol·|f|

where f is the score for \`probability\`, logit(score) = ln(score / (1 − score)) for \`log_odds\`,
and for \`raw\` the log-odds of a binary classifier's score (its raw margin) or a regressor's
prediction. Σ uses compensated (Neumaier) summation. The observed value is the share of explained
rows (complete explanations, see MG401) that pass. Rows that cannot be checked count as not passing
and are listed: a score of exactly 0 or 1 has infinite log-odds; a row with an empty base value.

**Base value**: a per-row column (\`columns.explanations.base_value\`, default \`shap_base_value\`)
or, without that column, \`explainability.base_value\` of the model metadata. It should be one
number per explainer and background. With a per-row column MG403 reports a second result, subject
\`base value\`: spread = max − min of the base over checked rows, which must stay within
atol + rtol·max|base|; a spread beyond that fails (mixed explainers or backgrounds, even when every
row adds up) and the distinct values are listed with their row counts. A per-row base that differs
from the metadata's value is reported, not failed (metadata often rounds it).

**Output space**: the check option \`output_space\`, else \`columns.explanations.output_space\` of the
policy, else \`explainability.output_space\` of the model metadata (probability, log_odds or raw).
When none is declared the check cannot judge (error) and says which space fits. Every row is also
tested in the other space (probability <-> log-odds); when that space fits (≥ 90% of rows) and the
declared one fails, the message says the residuals look like an output-space mix-up.

The worst failing rows are listed by id (or row number) with their residuals. Additivity says
nothing about whether credit goes to the right features; sampling explainers (KernelSHAP) enforce
it by construction, and LIME has no such property (do not gate LIME attributions with MG403).

**Options**
- \`min\` (0..1, default 1.0): share of explained rows that must pass.
- \`atol\`, \`rtol\` (default 1e-6 each): absolute and relative tolerance. SHAP's own TreeExplainer
  check uses 1e-2 for float32 models; raise them for float32 attributions.
- \`output_space\`: overrides the policy columns and the metadata.
- \`worst\` (default 10): how many failing rows to list.
- \`constant_base\` (default true): false drops the \`base value\` result (a varying base is allowed).

**Example**

    checks:
      - id: MG403
        min: 0.999
        atol: 1.0e-4
        rtol: 1.0e-4

**Waive** with a \`check: MG403\` waiver (reason, expiry, approver).
`;
