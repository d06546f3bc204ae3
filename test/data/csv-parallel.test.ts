/**
 * The two-thread CSV reader against the sequential one on the same files, with tiny chunks (1 KB)
 * and a tiny work buffer (4 KB) so that a few KB of CSV cross many chunk borders and buffer fills:
 * the same values (Object.is), validity, codes and dictionaries, the same rows and dictionary sizes
 * at every step the reader yields (batches are cut there), and the same error with its line, row
 * and field. Inputs mix plain records with quoted fields (embedded line breaks straddling chunk
 * borders), CRLF, blank lines, a BOM, a missing final line break, bad numbers and wrong field
 * counts. Run with the worker from the build (dist/data/csv-worker.js) parsing every chunk, with
 * the product's split between the worker and this thread, and with this thread alone.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetBuilder } from '../../src/data/builders.js';
import { csvParallel, openCsv } from '../../src/data/csv.js';
import { csvParallelCounts } from '../../src/data/csv-parallel.js';
import type { ReadAs } from '../../src/data/dataset.js';
import { UserError } from '../../src/errors.js';

const WORKER = new URL('../../dist/data/csv-worker.js', import.meta.url);
const dir = mkdtempSync(path.join(tmpdir(), 'mg-csvpar-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;

function write(content: string | Buffer): string {
  const p = path.join(dir, `t${counter++}.csv`);
  writeFileSync(p, content);
  return p;
}

/**
 * `worker`: every chunk from the worker; `both`: the product's split; `alone`: no worker; `broken`:
 * a worker that fails to start (this thread does everything).
 */
type Mode = 'sequential' | 'worker' | 'both' | 'alone' | 'broken';

/** Everything one scan produced: per yield the rows and dictionary sizes, then the columns; or the error. */
async function scan(p: string, as: readonly ReadAs[], mode: Mode, chunkBytes = 1024, format: 'csv' | 'tsv' = 'csv'): Promise<unknown> {
  const saved = { ...csvParallel };
  csvParallel.bufferBytes = 4096;
  csvParallel.chunkBytes = chunkBytes;
  csvParallel.minBytes = mode === 'sequential' ? Number.POSITIVE_INFINITY : 0;
  csvParallel.workerUrl = mode === 'worker' || mode === 'both' ? WORKER : mode === 'broken' ? new URL('./no-such-worker.js', WORKER) : null;
  csvParallel.readerParses = mode !== 'worker';
  try {
    const reader = await openCsv(p, { format, gzip: false });
    const columns = reader.schema.map((c, i) => ({ name: c.name, as: as[i % as.length]! }));
    const out = new DatasetBuilder(columns);
    const steps: unknown[] = [];
    const it = reader.fill(out, columns, false);
    for (let step = await it.next(); !step.done; step = await it.next()) {
      steps.push([out.rows, out.estimatedRows, ...out.columns.map((b) => (b.kind === 'category' ? b.dictionary.length : -1))]);
    }
    const data = out.finish();
    const cols: unknown[] = [data.rows];
    for (const [name, col] of data.columns) {
      cols.push(name, col.kind);
      if (col.kind === 'number') {
        cols.push([...col.values].map((x) => (Object.is(x, -0) ? '-0' : Number.isNaN(x) ? 'NaN' : x)));
        cols.push(col.valid ? [...col.valid] : null);
      } else if (col.kind === 'presence') cols.push([...col.valid]);
      else cols.push([...col.codes], [...col.dictionary]);
    }
    return { steps, cols };
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    return { error: err.message, problems: JSON.parse(JSON.stringify(err.problems)) };
  } finally {
    Object.assign(csvParallel, saved);
  }
}

async function same(content: string | Buffer, as: readonly ReadAs[], chunkBytes = 1024, format: 'csv' | 'tsv' = 'csv'): Promise<unknown> {
  const p = write(content);
  const expected = await scan(p, as, 'sequential', 1024, format);
  expect(await scan(p, as, 'alone', chunkBytes, format)).toEqual(expected);
  expect(await scan(p, as, 'worker', chunkBytes, format)).toEqual(expected);
  expect(await scan(p, as, 'both', chunkBytes, format)).toEqual(expected);
  return expected;
}

const plainNumber = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => String(x)),
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.stringMatching(/^-?\d{1,18}(\.\d{0,6})?$/),
);
/** Number text outside the fast loop's plain grammar, quoted fields (line breaks in them) included. */
const oddNumber = fc.constantFrom('', ' 1', '1e5', 'NaN', '-Infinity', 'true', '.5', '"1.5"', '00012', '-0', '"\n3"', '"2\r\n"', '1\r');
const plainText = fc.constantFrom('A', 'B', 'ccc', 'A ', 'é', 'Other', '7', '7.0', 'true', 'TRUE', '', 'a"b');
const oddText = fc.constantFrom('"a,b"', '"say ""hi"""', '"line\nbreak"', '"x\r\ny"', '""');
/** A cell of a column read as `as`: odd (quoted, or not the plain number grammar) `odd` times in 300. */
const cellOf = (as: ReadAs | undefined, odd: number): fc.Arbitrary<string> =>
  as === 'number'
    ? odd > 0 ? fc.oneof({ weight: 300 - odd, arbitrary: plainNumber }, { weight: odd, arbitrary: oddNumber }) : plainNumber
    : odd > 0 ? fc.oneof({ weight: 300 - odd, arbitrary: plainText }, { weight: odd, arbitrary: oddText }) : plainText;
const rarely = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: a });
/** Text no number read accepts, and a quote left open. */
const badCell = fc.constantFrom('abc', '1.2.3', '0x10', '-', '"open');

