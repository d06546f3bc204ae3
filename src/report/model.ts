/**
 * The Report: the one data structure every renderer reads and the JSON contract other tools read
 * (DESIGN §6). Renderers are pure functions of it.
 */
import type { Severity, SourceLocation } from '../config/types.js';

export const SCHEMA_VERSION = 1;

export type Status = 'pass' | 'fail' | 'inconclusive' | 'insufficient' | 'waived' | 'skipped' | 'error';
export const STATUSES: readonly Status[] = ['pass', 'fail', 'inconclusive', 'insufficient', 'waived', 'skipped', 'error'];

export type Category = 'lineage' | 'performance' | 'fairness' | 'explainability' | 'data';

export interface Interval {
  lower: number | null;
  upper: number | null;
  /** Confidence level, e.g. 0.95 (after Bonferroni adjustment when simultaneous). */
  level: number;
  /** wilson | delong | normal | bootstrap | exact ... */
  method: string;
}

export interface Threshold {
  min?: number;
  max?: number;
}

export type Comparator = '>=' | '<=' | '==' | 'between';

export interface GroupResult {
  /** Sensitive column -> value (null for the `(missing)` group). */
  key: Record<string, string | null>;
  /** `race=African-American, sex=Male`. */
  subject: string;
  n: number;
  positives: number | null;
  negatives: number | null;
  value: number | null;
  interval: Interval | null;
  status: Status;
  /** m_g / m_ref for methods with a reference group. */
  disparity?: number | null;
  /** Why the value is null or the group is insufficient. */
  reason?: string;
}

export interface WaiverInfo {
  /** The check the waiver names (additive; renderers show it for expired/unused waivers). */
  check?: string;
  reason: string;
  expires: string;
  approved_by?: string;
  ticket?: string;
  subject?: string;
  location: SourceLocation;
}

export interface Result {
  checkId: string;
  slug: string;
  category: Category;
  title: string;
  severity: Severity;
  status: Status;
  /** True when this result decides exit 1. */
  blocking: boolean;
  message: string;
  metric: string | null;
  subject: string | null;
  observed: number | null;
  interval: Interval | null;
  threshold: Threshold | null;
  comparator: Comparator | null;
  sampleSize: number | null;
  groups: GroupResult[];
  /**
   * The bound each group's own value is held to (MG302 floors, MG401 per-group coverage), or a
   * reference line the check wants drawn on group charts. Absent = groups are not gated one by one,
   * and renderers draw no threshold mark on the group bars (the gate threshold is on another scale).
   */
  groupThreshold?: Threshold | null;
  /** What each group's `value` measures when it differs from `metric` (selection_rate for demographic_parity_ratio). */
  groupMetric?: string | null;
  /** The policy line that set the threshold, or the metadata field for lineage. */
  location: SourceLocation | null;
  docsUrl: string;
  waiver: WaiverInfo | null;
  /** Check-specific extra facts (missing fields, worst rows, ...). Plain JSON. */
  details?: Record<string, unknown>;
}

export interface ReportError {
  /** Check that crashed, or null for run-level errors. */
  checkId: string | null;
  message: string;
  file?: string;
  line?: number;
}

export interface Summary {
  gates: number;
  passed: number;
  failed: number;
  warned: number;
  inconclusive: number;
  insufficient: number;
  waived: number;
  skipped: number;
  errors: number;
}

export type Verdict = 'pass' | 'fail' | 'error';

/** Every metric computed, overall and per group, so --baseline and report diff can compare any. */
export interface MetricsBlock {
  overall: Record<string, MetricValue>;
  /** subject string of the grouping (`race`, `race × sex`) -> group subject -> metric -> value. */
  groups: Record<string, Record<string, Record<string, MetricValue>>>;
}

export interface MetricValue {
  value: number | null;
  interval?: Interval | null;
  n?: number;
}

export interface Report {
  schemaVersion: number;
  tool: { name: string; version: string };
  run: { startedAt: string; durationMs: number; git: { sha: string | null; dirty: boolean | null } };
  model: { name: string | null; version: string | null; file: string; sha256: string };
  dataset: { path: string; format: string; sha256: string; rows: number; columns: number };
  policy: { files: string[]; sha256: string; environment: string | null };
  summary: Summary;
  verdict: Verdict;
  exitCode: 0 | 1 | 2;
  results: Result[];
  errors: ReportError[];
  metrics: MetricsBlock;
  /** Waivers that are expired or matched nothing (reported, DESIGN §5). */
  waivers?: { expired: WaiverInfo[]; unused: WaiverInfo[] };
}
