/**
 * JUnit XML (DESIGN §6 junit), in the dialect Jenkins, GitLab, mikepenz/action-junit-report and
 * dorny/test-reporter all read: <testsuites> > <testsuite name tests failures errors skipped time>
 * > <testcase name classname time file line> with at most one <failure>/<error>/<skipped>, then
 * <system-out>. Every count attribute is present and every `time` is 0 (deterministic).
 *
 * Convention: a JUnit failure is exactly a result that makes modelgate exit 1 (`blocking`), and an
 * <error> exactly one that makes it exit 2. A non-blocking fail (WARN) or a non-blocking
 * inconclusive/insufficient is a passing testcase with a <system-out> note, because every JUnit
 * consumer turns a failure into a red build or an error annotation, and the test report must not
 * disagree with the gate's own exit code. Waived and skipped results are <skipped>.
 */
import { fmtCount, fmtInterval, fmtIntervalKind, fmtNum, fmtThreshold } from './format.js';
import type { Report, Result } from './model.js';
import { displayResult, modelLabel, rankOf } from './status.js';
import { attrs, escapeXmlText } from './xml.js';

const MAX_GROUPS_LISTED = 50;

interface Case {
  name: string;
  classname: string;
  file?: string;
  line?: number;
  properties: [string, string][];
  outcome: { tag: 'failure' | 'error' | 'skipped'; message: string; type?: string; body?: string } | null;
  systemOut?: string;
}

export function renderJunit(report: Report): string {
  return renderJunitReports([report]);
}

