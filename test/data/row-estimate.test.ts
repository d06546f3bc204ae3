/**
 * Builders sized from a row estimate (CSV/JSONL: file size / bytes per row so far) and finished as
 * views: the columns handed out must equal, value for value (Object.is), what an independent parse
 * of the same text gives, whatever the estimate was (exact, far too low, far too high).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetBuilder, type NumberBuilder, type CategoryBuilder } from '../../src/data/builders.js';
import type { CategoryColumn, ColumnRequest, Dataset, NumberColumn } from '../../src/data/dataset.js';
import { openDataset } from '../../src/data/open.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mg-estimate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A deterministic pseudo-random stream (xorshift32), so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

/** Rows as text fields: a 17-digit score, an integer label, a category, sometimes a missing number. */
function rowsOf(n: number, seed: number, wideFrom = Infinity): { score: string; label: string; g: string; f: string }[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => ({
    score: String(r()),
    label: r() < 0.3 ? '1' : '0',
    g: ['a', 'bb', 'ccc'][Math.floor(r() * 3)]!,
    // Rows past `wideFrom` are much longer: the early bytes-per-row estimate is far too high.
    f: i % 97 === 5 ? '' : (r() * 1000 - 500).toFixed(i >= wideFrom ? 40 : 3),
  }));
}

const request: ColumnRequest[] = [
  { name: 'score', as: 'number' },
  { name: 'label', as: 'number' },
  { name: 'g', as: 'category' },
  { name: 'f', as: 'number' },
];

function expectColumns(data: Dataset, rows: ReturnType<typeof rowsOf>): void {
  expect(data.rows).toBe(rows.length);
  const score = data.columns.get('score') as NumberColumn;
  const label = data.columns.get('label') as NumberColumn;
  const g = data.columns.get('g') as CategoryColumn;
  const f = data.columns.get('f') as NumberColumn;
  for (const col of [score.values, label.values, g.codes, f.values]) expect(col.length).toBe(rows.length);
  expect(score.valid).toBeNull();
  expect(f.valid!.length).toBe(rows.length);
  let bad = 0;
  rows.forEach((row, i) => {
    if (!Object.is(score.values[i], Number(row.score))) bad++;
    if (!Object.is(label.values[i], Number(row.label))) bad++;
    if (g.dictionary[g.codes[i]!] !== row.g) bad++;
    const missing = row.f === '';
    if (f.valid![i] !== (missing ? 0 : 1)) bad++;
    if (!missing && !Object.is(f.values[i], Number(row.f))) bad++;
    if (missing && !Number.isNaN(f.values[i])) bad++;
  });
  expect(bad).toBe(0);
  // The rank worker reads these without a copy.
  for (const col of [score.values, label.values, g.codes, f.values]) expect(col.buffer).toBeInstanceOf(SharedArrayBuffer);
}

/** Collects a scan the way the engine keeps its columns: one builder appending every batch. */
async function collect(file: string): Promise<{ data: Dataset; estimates: number[] }> {
  const src = await openDataset(file);
  const kept = new DatasetBuilder(request, src.rowCount ?? 0);
  const estimates: number[] = [];
  for await (const batch of src.scan({ columns: request, reuse: true })) {
    if (batch.estimatedRows !== undefined) estimates.push(batch.estimatedRows);
    kept.append(batch);
  }
  return { data: kept.finish(), estimates };
}

function writeCsv(name: string, rows: ReturnType<typeof rowsOf>): string {
  const p = path.join(dir, name);
  writeFileSync(p, 'score,label,g,f\n' + rows.map((r) => `${r.score},${r.label},${r.g},${r.f}\n`).join(''));
  return p;
}

function writeJsonl(name: string, rows: ReturnType<typeof rowsOf>): string {
  const p = path.join(dir, name);
  const num = (t: string): string => (t === '' ? 'null' : t);
  writeFileSync(p, rows.map((r) => `{"score":${r.score},"label":${r.label},"g":"${r.g}","f":${num(r.f)}}\n`).join(''));
  return p;
}

