/**
 * Arrow Utf8 category columns are coded by matching bytes against the values seen in the chunk.
 * Expected codes come from decoding every row's text on its own (the path the matcher replaces);
 * expected presence from apache-arrow's own `isValid`.
 */
import { Float64, Null, Utf8, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { copyCategory, copyPresence } from '../../src/data/arrow-columns.js';
import { CategoryBuilder, PresenceBuilder } from '../../src/data/builders.js';

function expected(values: (string | null)[]): { codes: number[]; dictionary: string[] } {
  const b = new CategoryBuilder('g');
  return { codes: values.map((v) => (v === null ? -1 : b.codeOf(v))), dictionary: b.dictionary };
}

function viaArrow(chunks: (string | null)[][]): { codes: number[]; dictionary: string[] } {
  const b = new CategoryBuilder('g');
  for (const values of chunks) {
    const d = vectorFromArray(values, new Utf8()).data[0]!;
    copyCategory(d, b, { file: 'x.arrow', rowsBefore: 0 });
  }
  return { codes: [...b.codes.subarray(0, b.length)], dictionary: b.dictionary };
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('Arrow Utf8 category codes', () => {
  it('values that share length and first, middle and last bytes are told apart', () => {
    const values = ['aXbYa', 'aZbYa', 'aXbYa', '', null, 'aZbYa', 'a', '', 'é', 'e', 'aQbQa', null, 'é'];
    expect(viaArrow([values])).toEqual(expected(values));
  });

  it('more distinct values than a chunk remembers, across chunks, with nulls (random)', () => {
    const r = rng(7);
    const pool = Array.from({ length: 700 }, (_, i) => (i % 3 === 0 ? `v${i}` : i % 3 === 1 ? `w${'x'.repeat(i % 11)}${i % 5}` : `ü${i % 37}ß`));
    const chunks = Array.from({ length: 4 }, () =>
      Array.from({ length: 3000 }, () => (r() < 0.05 ? null : pool[Math.floor(r() ** 2 * pool.length)]!)),
    );
    expect(viaArrow(chunks)).toEqual(expected(chunks.flat()));
  });

  it('a value first seen in a later chunk gets the next code; earlier values keep theirs', () => {
    const chunks = [['b', 'a', null, 'b'], ['c', 'a', 'b', 'c', null], ['', 'd', 'a']];
    expect(viaArrow(chunks)).toEqual(expected(chunks.flat()));
  });
});

describe('Arrow presence', () => {
  it('equals apache-arrow isValid for chunks with nulls, without nulls, all null, and of type Null', () => {
    const r = rng(5);
    const withNulls = Array.from({ length: 1003 }, () => (r() < 0.3 ? null : r()));
    const vectors = [
      vectorFromArray(withNulls, new Float64()),
      vectorFromArray(Array.from({ length: 77 }, () => r()), new Float64()),
      vectorFromArray([null, null, null], new Float64()),
      vectorFromArray([null, null], new Null()),
      vectorFromArray(['a', null, 'b', null, null, 'c', 'd', 'e', null], new Utf8()),
    ];
    const b = new PresenceBuilder('p');
    const expected: number[] = [];
    for (const v of vectors) {
      for (const d of v.data) copyPresence(d, b);
      // apache-arrow calls the rows of a Null-typed column valid; a Null column is all missing to us.
      for (let j = 0; j < v.length; j++) expected.push(v.type instanceof Null ? 0 : v.isValid(j) ? 1 : 0);
    }
    expect([...b.valid.subarray(0, b.length)]).toEqual(expected);
  });
});
