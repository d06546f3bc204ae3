/**
 * Bad JSONL, Parquet and Arrow holdouts (converted from the demo CSV by the project's writer, then
 * broken byte by byte), and filesystem trouble: directories, FIFOs, devices, permissions.
 */
import { chmodSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { edit, read, setField, useData, write, writeFormats } from './base.js';
import type { Case } from './case.js';

/** Converts the (possibly edited) holdout.csv to every format and points the config at `file`. */
async function as(dir: string, file: string, fn?: (bytes: Buffer) => Buffer): Promise<void> {
  await writeFormats(dir, 'holdout.csv', 'holdout', file.endsWith('.zstd.arrows') ? file : undefined);
  if (fn) writeFileSync(join(dir, file), fn(readFileSync(join(dir, file))));
  useData(dir, file);
}

const jsonlLines = (dir: string, fn: (lines: string[]) => void) => {
  const lines = read(dir, 'holdout.jsonl').split('\n');
  fn(lines);
  write(dir, 'holdout.jsonl', lines.join('\n'));
};

/** Overwrites the Parquet footer's Thrift metadata (between the data and the length word) with junk. */
function corruptFooter(b: Buffer): Buffer {
  const len = b.readUInt32LE(b.length - 8);
  const out = Buffer.from(b);
  out.fill(0xab, b.length - 8 - len + 8, b.length - 8);
  return out;
}

/**
 * Marks every column chunk as LZO-compressed, a codec DuckDB does not read. In the footer's Thrift
 * compact encoding ColumnMetaData field 4 (codec, i32) follows field 3 as the byte 0x15, then the
 * zigzag varint of the codec (SNAPPY 1 -> 0x02), then field 5 (num_values, i64) as 0x16.
 */
function lzoCodec(b: Buffer): Buffer {
  const len = b.readUInt32LE(b.length - 8);
  const out = Buffer.from(b);
  let n = 0;
  for (let i = b.length - 8 - len; i < b.length - 10; i++) {
    if (out[i] === 0x15 && out[i + 1] === 0x02 && out[i + 2] === 0x16) {
      out[i + 1] = 0x06; // zigzag(3) = LZO
      n++;
    }
  }
  if (n === 0) throw new Error('no SNAPPY codec field found in the footer: update lzoCodec');
  return out;
}

export const BINARY_CASES: Case[] = [
  { name: 'jsonl: invalid JSON line', setup: async (d) => { await as(d, 'holdout.jsonl'); jsonlLines(d, (l) => { l[6] = l[6]!.slice(0, -3); }); }, expect: /holdout\.jsonl:7(:\d+)?: invalid JSON/ },
  { name: 'jsonl: a line that is an array', setup: async (d) => { await as(d, 'holdout.jsonl'); jsonlLines(d, (l) => { l[8] = '[1, 2, 3]'; }); }, expect: /holdout\.jsonl:9: expected a JSON object on each line, got an array/ },
  { name: 'jsonl: label that is text', setup: async (d) => { await as(d, 'holdout.jsonl'); jsonlLines(d, (l) => { l[11] = l[11]!.replace(/"label":\d/, '"label":"x"'); }); }, expect: /holdout\.jsonl:12 \(row 12, column "label"\): expected a number, got "x"/ },
  { name: 'jsonl: nested object as score', setup: async (d) => { await as(d, 'holdout.jsonl'); jsonlLines(d, (l) => { l[3] = l[3]!.replace(/"score":[\d.e-]+/, '"score":{"p":0.5}'); }); }, expect: /holdout\.jsonl:4 \(row 4, column "score"\): expected a number, got a nested object/ },
  { name: 'jsonl: score above 1', setup: async (d) => { setField(d, 50, 'score', '3'); await as(d, 'holdout.jsonl'); }, expect: /holdout\.jsonl(:50)? \(row 50, column "score"\): score 3 is not a finite number in \[0, 1\]/ },
  { name: 'jsonl: no row has a label', setup: async (d) => { await as(d, 'holdout.jsonl'); jsonlLines(d, (l) => l.forEach((x, i) => { l[i] = x.replace(/"label":\d,/, ''); })); }, expect: /holdout\.jsonl \(column "label"\): column "label" not found/ },
  { name: 'jsonl: last line cut short', setup: async (d) => { await as(d, 'holdout.jsonl'); write(d, 'holdout.jsonl', read(d, 'holdout.jsonl').slice(0, -40)); }, expect: /holdout\.jsonl:2400(:\d+)?: invalid JSON/ },
  { name: 'jsonl: empty file', setup: (d) => { write(d, 'holdout.jsonl', ''); useData(d, 'holdout.jsonl'); }, expect: /holdout\.jsonl: empty file/ },

  { name: 'parquet: truncated', setup: (d) => as(d, 'holdout.snappy.parquet', (b) => b.subarray(0, b.length >> 1)), expect: /holdout\.snappy\.parquet: truncated or corrupt Parquet file: no PAR1 magic bytes at the end/ },
  { name: 'parquet: wrong magic bytes', setup: (d) => as(d, 'holdout.snappy.parquet', (b) => Buffer.concat([Buffer.from('PAR0'), b.subarray(4)])), expect: /holdout\.snappy\.parquet: not a Parquet file \(no PAR1 magic bytes\)/ },
  { name: 'parquet: corrupt footer', setup: (d) => as(d, 'holdout.snappy.parquet', corruptFooter), expect: /holdout\.snappy\.parquet: cannot read Parquet: .* \(in the footer, the file metadata at its end\)/ },
  { name: 'parquet: footer length past the start', setup: (d) => as(d, 'holdout.snappy.parquet', (b) => { const o = Buffer.from(b); o.writeUInt32LE(b.length * 2, b.length - 8); return o; }), expect: /holdout\.snappy\.parquet: cannot read Parquet: .*Footer length.* \(in the footer, the file metadata at its end\)/ },
  { name: 'parquet: unsupported compression codec', setup: (d) => as(d, 'holdout.snappy.parquet', lzoCodec), expect: /holdout\.snappy\.parquet: cannot read Parquet: .*Unsupported compression codec "LZO".* \(in the data pages of columns label, /i },
  { name: 'parquet: zeroed data pages', setup: (d) => as(d, 'holdout.snappy.parquet', (b) => { const o = Buffer.from(b); o.fill(0, 4, 2000); return o; }), expect: /holdout\.snappy\.parquet: cannot read Parquet: .* \(in the data pages of columns / },
  { name: 'parquet: a CSV file named .parquet', setup: (d) => { write(d, 'holdout.parquet', read(d, 'holdout.csv')); useData(d, 'holdout.parquet'); }, expect: /holdout\.parquet: not a Parquet file \(no PAR1 magic bytes\); it looks like CSV text/ },
  { name: 'parquet: label outside {0,1}', setup: async (d) => { setField(d, 15, 'label', '2'); await as(d, 'holdout.zstd.parquet'); }, expect: /holdout\.zstd\.parquet \(row 15, column "label"\): label 2 is outside \{0, 1\}/ },
  { name: 'parquet: text in the score column', setup: async (d) => { setField(d, 77, 'score', 'high'); await as(d, 'holdout.gzip.parquet'); }, expect: /holdout\.gzip\.parquet \(row 77, column "score"\): expected a number, got "high"/ },
  { name: 'parquet: NaN score', setup: async (d) => { setField(d, 8, 'score', 'nan'); await as(d, 'holdout.snappy.parquet'); }, expect: /holdout\.snappy\.parquet \(row 8, column "score"\): score NaN is not a finite number/ },

  { name: 'arrow: truncated stream', setup: (d) => as(d, 'holdout.arrows', (b) => b.subarray(0, Math.floor(b.length * 0.6))), expect: /holdout\.arrows: cannot read Arrow IPC .*(record batch|message|byte)/i },
  { name: 'arrow: truncated file', setup: (d) => as(d, 'holdout.arrow', (b) => b.subarray(0, Math.floor(b.length * 0.6))), expect: /holdout\.arrow: truncated or corrupt Arrow IPC file: no ARROW1 magic bytes at the end \(byte \d+\)/ },
  { name: 'arrow: stream cut inside the schema', setup: (d) => as(d, 'holdout.arrows', (b) => b.subarray(0, 40)), expect: /holdout\.arrows: cannot read Arrow IPC/ },
  { name: 'arrow: ZSTD-compressed stream', setup: (d) => as(d, 'holdout.zstd.arrows'), expect: /holdout\.zstd\.arrows: compressed Arrow IPC \(ZSTD\) is not supported/ },
  { name: 'arrow: label outside {0,1}', setup: async (d) => { setField(d, 1500, 'label', '3'); await as(d, 'holdout.arrow'); }, expect: /holdout\.arrow \(row 1500, column "label"\): label 3 is outside \{0, 1\}/ },

  { name: 'fs: data is a directory', setup: (d) => { rmSync(join(d, 'holdout.csv')); mkdirSync(join(d, 'holdout.csv')); }, expect: /holdout\.csv: is a directory, expected a file/ },
  { name: 'fs: data is a FIFO (would block forever)', setup: (d) => { rmSync(join(d, 'holdout.csv')); execFileSync('mkfifo', [join(d, 'holdout.csv')]); }, expect: /holdout\.csv: not a regular file/ },
  { name: 'fs: policy is a FIFO', setup: (d) => { rmSync(join(d, 'policy.yaml')); execFileSync('mkfifo', [join(d, 'policy.yaml')]); }, expect: /policy\.yaml: not a regular file/ },
  { name: 'fs: policy is /dev/zero', setup: () => undefined, args: ['--model', 'model.yaml', '--data', 'holdout.csv', '--policy', '/dev/zero'], expect: /\/dev\/zero: not a regular file/ },
  { name: 'fs: data is /dev/urandom', setup: () => undefined, args: ['--model', 'model.yaml', '--data', '/dev/urandom', '--policy', 'policy.yaml'], expect: /\/dev\/urandom: not a regular file/ },
  { name: 'fs: data under a file', setup: (d) => useData(d, 'holdout.csv/part-0.csv'), expect: /holdout\.csv\/part-0\.csv: a parent of this path is not a directory/ },
  { name: 'fs: model is a dangling symlink', setup: (d) => { rmSync(join(d, 'model.yaml')); symlinkSync(join(d, 'gone.yaml'), join(d, 'model.yaml')); }, expect: /model\.yaml: file not found/ },
  { name: 'fs: unreadable data', setup: (d) => chmodSync(join(d, 'holdout.csv'), 0), unprivileged: true, expect: /holdout\.csv: permission denied/ },
  { name: 'fs: unreadable policy', setup: (d) => chmodSync(join(d, 'default.yaml'), 0), unprivileged: true, expect: /policy\.yaml:3:\d+ \(extends\[0\]\): cannot extend "\.\/default\.yaml": permission denied/ },
  { name: 'fs: unreadable model', setup: (d) => chmodSync(join(d, 'model.yaml'), 0), unprivileged: true, expect: /model\.yaml: permission denied/ },
  { name: 'fs: the config names a policy outside the folder tree by symlink', setup: (d) => { symlinkSync('/etc/hostname', join(d, 'base-link.yaml')); edit(d, 'policy.yaml', (t) => t.replace('[./default.yaml]', '[./default.yaml, ./base-link.yaml]')); }, expect: /policy\.yaml:3:\d+ \(extends\[1\]\): .*outside/ },
];
