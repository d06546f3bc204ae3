/**
 * MG403's reduction: SHAP local accuracy per row, |base + Σ attributions − f(x)| ≤ atol + rtol·|f(x)|,
 * folded into counts in one pass (no per-row objects). The same rows are also tested in the other
 * output space (probability <-> log-odds), which is how a space mix-up is recognised.
 */
import type { OutputSpace } from '../../config/types.js';
import type { Dataset } from '../../data/dataset.js';
import { numberColumnOf } from './coverage.js';
import { BaseTally, type BaseSummary } from './base-tally.js';
import { sumError } from '../../stats/sum.js';

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
  /** rowSum's result (sum, compensation) without an object per call. */
  private readonly exactSum = new Float64Array(2);

  constructor(private readonly cfg: AdditivityConfig) {
    if (cfg.baseColumn === null && cfg.baseConstant === null) throw new Error('additivity needs a base value');
    this.alt = { space: cfg.outputSpace === 'log_odds' ? 'probability' : 'log_odds', checked: 0, passed: 0 };
    this.base = new BaseTally(cfg.baseColumn === null ? 'metadata' : 'column', cfg.baseConstant, cfg.atol, cfg.rtol);
  }

  /**
   * One pass per row: completeness, the compensated sum over the attribution columns (row-major, so
   * the running sum stays in registers; same column order, so the same bits as a column-wise sum),
   * then both space tests. Counters are locals, written back once per batch. Missing cells (by
   * validity) are marked for the batch first; non-finite cells are found from the row's sum.
   */
  add(batch: Dataset, rowOffset: number): void {
    const { cfg } = this;
    const n = batch.rows;
    this.rows += n;
    const m = cfg.attributionColumns.length;
    // An empty explanation is not a complete one: no row is explained.
    if (m === 0) return;
    const cols = cfg.attributionColumns.map((name) => numberColumnOf(batch, name));
    const values = cols.map((c) => c.values);
    const valids = cols.map((c) => c.valid);
    const out = numberColumnOf(batch, cfg.outputColumn);
    const outValues = out.values;
    const outValid = out.valid;
    const baseCol = cfg.baseColumn === null ? null : numberColumnOf(batch, cfg.baseColumn);
    const idCol = cfg.idColumn === null ? undefined : batch.columns.get(cfg.idColumn);
    const constant = cfg.baseConstant as number;
    const declaredLog = cfg.outputSpace === 'log_odds';
    const altLog = this.alt.space === 'log_odds';
    const { atol, rtol } = cfg;
    let explained = 0;
    let checked = 0;
    let passed = 0;
    let altChecked = 0;
    let altPassed = 0;
    let missingBase = 0;
    let missingOutput = 0;
    let infiniteOutput = 0;
    let constantRows = 0;
    let maxAbs = this.maxAbs;
    const incomplete = invalidRows(valids, n);
    const exact = this.exactSum;
    for (let i = 0; i < n; i++) {
      if (incomplete !== null && incomplete[i] !== 0) continue;
      // Neumaier's step without sumError's test for a non-finite sum: a non-finite cell or an
      // overflow leaves the sum non-finite for good (±∞ stays ±∞ or turns NaN, NaN stays NaN), so a
      // finite sum means every step was finite, where sumError computes exactly this expression.
      let sum = 0;
      let comp = 0;
      for (let k = 0; k < m; k++) {
        const x = values[k]![i]!;
        const t = sum + x;
        const v = t - sum;
        comp += sum - (t - v) + (x - v);
        sum = t;
      }
      if (!(sum - sum === 0)) {
        // Rare: redo the row as written, cell by cell (a non-finite cell, or finite cells that overflowed).
        if (!rowSum(values, i, exact)) continue;
        sum = exact[0]!;
        comp = exact[1]!;
      }
      explained++;
      let b = constant;
      if (baseCol !== null) {
        b = baseCol.values[i]!;
        if ((baseCol.valid !== null && baseCol.valid[i] === 0) || !Number.isFinite(b)) {
          missingBase++;
          continue;
        }
      }
      const s = outValues[i]!;
      if ((outValid !== null && outValid[i] === 0) || !Number.isFinite(s)) {
        missingOutput++;
        continue;
      }
      if (baseCol === null) constantRows++;
      else this.base.add(b);
      const reconstructed = addCompensated(sum, comp, b);
      // Exactly one of the two spaces is the log-odds, so logit runs once per row.
      const l = declaredLog || altLog ? logit(s) : s;
      const fAlt = altLog ? l : s;
      if (Number.isFinite(fAlt)) {
        altChecked++;
        if (Math.abs(reconstructed - fAlt) <= atol + rtol * Math.abs(fAlt)) altPassed++;
      }
      const f = declaredLog ? l : s;
      if (!Number.isFinite(f)) {
        infiniteOutput++;
        continue;
      }
      checked++;
      const r = reconstructed - f;
      const abs = Math.abs(r);
      if (!(abs <= maxAbs)) maxAbs = Number.isNaN(abs) ? Infinity : abs;
      if (abs <= atol + rtol * Math.abs(f)) {
        passed++;
        continue;
      }
      this.keepWorst({ row: rowOffset + i + 1, id: idAt(idCol, i), residual: r, output: f, reconstructed });
    }
    if (constantRows > 0) this.base.addRepeated(constant, constantRows);
    this.explained += explained;
    this.checked += checked;
    this.passed += passed;
    this.alt.checked += altChecked;
    this.alt.passed += altPassed;
    this.notCheckable.missing_base += missingBase;
    this.notCheckable.missing_output += missingOutput;
    this.notCheckable.infinite_output += infiniteOutput;
    this.maxAbs = maxAbs;
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

/** One more Neumaier step, then the compensation is folded in. */
export function addCompensated(sum: number, comp: number, x: number): number {
  const t = sum + x;
  return t + (comp + sumError(sum, x, t));
}

function idAt(col: ReturnType<Dataset['columns']['get']>, i: number): string | null {
  if (col === undefined) return null;
  if (col.kind === 'category') return col.codes[i] < 0 ? null : col.dictionary[col.codes[i]];
  if (col.kind === 'number') return col.valid !== null && col.valid[i] === 0 ? null : String(col.values[i]);
  return null;
}

/** 1 for rows with a missing cell in some column (by validity), or null when no column has validity. */
function invalidRows(valids: readonly (Uint8Array | null)[], n: number): Uint8Array | null {
  let out: Uint8Array | null = null;
  for (const valid of valids) {
    if (valid === null) continue;
    out ??= new Uint8Array(n);
    for (let i = 0; i < n; i++) if (valid[i] === 0) out[i] = 1;
  }
  return out;
}

/**
 * Row i's compensated sum exactly as a cell-by-cell loop computes it, into out[0] (sum) and out[1]
 * (compensation); false when a cell is not finite (the row has no complete explanation).
 */
function rowSum(values: readonly Float64Array[], i: number, out: Float64Array): boolean {
  let sum = 0;
  let comp = 0;
  for (let k = 0; k < values.length; k++) {
    const x = values[k]![i]!;
    if (!Number.isFinite(x)) return false;
    const t = sum + x;
    comp += sumError(sum, x, t);
    sum = t;
  }
  out[0] = sum;
  out[1] = comp;
  return true;
}