/**
 * Many records (a few KB: several chunks) for columns read as `as` (cycled), mostly plain; maybe
 * one bad cell and one record of another width; line ends LF, CRLF, or blank lines after them.
 */
function csvText(as: readonly ReadAs[]): fc.Arbitrary<string> {
  const shape = fc.tuple(fc.integer({ min: 1, max: 5 }), fc.constantFrom(0, 1, 3, 20));
  return shape.chain(([w, odd]) =>
    fc
      .tuple(
        fc.array(
          fc.tuple(fc.tuple(...Array.from({ length: w }, (_, i) => cellOf(as[i % as.length], odd))), fc.constantFrom('\n', '\n', '\n', '\n', '\n', '\n', '\r\n', '\n\n', '\r\n\r\n')),
          { minLength: 100, maxLength: 1000 },
        ),
        fc.boolean(),
        rarely(fc.tuple(fc.nat(), fc.nat(), badCell)),
        rarely(fc.nat()),
        fc.boolean(),
        fc.boolean(),
      )
      .map(([records, finalNewline, bad, wrongAt, bom, crlfFile]) => {
        const header = Array.from({ length: w }, (_, i) => `c${i}`).join(',');
        const lines = records.map(([cells, eol], r) => {
          const fields: string[] = [...cells];
          if (bad && r === bad[0] % records.length) fields[bad[1] % w] = bad[2];
          if (wrongAt !== null && r === wrongAt % records.length) fields.push('9');
          return fields.join(',') + (crlfFile ? eol.replaceAll('\r\n', '\n').replaceAll('\n', '\r\n') : eol);
        });
        const text = `${bom ? '\ufeff' : ''}${header}\n${lines.join('')}`;
        return finalNewline ? text : text.replace(/\r?\n$/, '');
      }),
  );
}

describe('CSV read on two threads = sequential read', () => {
  for (const as of [['number'], ['category'], ['number', 'category', 'presence']] as ReadAs[][]) {
    it(`random files read as ${as.join('/')}`, async () => {
      const before = { ...csvParallelCounts };
      let clean = 0;
      await fc.assert(
        fc.asyncProperty(csvText(as), fc.constantFrom(128, 256, 700, 1024, 3000), async (text, chunkBytes) => {
          if (!('error' in ((await same(text, as, chunkBytes)) as object))) clean++;
        }),
        { numRuns: 60 },
      );
      // Not a vacuous comparison: most files read without error, many chunks were taken whole.
      expect(clean).toBeGreaterThan(20);
      expect(csvParallelCounts.taken - before.taken).toBeGreaterThan(200);
    }, 300_000);
  }

  it('plain files: the chunks are taken, from the worker too, and read the same', async () => {
    const rows: string[] = ['label,score,race,f0'];
    let x = 7;
    for (let i = 0; i < 3000; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      rows.push(`${x % 2},${x / 2 ** 32},${['White', 'Black', 'Asian', `R${i}`][x % 4]},${x % 13 === 0 ? '' : (x % 1000) / 7}`);
    }
    const text = rows.join('\n') + '\n';
    const before = { ...csvParallelCounts };
    const r = (await same(text, ['number', 'number', 'category', 'number'])) as { steps: unknown[] };
    expect(r).not.toHaveProperty('error');
    expect(r.steps.length).toBeGreaterThan(10); // many buffer fills
    expect(csvParallelCounts.taken - before.taken).toBeGreaterThan(2 * 60);
    expect(csvParallelCounts.worker - before.worker).toBeGreaterThan(0);
    expect(await scan(write(text), ['number', 'number', 'category', 'number'], 'broken')).toEqual(r);
  });

  it('TSV: tabs delimit, commas are text', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `${i % 2}\t${(i * 0.013).toFixed(4)}\tg${i % 11}, x\t${i % 17 === 0 ? '' : i}`);
    const before = csvParallelCounts.taken;
    const r = await same(`label\tscore\tgroup\tf\n${rows.join('\n')}\n`, ['number', 'number', 'category', 'number'], 1024, 'tsv');
    expect(r).not.toHaveProperty('error');
    expect(csvParallelCounts.taken - before).toBeGreaterThan(3 * 30);
  });

  it('quoted line breaks across chunk borders, bad values in later chunks: the same values and errors', async () => {
    const base = Array.from({ length: 2000 }, (_, i) => `${i},${i % 7 === 0 ? '"multi\nline, quoted"' : `v${i % 50}`},${(i * 0.37).toFixed(3)}`);
    const plain = `a,b,c\n${base.join('\n')}\n`;
    expect(await same(plain, ['number', 'category', 'number'])).not.toHaveProperty('error');
    for (const [at, bad] of [
      [1500, '12,x,zz'],
      [1800, '1,2'],
      [1999, '5,"unterminated,1'],
      [1200, '3,"x"y,1'],
    ] as const) {
      const lines = [...base];
      lines.splice(at, 0, bad);
      const r = await same(`a,b,c\n${lines.join('\n')}\n`, ['number', 'category', 'number']);
      expect(r).toHaveProperty('error');
    }
  });

  it('a line longer than half the buffer, blank lines at chunk starts, a file without a final line break', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `${i},${i % 300 === 5 ? 'L'.repeat(2500) : `w${i % 9}`}`);
    expect(await same(`a,b\n${rows.join('\n')}`, ['number', 'category'])).not.toHaveProperty('error');
    const blanks = Array.from({ length: 3000 }, (_, i) => (i % 40 === 0 ? '' : `${i},x${i % 3}`));
    expect(await same(`a,b\n${blanks.join('\r\n')}\r\n`, ['number', 'category'])).not.toHaveProperty('error');
  });
});
