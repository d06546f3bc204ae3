/**
 * Merging policy layers (DESIGN §2.3): maps merge key-wise (deep for `columns.explanations`),
 * `checks` concatenate with a later entry of the same identity replacing the earlier one in place,
 * waivers concatenate.
 */
import type { CheckEntry, Columns, Defaults, Waiver } from './types.js';
import { DEFAULT_COLUMNS, DEFAULTS } from './types.js';
import type { ColumnsInput } from './policy-schema.js';

export interface ResolvedEntry extends CheckEntry {
  /** id + metric + group_metric + sensitive (sorted): what makes two entries "the same gate". */
  identity: string;
}

export interface Overlay {
  columns?: ColumnsInput;
  defaults?: Partial<Defaults>;
  checks: ResolvedEntry[];
  waivers: Waiver[];
}

export function entryIdentity(id: string, options: Record<string, unknown>): string {
  const s = options.sensitive;
  const sensitive = typeof s === 'string' ? [s] : Array.isArray(s) ? s.map(String).sort() : null;
  return JSON.stringify([id, options.metric ?? null, options.group_metric ?? null, sensitive]);
}

export function mergeOverlays(overlays: readonly Overlay[]): { columns: Columns; defaults: Defaults; checks: CheckEntry[]; waivers: Waiver[] } {
  let columns: Columns = structuredClone(DEFAULT_COLUMNS);
  let defaults: Defaults = { ...DEFAULTS };
  const checks: ResolvedEntry[] = [];
  const waivers: Waiver[] = [];
  for (const o of overlays) {
    if (o.columns) columns = mergeColumns(columns, o.columns);
    if (o.defaults) defaults = { ...defaults, ...o.defaults };
    for (const entry of o.checks) {
      const i = checks.findIndex((c) => c.identity === entry.identity);
      if (i >= 0) checks[i] = entry;
      else checks.push(entry);
    }
    waivers.push(...o.waivers);
  }
  return { columns, defaults, checks: checks.map(({ identity: _identity, ...entry }) => entry), waivers };
}

function mergeColumns(base: Columns, over: ColumnsInput): Columns {
  const { explanations, ...flat } = over;
  const out: Columns = { ...base, ...flat };
  if (explanations) {
    const { columns: attribution, ...rest } = explanations;
    out.explanations = { ...base.explanations, ...rest };
    if (attribution) out.explanations.columns = { ...base.explanations.columns, ...attribution };
  }
  return out;
}
