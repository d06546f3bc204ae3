/**
 * A binary task's outcome columns (label, prediction, baseline prediction) kept whole as the 0/1
 * bytes each batch's role validation produced (roles.ts), instead of as the columns themselves:
 * 1 byte a row against 8 as numbers (4 as category codes); at 10M rows 140 MB less for a label and
 * a prediction. The buffers live on SharedArrayBuffers, so the rank worker reads the label without
 * a copy. Only when a batch's roles cover every row of it (invalid rows fail the read).
 */
import type { Roles } from '../checks/types.js';
import { grownCapacity, handOut, uint8s } from '../data/builder-buffers.js';
import type { RolePlan } from './roles.js';

type Pick = (roles: Roles) => Float64Array | Uint8Array | null;

export class OutcomeBytes {
  private readonly columns: { name: string; pick: Pick; buf: Uint8Array }[];
  private length = 0;

  constructor(columns: readonly { name: string; pick: Pick }[], private expected: number) {
    this.columns = columns.map((c) => ({ ...c, buf: new Uint8Array(0) }));
  }

  has(name: string): boolean {
    return this.columns.some((c) => c.name === name);
  }

  /** Appends one batch's validated outcomes (`estimate`: the reader's guess of the file's rows). */
  append(roles: Roles, estimate?: number): void {
    if (this.expected === 0 && estimate !== undefined && estimate > 0) this.expected = estimate;
    const at = this.length;
    const n = roles.rows;
    for (const c of this.columns) {
      const values = c.pick(roles);
      if (!(values instanceof Uint8Array) || values.length !== n) throw new Error(`internal: ${c.name} is not a byte column of ${n} rows`);
      if (at + n > c.buf.length) {
        const next = uint8s(grownCapacity(c.buf.length, at + n, this.expected));
        next.set(c.buf.subarray(0, at));
        c.buf = next;
      }
      c.buf.set(values, at);
    }
    this.length = at + n;
  }

  /** Every column's bytes, by name, trimmed; the collector must not be used afterwards. */
  finish(): Map<string, Uint8Array> {
    return new Map(this.columns.map((c) => [c.name, handOut(c.buf, this.length, false)]));
  }
}

/**
 * The collector for a run, or null when the columns are kept as read: not a binary task, invalid
 * rows dropped (the whole is then validated again after the scan), or no outcome column to collect.
 * Columns a check asks for by name (`asked`) stay dataset columns and are not collected.
 */
export function outcomeBytes(plan: RolePlan, onInvalid: 'error' | 'drop', asked: ReadonlySet<string>, expectedRows: number): OutcomeBytes | null {
  if (plan.task !== 'binary_classification' || onInvalid !== 'error') return null;
  const roles: [string | null, Pick][] = [
    [plan.label, (r) => r.label],
    [plan.prediction, (r) => r.prediction],
    [plan.baselinePrediction, (r) => r.baselinePrediction],
  ];
  const columns = new Map<string, Pick>();
  for (const [name, pick] of roles) if (name !== null && !asked.has(name) && !columns.has(name)) columns.set(name, pick);
  return columns.size === 0 ? null : new OutcomeBytes([...columns].map(([name, pick]) => ({ name, pick })), expectedRows);
}
