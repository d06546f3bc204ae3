/**
 * The explainability accumulators' fast paths (one fused row loop, per-code group counts, a
 * repeated base value tallied at once) against a plain per-row reference written here: the
 * straightforward reading of SHAP local accuracy and of the coverage counts. Results must be
 * identical to the bit, on data with missing cells, non-finite values, several batches and
 * groups that first appear in later batches.
 */
import { describe, expect, it } from 'vitest';
import { AdditivityAccumulator, logit, type AdditivityConfig } from '../../src/checks/explainability/additivity.js';
import { BaseTally } from '../../src/checks/explainability/base-tally.js';
import { CoverageAccumulator } from '../../src/checks/explainability/coverage.js';
import { GroupIndex } from '../../src/checks/explainability/groups.js';
import type { CategoryColumn, Column, Dataset, NumberColumn } from '../../src/data/dataset.js';
import { rng } from '../support/rng.js';

const DICT = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];

function makeBatch(r: () => number, rows: number, codesUpTo: number, withValid: boolean): Dataset {
  const columns = new Map<string, Column>();
  for (const name of ['shap_a', 'shap_b', 'shap_c']) {
    const values = new Float64Array(rows);
    const valid = withValid ? new Uint8Array(rows) : null;
    for (let i = 0; i < rows; i++) {
      const u = r();
      values[i] = u < 0.02 ? NaN : u < 0.03 ? Infinity : (r() - 0.5) * 3;
      if (valid !== null) valid[i] = r() < 0.05 ? 0 : 1;
    }
    columns.set(name, { kind: 'number', name, values, valid } as NumberColumn);
  }
  const score = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const u = r();
    score[i] = u < 0.01 ? 0 : u < 0.02 ? 1 : r();
  }
  // Make most rows additive in log-odds space with base -0.25.
  const a = (columns.get('shap_a') as NumberColumn).values;
  for (let i = 0; i < rows; i++) if (r() < 0.7 && score[i]! > 0 && score[i]! < 1) a[i] = logit(score[i]!) + 0.25 - (columns.get('shap_b') as NumberColumn).values[i]! - (columns.get('shap_c') as NumberColumn).values[i]!;
  columns.set('score', { kind: 'number', name: 'score', values: score, valid: null });
  const codes = new Int32Array(rows);
  for (let i = 0; i < rows; i++) codes[i] = Math.floor(r() * (codesUpTo + 1)) - 1;
  columns.set('race', { kind: 'category', name: 'race', codes, dictionary: DICT } as CategoryColumn);
  const codes2 = new Int32Array(rows);
  for (let i = 0; i < rows; i++) codes2[i] = Math.floor(r() * 3);
  columns.set('sex', { kind: 'category', name: 'sex', codes: codes2, dictionary: DICT } as CategoryColumn);
  return { rows, columns };
}

const num = (d: Dataset, n: string) => d.columns.get(n) as NumberColumn;

/** SHAP local accuracy row by row: Neumaier sum over the columns in order, then the base value. */
function reference(batches: Dataset[], cfg: AdditivityConfig) {
  let explained = 0, checked = 0, passed = 0, altChecked = 0, altPassed = 0, infinite = 0, maxAbs = 0;
  const resid: number[] = [];
  for (const d of batches) {
    for (let i = 0; i < d.rows; i++) {
      const xs = cfg.attributionColumns.map((c) => num(d, c));
      if (xs.some((c) => (c.valid !== null && c.valid[i] === 0) || !Number.isFinite(c.values[i]!))) continue;
      explained++;
      let sum = 0, comp = 0;
      for (const x of [...xs.map((c) => c.values[i]!), cfg.baseConstant!]) {
        const t = sum + x;
        comp += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
        sum = t;
      }
      const rec = sum + comp;
      const s = num(d, 'score').values[i]!;
      const f = cfg.outputSpace === 'log_odds' ? logit(s) : s;
      const alt = cfg.outputSpace === 'log_odds' ? s : logit(s);
      if (Number.isFinite(alt)) {
        altChecked++;
        if (Math.abs(rec - alt) <= cfg.atol + cfg.rtol * Math.abs(alt)) altPassed++;
      }
      if (!Number.isFinite(f)) { infinite++; continue; }
      checked++;
      const r = rec - f;
      maxAbs = Math.max(maxAbs, Math.abs(r));
      if (Math.abs(r) <= cfg.atol + cfg.rtol * Math.abs(f)) passed++;
      else resid.push(r);
    }
  }
  return { explained, checked, passed, altChecked, altPassed, infinite, maxAbs, resid };
}

