/**
 * MG403's reduction: SHAP local accuracy per row, |base + Σ attributions − f(x)| ≤ atol + rtol·|f(x)|,
 * folded into counts in one pass (no per-row objects). The same rows are also tested in the other
 * output space (probability <-> log-odds), which is how a space mix-up is recognised.
 */
import type { OutputSpace } from '../../config/types.js';
import type { Dataset } from '../../data/dataset.js';
import { completeRows, numberColumnOf } from './coverage.js';
import { BaseTally, type BaseSummary } from './base-tally.js';

export interface AdditivityConfig {
  attributionColumns: readonly string[];
  /** Per-row base value column; when null, `baseConstant` is every row's base value. */
  baseColumn: string | null;
  baseConstant: number | null;
  /** The model output the explanation must reconstruct (the score, or the prediction for regression). */
  outputColumn: string;
  outputSpace: OutputSpace;
  idColumn: string | null;
  atol: number;
  rtol: number;
  /** How many of the worst failing rows to keep. */
  worst: number;
}

export interface WorstRow {
  /** 1-based data row. */
  row: number;
  id: string | null;
  /** base + Σ attributions − model output in the declared space. */
  residual: number;
  output: number;
  reconstructed: number;
}

export interface AdditivityResult {
  rows: number;
  /** Rows with a complete explanation (MG401's numerator). */
  explained: number;
  /** Explained rows whose residual could be computed. */
  checked: number;
  passed: number;
  notCheckable: { missing_base: number; missing_output: number; infinite_output: number };
  /** The same test in the other space, over the rows where that space's output is finite. */
  alternative: { space: OutputSpace; checked: number; passed: number };
  /** Largest |residual| over checked rows (0 when none). */
  maxAbsResidual: number;
  worst: WorstRow[];
  base: BaseSummary;
}

export function logit(p: number): number {
  // log(p) − log1p(−p) keeps precision near both ends; 0 and 1 give −∞ and +∞.
  return Math.log(p) - Math.log1p(-p);
}

/** The model output in `space`, given the score (probability) or raw output. */
function toSpace(space: OutputSpace, s: number): number {
  return space === 'log_odds' ? logit(s) : s;
}

export class AdditivityAccumulator {
  private rows = 0;
  private explained = 0;
  private checked = 0;
  private passed = 0;
  private readonly notCheckable = { missing_base: 0, missing_output: 0, infinite_output: 0 };
  private readonly alt: { space: OutputSpace; checked: number; passed: number };
  private maxAbs = 0;
  private worst: WorstRow[] = [];
  private readonly base: BaseTally;

  constructor(private readonly cfg: AdditivityConfig) {
    if (cfg.baseColumn === null && cfg.baseConstant === null) throw new Error('additivity needs a base value');
    this.alt = { space: cfg.outputSpace === 'log_odds' ? 'probability' : 'log_odds', checked: 0, passed: 0 };
    this.base = new BaseTally(cfg.baseColumn === null ? 'metadata' : 'column', cfg.baseConstant, cfg.atol, cfg.rtol);
  }

  add(batch: Dataset, rowOffset: number): void {
    const { cfg } = this;
    const n = batch.rows;
    const mask = completeRows(batch, cfg.attributionColumns);
    const total = sumAttributions(batch, cfg.attributionColumns, n);
    const out = numberColumnOf(batch, cfg.outputColumn);
    const baseCol = cfg.baseColumn === null ? null : numberColumnOf(batch, cfg.baseColumn);
    const idCol = cfg.idColumn === null ? undefined : batch.columns.get(cfg.idColumn);
    this.rows += n;
    for (let i = 0; i < n; i++) {
      if (mask[i] === 0) continue;
      this.explained++;
      let b = cfg.baseConstant as number;
      if (baseCol !== null) {
        b = baseCol.values[i];
        if ((baseCol.valid !== null && baseCol.valid[i] === 0) || !Number.isFinite(b)) {
          this.notCheckable.missing_base++;
          continue;
        }
      }
      const s = out.values[i];
      if ((out.valid !== null && out.valid[i] === 0) || !Number.isFinite(s)) {
        this.notCheckable.missing_output++;
        continue;
      }
      this.base.add(b);
      const reconstructed = addCompensated(total.sum[i], total.comp[i], b);
      const fAlt = toSpace(this.alt.space, s);
      if (Number.isFinite(fAlt)) {
        this.alt.checked++;
        if (within(reconstructed - fAlt, fAlt, cfg)) this.alt.passed++;
      }
      const f = toSpace(cfg.outputSpace, s);
      if (!Number.isFinite(f)) {
        this.notCheckable.infinite_output++;
        continue;
      }
      this.checked++;
      const r = reconstructed - f;
      const abs = Math.abs(r);
      if (!(abs <= this.maxAbs)) this.maxAbs = Number.isNaN(abs) ? Infinity : abs;
      if (within(r, f, cfg)) {
        this.passed++;
        continue;
      }
      this.keepWorst({ row: rowOffset + i + 1, id: idAt(idCol, i), residual: r, output: f, reconstructed });
    }
  }

  private keepWorst(w: WorstRow): void {
    const k = this.cfg.worst;
    if (k <= 0) return;
    const list = this.worst;
    if (list.length === k && !(Math.abs(w.residual) > Math.abs(list[k - 1]!.residual))) return;
    let at = list.length;
    while (at > 0 && Math.abs(list[at - 1]!.residual) < Math.abs(w.residual)) at--;
    list.splice(at, 0, w);
    if (list.length > k) list.pop();
  }

  result(): AdditivityResult {
    return {
      rows: this.rows,
      explained: this.explained,
      checked: this.checked,
      passed: this.passed,
      notCheckable: { ...this.notCheckable },
      alternative: { ...this.alt },
      maxAbsResidual: this.maxAbs,
      worst: this.worst.map((w) => ({ ...w })),
      base: this.base.summary(),
    };
  }
}

function within(r: number, f: number, cfg: { atol: number; rtol: number }): boolean {
  return Math.abs(r) <= cfg.atol + cfg.rtol * Math.abs(f);
}

/**
 * Per-row Σ attributions with Neumaier's compensated summation, column by column (cache-friendly on
 * columnar data). Returned unfinished (running sum + compensation) so the base value joins the same sum.
 */
export function sumAttributions(batch: Dataset, columns: readonly string[], n: number): { sum: Float64Array; comp: Float64Array } {
  const sum = new Float64Array(n);
  const comp = new Float64Array(n);
  for (const name of columns) {
    const { values } = numberColumnOf(batch, name);
    for (let i = 0; i < n; i++) {
      const x = values[i];
      const s = sum[i];
      const t = s + x;
      comp[i] += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
      sum[i] = t;
    }
  }
  return { sum, comp };
}

/** One more Neumaier step, then the compensation is folded in. */
export function addCompensated(sum: number, comp: number, x: number): number {
  const t = sum + x;
  return t + (comp + (Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum));
}

function idAt(col: ReturnType<Dataset['columns']['get']>, i: number): string | null {
  if (col === undefined) return null;
  if (col.kind === 'category') return col.codes[i] < 0 ? null : col.dictionary[col.codes[i]];
  if (col.kind === 'number') return col.valid !== null && col.valid[i] === 0 ? null : String(col.values[i]);
  return null;
}
