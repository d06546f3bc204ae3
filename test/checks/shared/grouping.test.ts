import { describe, expect, it } from 'vitest';
import { buildGrouping, MISSING_GROUP } from '../../../src/checks/shared/grouping.js';
import { categoryColumn, type CategoryColumn } from '../../../src/data/dataset.js';

const race = ['W', 'B', 'W', null, 'B', 'A', 'W', null];
const sex = ['M', 'F', 'F', 'M', 'F', 'M', 'M', 'F'];

/** Group subject of every row, so tests state expectations row by row. */
function rowSubjects(cols: CategoryColumn[]): string[] {
  const g = buildGrouping(cols);
  return Array.from(g.codes, (c) => g.subjects[c]!);
}

describe('buildGrouping', () => {
  it('one column: groups in value order with (missing) first, sizes counted', () => {
    const g = buildGrouping([categoryColumn('race', race)]);
    expect(g.subject).toBe('race');
    expect(g.subjects).toEqual(['race=(missing)', 'race=A', 'race=B', 'race=W']);
    expect(g.keys).toEqual([{ race: null }, { race: 'A' }, { race: 'B' }, { race: 'W' }]);
    expect(g.sizes).toEqual([2, 1, 2, 3]);
    expect(Array.from(g.codes)).toEqual([3, 2, 3, 0, 2, 1, 3, 0]);
    expect(MISSING_GROUP).toBe('(missing)');
  });

  it('several columns: only the combinations present, sorted by the values column by column', () => {
    const g = buildGrouping([categoryColumn('race', race), categoryColumn('sex', sex)]);
    expect(g.subject).toBe('race × sex');
    // Present: W/M (rows 0, 6), B/F (1, 4), W/F (2), (missing)/M (3), A/M (5), (missing)/F (7). B/M, A/F absent.
    expect(g.subjects).toEqual([
      'race=(missing), sex=F', 'race=(missing), sex=M', 'race=A, sex=M', 'race=B, sex=F', 'race=W, sex=F', 'race=W, sex=M',
    ]);
    expect(g.sizes).toEqual([1, 1, 1, 2, 1, 2]);
    expect(g.keys[0]).toEqual({ race: null, sex: 'F' });
    expect(rowSubjects([categoryColumn('race', race), categoryColumn('sex', sex)])[6]).toBe('race=W, sex=M');
  });

  it('sorts by values, not by subject text ("A" before "A B" although "," > " ")', () => {
    const g = buildGrouping([categoryColumn('c', ['A B', 'A', 'A B']), categoryColumn('d', ['x', 'x', 'y'])]);
    expect(g.subjects).toEqual(['c=A, d=x', 'c=A B, d=x', 'c=A B, d=y']);
  });

  it('ignores dictionary entries that no row uses (rows dropped after reading)', () => {
    const col: CategoryColumn = { kind: 'category', name: 'race', codes: Int32Array.from([1, 1, -1]), dictionary: ['gone', 'B'] };
    const g = buildGrouping([col]);
    expect(g.subjects).toEqual(['race=(missing)', 'race=B']);
    expect(g.sizes).toEqual([1, 2]);
  });

  it('does not depend on row order or on the order values first appear', () => {
    const perm = [7, 3, 5, 0, 2, 6, 1, 4];
    const a = rowSubjects([categoryColumn('race', race), categoryColumn('sex', sex)]);
    const b = rowSubjects([categoryColumn('race', perm.map((i) => race[i]!)), categoryColumn('sex', perm.map((i) => sex[i]!))]);
    expect(b).toEqual(perm.map((i) => a[i]));
    const g1 = buildGrouping([categoryColumn('race', race)]);
    const g2 = buildGrouping([categoryColumn('race', perm.map((i) => race[i]!))]);
    expect(g2.subjects).toEqual(g1.subjects);
  });

  it('keeps distinct values distinct when codes would collide in a naive product', () => {
    // 3 columns with 300 values each: a packed product without re-densifying would need 27e6 codes.
    const n = 900;
    const cols = ['a', 'b', 'c'].map((name, k) => categoryColumn(name, Array.from({ length: n }, (_, i) => String((i * (k + 1)) % 300))));
    const g = buildGrouping(cols);
    const distinct = new Set(Array.from({ length: n }, (_, i) => cols.map((c) => c.dictionary[c.codes[i]!]).join('|')));
    expect(g.count).toBe(distinct.size);
    expect(g.sizes.reduce((s, x) => s + x, 0)).toBe(n);
  });

  it('rejects columns of different lengths and an empty column list', () => {
    expect(() => buildGrouping([])).toThrow(RangeError);
    expect(() => buildGrouping([categoryColumn('a', ['x']), categoryColumn('b', ['x', 'y'])])).toThrow(/column b has 2 rows, expected 1/);
  });
});
