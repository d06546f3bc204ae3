/**
 * Post-processing as a short ordered list of small named steps (STYLE habit 7), then the summary,
 * verdict and exit code as pure functions of the results.
 */
import type { Defaults, Waiver } from '../config/types.js';
import type { Report, Result, Summary, Verdict, WaiverInfo } from '../report/model.js';

export interface PolicyForResult {
  settings: Defaults;
}

/** `--fail-on warning` makes every non-passing gate block, whatever its severity. */
export type FailOn = 'error' | 'warning';

/** Step: decide `blocking` from status, severity and the policy's on_inconclusive/on_insufficient. */
export function applyBlocking(result: Result, settings: Defaults, failOn: FailOn): Result {
  const counts = result.severity === 'error' || failOn === 'warning';
  let blocking = false;
  if (result.status === 'fail') blocking = counts;
  else if (result.status === 'inconclusive') blocking = counts && (settings.on_inconclusive === 'fail' || (failOn === 'warning' && settings.on_inconclusive === 'warn'));
  else if (result.status === 'insufficient') blocking = counts && (settings.on_insufficient === 'fail' || (failOn === 'warning' && settings.on_insufficient === 'warn'));
  return { ...result, blocking };
}

export function waiverInfo(w: Waiver): WaiverInfo {
  const info: WaiverInfo = { check: w.check, reason: w.reason, expires: w.expires, location: w.location };
  if (w.approved_by !== undefined) info.approved_by = w.approved_by;
  if (w.ticket !== undefined) info.ticket = w.ticket;
  if (w.subject !== undefined) info.subject = w.subject;
  return info;
}

/** A waiver applies through the end of its `expires` day (UTC). */
export function isExpired(w: Waiver, today: string): boolean {
  return w.expires < today;
}

/** Waivers for `checkId` (an ID; slugs were resolved by the loader) that are still active. */
export function activeWaivers(waivers: Waiver[], checkId: string, today: string): Waiver[] {
  return waivers.filter((w) => w.check === checkId && !isExpired(w, today));
}

const WAIVABLE = new Set(['fail', 'inconclusive', 'insufficient']);

/** Step: a waiver (whole check, or the result's own subject) turns a non-passing result into `waived`. */
export function applyWaiver(result: Result, waivers: Waiver[], used: Set<Waiver>): Result {
  if (!WAIVABLE.has(result.status)) return result;
  const w = waivers.find((x) => x.subject === undefined || x.subject === result.subject);
  if (!w) return result;
  used.add(w);
  return { ...result, status: 'waived', blocking: false, waiver: waiverInfo(w) };
}

const STATUS_RANK: Record<string, number> = { error: 0, fail: 1, insufficient: 2, inconclusive: 3, waived: 4, skipped: 5, pass: 6 };

/** Worst first is for annotations; the report keeps policy order, which the engine already has. */
export function byWorst(a: Result, b: Result): number {
  return (Number(b.blocking) - Number(a.blocking)) || STATUS_RANK[a.status]! - STATUS_RANK[b.status]!;
}

export function summarize(results: Result[]): Summary {
  const s: Summary = { gates: results.length, passed: 0, failed: 0, warned: 0, inconclusive: 0, insufficient: 0, waived: 0, skipped: 0, errors: 0 };
  for (const r of results) {
    switch (r.status) {
      case 'pass': s.passed++; break;
      case 'fail': if (r.blocking) s.failed++; else s.warned++; break;
      case 'inconclusive': s.inconclusive++; break;
      case 'insufficient': s.insufficient++; break;
      case 'waived': s.waived++; break;
      case 'skipped': s.skipped++; break;
      case 'error': s.errors++; break;
    }
  }
  return s;
}

/** Exit code as a pure function of the report (STYLE habit 10): errors win, then blocking results. */
export function exitCodeOf(report: Pick<Report, 'results' | 'errors'>): 0 | 1 | 2 {
  if (report.errors.length > 0 || report.results.some((r) => r.status === 'error')) return 2;
  if (report.results.some((r) => r.blocking)) return 1;
  return 0;
}

export function verdictOf(code: 0 | 1 | 2): Verdict {
  return code === 0 ? 'pass' : code === 1 ? 'fail' : 'error';
}
