/** `modelgate explain` text of the fairness checks. */

export const MG301_DOCS = `
Compares one metric across the groups of the sensitive columns (\`columns.sensitive\`, or
\`sensitive:\` on the check). Several columns mean their intersection: every combination present in
the data is a group (\`race=Black, sex=Female\`); a missing value is its own \`(missing)\` group.

Named metrics (Fairlearn's definitions; SR = selection rate, TPR, FPR per group):
  demographic_parity_difference / _ratio   SR: max − min / min ÷ max
  equal_opportunity_difference / _ratio    TPR
  equalized_odds_difference                max(D_TPR, D_FPR)      (the worse of the two)
  equalized_odds_ratio                     min(R_TPR, R_FPR)
  disparate_impact_ratio                   the four-fifths rule: lowest SR ÷ highest SR, min 0.8
Any group metric (recall, fpr, accuracy, auc, mae, ...):
  group_metric: fpr, aggregate: difference | ratio,
  method: between_groups | to_overall | to_reference, reference: max | min | majority | <group>
With m_g a group's value, m_o the value on all rows and m_ref the reference group's:
  between_groups  difference = max m_g − min m_g          ratio = min m_g ÷ max m_g
  to_overall      difference = max |m_g − m_o|             ratio = min over g of min(m_g/m_o, m_o/m_g)
  to_reference    difference = max |m_g − m_ref|           ratio = min over g of min(m_g/m_ref, m_ref/m_g)
So a ratio is in [0, 1] and a difference ≥ 0. Each group's own \`disparity\` is m_g divided by what
it is compared with: m_ref (to_reference, Aequitas' disparity; may exceed 1, e.g. 1.912 for FPR),
m_o (to_overall), or the highest group's value (between_groups: the four-fifths rule's impact
ratio). A group's status is that comparison against the threshold, so the gate fails exactly when
some group fails. The reference \`majority\` is the largest compared group; a named reference
that is not in the data is an error.

Minimum support: a group with fewer than \`min_group_size\` rows, or (for TPR/FNR-based metrics)
fewer than \`min_group_positives\` positive labels, or (FPR/TNR-based) fewer than
\`min_group_negatives\` negative labels, is \`insufficient\`: listed with its counts, left out of the
comparison; \`on_insufficient\` (warn | fail | ignore) decides whether that makes the gate
insufficient. A group whose metric is undefined (zero denominator) is also left out (Fairlearn
would count it as 0). Fewer than two comparable groups: the gate is \`insufficient\`, never \`pass\`.

Intervals: each group's value has its own (Wilson for rates), simultaneous (Bonferroni) when more
than two groups are compared; the gate's value has a percentile bootstrap over the per-group
confusion counts, seeded by group, so it is reproducible. The bootstrap of a max − min is
approximate when groups are tied at the extreme. With \`decision: interval\` the gate passes only
when the whole interval passes, fails when the whole interval fails, else is \`inconclusive\`.
Ratios of integer counts are compared with the threshold exactly (4/10 ÷ 50/100 = 0.8 passes min 0.8).

Example:
  - id: MG301
    metric: disparate_impact_ratio
    sensitive: [race]
    min: 0.8
  - id: MG301
    group_metric: fpr
    aggregate: ratio
    method: to_reference
    reference: Caucasian
    min: 0.8

A waiver may name one group: \`subject: "race=Native American"\`; that group is then listed as
waived and left out of the comparison.
`;

export const MG302_DOCS = `
Holds every group's own metric to \`min\` / \`max\` (e.g. recall ≥ 0.7 in every race × sex group): a
subgroup regression that the overall value hides. One result per group, named by the group
(\`race=Hispanic\`), so a waiver with that subject waives that group only.

Groups are those of MG301 (intersection of the sensitive columns, \`(missing)\` its own group).
A group under its minimum support (min_group_size, and min_group_positives / _negatives for
metrics resting on positive / negative labels) is \`insufficient\` (or \`skipped\` with
\`on_insufficient: ignore\`). Each group's interval is simultaneous (Bonferroni) when there are more
than two groups, and \`decision: interval\` decides on it.

Example:
  - id: MG302
    metric: recall
    sensitive: [race, sex]
    min: 0.6
`;
