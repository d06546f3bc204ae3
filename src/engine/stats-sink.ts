/**
 * Score sums and 2x2 confusion counts folded during the scan, batch by batch, on the main thread's
 * idle time (it waits for DuckDB's chunks about half the scan), instead of passes over the whole
 * columns after it (~1.5 s at 10M rows for overall + three sensitive columns).
 *
 * Why the numbers are the same: a grouping of sensitive columns is a bijection with the tuples of
 * their dictionary codes that occur (a missing value, code -1, is a tuple entry of its own). So the
 * sums kept per code tuple here ("slot", numbered by first appearance) get, group by group, the same
 * terms in the same row order as scoreSumsMulti's pass over the group codes, through the same
 * accumulator (ScoreSumsAccumulator): the same doubles. Counts are exact integers. After the scan,
 * prefetch.ts maps each group's code tuple (groupingSource) to its slot, checks every group's row
 * count, and `put`s the results into the caches the checks look up; anything that does not line up
 * (rows dropped, a column outside the sensitive set, a key space too large) is left to the caches.
 */
import type { Roles } from '../checks/types.js';
import { ScoreSumsAccumulator, type ScoreGroupSums } from '../stats/score-sums.js';
import type { Confusion } from '../stats/types.js';

/** Largest mixed-radix key space of one keying's slot table (Int32 entries: 16 MiB). */
const MAX_KEYS = 1 << 22;

export interface SinkWants {
  scores: boolean;
  confusion: boolean;
}

export interface SinkKeying extends SinkWants {
  /** Sensitive column names (roles.sensitive), in the grouping's order. */
  columns: string[];
}

/** Code tuple -> slot, numbered in order of first appearance; the table grows with the dictionaries. */
class SlotTable {
  widths: number[];
  table: Int32Array;
  /** Per slot: its code in each column (-1: missing). */
  readonly tuples: number[][] = [];

  constructor(columns: number) {
    this.widths = new Array<number>(columns).fill(1);
    this.table = new Int32Array(1).fill(-1);
  }

  private keyOf(tuple: readonly number[]): number {
    let key = 0;
    for (let k = 0; k < tuple.length; k++) key = key * this.widths[k]! + tuple[k]! + 1;
    return key;
  }

  /** Widths for dictionaries of these lengths; false when the key space gets too large. */
  fit(lengths: readonly number[]): boolean {
    if (lengths.every((d, k) => d + 1 <= this.widths[k]!)) return true;
    const widths = lengths.map((d, k) => Math.max(d + 1, this.widths[k]!));
    if (widths.reduce((a, b) => a * b, 1) > MAX_KEYS) return false;
    this.widths = widths;
    this.table = new Int32Array(widths.reduce((a, b) => a * b, 1)).fill(-1);
    this.tuples.forEach((t, s) => (this.table[this.keyOf(t)] = s));
    return true;
  }

  /** Slot of a code tuple, or -1 when it never occurred. */
  slotOf(tuple: readonly number[]): number {
    if (tuple.length !== this.widths.length || tuple.some((c, k) => !(c >= -1 && c + 1 < this.widths[k]!))) return -1;
    return this.table[this.keyOf(tuple)]!;
  }

