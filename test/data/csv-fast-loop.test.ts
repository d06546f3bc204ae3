/**
 * The CSV fast loop against the general path (tokenizer + converters, the reader before the fast
 * loop existed) on the same files: every number compared with Object.is, every validity byte,
 * category code and dictionary entry equal, and the same error (message and place) when the file
 * is bad. Inputs mix plain records with everything the fast loop hands over: quotes, CRLF, blank
 * lines, blanks and words in number fields, exponents, long significands, wrong field counts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { csvFastLoop } from '../../src/data/csv.js';
import type { ReadAs } from '../../src/data/dataset.js';
import { readSnapshot } from '../support/read-snapshot.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mg-csvfast-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;

/** The read with the fast loop on or off (see readSnapshot). */
async function readWith(p: string, fastLoop: boolean, as: readonly ReadAs[], scan: boolean): Promise<unknown> {
  csvFastLoop.enabled = fastLoop;
  try {
    return await readSnapshot(p, (schema) => schema.map((c) => c.name), as, scan);
  } finally {
    csvFastLoop.enabled = true;
  }
}

function write(content: string | Buffer): string {
  const p = path.join(dir, `t${counter++}.csv`);
  writeFileSync(p, content);
  return p;
}

async function same(content: string | Buffer, as: readonly ReadAs[], scan = false): Promise<unknown> {
  const p = write(content);
  const fast = await readWith(p, true, as, scan);
  const general = await readWith(p, false, as, scan);
  expect(fast).toEqual(general);
  return fast;
}

const plainNumber = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => String(x)),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((x) => x.toFixed(6)),
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.stringMatching(/^-?\d{1,20}(\.\d{0,20})?$/),
);
const oddCell = fc.constantFrom(
  '', ' 1', '1 ', '+2', '1e5', '-1.5E-3', 'NaN', 'nan', 'inf', '-Infinity', 'true', 'FALSE', '.5', '5.', '-', '.', 'x',
  'abc', '1.2.3', '0x10', '"1.5"', '"a,b"', '"say ""hi"""', '""', '"line\nbreak"', 'a"b', '1\r', '\t3', '00012', '-0', '-0.0',
);
const cell = fc.oneof({ weight: 6, arbitrary: plainNumber }, { weight: 2, arbitrary: oddCell }, { weight: 1, arbitrary: fc.constantFrom('A', 'B', 'ccc', 'A ', 'é') });

