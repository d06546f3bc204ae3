/** The I/O at the edge: file hashing, git, atomic report writes. Checks see it only as CheckIO. */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { execa } from 'execa';
import type { CheckIO } from '../checks/types.js';
import { openDataset } from '../data/open.js';
import { describeFsError } from '../errors.js';

export async function sha256File(path: string): Promise<string> {
  const st = await stat(path).catch((e) => { throw describeFsError(path, e); });
  if (st.isDirectory()) throw describeFsError(path, Object.assign(new Error('dir'), { code: 'EISDIR' }));
  const hash = createHash('sha256');
  await new Promise<void>((res, rej) => {
    createReadStream(path, { highWaterMark: 1 << 22 })
      .on('data', (b) => hash.update(b))
      .on('end', () => res())
      .on('error', (e) => rej(describeFsError(path, e)));
  });
  return hash.digest('hex');
}

export async function git(args: string[], cwd: string): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  // An argument array, never a shell: nothing in metadata or policies can inject a command.
  const r = await execa('git', args, { cwd, reject: false, stdin: 'ignore', timeout: 30_000, env: { GIT_TERMINAL_PROMPT: '0' } });
  return { exitCode: r.exitCode ?? 1, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
}

export const checkIO: CheckIO = {
  async sha256File(path) {
    try {
      return { ok: true, sha256: await sha256File(path) };
    } catch (e) {
      return { ok: false, message: (e as Error).message };
    }
  },
  git,
  resolve(fromFile, path) {
    return isAbsolute(path) ? path : resolve(dirname(fromFile), path);
  },
  async fileExists(path) {
    try {
      return (await stat(path)).isFile();
    } catch {
      return false;
    }
  },
  async readColumn(path, column) {
    const src = await openDataset(path);
    const { data } = await src.read({ columns: [{ name: column, as: 'category' }] });
    const col = data.columns.get(column);
    if (!col || col.kind !== 'category') return [];
    const out: string[] = [];
    for (let i = 0; i < col.codes.length; i++) if (col.codes[i]! >= 0) out.push(col.dictionary[col.codes[i]!]!);
    return out;
  },
};

/** Git facts for the report header; null when not in a repository. */
export async function gitState(cwd: string): Promise<{ sha: string | null; dirty: boolean | null }> {
  try {
    const head = await git(['rev-parse', 'HEAD'], cwd);
    if (head.exitCode !== 0) return { sha: null, dirty: null };
    const status = await git(['status', '--porcelain', '--untracked-files=no'], cwd);
    return { sha: head.stdout.trim(), dirty: status.exitCode === 0 ? status.stdout.trim() !== '' : null };
  } catch {
    return { sha: null, dirty: null };
  }
}

/**
 * Writes a report atomically: a temporary file in the same folder, then rename. An interrupted run
 * never leaves a half-written JUnit file that CI would read as passing.
 */
export async function writeAtomic(path: string, content: string): Promise<void> {
  await mkdir(dirname(resolve(path)), { recursive: true });
  const tmp = join(dirname(resolve(path)), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, content, { encoding: 'utf8', mode: 0o644 });
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
