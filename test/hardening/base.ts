/**
 * The good base every bad-input case starts from: the bundled demo (model, holdout, policy, project
 * config) copied into a temp folder, its policy's `extends` pointed at a local copy of the default
 * policy so the folder is self-contained. Helpers convert the holdout into the other formats with
 * the project's own writer (scripts/write-formats.mjs: DuckDB for Parquet, apache-arrow for IPC).
 */
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { execa } from 'execa';
import { ROOT } from '../e2e/run-cli.js';

export const DEMO = join(ROOT, 'fixtures', 'demo');

/** Copies the demo into `dir` (created) and makes it self-contained. */
export function makeBase(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const f of ['model.yaml', 'holdout.csv', 'model.onnx', 'policy.yaml', 'modelgate.yaml']) copyFileSync(join(DEMO, f), join(dir, f));
  copyFileSync(join(ROOT, 'policies', 'default.yaml'), join(dir, 'default.yaml'));
  const policy = readFileSync(join(dir, 'policy.yaml'), 'utf8');
  const fixed = policy.replace('../../policies/default.yaml', './default.yaml');
  if (fixed === policy) throw new Error('demo policy no longer extends ../../policies/default.yaml; update test/hardening/base.ts');
  writeFileSync(join(dir, 'policy.yaml'), fixed);
}

export function copyBase(base: string, dir: string): void {
  cpSync(base, dir, { recursive: true });
}

export const read = (dir: string, f: string): string => readFileSync(join(dir, f), 'utf8');
export const write = (dir: string, f: string, text: string | Buffer): void => writeFileSync(join(dir, f), text);

/** Edits one text file in place. */
export function edit(dir: string, f: string, fn: (text: string) => string): void {
  const before = read(dir, f);
  const after = fn(before);
  if (after === before) throw new Error(`edit of ${f} changed nothing: the pattern no longer matches the demo`);
  write(dir, f, after);
}

/** Edits the holdout's CSV lines (0 = header). */
export function editCsv(dir: string, fn: (lines: string[]) => string[], file = 'holdout.csv'): void {
  const text = read(dir, file);
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  write(dir, file, fn(lines).join('\n') + '\n');
}

/** Replaces field `column` on data row `row` (1-based, header excluded) of a CSV. */
export function setField(dir: string, row: number, column: string, value: string, file = 'holdout.csv'): void {
  editCsv(dir, (lines) => {
    const idx = lines[0]!.split(',').indexOf(column);
    if (idx < 0) throw new Error(`no column ${column}`);
    const cells = lines[row]!.split(',');
    cells[idx] = value;
    lines[row] = cells.join(',');
    return lines;
  }, file);
}

/** Points the project config at another data file. */
export function useData(dir: string, data: string): void {
  edit(dir, 'modelgate.yaml', (t) => t.replace('data: holdout.csv', `data: ${data}`));
}

/** Adds a check entry or other YAML to the end of policy.yaml (the demo policy ends inside `checks:`). */
export function appendPolicy(dir: string, yaml: string): void {
  write(dir, 'policy.yaml', read(dir, 'policy.yaml') + yaml);
}

/**
 * Writes `<name>.snappy.parquet`, `.zstd.parquet`, `.gzip.parquet`, `.arrow`, `.arrows`, `.jsonl`,
 * `.tsv`, `.csv.gz` (and, with zstdArrow, a ZSTD-compressed Arrow stream) from a CSV in `dir`.
 */
export async function writeFormats(dir: string, csv: string, name: string, zstdArrow?: string): Promise<void> {
  const args = [join(ROOT, 'scripts', 'write-formats.mjs'), join(dir, csv), dir, name, '--row-group-size', '1024'];
  if (zstdArrow) args.push('--zstd-arrow', join(dir, zstdArrow));
  await execa(process.execPath, args, { stdout: 'ignore' });
}

/** sha256 of every file under `dir` (relative path -> hash), to prove inputs are never written. */
export function hashTree(dir: string, skip: (rel: string) => boolean = () => false): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      const rel = relative(dir, full);
      if (skip(rel)) continue;
      if (e.isDirectory()) walk(full);
      else if (e.isFile()) {
        // Unreadable files (mode 000) are hashed by their metadata: root could read them, but a
        // changed mode or size is what a write would show.
        const st = statSync(full);
        out.set(rel, st.mode & 0o444 ? createHash('sha256').update(readFileSync(full)).digest('hex') : `mode ${st.mode} size ${st.size} mtime ${st.mtimeMs}`);
      } else out.set(rel, e.isFIFO() ? 'fifo' : e.isSymbolicLink() ? 'symlink' : 'other');
    }
  };
  walk(dir);
  return out;
}
