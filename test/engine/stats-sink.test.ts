/**
 * The scan's statistics sink (engine/stats-sink.ts + put-streamed.ts) against the post-scan path it
 * replaces: score sums and 2x2 counts folded batch by batch, put into the caches, must equal with
 * Object.is what a fresh StatsCache computes over the whole columns (scoreSums / binaryCounts over
 * the grouping codes). Data: random, ties on a coarse grid with -0/+0 and bin-edge scores, one group
 * with a single label; several batches of uneven sizes, dictionaries that grow from batch to batch,
 * missing codes, dictionary entries without rows (no group), a column outside the sensitive set.
 */
import { describe, expect, it } from 'vitest';
import { columnGroups } from '../../src/checks/performance/groups.js';
import { statsCacheFor, type StatsCache } from '../../src/checks/shared/evaluate.js';
import { buildGrouping } from '../../src/checks/shared/grouping.js';
import type { Roles } from '../../src/checks/types.js';
import type { CategoryColumn } from '../../src/data/dataset.js';
import { putStreamed, type StreamedTarget } from '../../src/engine/put-streamed.js';
import { StatsStreamSink, type SinkKeying } from '../../src/engine/stats-sink.js';
import { ScoreSumsAccumulator, scoreSumsMulti, type StatsNeed } from '../../src/stats/index.js';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = 'random' | 'ties' | 'skew';

/** Dictionary entries past `used` never occur (no group); codes grow in first-appearance order. */
function column(r: () => number, name: string, dictionary: string[], used: number, rows: number, missing: number): CategoryColumn {
  const codes = new Int32Array(rows);
  for (let i = 0; i < rows; i++) codes[i] = r() < missing ? -1 : Math.floor(r() * r() * used);
  return { kind: 'category', name, codes, dictionary };
}

const EDGES = [0, 1, 2 ** -52, 2 ** -53, 1 - 2 ** -53, 0.9, 0.9 - 2 ** -53, 0.1, 0.30000000000000004, 0.5, -0];

function roles(seed: number, rows: number, kind: Kind): Roles {
  const r = rng(seed);
  const race = column(r, 'race', ['w', 'b', 'a', 'z', 'o', 'never'], 5, rows, 0.1);
  const sex = column(r, 'sex', ['M', 'F'], 2, rows, 0.02);
  const age = column(r, 'age', ['<20', '20-40', '>40', 'none'], 3, rows, 0.1);
  const label = new Float64Array(rows);
  const score = new Float64Array(rows);
  const prediction = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    label[i] = kind === 'skew' && race.codes[i] === 3 ? 1 : r() < 0.3 ? 1 : 0;
    score[i] = kind === 'ties' ? (r() < 0.3 ? EDGES[Math.floor(r() * EDGES.length)]! : Math.round(r() * 8) / 8) : r();
    prediction[i] = score[i]! >= 0.5 ? 1 : 0;
  }
  return {
    task: 'binary_classification', rows, label, prediction, score, classes: null,
    sensitive: new Map([['race', race], ['sex', sex], ['age', age]]),
    id: null, baselinePrediction: null, baselineScore: null, dropped: { rows: 0, reasons: {} },
  };
}

/** The same values in new arrays and column objects: nothing cached for them yet. */
function copy(d: Roles): Roles {
  const col = (c: CategoryColumn): CategoryColumn => ({ ...c, codes: Int32Array.from(c.codes) });
  const f = (a: Float64Array | null) => (a ? Float64Array.from(a) : null);
  return { ...d, label: f(d.label), prediction: f(d.prediction), score: f(d.score), sensitive: new Map([...d.sensitive].map(([k, c]) => [k, col(c)])) };
}

/**
 * Batches of uneven sizes (views, as the scan hands them), each column's dictionary as long as the
 * codes seen so far need (the scan's shared dictionaries grow the same way).
 */
function batches(d: Roles, r: () => number): Roles[] {
  const out: Roles[] = [];
  const longest = new Map<string, number>();
  for (let start = 0; start < d.rows;) {
    const n = Math.min(d.rows - start, 1 + Math.floor(r() * 5000));
    const sensitive = new Map<string, CategoryColumn>();
    for (const [name, c] of d.sensitive) {
      const codes = c.codes.subarray(start, start + n);
      let need = longest.get(name) ?? 0;
      for (const code of codes) need = Math.max(need, code + 1);
      longest.set(name, need);
      sensitive.set(name, { ...c, codes, dictionary: c.dictionary.slice(0, need) });
    }
    const v = (a: Float64Array | null) => a!.subarray(start, start + n);
    out.push({ ...d, rows: n, label: v(d.label), score: v(d.score), prediction: v(d.prediction), sensitive });
    start += n;
  }
  return out;
}

