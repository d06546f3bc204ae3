/**
 * The same data in every format gives the same Dataset. fixtures/data/sample.csv is the source;
 * the other files were written from it by scripts/write-formats.mjs (DuckDB COPY for Parquet/TSV,
 * apache-arrow for IPC). Expected values come from the CSV text itself, parsed here independently
 * with a naive split (the fixture's quoting is simple), not from any reader under test.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CategoryColumn, Dataset, NumberColumn } from '../../src/data/dataset.js';
import { openDataset } from '../../src/data/open.js';

const dir = path.resolve(__dirname, '../../fixtures/data');
const files = {
  csv: 'sample.csv',
  'csv.gz': 'sample.csv.gz',
  tsv: 'sample.tsv',
  jsonl: 'sample.jsonl',
  'parquet snappy': 'sample.snappy.parquet',
  'parquet zstd': 'sample.zstd.parquet',
  'parquet gzip': 'sample.gzip.parquet',
  'arrow file (dictionary strings)': 'sample.arrow',
  'arrow stream (utf8 strings)': 'sample.arrows',
};

/** Independent parse of the fixture: split on commas outside quotes, undouble quotes. */
function expectedRows(): Record<string, string>[] {
  const [head, ...lines] = readFileSync(path.join(dir, 'sample.csv'), 'utf8').trimEnd().split('\n');
  const names = head!.split(',');
  return lines.map((line) => {
    const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''));
    const unq = cells.map((c) => (c.startsWith('"') ? c.slice(1, -1).replaceAll('""', '"') : c));
    return Object.fromEntries(names.map((n, i) => [n, unq[i]!]));
  });
}

const numeric = ['id', 'label', 'prediction', 'score', 'flag', 'feature'] as const;
const categorical = ['id', 'label', 'race', 'sex', 'flag', 'score'] as const;

function decoded(d: Dataset, name: string): (string | null)[] {
  const c = d.columns.get(name) as CategoryColumn;
  return [...c.codes].map((k) => (k < 0 ? null : c.dictionary[k]!));
}

function numbers(d: Dataset, name: string): (number | null)[] {
  const c = d.columns.get(name) as NumberColumn;
  return [...c.values].map((x, i) => (c.valid && c.valid[i] === 0 ? null : x));
}

describe('the same data in every format gives the same Dataset', () => {
  const rows = expectedRows();
  const num = (text: string): number | null => (text === '' ? null : text === 'true' ? 1 : text === 'false' ? 0 : Number(text));
  const cat = (name: string, text: string): string | null => {
    if (text === '') return null;
    // dataset.ts: numbers as String(x) whatever the text looked like ("0.213370" -> "0.21337").
    return name === 'score' ? String(Number(text)) : text;
  };

  for (const [label, file] of Object.entries(files)) {
    it(label, async () => {
      const src = await openDataset(path.join(dir, file));
      const n = await src.read({ columns: numeric.map((name) => ({ name, as: 'number' as const })) });
      expect(n.data.rows).toBe(rows.length);
      for (const name of numeric) expect(numbers(n.data, name), name).toEqual(rows.map((r) => num(r[name]!)));
      const c = await src.read({ columns: categorical.map((name) => ({ name, as: 'category' as const })) });
      for (const name of categorical) expect(decoded(c.data, name), name).toEqual(rows.map((r) => cat(name, r[name]!)));
      const p = await src.read({ columns: [{ name: 'score', as: 'presence' }] });
      const valid = (p.data.columns.get('score') as { valid: Uint8Array }).valid;
      expect([...valid]).toEqual(rows.map((r) => (r.score === '' ? 0 : 1)));
      expect(n.info.sha256).toMatch(/^[0-9a-f]{64}$/);
    });
  }
});
