/**
 * How a result's outcome is shown. A status is always a word plus a symbol, never colour alone;
 * a non-blocking `fail` shows as WARN (DESIGN §4). Ranks order results worst first.
 */
import { plural } from './format.js';
import type { Category, Report, Result, Status, Summary } from './model.js';

export type Display = 'PASS' | 'FAIL' | 'WARN' | 'INCONCLUSIVE' | 'INSUFFICIENT' | 'WAIVED' | 'SKIP' | 'ERROR';

export function displayOf(status: Status, blocking: boolean): Display {
  switch (status) {
    case 'pass': return 'PASS';
    case 'fail': return blocking ? 'FAIL' : 'WARN';
    case 'inconclusive': return 'INCONCLUSIVE';
    case 'insufficient': return 'INSUFFICIENT';
    case 'waived': return 'WAIVED';
    case 'skipped': return 'SKIP';
    case 'error': return 'ERROR';
  }
}

export function displayResult(r: Pick<Result, 'status' | 'blocking'>): Display {
  return displayOf(r.status, r.blocking);
}

/** Terminal/markdown symbols. The ASCII set is for terminals without Unicode. */
export const SYMBOLS: Record<Display, { unicode: string; ascii: string; emoji: string }> = {
  PASS: { unicode: '✓', ascii: '+', emoji: '✅' },
  FAIL: { unicode: '✗', ascii: 'x', emoji: '❌' },
  WARN: { unicode: '!', ascii: '!', emoji: '⚠️' },
  INCONCLUSIVE: { unicode: '?', ascii: '?', emoji: '❔' },
  INSUFFICIENT: { unicode: '…', ascii: '.', emoji: '📉' },
  WAIVED: { unicode: '~', ascii: '~', emoji: '🔕' },
  SKIP: { unicode: '-', ascii: '-', emoji: '⏭️' },
  ERROR: { unicode: '‼', ascii: '#', emoji: '💥' },
};

/** Attention tone, for colour: red blocks, yellow warns, grey is informational. */
export type Tone = 'bad' | 'warn' | 'good' | 'muted';
export function toneOf(r: Pick<Result, 'status' | 'blocking'>): Tone {
  if (r.status === 'pass') return 'good';
  if (r.status === 'error' || r.blocking) return 'bad';
  if (r.status === 'fail' || r.status === 'inconclusive' || r.status === 'insufficient') return 'warn';
  return 'muted';
}

/** 0 = worst. Errors first (no verdict), then blocking outcomes, warnings, waived, skipped, passed. */
export function rankOf(r: Pick<Result, 'status' | 'blocking'>): number {
  if (r.status === 'error') return 0;
  if (r.blocking) return r.status === 'fail' ? 1 : 2;
  switch (r.status) {
    case 'fail': return 3;
    case 'inconclusive': return 4;
    case 'insufficient': return 5;
    case 'waived': return 6;
    case 'skipped': return 7;
    default: return 8;
  }
}

/** Results that need a reader's attention: everything but pass, skipped and waived. */
export function needsAttention(r: Pick<Result, 'status' | 'blocking'>): boolean {
  return r.status !== 'pass' && r.status !== 'skipped' && r.status !== 'waived';
}

/** Stable worst-first order; ties keep report order. */
export function worstFirst<T extends Pick<Result, 'status' | 'blocking'>>(results: readonly T[]): T[] {
  return results
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rankOf(a.r) - rankOf(b.r) || a.i - b.i)
    .map((x) => x.r);
}

export const VERDICT_WORD: Record<Report['verdict'], string> = { pass: 'PASSED', fail: 'FAILED', error: 'NO VERDICT' };

/** `11 passed, 2 failed, 1 waived` — zero counts left out, except `passed`. */
export function countsPhrase(s: Summary): string {
  const parts = [`${s.passed} passed`];
  if (s.failed) parts.push(`${s.failed} failed`);
  if (s.warned) parts.push(plural(s.warned, 'warning'));
  if (s.inconclusive) parts.push(`${s.inconclusive} inconclusive`);
  if (s.insufficient) parts.push(`${s.insufficient} insufficient`);
  if (s.waived) parts.push(`${s.waived} waived`);
  if (s.skipped) parts.push(`${s.skipped} skipped`);
  if (s.errors) parts.push(plural(s.errors, 'error'));
  return parts.join(', ');
}

/** `14 gates: 11 passed, 2 failed, 1 waived — FAILED (exit 1)`. */
export function summaryLine(report: Pick<Report, 'summary' | 'verdict' | 'exitCode'>, dash = '—'): string {
  return `${plural(report.summary.gates, 'gate')}: ${countsPhrase(report.summary)} ${dash} ${VERDICT_WORD[report.verdict]} (exit ${report.exitCode})`;
}

/** `credit-risk@3.2.0`, or the metadata file name when the model is unnamed. */
export function modelLabel(model: Report['model']): string {
  const name = model.name ?? model.file;
  return model.version ? `${name}@${model.version}` : name;
}

export const CATEGORY_ORDER: readonly Category[] = ['lineage', 'performance', 'fairness', 'explainability', 'data'];
export const CATEGORY_TITLE: Record<Category, string> = {
  lineage: 'Lineage', performance: 'Performance', fairness: 'Fairness', explainability: 'Explainability', data: 'Data quality',
};

/**
 * What a gate measures when its check left `subject` empty (dataset-wide shares): a reader scanning
 * the subject column sees what the number is about instead of a blank.
 */
const SUBJECT_BY_METRIC: Record<string, string> = {
  explanation_coverage: 'all rows',
  explained_features: 'features',
  explanation_additivity: 'explained rows',
};

export function subjectOf(r: Pick<Result, 'subject' | 'metric'>): string | null {
  if (r.subject) return r.subject;
  return (r.metric && SUBJECT_BY_METRIC[r.metric]) || null;
}