const GROUPINGS = [['race'], ['sex'], ['age'], ['race', 'sex', 'age'], ['sex', 'race']];

function targets(d: Roles): { overall: StatsCache; groups: StreamedTarget[] } {
  const cols = (names: string[]) => names.map((n) => d.sensitive.get(n)!);
  const w = (columns: string[]) => ({ columns, rank: false, scores: true, confusion: true });
  return {
    overall: statsCacheFor(d, null, 1),
    groups: GROUPINGS.map((names) => {
      if (names.length === 1) {
        const g = columnGroups(cols(names)[0]!);
        return { w: w(names), cache: statsCacheFor(d, g.codes, g.groups), sizes: g.rows };
      }
      const g = buildGrouping(cols(names));
      return { w: w(names), cache: statsCacheFor(d, g.codes, g.count), sizes: g.sizes };
    }),
  };
}

function sameBits(x: unknown, y: unknown, at: string): number {
  if (typeof y === 'number') {
    if (!Object.is(x, y)) throw new Error(`${at}: ${String(x)} vs ${y}`);
    return 1;
  }
  if (typeof y !== 'object' || y === null) {
    expect(x, at).toBe(y);
    return 0;
  }
  const xs = x as Record<string, unknown>;
  const ys = y as Record<string, unknown>;
  expect(Object.keys(xs), at).toEqual(Object.keys(ys));
  return Object.keys(ys).reduce((n, f) => n + sameBits(xs[f], ys[f], `${at} ${f}`), 0);
}

function expectSameBits(got: StatsCache[], want: StatsCache[], needs: StatsNeed[]): number {
  let compared = 0;
  got.forEach((c, k) => {
    for (const need of needs) {
      expect(c.has(need), `cache ${k} has ${need}`).toBe(true);
      const a = c.get(need);
      const b = want[k]!.get(need);
      expect(a.length).toBe(b.length);
      a.forEach((s, g) => (compared += sameBits(s[need], b[g]![need], `cache ${k} ${need} group ${g}`)));
    }
  });
  return compared;
}

const ALL_KEYINGS: SinkKeying[] = GROUPINGS.map((columns) => ({ columns, scores: true, confusion: true }));

function fold(d: Roles, seed: number, keyings = ALL_KEYINGS): StatsStreamSink {
  const sink = new StatsStreamSink({ scores: true, confusion: true }, keyings);
  for (const b of batches(d, rng(seed))) sink.add(b);
  return sink;
}