describe('row estimate of text files', () => {
  // ~45 bytes per row: 400K rows span several 8 MiB buffer fills, so batches carry an estimate.
  const n = 400_000;

  it('CSV: batches carry an estimate close to the real count; kept columns equal an independent parse', async () => {
    const rows = rowsOf(n, 7);
    const { data, estimates } = await collect(writeCsv('even.csv', rows));
    expect(estimates.length).toBeGreaterThan(0);
    for (const e of estimates) expect(Math.abs(e - n) / n).toBeLessThan(0.05);
    expectColumns(data, rows);
  });

  it('CSV read(): the same columns and row count', async () => {
    const rows = rowsOf(n, 11);
    const { data, info } = await (await openDataset(writeCsv('read.csv', rows))).read({ columns: request });
    expect(info.rows).toBe(n);
    expectColumns(data, rows);
  });

  it('CSV whose rows get much longer (estimate far too high) or shorter (far too low)', async () => {
    const longer = rowsOf(n, 13, 150_000);
    expectColumns((await collect(writeCsv('longer.csv', longer))).data, longer);
    const shorter = rowsOf(n, 17).map((r, i) => (i < 120_000 ? { ...r, f: r.f === '' ? '' : (Number(r.f) / 7).toFixed(40) } : r));
    expectColumns((await collect(writeCsv('shorter.csv', shorter))).data, shorter);
  });

  it('JSONL: estimate and kept columns', async () => {
    const rows = rowsOf(250_000, 19);
    const { data, estimates } = await collect(writeJsonl('even.jsonl', rows));
    expect(estimates.length).toBeGreaterThan(0);
    for (const e of estimates) expect(Math.abs(e - rows.length) / rows.length).toBeLessThan(0.05);
    expectColumns(data, rows);
  });

  it('a small file (one buffer fill) has no estimate and reads the same', async () => {
    const rows = rowsOf(3000, 23);
    const { data, estimates } = await collect(writeCsv('small.csv', rows));
    expect(estimates).toEqual([]);
    expectColumns(data, rows);
  });
});

describe('builders sized from an estimate', () => {
  /** One batch of `rows` rows with values derived from the row index. */
  function batch(from: number, rows: number, estimatedRows?: number): Dataset {
    const b = new DatasetBuilder([
      { name: 'x', as: 'number' },
      { name: 'g', as: 'category' },
    ]);
    const [x, g] = b.columns as [NumberBuilder, CategoryBuilder];
    for (let i = from; i < from + rows; i++) {
      if (i % 11 === 3) x.pushMissing();
      else x.push(i / 3);
      g.push(g.codeOf(`k${i % 4}`));
    }
    b.rows = rows;
    if (estimatedRows !== undefined) b.estimate(estimatedRows);
    return b.take();
  }

  function check(data: Dataset, total: number): void {
    const x = data.columns.get('x') as NumberColumn;
    const g = data.columns.get('g') as CategoryColumn;
    expect(data.rows).toBe(total);
    expect(x.values.length).toBe(total);
    expect(x.valid!.length).toBe(total);
    expect(g.codes.length).toBe(total);
    let bad = 0;
    for (let i = 0; i < total; i++) {
      const missing = i % 11 === 3;
      if (x.valid![i] !== (missing ? 0 : 1)) bad++;
      if (!missing && !Object.is(x.values[i], i / 3)) bad++;
      if (g.dictionary[g.codes[i]!] !== `k${i % 4}`) bad++;
    }
    expect(bad).toBe(0);
  }

  it.each([
    ['exact', 50_000],
    ['slightly low', 49_500],
    ['far too low', 5_000],
    ['far too high', 400_000],
  ])('estimate %s: same rows and values; grown once when close', (_name, estimate) => {
    const total = 50_000;
    const kept = new DatasetBuilder([
      { name: 'x', as: 'number' },
      { name: 'g', as: 'category' },
    ]);
    let grown = 0;
    let last: Float64Array | null = null;
    for (let from = 0; from < total; from += 5_000) {
      kept.append(batch(from, 5_000, estimate));
      const buf = (kept.columns[0] as NumberBuilder).values;
      if (buf !== last) grown++;
      last = buf;
    }
    if (estimate >= 49_500 && estimate <= 50_000) expect(grown).toBe(1);
    check(kept.finish(), total);
  });

  it('finish: a view when the spare capacity is small, an exact-size shared copy when it is large', () => {
    const close = new DatasetBuilder([{ name: 'x', as: 'number' }]);
    close.append(batch(0, 1000, 1010));
    const xs = (close.finish().columns.get('x') as NumberColumn).values;
    expect(xs.length).toBe(1000);
    expect(xs.buffer.byteLength).toBeGreaterThan(1000 * 8); // the builder's buffer, not a copy

    const far = new DatasetBuilder([{ name: 'x', as: 'number' }]);
    far.append(batch(0, 1000, 100_000));
    const xf = (far.finish().columns.get('x') as NumberColumn).values;
    expect(xf.length).toBe(1000);
    expect(xf.buffer.byteLength).toBe(1000 * 8);
    expect(xf.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Object.is(xf[999], 999 / 3)).toBe(true);
  });
});