/** Several models' reports (e.g. `modelgate check` over a project config) in one file. */
export function renderJunitReports(reports: readonly Report[]): string {
  const suites = reports.flatMap(suitesOf);
  const total = (k: 'tests' | 'failures' | 'errors' | 'skipped') => suites.reduce((a, s) => a + s[k], 0);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'modelgate', tests: total('tests'), failures: total('failures'), errors: total('errors'), skipped: total('skipped'), time: 0 })}>`];
  for (const s of suites) out.push(...s.xml);
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}

/** `modelgate.credit-risk.fairness`: dots and spaces in a model name would split the hierarchy. */
export function classnameOf(report: Report, category: string): string {
  const model = (report.model.name ?? report.model.file).replace(/[.\s]+/g, '_');
  return `modelgate.${model}.${category}`;
}

/** Stable, number-free testcase name: `MG301 group-disparity: demographic_parity_ratio across race`. */
export function testcaseName(r: Result): string {
  const subject = r.subject ? `${r.category === 'fairness' && !r.subject.includes('=') ? 'across' : 'for'} ${r.subject}` : '';
  const tail = [r.metric ?? '', subject].filter(Boolean).join(' ');
  return `${r.checkId} ${r.slug}${tail ? `: ${tail}` : ''}`;
}

function suitesOf(report: Report) {
  const byClass = new Map<string, Case[]>();
  const add = (c: Case) => (byClass.get(c.classname) ?? byClass.set(c.classname, []).get(c.classname)!).push(c);
  for (const r of report.results) add(caseOf(report, r));
  const shown = new Set(report.results.filter((r) => r.status === 'error').map((r) => `${r.checkId}\u0000${r.message}`));
  for (const e of report.errors) {
    if (shown.has(`${e.checkId}\u0000${e.message}`)) continue;
    add({
      name: `${e.checkId ?? 'run'} error`, classname: classnameOf(report, 'run'), file: e.file, line: e.line, properties: [],
      outcome: { tag: 'error', type: e.checkId ?? 'error', message: e.message, body: e.message },
    });
  }
  return [...byClass.entries()].map(([classname, cases]) => suiteXml(report, classname, uniqueNames(cases)));
}

function uniqueNames(cases: Case[]): Case[] {
  const seen = new Map<string, number>();
  return cases.map((c) => {
    const n = (seen.get(c.name) ?? 0) + 1;
    seen.set(c.name, n);
    return n === 1 ? c : { ...c, name: `${c.name} (${n})` };
  });
}

function caseOf(report: Report, r: Result): Case {
  const c: Case = {
    name: testcaseName(r), classname: classnameOf(report, r.category),
    file: r.location?.file, line: r.location?.line, properties: propertiesOf(r), outcome: null,
  };
  const body = detailText(r);
  const summary = `${displayResult(r)}: ${r.message}`;
  if (r.status === 'error') c.outcome = { tag: 'error', type: r.checkId, message: r.message, body };
  else if (r.blocking) c.outcome = { tag: 'failure', type: r.checkId, message: summary, body };
  else if (r.status === 'waived' && r.waiver) {
    const w = r.waiver;
    const who = [w.approved_by && `approved by ${w.approved_by}`, w.ticket && `ticket ${w.ticket}`].filter(Boolean).join(', ');
    c.outcome = { tag: 'skipped', message: `waived until ${w.expires}${who ? ` (${who})` : ''}: ${w.reason}` };
    c.systemOut = body;
  } else if (r.status === 'waived' || r.status === 'skipped') c.outcome = { tag: 'skipped', message: r.message };
  else if (r.status !== 'pass') c.systemOut = `${displayResult(r)} (not blocking): ${body}`;
  return c;
}

function detailText(r: Result): string {
  const lines = [r.message, ''];
  const row = (k: string, v: string) => lines.push(`${`${k}:`.padEnd(11)}${v}`);
  if (r.metric) row('metric', r.metric);
  if (r.subject) row('subject', r.subject);
  row('observed', fmtNum(r.observed));
  if (r.threshold) row('threshold', fmtThreshold(r.threshold, r.comparator));
  if (r.interval) row('interval', `${fmtInterval(r.interval)} (${fmtIntervalKind(r.interval)})`);
  if (r.sampleSize !== null) row('rows', fmtCount(r.sampleSize));
  row('severity', `${r.severity}${r.blocking ? ' (blocking)' : ''}`);
  if (r.location) row('policy', `${r.location.file}:${r.location.line}`);
  row('docs', r.docsUrl);
  const bad = r.groups.map((g, i) => ({ g, i })).filter((x) => x.g.status !== 'pass')
    .sort((a, b) => rankOf({ status: a.g.status, blocking: true }) - rankOf({ status: b.g.status, blocking: true }) || a.i - b.i);
  if (bad.length) {
    lines.push('', 'groups that did not pass:');
    for (const { g } of bad.slice(0, MAX_GROUPS_LISTED)) {
      lines.push(`  ${g.subject}  n=${fmtCount(g.n)}  ${fmtNum(g.value)} ${g.interval ? fmtInterval(g.interval) : ''}  ${g.status.toUpperCase()}${g.reason ? ` (${g.reason})` : ''}`);
    }
    if (bad.length > MAX_GROUPS_LISTED) lines.push(`  … and ${fmtCount(bad.length - MAX_GROUPS_LISTED)} more (see the JSON report)`);
  }
  return lines.join('\n');
}

function propertiesOf(r: Result): [string, string][] {
  const p: [string, string][] = [['check', r.checkId], ['slug', r.slug], ['status', r.status], ['severity', r.severity], ['blocking', String(r.blocking)]];
  const num = (k: string, v: number | null | undefined) => { if (typeof v === 'number' && Number.isFinite(v)) p.push([k, String(v)]); };
  if (r.metric) p.push(['metric', r.metric]);
  if (r.subject) p.push(['subject', r.subject]);
  num('observed', r.observed);
  num('threshold.min', r.threshold?.min);
  num('threshold.max', r.threshold?.max);
  num('interval.lower', r.interval?.lower);
  num('interval.upper', r.interval?.upper);
  num('interval.level', r.interval?.level);
  num('sampleSize', r.sampleSize);
  if (r.groups.length) num('groups', r.groups.length);
  p.push(['docs', r.docsUrl]);
  return p;
}

function suiteXml(report: Report, name: string, cases: Case[]) {
  const count = (tag: string) => cases.filter((c) => c.outcome?.tag === tag).length;
  const s = { tests: cases.length, failures: count('failure'), errors: count('error'), skipped: count('skipped') };
  const xml = [`  <testsuite${attrs({ name, ...s, time: 0 })}>`, '    <properties>'];
  const suiteProps: [string, string | number | null][] = [
    ['model', modelLabel(report.model)], ['model.file', report.model.file], ['model.sha256', report.model.sha256],
    ['dataset.path', report.dataset.path], ['dataset.format', report.dataset.format], ['dataset.sha256', report.dataset.sha256],
    ['dataset.rows', report.dataset.rows], ['policy.files', report.policy.files.join(', ')], ['policy.environment', report.policy.environment],
    ['verdict', report.verdict], ['exitCode', report.exitCode], ['tool.version', report.tool.version],
  ];
  for (const [k, v] of suiteProps) if (v !== null && v !== '') xml.push(`      <property${attrs({ name: k, value: String(v) })}/>`);
  xml.push('    </properties>');
  for (const c of cases) xml.push(...caseXml(c));
  xml.push('  </testsuite>');
  return { ...s, xml };
}

function caseXml(c: Case): string[] {
  const open = `    <testcase${attrs({ name: c.name, classname: c.classname, time: 0, file: c.file, line: c.line })}`;
  const inner: string[] = [];
  if (c.properties.length) {
    inner.push('      <properties>', ...c.properties.map(([k, v]) => `        <property${attrs({ name: k, value: v })}/>`), '      </properties>');
  }
  const o = c.outcome;
  if (o) {
    const head = `      <${o.tag}${attrs({ message: o.message, type: o.type })}`;
    inner.push(o.body ? `${head}>${escapeXmlText(o.body)}</${o.tag}>` : `${head}/>`);
  }
  if (c.systemOut) inner.push(`      <system-out>${escapeXmlText(c.systemOut)}</system-out>`);
  return inner.length ? [`${open}>`, ...inner, '    </testcase>'] : [`${open}/>`];
}
