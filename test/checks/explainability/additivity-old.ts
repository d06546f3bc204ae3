/**
 * MG403's accumulator as it was before the row loop lost its per-cell finiteness test (commit
 * 8e969ec, src/checks/explainability/additivity.ts), kept verbatim as the reference the current
 * code must match bit for bit.
 */
import type { AdditivityConfig, AdditivityResult, WorstRow } from '../../../src/checks/explainability/additivity.js';
import { BaseTally } from '../../../src/checks/explainability/base-tally.js';
import { numberColumnOf } from '../../../src/checks/explainability/coverage.js';
import type { OutputSpace } from '../../../src/config/types.js';
import type { Dataset } from '../../../src/data/dataset.js';
import { sumError } from '../../../src/stats/sum.js';

function logit(p: number): number {
  return Math.log(p) - Math.log1p(-p);
}

export class OldAdditivityAccumulator {
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

  /**
   * One pass per row: completeness, the compensated sum over the attribution columns (row-major, so
   * the running sum stays in registers; same column order, so the same bits as a column-wise sum),
   * then both space tests. Counters are locals, written back once per batch.
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
    const anyValid = valids.some((v) => v !== null);
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
    rows: for (let i = 0; i < n; i++) {
      let sum = 0;
      let comp = 0;
      for (let k = 0; k < m; k++) {
        const x = values[k]![i]!;
        if (!Number.isFinite(x)) continue rows;
        if (anyValid) {
          const v = valids[k]!;
          if (v !== null && v[i] === 0) continue rows;
        }
        const t = sum + x;
        comp += sumError(sum, x, t);
        sum = t;
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
function addCompensated(sum: number, comp: number, x: number): number {
  const t = sum + x;
  return t + (comp + sumError(sum, x, t));
}

function idAt(col: ReturnType<Dataset['columns']['get']>, i: number): string | null {
  if (col === undefined) return null;
  if (col.kind === 'category') return col.codes[i] < 0 ? null : col.dictionary[col.codes[i]];
  if (col.kind === 'number') return col.valid !== null && col.valid[i] === 0 ? null : String(col.values[i]);
  return null;
}
