/**
 * Bad CSV/TSV holdouts. The demo's header is `id,sex,region,age,income,debt_ratio,tenure,label,
 * prediction,score,shap_...` (15 fields); data row r is on line r + 1 unless said otherwise.
 */
import { gzipSync } from 'node:zlib';
import { edit, editCsv, read, setField, useData, write } from './base.js';
import type { Case } from './case.js';

const BOM = '\uFEFF';
const crlf = (dir: string) => write(dir, 'holdout.csv', read(dir, 'holdout.csv').replaceAll('\n', '\r\n'));
const withBom = (dir: string) => write(dir, 'holdout.csv', BOM + read(dir, 'holdout.csv'));
const column = (dir: string, name: string, fn: (cell: string, row: number) => string) => editCsv(dir, (lines) => {
  const idx = lines[0]!.split(',').indexOf(name);
  return lines.map((l, r) => {
    if (r === 0) return l;
    const cells = l.split(',');
    cells[idx] = fn(cells[idx]!, r);
    return cells.join(',');
  });
});

export const CSV_CASES: Case[] = [
  { name: 'csv: empty file', setup: (d) => write(d, 'holdout.csv', ''), expect: /holdout\.csv: empty file: expected a header row/ },
  { name: 'csv: only blank lines', setup: (d) => write(d, 'holdout.csv', '\n\n\r\n'), expect: /holdout\.csv: empty file/ },
  { name: 'csv: header only', setup: (d) => editCsv(d, (l) => l.slice(0, 1)), expect: /holdout\.csv:1: the dataset has a header \(line 1\) but no data rows/ },
  { name: 'csv: BOM and header only', setup: (d) => { editCsv(d, (l) => l.slice(0, 1)); withBom(d); }, expect: /holdout\.csv:1: the dataset has a header \(line 1\) but no data rows/ },
  { name: 'csv: row with an extra field', setup: (d) => editCsv(d, (l) => { l[4] += ',x'; return l; }), expect: /holdout\.csv:5 \(row 4\): row has 16 fields, the header has 15/ },
  { name: 'csv: row with a missing field', setup: (d) => editCsv(d, (l) => { l[10] = l[10]!.slice(0, l[10]!.lastIndexOf(',')); return l; }), expect: /holdout\.csv:11 \(row 10\): row has 14 fields, the header has 15/ },
  { name: 'csv: unterminated quote', setup: (d) => setField(d, 7, 'sex', '"M'), expect: /holdout\.csv:8 \(row 7, column "sex"\): unterminated quoted field/ },
  { name: 'csv: text after a closing quote', setup: (d) => setField(d, 7, 'sex', '"M"x'), expect: /holdout\.csv:8 \(row 7, column "sex"\): unexpected text after a closing quote/ },
  { name: 'csv: BOM and a ragged row', setup: (d) => { editCsv(d, (l) => { l[3] += ',x'; return l; }); withBom(d); }, expect: /holdout\.csv:4 \(row 3\): row has 16 fields/ },
  { name: 'csv: BOM and a duplicate column', setup: (d) => { edit(d, 'holdout.csv', (t) => t.replace('id,sex,region', 'id,sex,sex')); withBom(d); }, expect: /holdout\.csv:1 \(column "sex"\): duplicate column name "sex" \(fields 2 and 3\)/ },
  { name: 'csv: CRLF and text in the score column', setup: (d) => { setField(d, 12, 'score', 'high'); crlf(d); }, expect: /holdout\.csv:13 \(row 12, column "score"\): expected a number, got "high"/ },
  { name: 'csv: CRLF, a multi-line field, then a ragged row', setup: (d) => { setField(d, 5, 'region', '"east\nside"'); editCsv(d, (l) => { l[9] += ',x'; return l; }); crlf(d); }, expect: /holdout\.csv:10 \(row 8\): row has 16 fields/ },
  { name: 'csv: duplicate column names', setup: (d) => edit(d, 'holdout.csv', (t) => t.replace('id,sex,region', 'id,sex,sex')), expect: /holdout\.csv:1 \(column "sex"\): duplicate column name "sex"/ },
  { name: 'csv: empty column name', setup: (d) => edit(d, 'holdout.csv', (t) => t.replace('id,sex,region', 'id,sex,')), expect: /holdout\.csv:1: header field 3 is empty/ },
  { name: 'csv: NaN score', setup: (d) => setField(d, 20, 'score', 'NaN'), expect: /holdout\.csv(:21)? \(row 20, column "score"\): score NaN is not a finite number in \[0, 1\]/ },
  { name: 'csv: Infinity score', setup: (d) => setField(d, 21, 'score', 'Infinity'), expect: /holdout\.csv(:22)? \(row 21, column "score"\): score Infinity is not a finite number in \[0, 1\]/ },
  { name: 'csv: score above 1', setup: (d) => setField(d, 33, 'score', '1.5'), expect: /holdout\.csv(:34)? \(row 33, column "score"\): score 1\.5 is not a finite number in \[0, 1\]/ },
  { name: 'csv: negative score', setup: (d) => setField(d, 2400, 'score', '-0.01'), expect: /holdout\.csv(:2401)? \(row 2400, column "score"\): score -0\.01 is not/ },
  { name: 'csv: label outside {0,1}', setup: (d) => setField(d, 15, 'label', '2'), expect: /holdout\.csv(:16)? \(row 15, column "label"\): label 2 is outside \{0, 1\}/ },
  { name: 'csv: label that is text', setup: (d) => setField(d, 16, 'label', 'yes'), expect: /holdout\.csv:17 \(row 16, column "label"\): expected a number, got "yes"/ },
  { name: 'csv: prediction -1', setup: (d) => setField(d, 100, 'prediction', '-1'), expect: /holdout\.csv(:101)? \(row 100, column "prediction"\): prediction -1 is outside \{0, 1\}/ },
  { name: 'csv: one missing label', setup: (d) => setField(d, 1234, 'label', ''), expect: /holdout\.csv(:1235)? \(row 1234, column "label"\): missing label/ },
  { name: 'csv: all-null label column', setup: (d) => column(d, 'label', () => ''), expect: /holdout\.csv(:2)? \(row 1, column "label"\): missing label.*at least 2400 invalid rows/ },
  { name: 'csv: all-null score column', setup: (d) => column(d, 'score', () => ''), expect: /holdout\.csv(:2)? \(row 1, column "score"\): missing score/ },
  { name: 'csv: text in an attribution column', setup: (d) => setField(d, 30, 'shap_age', 'n/a'), expect: /holdout\.csv:31 \(row 30, column "shap_age"\): expected a number, got "n\/a"/ },
  { name: 'csv: NUL bytes', setup: (d) => write(d, 'holdout.csv', Buffer.concat([Buffer.from(read(d, 'holdout.csv').slice(0, 500)), Buffer.alloc(64)])), expect: /holdout\.csv: not CSV text; it looks like binary data \(a NUL byte at offset 500/ },
  { name: 'csv: a 70 MiB field', setup: (d) => setField(d, 3, 'region', 'x'.repeat(70 * 1024 * 1024)), expect: /holdout\.csv:4 \(row 3\): record is longer than 64 MiB/ },
  { name: 'csv: a quote that swallows 70 MiB', setup: (d) => { setField(d, 3, 'region', '"east'); write(d, 'holdout.csv', read(d, 'holdout.csv') + 'y,'.repeat(35 * 1024 * 1024)); }, expect: /holdout\.csv:4 \(row 3(, column "region")?\): (record is longer than 64 MiB|unterminated quoted field)/ },
  { name: 'tsv: row with an extra field', setup: (d) => { write(d, 'holdout.tsv', read(d, 'holdout.csv').replaceAll(',', '\t').replace('\n', '\n' + '1\t'.repeat(16) + '\n')); useData(d, 'holdout.tsv'); }, expect: /holdout\.tsv:2 \(row 1\): row has 17 fields, the header has 15/ },
  { name: 'csv.gz: truncated gzip', setup: (d) => { const gz = gzipSync(read(d, 'holdout.csv')); write(d, 'holdout.csv.gz', gz.subarray(0, gz.length >> 1)); useData(d, 'holdout.csv.gz'); }, expect: /holdout\.csv\.gz: cannot decompress gzip data: unexpected end of file \(after \d+ decompressed bytes; \d+ of the file's bytes read\)/ },
  { name: 'csv.gz: not compressed', setup: (d) => { write(d, 'holdout.csv.gz', read(d, 'holdout.csv')); useData(d, 'holdout.csv.gz'); }, expect: /holdout\.csv\.gz: not gzip-compressed data \(no gzip magic bytes\); it looks like CSV text/ },
  { name: 'csv.gz: bad label inside', setup: (d) => { setField(d, 44, 'label', '5'); write(d, 'holdout.csv.gz', gzipSync(read(d, 'holdout.csv'))); useData(d, 'holdout.csv.gz'); }, expect: /holdout\.csv\.gz(:45)? \(row 44, column "label"\): label 5 is outside \{0, 1\}/ },
];
