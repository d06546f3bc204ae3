/** Builders: growth keeps earlier rows, validity is allocated lazily, batches share the dictionary. */
import { describe, expect, it } from 'vitest';
import { CategoryBuilder, DatasetBuilder, NumberBuilder, normalizeRequest } from '../../src/data/builders.js';

describe('builders', () => {
  it('number builder grows across many pushes and keeps missing marks', () => {
    const b = new NumberBuilder('x');
    for (let i = 0; i < 5000; i++) (i % 1000 === 999 ? b.pushMissing() : b.push(i));
    const col = b.take(false);
    expect(col.values.length).toBe(5000);
    expect(col.values[4998]).toBe(4998);
    expect(col.valid!.reduce((s, v) => s + v, 0)).toBe(4995);
    expect(col.valid![999]).toBe(0);
  });

  it('no validity mask when nothing is missing', () => {
    const b = new NumberBuilder('x');
    b.push(1);
    expect(b.take(false).valid).toBeNull();
  });

  it('category builder codes in first-appearance order', () => {
    const b = new CategoryBuilder('g');
    for (const s of ['b', 'a', 'b', 'c']) b.push(b.codeOf(s));
    const col = b.take(false);
    expect(col.dictionary).toEqual(['b', 'a', 'c']);
    expect([...col.codes]).toEqual([0, 1, 0, 2]);
  });

  it('take() cuts batches that share one dictionary', () => {
    const d = new DatasetBuilder([{ name: 'g', as: 'category' }]);
    const g = d.columns[0] as CategoryBuilder;
    g.push(g.codeOf('x'));
    d.rows = 1;
    const first = d.take();
    g.push(g.codeOf('y'));
    d.rows = 1;
    const second = d.take();
    expect([...(second.columns.get('g') as { codes: Int32Array }).codes]).toEqual([1]);
    expect((first.columns.get('g') as { dictionary: string[] }).dictionary).toBe((second.columns.get('g') as { dictionary: string[] }).dictionary);
  });

  it('a column asked for twice is read once; presence yields to the richer read', () => {
    expect(normalizeRequest([{ name: 'a', as: 'presence' }, { name: 'a', as: 'number' }, { name: 'b', as: 'category' }])).toEqual([
      { name: 'a', as: 'number' },
      { name: 'b', as: 'category' },
    ]);
    expect(() => normalizeRequest([{ name: 'a', as: 'number' }, { name: 'a', as: 'category' }])).toThrow();
  });
});

describe('presized builders on shared memory', () => {
  const request = [
    { name: 'x', as: 'number' as const },
    { name: 'g', as: 'category' as const },
    { name: 'p', as: 'presence' as const },
  ];

  function fill(d: DatasetBuilder, rows: number): void {
    const src = new DatasetBuilder(request);
    const [x, g, p] = src.columns as [NumberBuilder, CategoryBuilder, import('../../src/data/builders.js').PresenceBuilder];
    for (let i = 0; i < rows; i++) {
      if (i % 7 === 3) x.pushMissing();
      else x.push(i * 0.5 - 3);
      g.push(i % 5 === 4 ? -1 : g.codeOf(`v${i % 3}`));
      p.push(i % 4 !== 0);
    }
    src.rows = rows;
    d.append(src.take());
  }

  it('number and code columns are SharedArrayBuffer-backed, presized or not, with the same contents', () => {
    const sized = new DatasetBuilder(request, 3000);
    const plain = new DatasetBuilder(request);
    fill(sized, 3000);
    fill(plain, 3000);
    const a = sized.finish();
    const b = plain.finish();
    const ax = a.columns.get('x') as { values: Float64Array; valid: Uint8Array | null };
    const bx = b.columns.get('x') as { values: Float64Array; valid: Uint8Array | null };
    const ag = a.columns.get('g') as { codes: Int32Array; dictionary: string[] };
    const bg = b.columns.get('g') as { codes: Int32Array; dictionary: string[] };
    expect(ax.values.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(ag.codes.buffer).toBeInstanceOf(SharedArrayBuffer);
    // Unsized builders grow on shared memory too (the rank worker reads the kept columns as they are).
    expect(bx.values.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(bg.codes.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(ax.values.length).toBe(3000);
    expect(Array.from(ax.values).every((v, i) => Object.is(v, bx.values[i]))).toBe(true);
    expect([...ax.valid!]).toEqual([...bx.valid!]);
    expect([...ag.codes]).toEqual([...bg.codes]);
    expect(ag.dictionary).toEqual(bg.dictionary);
    expect([...(a.columns.get('p') as { valid: Uint8Array }).valid]).toEqual([...(b.columns.get('p') as { valid: Uint8Array }).valid]);
  });

  it('a presized builder that receives more rows than announced grows on shared memory and keeps them', () => {
    const sized = new DatasetBuilder(request, 1500);
    fill(sized, 1000);
    fill(sized, 1000);
    const a = sized.finish();
    const x = a.columns.get('x') as { values: Float64Array };
    expect(a.rows).toBe(2000);
    expect(x.values.length).toBe(2000);
    expect(x.values[1999]).toBe(999 * 0.5 - 3);
    expect((a.columns.get('g') as { codes: Int32Array }).codes.length).toBe(2000);
  });
});