  /** Each row's slot into out[0..n-1] (new tuples get new slots). */
  assign(codes: readonly Int32Array[], n: number, out: Int32Array): void {
    const K = codes.length;
    // One row loop for up to three columns (the key computed in registers); more: column passes.
    const a = codes[0]!;
    const b = K > 1 ? codes[1]! : a;
    const c = K > 2 ? codes[2]! : a;
    const w1 = K > 1 ? this.widths[1]! : 0;
    const w2 = K > 2 ? this.widths[2]! : 0;
    if (K > 3) {
      for (let i = 0; i < n; i++) out[i] = 0;
      for (let k = 0; k < K; k++) {
        const col = codes[k]!;
        const w = this.widths[k]!;
        for (let i = 0; i < n; i++) out[i] = out[i]! * w + col[i]! + 1;
      }
    }
    if (K === 1) {
      // One column: the slot is the code + 1 (missing = 0), no table; codes without rows are slots
      // without rows, which no group maps to.
      const d = this.widths[0]!;
      while (this.tuples.length < d) {
        const slot = this.tuples.length;
        this.table[slot] = slot;
        this.tuples.push([slot - 1]);
      }
      for (let i = 0; i < n; i++) out[i] = a[i]! + 1;
      return;
    }
    let table = this.table;
    for (let i = 0; i < n; i++) {
      let key = a[i]! + 1;
      if (K === 2) key = key * w1 + b[i]! + 1;
      else if (K === 3) key = (key * w1 + b[i]! + 1) * w2 + c[i]! + 1;
      else if (K > 3) key = out[i]!;
      let s = table[key]!;
      if (s < 0) {
        s = this.newSlot(key, codes, i);
        table = this.table;
      }
      out[i] = s;
    }
  }

  private newSlot(key: number, codes: readonly Int32Array[], i: number): number {
    const s = (this.table[key] = this.tuples.length);
    this.tuples.push(codes.map((c) => c[i]!));
    return s;
  }
}

interface KeyingState {
  keying: SinkKeying;
  slots: SlotTable;
  codes: Int32Array;
  /** Index of this keying in the score accumulator, or -1. */
  scoreAt: number;
  cells: Float64Array;
}

/** What a finished sink hands over (null when it gave up). */
export interface StreamedStats {
  rows: number;
  overall: { scores: ScoreGroupSums | null; confusion: Confusion | null };
  /** Statistics of the group with this code tuple in the keying of these columns (null: not kept). */
  lookup(columns: readonly string[]): StreamedKeying | null;
}

export interface StreamedKeying {
  wants: SinkWants;
  /** Slot of a code tuple (-1: no row had it). */
  slotOf(tuple: readonly number[]): number;
  rows(slot: number): number;
  scores(slot: number): ScoreGroupSums;
  confusion(slot: number): Confusion;
}

export class StatsStreamSink {
  private readonly keyings: KeyingState[];
  private readonly scores: ScoreSumsAccumulator | null;
  /** Grouping codes per score-accumulator grouping (null: overall), reused for every batch. */
  private readonly scoreCodes: (Int32Array | null)[];
  private readonly overallScores: boolean;
  private readonly overallCells = new Float64Array(4);
  private readonly overallConfusion: boolean;
  private rowsSeen = 0;
  private failed = false;
  private cellOf = new Uint8Array(0);

  constructor(overall: SinkWants, keyings: readonly SinkKeying[]) {
    this.overallScores = overall.scores;
    this.overallConfusion = overall.confusion;
    this.scoreCodes = overall.scores ? [null] : [];
    this.keyings = keyings.map((keying) => {
      const scoreAt = keying.scores ? this.scoreCodes.push(new Int32Array(0)) - 1 : -1;
      return { keying, slots: new SlotTable(keying.columns.length), codes: new Int32Array(0), scoreAt, cells: new Float64Array(0) };
    });
    this.scores = this.scoreCodes.length > 0 ? new ScoreSumsAccumulator(this.scoreCodes.map(() => 1)) : null;
  }

  /** One validated batch (its roles after buildRoles). Never throws: a problem only ends the sink. */
  add(roles: Roles): void {
    if (this.failed) return;
    try {
      this.fold(roles);
    } catch {
      this.failed = true;
    }
  }

  /** Stops the sink: its statistics will not be used (e.g. rows were dropped). */
  abandon(): void {
    this.failed = true;
  }

