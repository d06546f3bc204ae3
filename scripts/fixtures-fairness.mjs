/**
 * Failing fixtures for the fairness checks, wired in by scripts/make-fixtures.mjs. Each variant is
 * the demo holdout with the scores of sex F shifted up by 1.5 in log-odds (labels unchanged), so
 * women are selected far more often and wrongly flagged more often than men; the demo itself
 * (no shift) passes both policies (selection rates 0.008 vs 0.014, FPRs under 0.01).
 */
const SEED = 20261130;
const ROWS = 2400;
const BIAS = 1.5;

export function fairnessVariants({ toCsv, makeRows, only }) {
  const holdout = toCsv(makeRows(ROWS, SEED, { bias: BIAS }));
  return [
    {
      name: 'mg301-group-disparity',
      why: `scores of sex F shifted by +${BIAS} log-odds: selection rate F 0.238 vs M 0.014 (difference 0.22 > max 0.10)`,
      holdout,
      policy: only('MG301', '    metric: demographic_parity_difference\n    max: 0.10\n'),
    },
    {
      name: 'mg302-group-floor',
      why: `scores of sex F shifted by +${BIAS} log-odds: false-positive rate of sex=F is 0.184 (max 0.10)`,
      holdout,
      policy: only('MG302', '    metric: fpr\n    max: 0.10\n'),
    },
  ];
}