const csvText = fc
  .tuple(
    fc.integer({ min: 1, max: 5 }),
    fc.array(fc.tuple(fc.array(cell, { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '\n', '\n', '\r\n', '\n\n')), { maxLength: 30 }),
    fc.boolean(),
    fc.integer({ min: 0, max: 20 }),
    fc.boolean(),
  )
  .map(([width, records, finalNewline, wrongAt, pad]) => {
    // Opening a file tokenizes its first 1,000 rows (type sniffing, field counts): padded files
    // put the records under test after them.
    const header = Array.from({ length: width }, (_, i) => `c${i}`).join(',') + (pad ? `\n${Array(width).fill('1.5').join(',')}`.repeat(1000) : '');
    const lines = records.map(([cells, eol], r) => {
      // Mostly the header's width; one record may have another field count.
      const fields = r === wrongAt ? cells : Array.from({ length: width }, (_, i) => cells[i % cells.length]!);
      return fields.join(',') + eol;
    });
    const text = `${header}\n${lines.join('')}`;
    return finalNewline ? text : text.replace(/\r?\n$/, '');
  });

describe('CSV fast loop = general path', () => {
  for (const as of [['number'], ['category'], ['presence'], ['number', 'category', 'presence']] as ReadAs[][]) {
    it(`random files read as ${as.join('/')}`, async () => {
      await fc.assert(
        fc.asyncProperty(csvText, async (text) => {
          await same(text, as);
        }),
        { numRuns: 200 },
      );
    });
  }

  it('plain files read the same (and are not all errors)', async () => {
    const plain = fc
      .array(fc.tuple(plainNumber, plainNumber, fc.constantFrom('A', 'B', 'C', ''), fc.constantFrom('1', '')), { minLength: 1, maxLength: 40 })
      .map((rows) => `a,b,c,d\n${rows.map((r) => r.join(',')).join('\n')}\n`);
    await fc.assert(
      fc.asyncProperty(plain, async (text) => {
        const r = await same(text, ['number', 'number', 'category', 'presence']);
        expect(r).not.toHaveProperty('error');
      }),
      { numRuns: 200 },
    );
  });

  it('a file longer than one buffer fill, records cut at every refill, scanned and read', async () => {
    // ~12 MB: the 8 MiB work buffer ends inside a record; odd records sprinkled in.
    const rows: string[] = ['label,score,race,f0,shap'];
    let x = 12345;
    for (let i = 0; i < 200_000; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const score = String(x / 2 ** 32);
      const race = ['White', 'Black', 'Asian', '"Other, mixed"'][x % 4]!;
      const f0 = x % 97 === 0 ? '' : String((x % 1000) / 7);
      const shap = i % 5003 === 0 ? ' 1e-3' : i % 7001 === 0 ? 'NaN' : (x % 2 ? '-' : '') + String(x % 100000) + '.' + String(x % 977);
      rows.push(`${x % 2},${score},${race},${f0},${shap}${i % 10007 === 0 ? '\r' : ''}`);
    }
    const text = rows.join('\n') + '\n';
    expect(text.length).toBeGreaterThan(9 * 1024 * 1024);
    const as: ReadAs[] = ['number', 'number', 'category', 'presence', 'number'];
    await same(text, as, true);
    await same(text, as, false);
    // A bad number deep in the file: the same error, row and line.
    for (const at of [60_000, 150_000]) {
      const r = await same(rows.slice(0, at).join('\n') + '\n1,0.2,White,1,zz\n' + rows.slice(at).join('\n'), as, false);
      expect(r).toHaveProperty('error');
    }
  });

  it('the first buffer fill ending at every byte of a record (the fast loop stops at its sentinel there)', async () => {
    // ByteSource fills 8 MiB but its last byte; the fast loop's sentinel goes right after the data.
    const fill = 8 * 1024 * 1024 - 1;
    const target = '1,-0.12345678901234567,Wh\u0000te,,-12.5\n';
    const pad = `0,0.5,${'A'.repeat(250)},1,2\n`; // long rows: few of them to compare
    const header = 'label,score,race,f0,shap\n';
    const as: ReadAs[] = ['number', 'number', 'category', 'presence', 'number'];
    for (let at = 0; at <= target.length; at++) {
      // The fill ends `at` bytes into the target record: pad rows, then one row whose text field evens out.
      const before = fill - at - header.length;
      const rows = Math.floor(before / pad.length) - 1;
      const filler = before - rows * pad.length; // one row of this many bytes: 0,0.5,B...B,1,2 and its LF
      const text = header + pad.repeat(rows) + `0,0.5,${'B'.repeat(filler - 11)},1,2\n` + target + pad.repeat(3);
      expect(Buffer.byteLength(text.slice(0, text.indexOf(target)))).toBe(fill - at);
      const r = (await same(text, as)) as unknown[];
      expect(r).not.toHaveProperty('error');
    }
  }, 120_000);

  it('errors name the same row, line and field', async () => {
    const cases = [
      'a,b\n1,2\n3,x\n',
      'a,b\n1,2\n3\n',
      'a,b\n1,2\n3,4,5\n',
      'a,b\n1,"2\n',
      'a,b\n1,2\r\n3,"4"x\n',
      'a,b\n\n1,2\n\n3,y\n',
      'a,b\n1,2\n"3\n4",z\n',
    ];
    for (const text of cases) {
      const r = await same(text, ['number']);
      expect(r).toHaveProperty('error');
      // The same after the 1,000 rows that opening the file tokenizes.
      const padded = text.replace('\n', `\n${'7,8\n'.repeat(1000)}`);
      expect(await same(padded, ['number'])).toHaveProperty('error');
    }
  });
});
