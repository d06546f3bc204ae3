/**
 * Normalized configuration, as the engine sees it. The zod schemas in this folder parse what users
 * write (z.input) into these shapes (z.output); keep the two in step.
 */

export type Severity = 'error' | 'warning';
export type Task = 'binary_classification' | 'multiclass_classification' | 'regression';
export type OutputSpace = 'probability' | 'log_odds' | 'raw';

/** Where something was written: file and 1-based line/column. */
export interface SourceLocation {
  file: string;
  line: number;
  column?: number;
}

// ---------------------------------------------------------------- model metadata (DESIGN §2.1)

export interface DataRef {
  uri?: string;
  sha256?: string;
  rows?: number;
  snapshot_date?: string;
}

export interface ModelMeta {
  name?: string;
  version?: string;
  task?: Task;
  positive_label?: string | number | boolean;
  owner?: string;
  created_at?: string;
  risk_tier?: 'low' | 'medium' | 'high' | 'critical';
  intended_use?: string;
  features?: string[];
  artifact?: { uri?: string; sha256?: string };
  lineage?: {
    training_data?: DataRef[];
    evaluation_data?: DataRef;
    code?: { repository?: string; commit?: string };
    hyperparameters?: Record<string, unknown>;
    environment?: { runtime?: string; lockfile_sha256?: string };
    training_run_id?: string;
    parent_model?: string;
  };
  explainability?: { method?: string; output_space?: OutputSpace; base_value?: number };
}

export interface LoadedModel {
  meta: ModelMeta;
  /** Path of the metadata file as given. */
  file: string;
  format: 'yaml' | 'json' | 'mlflow' | 'hf-card';
  /** sha256 of the metadata file bytes. */
  sha256: string;
  /** The parsed document before normalization (for MG101 paths the schema does not model). */
  raw: unknown;
  /** Line/column of a dotted path (`lineage.code.commit`, `lineage.training_data[0].sha256`), if present. */
  locate(path: string): SourceLocation | null;
}

// ---------------------------------------------------------------- policy (DESIGN §2.3)

export interface Defaults {
  severity: Severity;
  min_group_size: number;
  min_group_positives: number;
  min_group_negatives: number;
  on_insufficient: 'warn' | 'fail' | 'ignore';
  decision: 'point' | 'interval';
  confidence: number;
  on_inconclusive: 'pass' | 'warn' | 'fail';
  on_invalid_rows: 'error' | 'drop';
}

export const DEFAULTS: Defaults = {
  severity: 'error',
  min_group_size: 30,
  min_group_positives: 10,
  min_group_negatives: 10,
  on_insufficient: 'warn',
  decision: 'point',
  confidence: 0.95,
  on_inconclusive: 'warn',
  on_invalid_rows: 'error',
};

export interface Columns {
  label: string;
  prediction: string;
  score: string;
  id: string;
  sensitive: string[];
  /** Derives prediction = score >= threshold when there is no prediction column. */
  threshold: number;
  explanations: {
    prefix: string;
    /** Explicit attribution columns: feature -> column. When set, the prefix is not used. */
    columns?: Record<string, string>;
    base_value: string;
    output_space?: OutputSpace;
  };
  baseline_prediction: string;
  baseline_score: string;
}

export const DEFAULT_COLUMNS: Columns = {
  label: 'label',
  prediction: 'prediction',
  score: 'score',
  id: 'id',
  sensitive: [],
  threshold: 0.5,
  explanations: { prefix: 'shap_', base_value: 'shap_base_value' },
  baseline_prediction: 'baseline_prediction',
  baseline_score: 'baseline_score',
};

/** One `checks:` entry after merging. Options are validated by the check's own schema. */
export interface CheckEntry {
  /** Canonical ID (slugs are resolved to IDs by the loader). */
  id: string;
  /** Entry's own severity, if written; else the defaults' severity. */
  severity?: Severity;
  /** Per-entry overrides of `defaults` keys (min_group_size, decision, ...). */
  overrides: Partial<Defaults>;
  /** Check-specific options (everything else written in the entry). */
  options: Record<string, unknown>;
  /** Where the entry starts. */
  location: SourceLocation;
  /** Where each option key was written (for SARIF/annotations pointing at `min: 0.8`). */
  keyLocations: Record<string, SourceLocation>;
}

export interface Waiver {
  check: string;
  subject?: string;
  reason: string;
  /** ISO date YYYY-MM-DD; the waiver applies through the end of that day (UTC). */
  expires: string;
  approved_by?: string;
  ticket?: string;
  location: SourceLocation;
}

export interface ResolvedPolicy {
  /** Every policy file that contributed, in merge order (extends first). */
  files: string[];
  /** sha256 over the contributing files' bytes, in order. */
  sha256: string;
  environment: string | null;
  columns: Columns;
  defaults: Defaults;
  checks: CheckEntry[];
  waivers: Waiver[];
}

/** One model of a project config (`modelgate.yaml`), paths resolved against the config's folder. */
export interface ProjectModel {
  name: string;
  model: string;
  data: string;
  policy: string[];
  baseline?: string;
}

/** `options:` of modelgate.yaml: defaults for `check` (flag > MODELGATE_* > these > built-in). */
export interface ProjectOptions {
  fail_on?: 'error' | 'warning';
  environment?: string;
  only?: string[];
  skip?: string[];
  waivers?: boolean;
  allow_outside_repo?: boolean;
  /** Absolute paths (resolved against the config's folder). */
  reports?: Partial<Record<'json' | 'junit' | 'markdown' | 'html' | 'sarif', string>>;
}

export interface ProjectConfig {
  file: string;
  models: ProjectModel[];
  options?: ProjectOptions;
}