  private fold(roles: Roles): void {
    const { label, score, prediction } = roles;
    const n = roles.rows;
    if (roles.dropped.rows > 0 || roles.task !== 'binary_classification' || label === null || score === null) {
      this.failed = true;
      return;
    }
    const needCells = this.overallConfusion || this.keyings.some((k) => k.keying.confusion);
    if (needCells && prediction === null) {
      this.failed = true;
      return;
    }
    if (needCells) this.cells(label, prediction!, n);
    for (const st of this.keyings) {
      const cols = st.keying.columns.map((c) => roles.sensitive.get(c));
      if (cols.some((c) => c === undefined || c.codes.length !== n)) throw new RangeError('sensitive column missing from the batch');
      if (!st.slots.fit(cols.map((c) => c!.dictionary.length))) throw new RangeError('key space too large');
      if (st.codes.length < n) st.codes = new Int32Array(Math.max(n, 2 * st.codes.length));
      st.slots.assign(cols.map((c) => c!.codes), n, st.codes);
      const slots = st.slots.tuples.length;
      if (st.keying.confusion) {
        if (st.cells.length < 4 * slots) {
          const more = new Float64Array(Math.max(4 * slots, 2 * st.cells.length));
          more.set(st.cells);
          st.cells = more;
        }
        countSlots(st.codes, n, this.cellOf, st.cells);
      }
      if (st.scoreAt >= 0) {
        this.scores!.grow(st.scoreAt, slots);
        this.scoreCodes[st.scoreAt] = st.codes;
      }
    }
    if (this.scores !== null) this.scores.add(label, score, this.scoreCodes, 0, n);
    this.rowsSeen += n;
  }

  /** Each row's 2x2 cell (validated labels/predictions), and the overall counts. */
  private cells(label: Float64Array, prediction: Float64Array, n: number): void {
    if (this.cellOf.length < n) this.cellOf = new Uint8Array(Math.max(n, 2 * this.cellOf.length));
    const cellOf = this.cellOf;
    let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
    for (let i = 0; i < n; i++) {
      const y = label[i]!;
      const p = prediction[i]!;
      const yi = y | 0;
      const pi = p | 0;
      if (yi !== y || pi !== p || (yi | pi) >>> 1) throw new RangeError('label/prediction not 0/1');
      const cell = (yi << 1) | pi;
      cellOf[i] = cell;
      c0 += +(cell === 0);
      c1 += +(cell === 1);
      c2 += +(cell === 2);
      c3 += +(cell === 3);
    }
    const o = this.overallCells;
    o[0]! += c0;
    o[1]! += c1;
    o[2]! += c2;
    o[3]! += c3;
  }

  /** The statistics, or null when the sink gave up. */
  result(): StreamedStats | null {
    if (this.failed) return null;
    const { scores, keyings, overallCells: oc } = this;
    const confusionAt = (cells: Float64Array, s: number): Confusion => ({ tn: cells[4 * s]!, fp: cells[4 * s + 1]!, fn: cells[4 * s + 2]!, tp: cells[4 * s + 3]! });
    return {
      rows: this.rowsSeen,
      overall: {
        scores: this.overallScores ? scores!.sums(0, 0) : null,
        confusion: this.overallConfusion ? confusionAt(oc, 0) : null,
      },
      lookup: (columns) => {
        const st = keyings.find((k) => k.keying.columns.length === columns.length && k.keying.columns.every((c, j) => c === columns[j]));
        if (st === undefined) return null;
        return {
          wants: { scores: st.keying.scores, confusion: st.keying.confusion },
          slotOf: (tuple) => st.slots.slotOf(tuple),
          // Rows of a slot: from its 2x2 counts, or its score sums' count (exact integers either way).
          rows: (slot) => (st.keying.confusion ? st.cells[4 * slot]! + st.cells[4 * slot + 1]! + st.cells[4 * slot + 2]! + st.cells[4 * slot + 3]! : scores!.sums(st.scoreAt, slot).n),
          scores: (slot) => scores!.sums(st.scoreAt, slot),
          confusion: (slot) => confusionAt(st.cells, slot),
        };
      },
    };
  }
}

function countSlots(slot: Int32Array, n: number, cellOf: Uint8Array, cells: Float64Array): void {
  for (let i = 0; i < n; i++) cells[(slot[i]! << 2) | cellOf[i]!]!++;
}