describe('StatsStreamSink + putStreamed', () => {
  it.each(['random', 'ties', 'skew'] as const)('the caches get what the post-scan pass computes, bit for bit (%s data)', (kind) => {
    const d = roles(kind.length, 60_000, kind);
    const { overall, groups } = targets(d);
    putStreamed(fold(d, 3).result()!, d, overall, groups);
    const ref = targets(copy(d));
    const n = expectSameBits([overall, ...groups.map((g) => g.cache)], [ref.overall, ...ref.groups.map((g) => g.cache)], ['scores', 'confusion']);
    expect(n).toBeGreaterThan(5_000);
  });

  it('one batch, and one row per batch, give the same as many', () => {
    const d = roles(9, 3_000, 'ties');
    const ref = targets(copy(d));
    const refCaches = [ref.overall, ...ref.groups.map((g) => g.cache)];
    const one = new StatsStreamSink({ scores: true, confusion: true }, ALL_KEYINGS);
    one.add(d);
    const a = targets(d);
    putStreamed(one.result()!, d, a.overall, a.groups);
    expectSameBits([a.overall, ...a.groups.map((g) => g.cache)], refCaches, ['scores', 'confusion']);

    const d2 = copy(d);
    const rows = new StatsStreamSink({ scores: true, confusion: true }, ALL_KEYINGS);
    for (let i = 0; i < d2.rows; i++) {
      const v = (x: Float64Array | null) => x!.subarray(i, i + 1);
      const sensitive = new Map([...d2.sensitive].map(([k, c]) => [k, { ...c, codes: c.codes.subarray(i, i + 1) }]));
      rows.add({ ...d2, rows: 1, label: v(d2.label), score: v(d2.score), prediction: v(d2.prediction), sensitive });
    }
    const b = targets(d2);
    putStreamed(rows.result()!, d2, b.overall, b.groups);
    expectSameBits([b.overall, ...b.groups.map((g) => g.cache)], refCaches, ['scores', 'confusion']);
  });

  it('puts only what each keying kept; a grouping the sink does not key is left alone', () => {
    const d = roles(4, 20_000, 'random');
    const { overall, groups } = targets(d);
    const sink = fold(d, 5, [{ columns: ['race'], scores: true, confusion: false }, { columns: ['race', 'sex', 'age'], scores: false, confusion: true }]);
    putStreamed(sink.result()!, d, overall, groups);
    const has = groups.map((g) => [g.cache.has('scores'), g.cache.has('confusion')]);
    expect(has).toEqual([[true, false], [false, false], [false, false], [false, true], [false, false]]);
    const ref = targets(copy(d));
    expectSameBits([groups[0]!.cache], [ref.groups[0]!.cache], ['scores']);
    expectSameBits([groups[3]!.cache], [ref.groups[3]!.cache], ['confusion']);
  });

  it('gives up when a batch dropped rows, when abandoned, or on a bad label', () => {
    const d = roles(8, 10_000, 'random');
    const parts = batches(d, rng(1));
    const dropped = new StatsStreamSink({ scores: true, confusion: true }, ALL_KEYINGS);
    parts.forEach((b, k) => dropped.add(k === 1 ? { ...b, dropped: { rows: 1, reasons: { x: 1 } } } : b));
    expect(dropped.result()).toBeNull();
    const abandoned = fold(d, 1);
    abandoned.abandon();
    expect(abandoned.result()).toBeNull();
    const bad = copy(d);
    bad.label![5000] = 2;
    expect(fold(bad, 1).result()).toBeNull();
  });

  it('puts nothing when the rows do not line up with the roles', () => {
    const d = roles(12, 10_000, 'random');
    const sink = fold(d, 2);
    const fewer = copy(d);
    // Same arrays but one row less in every group-defining column: sizes differ from the sink's.
    const other: Roles = { ...fewer, rows: fewer.rows - 1, label: fewer.label!.subarray(1), score: fewer.score!.subarray(1), prediction: fewer.prediction!.subarray(1),
      sensitive: new Map([...fewer.sensitive].map(([k, c]) => [k, { ...c, codes: c.codes.subarray(1) }])) };
    const t = targets(other);
    putStreamed(sink.result()!, other, t.overall, t.groups);
    for (const c of [t.overall, ...t.groups.map((g) => g.cache)]) for (const need of ['scores', 'confusion'] as const) expect(c.has(need)).toBe(false);
  });

  it('puts no grouping whose group sizes differ from the slots (a code changed after the scan)', () => {
    const d = roles(13, 10_000, 'random');
    const sink = fold(d, 2);
    const moved = copy(d);
    const race = moved.sensitive.get('race')!;
    const i = race.codes.findIndex((c) => c === 1);
    race.codes[i] = 2;
    const t = targets(moved);
    putStreamed(sink.result()!, moved, t.overall, t.groups);
    const has = t.groups.map((g) => g.cache.has('scores') || g.cache.has('confusion'));
    expect(has).toEqual([false, true, true, false, false]);
  });
});

describe('ScoreSumsAccumulator', () => {
  it('rows added in pieces, with groups appearing late, equal scoreSumsMulti over all rows', () => {
    const d = roles(21, 40_000, 'ties');
    const codes = [null, columnGroups(d.sensitive.get('race')!).codes, columnGroups(d.sensitive.get('age')!).codes];
    const groups = [1, columnGroups(d.sensitive.get('race')!).groups, columnGroups(d.sensitive.get('age')!).groups];
    const want = scoreSumsMulti(d.label!, d.score!, codes.map((group, j) => ({ group, groups: groups[j]! })));
    const acc = new ScoreSumsAccumulator([1, 1, 1]);
    const r = rng(2);
    const seen = [0, 0, 0];
    for (let start = 0; start < d.rows;) {
      const end = Math.min(d.rows, start + 1 + Math.floor(r() * 3000));
      codes.forEach((c, j) => {
        if (c !== null) for (let i = start; i < end; i++) seen[j] = Math.max(seen[j]!, c[i]! + 1);
        if (seen[j]! > 0) acc.grow(j, seen[j]!);
      });
      acc.add(d.label!, d.score!, codes, start, end);
      start = end;
    }
    let compared = 0;
    want.forEach((list, j) => list.forEach((s, g) => (compared += sameBits(acc.sums(j, g), s, `grouping ${j} group ${g}`))));
    expect(compared).toBeGreaterThan(300);
  });
});
