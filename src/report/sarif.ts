/**
 * SARIF 2.1.0 (DESIGN §6 sarif) shaped for GitHub code scanning: one rule per check that appears,
 * a result for every gate that did not pass (fail, error, inconclusive, insufficient) and for
 * waived ones as suppressed results, each located at the policy line that set the threshold (or
 * the metadata field), with a relative URI against %SRCROOT% and a partialFingerprint that does not
 * depend on line numbers, so editing a policy does not reopen alerts.
 */
import { createHash } from 'node:crypto';
import { fmtInterval, fmtIntervalKind, fmtNum, fmtThreshold } from './format.js';
import type { Report, Result, WaiverInfo } from './model.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
type Level = 'error' | 'warning' | 'note';

/** A relative path becomes a percent-encoded URI reference (resolved against %SRCROOT%); an absolute one a file: URI. */
export function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  const p = file.replace(/\\/g, '/');
  const enc = (s: string) => s.split('/').map((seg) => (/^[A-Za-z]:$/.test(seg) ? seg : encodeURIComponent(seg))).join('/');
  if (p.startsWith('/')) return { uri: `file://${enc(p)}` };
  if (/^[A-Za-z]:\//.test(p)) return { uri: `file:///${enc(p)}` };
  return { uri: enc(p.replace(/^(\.\/)+/, '')), uriBaseId: '%SRCROOT%' };
}

function physical(file: string, line?: number | null, column?: number | null) {
  const region: Record<string, number> = { startLine: line && line >= 1 ? line : 1 };
  if (column && column >= 1) region.startColumn = column;
  return { physicalLocation: { artifactLocation: artifactLocation(file), region } };
}

export function levelOf(r: Result): Level {
  if (r.status === 'error' || r.blocking) return 'error';
  if (r.status === 'waived') return r.severity === 'error' ? 'error' : 'warning';
  if (r.status === 'fail') return 'warning';
  return 'note';
}

const REPORTED = new Set(['fail', 'error', 'inconclusive', 'insufficient', 'waived']);

function messageOf(r: Result): string {
  const facts = [
    r.observed !== null ? `observed ${fmtNum(r.observed)}` : '',
    r.threshold ? `threshold ${fmtThreshold(r.threshold, r.comparator)}` : '',
    r.interval ? `${fmtIntervalKind(r.interval)} interval ${fmtInterval(r.interval)}` : '',
  ].filter(Boolean).join(', ');
  const status = r.status === 'fail' && !r.blocking ? 'warning' : r.status;
  return `${r.checkId} ${status}${r.subject ? ` (${r.subject})` : ''}: ${r.message}${facts ? ` [${facts}]` : ''}`;
}

function justification(w: WaiverInfo): string {
  const who = [w.approved_by && `approved by ${w.approved_by}`, w.ticket && `ticket ${w.ticket}`].filter(Boolean).join(', ');
  return `${w.reason} (expires ${w.expires}${who ? `; ${who}` : ''})`;
}

function fingerprint(report: Report, r: Result, occurrence: number): string {
  const key = [report.model.name ?? report.model.file, r.checkId, r.metric ?? '', r.subject ?? '', String(occurrence)].join('\u0000');
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

export function renderSarif(report: Report): string {
  const reported = report.results.filter((r) => REPORTED.has(r.status));
  const ids = [...new Set(report.results.map((r) => r.checkId))].sort();
  const rules = ids.map((id) => {
    const first = report.results.find((r) => r.checkId === id)!;
    return {
      id, name: first.slug,
      shortDescription: { text: first.title },
      fullDescription: { text: `${first.title} (${first.category} gate, modelgate ${id}).` },
      helpUri: first.docsUrl,
      help: { text: `${id} ${first.slug}: see ${first.docsUrl}`, markdown: `[${id} ${first.slug}](${first.docsUrl})` },
      defaultConfiguration: { level: first.severity === 'error' ? 'error' : 'warning' },
      properties: { tags: ['modelgate', 'ml-model-gate', first.category] },
    };
  });
  const seen = new Map<string, number>();
  const results = reported.map((r) => {
    const k = `${r.checkId}\u0000${r.metric}\u0000${r.subject}`;
    const occurrence = (seen.get(k) ?? 0) + 1;
    seen.set(k, occurrence);
    const loc = r.location ?? { file: report.model.file, line: 1 };
    return {
      ruleId: r.checkId,
      ruleIndex: ids.indexOf(r.checkId),
      level: levelOf(r),
      message: { text: messageOf(r) },
      locations: [physical(loc.file, loc.line, loc.column)],
      partialFingerprints: { 'modelgateFinding/v1': fingerprint(report, r, occurrence) },
      ...(r.status === 'waived' && r.waiver ? {
        suppressions: [{ kind: 'external', status: 'accepted', justification: justification(r.waiver), location: physical(r.waiver.location.file, r.waiver.location.line, r.waiver.location.column) }],
      } : {}),
      properties: {
        status: r.status, blocking: r.blocking, severity: r.severity, category: r.category, metric: r.metric, subject: r.subject,
        observed: r.observed, threshold: r.threshold, interval: r.interval, sampleSize: r.sampleSize,
        groupsNotPassing: r.groups.filter((g) => g.status !== 'pass').slice(0, 100).map((g) => g.subject),
      },
    };
  });
  const waiverNote = (w: WaiverInfo, what: string) => ({
    level: 'warning', message: { text: `Waiver for ${[w.check, w.subject].filter(Boolean).join(' ') || 'a check'} ${what}: ${w.reason}` },
    locations: [physical(w.location.file, w.location.line, w.location.column)],
  });
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: report.tool.name, version: report.tool.version, semanticVersion: report.tool.version, informationUri: docsRoot(report), rules } },
      invocations: [{
        executionSuccessful: report.exitCode !== 2,
        exitCode: report.exitCode,
        toolExecutionNotifications: report.errors.map((e) => ({
          level: 'error', message: { text: `${e.checkId ? `${e.checkId}: ` : ''}${e.message}` },
          ...(e.file ? { locations: [physical(e.file, e.line)] } : {}),
        })),
        toolConfigurationNotifications: [
          ...(report.waivers?.expired ?? []).map((w) => waiverNote(w, `expired on ${w.expires}`)),
          ...(report.waivers?.unused ?? []).map((w) => waiverNote(w, 'matched no result')),
        ],
      }],
      columnKind: 'utf16CodeUnits',
      results,
      properties: {
        verdict: report.verdict, summary: report.summary,
        model: { name: report.model.name, version: report.model.version, sha256: report.model.sha256 },
        dataset: { path: report.dataset.path, sha256: report.dataset.sha256, rows: report.dataset.rows },
      },
    }],
  };
  // Key order is as written above; undefined members go and non-finite numbers become null.
  return JSON.stringify(canonicalizeKeepOrder(sarif), null, 2) + '\n';
}

function canonicalizeKeepOrder(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (Array.isArray(v)) return v.map(canonicalizeKeepOrder);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, canonicalizeKeepOrder(x)]));
  }
  return v;
}

function docsRoot(report: Report): string | undefined {
  const u = report.results[0]?.docsUrl;
  return u ? u.replace(/#.*$/, '') : undefined;
}
