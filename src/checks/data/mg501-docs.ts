/** `modelgate explain MG501`. */
export const MG501_DOCS = `Counts missing values in every feature column of the holdout: an empty CSV field, a JSON null, a Parquet or
Arrow null. null rate = missing rows / rows (after rows dropped by \`on_invalid_rows: drop\`). A column whose
rate is above its maximum fails (a rate equal to the maximum passes); a feature column that is not in the file at
all fails too, named. This is a census of the given file, decided on the observed rate (no interval).

Why it matters: a model scored on a holdout where a feature is mostly missing was evaluated on imputed
defaults, not on the data it will see; the performance gates then measure the imputation.

Options:
- \`max\` (default 0.05): the largest allowed share of missing values, for every column.
- \`columns\`: the columns to check; default the model metadata's \`features\`.
- \`per_column\`: per-column maximums that override \`max\`, e.g. \`{ income: 0.2 }\`.

\`\`\`yaml
checks:
  - id: MG501
    max: 0.01
    per_column: { income: 0.2, employer: 0.5 }
\`\`\`
Each column is reported as a row of the result's \`groups\` (subject = the column name), and the JSON report's
\`metrics\` block gets \`null_rate:<column>\` so \`report diff\` can follow them.

To waive one column, give the waiver that column as its \`subject\`:
\`\`\`yaml
waivers:
  - check: MG501
    subject: income
    reason: "income is optional on the web form until Q2 (RISK-98)"
    expires: 2027-01-31
    approved_by: ml-governance@example.com
\`\`\``;
