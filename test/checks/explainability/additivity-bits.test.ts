/**
 * MG403's row loop against the code it replaced (additivity-old.ts, verbatim): every count, the
 * largest residual, the worst rows and the base tally must be the same bits (Object.is), on random
 * and adversarial data: NaN, ±Infinity, −0, sums that overflow from finite cells, missing cells,
 * scores of 0, 1 and outside [0, 1], empty, one-row and all-missing batches, several batches.
 */
import { describe, expect, it } from 'vitest';
import { AdditivityAccumulator, type AdditivityConfig } from '../../../src/checks/explainability/additivity.js';
import type { OutputSpace } from '../../../src/config/types.js';
import type { Column, Dataset } from '../../../src/data/dataset.js';
import { rng } from '../../support/rng.js';
import { bitDiffs } from '../../support/same-bits.js';
import { OldAdditivityAccumulator } from './additivity-old.js';

const CELLS = [NaN, Infinity, -Infinity, -0, 0, 1e308, -1e308, 1.7e308, 5e-324, 1e16, 1, -1, 0.1, 2 ** -30];
const SCORES = [0, 1, -0, NaN, Infinity, -Infinity, 0.5, 1e-300, 1 - 2 ** -53, 1.5, -0.25, 5e-324];

type Kind = 'random' | 'adversarial' | 'all-missing';

function makeBatch(r: () => number, rows: number, m: number, kind: Kind, withValid: boolean): Dataset {
  const columns = new Map<string, Column>();
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const cell = () => (kind === 'adversarial' && r() < 0.3 ? pick(CELLS) : (r() - 0.5) * 2);
  const valid = () => {
    if (!withValid && kind !== 'all-missing') return null;
    const v = new Uint8Array(rows);
    for (let i = 0; i < rows; i++) v[i] = kind === 'all-missing' ? 0 : r() < 0.1 ? 0 : 1;
    return v;
  };
  for (let k = 0; k < m; k++) {
    const name = `shap_${k}`;
    columns.set(name, { kind: 'number', name, values: Float64Array.from({ length: rows }, cell), valid: valid() });
  }
  const score = Float64Array.from({ length: rows }, () => (kind === 'adversarial' && r() < 0.2 ? pick(SCORES) : r()));
  // Half the rows additive in log-odds with base -0.5 (the rest fail one way or another).
  const first = columns.get('shap_0');
  if (first?.kind === 'number') {
    for (let i = 0; i < rows; i++) {
      if (r() < 0.5 || !(score[i]! > 0 && score[i]! < 1)) continue;
      let rest = 0;
      for (let k = 1; k < m; k++) rest += (columns.get(`shap_${k}`) as { values: Float64Array }).values[i]!;
      first.values[i] = Math.log(score[i]!) - Math.log1p(-score[i]!) + 0.5 - rest;
    }
  }
  columns.set('score', { kind: 'number', name: 'score', values: score, valid: r() < 0.5 ? valid() : null });
  const base = Float64Array.from({ length: rows }, () => (kind === 'adversarial' && r() < 0.1 ? pick(CELLS) : r() < 0.9 ? -0.5 : -0.5 + r() * 1e-3));
  columns.set('shap_base', { kind: 'number', name: 'shap_base', values: base, valid: valid() });
  const codes = Int32Array.from({ length: rows }, () => Math.floor(r() * 4) - 1);
  columns.set('id', { kind: 'category', name: 'id', codes, dictionary: ['x', 'y', 'z'] });
  columns.set('num_id', { kind: 'number', name: 'num_id', values: Float64Array.from({ length: rows }, (_, i) => i * 1.5), valid: valid() });
  return { rows, columns };
}

function both(cfg: AdditivityConfig, data: Dataset[]) {
  const now = new AdditivityAccumulator(cfg);
  const old = new OldAdditivityAccumulator(cfg);
  let offset = 0;
  for (const d of data) {
    now.add(d, offset);
    old.add(d, offset);
    offset += d.rows;
  }
  return { now: now.result(), old: old.result() };
}

const SPACES: OutputSpace[] = ['log_odds', 'probability', 'raw'];

describe('AdditivityAccumulator equals the previous row loop bit for bit', () => {
  for (let trial = 0; trial < 60; trial++) {
    const r = rng(1000 + trial);
    const kind: Kind = trial % 3 === 0 ? 'random' : 'adversarial';
    const m = [1, 3, 10, 2][trial % 4]!;
    const withValid = trial % 5 < 2;
    const cfg: AdditivityConfig = {
      attributionColumns: Array.from({ length: m }, (_, k) => `shap_${k}`),
      baseColumn: trial % 2 === 0 ? 'shap_base' : null,
      baseConstant: trial % 2 === 0 ? null : -0.5,
      outputColumn: 'score',
      outputSpace: SPACES[trial % 3]!,
      idColumn: [null, 'id', 'num_id'][trial % 3]!,
      atol: trial % 7 === 0 ? 0 : 1e-9,
      rtol: trial % 4 === 0 ? 0 : 1e-9,
      worst: [10, 0, 1, 1000][trial % 4]!,
    };
    it(`trial ${trial}: ${kind}, ${m} columns, ${cfg.outputSpace}, base ${cfg.baseColumn ?? 'constant'}, validity ${withValid}`, () => {
      const sizes = [0, 1, 257, 3000, 1, 0, 1500];
      const data = sizes.map((n, b) => makeBatch(r, n, m, b === 4 ? 'all-missing' : kind, withValid));
      const { now, old } = both(cfg, data);
      expect(bitDiffs(now, old)).toEqual([]);
      if (kind === 'random') expect(old.passed).toBeGreaterThan(100);
    });
  }

  it('keeps −0 and the sign of a zero sum: −0 cells sum to +0 as in the row loop', () => {
    const name = (k: number) => `shap_${k}`;
    const columns = new Map<string, Column>();
    for (let k = 0; k < 2; k++) columns.set(name(k), { kind: 'number', name: name(k), values: Float64Array.of(-0, -0, 1e308, Infinity), valid: null });
    columns.set('score', { kind: 'number', name: 'score', values: Float64Array.of(-0, 0, 0.5, 0.5), valid: null });
    const cfg: AdditivityConfig = { attributionColumns: [name(0), name(1)], baseColumn: null, baseConstant: -0, outputColumn: 'score', outputSpace: 'probability', idColumn: null, atol: 0, rtol: 0, worst: 10 };
    const { now, old } = both(cfg, [{ rows: 4, columns }]);
    expect(bitDiffs(now, old)).toEqual([]);
    // Rows 1-2 pass (0 = ±0), row 3 overflows to +∞ from finite cells (explained, fails), row 4 is not explained.
    expect(now).toMatchObject({ explained: 3, checked: 3, passed: 2, maxAbsResidual: Infinity });
  });
});