describe('AdditivityAccumulator fused row loop', () => {
  for (const [space, withValid] of [['log_odds', false], ['log_odds', true], ['probability', true]] as const) {
    it(`equals the per-row reference (${space}, validity ${withValid})`, () => {
      const r = rng(space.length * 7 + (withValid ? 1 : 0));
      const data = [makeBatch(r, 500, 2, withValid), makeBatch(r, 700, 7, withValid), makeBatch(r, 300, 5, withValid)];
      const cfg: AdditivityConfig = {
        attributionColumns: ['shap_a', 'shap_b', 'shap_c'], baseColumn: null, baseConstant: -0.25, outputColumn: 'score',
        outputSpace: space, idColumn: null, atol: 1e-9, rtol: 1e-9, worst: 1000,
      };
      const acc = new AdditivityAccumulator(cfg);
      let offset = 0;
      for (const d of data) {
        acc.add(d, offset);
        offset += d.rows;
      }
      const got = acc.result();
      const want = reference(data, cfg);
      expect(got.explained).toBe(want.explained);
      expect(got.checked).toBe(want.checked);
      expect(got.passed).toBe(want.passed);
      expect(got.alternative).toEqual({ space: space === 'log_odds' ? 'probability' : 'log_odds', checked: want.altChecked, passed: want.altPassed });
      expect(got.notCheckable.infinite_output).toBe(want.infinite);
      expect(Object.is(got.maxAbsResidual, want.maxAbs)).toBe(true);
      expect(got.worst.map((w) => w.residual).sort()).toEqual([...want.resid].sort((a, b) => Math.abs(b) - Math.abs(a)).slice(0, 1000).sort());
      expect(got.base).toMatchObject({ rows: want.checked + want.infinite, values: [{ value: -0.25, rows: want.checked + want.infinite }] });
      // Most rows are additive in log-odds space, so one of the two spaces passes them: both branches run.
      expect(want.passed + want.altPassed).toBeGreaterThan(100);
      expect(want.resid.length).toBeGreaterThan(100);
      expect(want.explained).toBeLessThan(1500);
    });
  }
});

describe('BaseTally.addRepeated', () => {
  it('equals that many add calls, whatever came before', () => {
    const r = rng(3);
    const pool = [0.5, 0.5000000001, -1, NaN, Infinity, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    for (let trial = 0; trial < 200; trial++) {
      const src = r() < 0.5 ? 'column' : 'metadata';
      const meta = r() < 0.5 ? 0.5 : null;
      const a = new BaseTally(src, meta, 1e-6, 1e-6);
      const c = new BaseTally(src, meta, 1e-6, 1e-6);
      for (let step = 0; step < 30; step++) {
        const v = pool[Math.floor(r() * pool.length)]!;
        const k = Math.floor(r() * 4);
        for (let j = 0; j < k; j++) a.add(v);
        c.addRepeated(v, k);
      }
      expect(c.summary()).toEqual(a.summary());
    }
  });
});

describe('GroupIndex.count', () => {
  it('numbers and counts groups exactly as assign does, across batches', () => {
    const r = rng(11);
    const data = [makeBatch(r, 400, 2, false), makeBatch(r, 400, 7, false), makeBatch(r, 50, 4, false)];
    for (const cols of [['race'], ['race', 'sex']]) {
      const fast = new GroupIndex(cols);
      const slow = new GroupIndex(cols);
      const n: number[] = [], ok: number[] = [], waived: boolean[] = [];
      const n2: number[] = [], ok2: number[] = [];
      for (const d of data) {
        const mask = new Uint8Array(d.rows).map(() => (r() < 0.8 ? 1 : 0));
        fast.count(d, mask, n, ok, waived);
        const ids = slow.assign(d);
        for (let i = 0; i < d.rows; i++) {
          n2[ids[i]!] = (n2[ids[i]!] ?? 0) + 1;
          ok2[ids[i]!] = (ok2[ids[i]!] ?? 0) + mask[i]!;
        }
      }
      expect(n).toEqual(n2);
      expect(ok).toEqual(ok2);
      expect(waived).toEqual(n.map(() => false));
      expect(fast.sorted().map((g) => fast.subject(g))).toEqual(slow.sorted().map((g) => slow.subject(g)));
      expect(fast.size).toBe(cols.length === 1 ? 8 : 24);
    }
  });

  it('coverage with and without waivers counts the same groups', () => {
    const r = rng(5);
    const data = [makeBatch(r, 300, 3, true), makeBatch(r, 300, 7, true)];
    const plain = new CoverageAccumulator(['shap_a', 'shap_b'], [['race'], ['race', 'sex']]);
    const waived = new CoverageAccumulator(['shap_a', 'shap_b'], [['race'], ['race', 'sex']], new Set(['race=a']));
    for (const d of data) {
      plain.add(d);
      waived.add(d);
    }
    const p = plain.result();
    const w = waived.result();
    expect(p.groupings.map((g) => g.groups.map(({ waived: _, ...rest }) => rest))).toEqual(w.groupings.map((g) => g.groups.map(({ waived: _, ...rest }) => rest)));
    expect(w.waived.rows).toBe(w.groupings[0]!.groups.find((g) => g.subject === 'race=a')!.n);
  });
});
