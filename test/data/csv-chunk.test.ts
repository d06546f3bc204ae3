/**
 * The chunk parser of the two-thread CSV reader on files small enough to cut by hand: where each
 * chunk starts and ends (after the first line break at or after byte k * size - 1), its rows, blank
 * lines, values and chunk-local category codes, and the chunks it must call not plain.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ChunkParser, type ChunkPlan, type ChunkResult } from '../../src/data/csv-chunk.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mg-csvchunk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;

function parser(text: string, slots: ChunkPlan['slots'], chunkBytes: number, maxLine = 100): ChunkParser {
  const p = path.join(dir, `c${counter++}.csv`);
  writeFileSync(p, text);
  return new ChunkParser({ path: p, size: Buffer.byteLength(text), chunkBytes, maxLine, delimiter: 0x2c, want: slots.map((_, i) => i), slots }, 2);
}

function plain(r: ChunkResult): Extract<ChunkResult, { plain: true }> {
  if (!r.plain) throw new Error(`chunk ${r.k} is not plain`);
  return r;
}

describe('ChunkParser', () => {
  it('cuts chunks after line breaks and reads their rows and blank lines', () => {
    // Offsets: "a,b\n" 0-3, "1,2\n" 4-7, "33,4\n" 8-12, "\n" 13, "5,6\n" 14-17, "7,8" 18-20 (21 bytes).
    const p = parser('a,b\n1,2\n33,4\n\n5,6\n7,8', [{ as: 'number', type: 'integer' }, { as: 'number', type: 'integer' }], 8);
    // Chunk 1: the first line break at or after byte 7 is byte 7 itself, so it starts at 8; it
    // ends after the first line break at or after byte 15 (byte 17).
    const c1 = plain(p.parse(1));
    expect([c1.start, c1.end, c1.rows]).toEqual([8, 18, 2]);
    expect([...c1.rowEnds.subarray(0, 2)].map((e) => c1.base + e)).toEqual([13, 18]);
    expect(c1.blankEnds).toEqual([14]);
    expect(c1.columns.map((c) => (c.kind === 'number' ? [...c.values.subarray(0, 2)] : null))).toEqual([[33, 5], [4, 6]]);
    // Chunk 2 starts at 18 and runs to the end of the file: its last record has no line break.
    expect(p.parse(2)).toEqual({ k: 2, plain: false });
    p.close();
  });

  it('numbers chunk-local categories in first-appearance order; missing numbers and empty categories', () => {
    const p = parser('h,n\n' + 'x,1\ny,\nx,2\n,3\nz,4\n', [{ as: 'category', type: 'string' }, { as: 'number', type: 'integer' }], 4);
    // Offsets: "h,n\n" 0-3, "x,1\n" 4-7, "y,\n" 8-10, "x,2\n" 11-14, ",3\n" 15-17, "z,4\n" 18-21.
    // Chunk 1: the line break at byte 3 starts it at 4; the first at or after byte 7 ends it at 8.
    const c1 = plain(p.parse(1));
    expect([c1.start, c1.end, c1.rows]).toEqual([4, 8, 1]);
    const c2 = plain(p.parse(2)); // after the break at 7 to after the first at or after 11 (byte 14)
    expect([c2.start, c2.end, c2.rows]).toEqual([8, 15, 2]);
    const [cat, num] = c2.columns;
    expect(cat).toMatchObject({ kind: 'category', dictionary: ['y', 'x'] });
    expect(cat!.kind === 'category' && [...cat.codes.subarray(0, 2)]).toEqual([0, 1]);
    expect(num!.kind === 'number' && [...num.valid!]).toEqual([0, 1]);
    const c3 = plain(p.parse(3)); // after the break at 14 to after the one at 17
    expect([c3.start, c3.end, c3.rows]).toEqual([15, 18, 1]);
    expect(c3.columns[0]!.kind === 'category' && [c3.columns[0].codes[0], c3.columns[0].dictionary]).toEqual([-1, []]);
    p.close();
  });

  it('calls a chunk not plain for a quote, a bad number, another field count or a line over maxLine', () => {
    const slots: ChunkPlan['slots'] = [{ as: 'number', type: 'number' }, { as: 'category', type: 'string' }];
    const body = (row: string): string => `a,b\n1,x\n${row}\n2,y\n`;
    for (const row of ['3,"q"', '3,"multi\nline"', 'zz,x', '3', '3,x,4']) expect(parser(body(row), slots, 8).parse(1).plain).toBe(false);
    expect(parser(body('3,w'), slots, 8).parse(1).plain).toBe(true);
    expect(parser(body(`3,${'w'.repeat(50)}`), slots, 8, 40).parse(1).plain).toBe(false);
  });
});
