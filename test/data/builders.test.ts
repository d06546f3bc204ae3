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
