/** The I/O at the edge: file hashing, git, atomic report writes. Checks see it only as CheckIO. */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { execFile } from 'node:child_process';
import type { CheckIO } from '../checks/types.js';
import { ConfigError, InputFileError, describeFsError } from '../errors.js';
import { committed, pendingTemps } from './interrupt.js';

export { abortWrites } from './interrupt.js';

export async function sha256File(path: string): Promise<string> {
  const st = await stat(path).catch((e) => { throw describeFsError(path, e); });
  if (st.isDirectory()) throw describeFsError(path, Object.assign(new Error('dir'), { code: 'EISDIR' }));
  // A FIFO would block and a device never end.
  if (!st.isFile()) throw new InputFileError(path, 'not a regular file (a pipe, socket or device); expected a file');
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
  // node:child_process rather than execa here: loading execa costs ~0.2 s, which a pre-push hook
  // pays on every push (measured; execa stays for the tests).
  return new Promise((done) => {
    const child = execFile('git', args, { cwd, timeout: 30_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as NodeJS.ErrnoException & { code?: unknown }).code === 'number' ? (err as unknown as { code: number }).code : 1) : 0;
      done({ exitCode: code, stdout: String(stdout ?? ''), stderr: String(stderr ?? '') });
    });
    child.stdin?.end();
  });
}

/**
 * The CheckIO of a run. Paths written in a policy or model file (MG105 `training_ids.file`, MG104
 * `artifact.uri`) resolve relative to that file and may not leave its repository (the git root
 * above it, else its folder) unless `allowOutsideRepo`: a pull request must not be able to make
 * the gate read, and echo values from, files elsewhere on the CI machine.
 */
export function makeCheckIO(opts: { allowOutsideRepo: boolean }): CheckIO {
  return {
    ...baseIO,
    resolve(fromFile, path) {
      const target = isAbsolute(path) ? path : resolve(dirname(fromFile), path);
      if (opts.allowOutsideRepo) return target;
      const root = repositoryRootSync(fromFile);
      const real = realOrResolved(target);
      const rel = relative(root, real);
      if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
        throw new ConfigError([{
          file: fromFile,
          message: `path "${path}" resolves to ${real}, outside the repository of ${basename(fromFile)} (${root})`,
          hint: 'keep the file inside the repository, or pass --allow-outside-repo if this is intended',
        }]);
      }
      return target;
    },
  };
}

/** The git root above `file` (a `.git` folder, or a file in a worktree), else the file's folder. */
export function repositoryRootSync(file: string): string {
  const start = dirname(realOrResolved(file));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

/** The real path (symlinks followed); for a path that does not exist yet, its resolved form. */
function realOrResolved(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

const baseIO: Omit<CheckIO, 'resolve'> = {
  async sha256File(path) {
    try {
      return { ok: true, sha256: await sha256File(path) };
    } catch (e) {
      return { ok: false, message: (e as Error).message };
    }
  },
  git,
  async fileExists(path) {
    try {
      return (await stat(path)).isFile();
    } catch {
      return false;
    }
  },
  async readColumn(path, column) {
    // Imported on use: main.ts loads this module early (gitState) and must not load the readers.
    const { openDataset } = await import('../data/open.js');
    const src = await openDataset(path);
    const { data } = await src.read({ columns: [{ name: column, as: 'category' }] });
    const col = data.columns.get(column);
    if (!col || col.kind !== 'category') return [];
    const out: string[] = [];
    for (let i = 0; i < col.codes.length; i++) if (col.codes[i]! >= 0) out.push(col.dictionary[col.codes[i]!]!);
    return out;
  },
};

export const checkIO: CheckIO = makeCheckIO({ allowOutsideRepo: false });

export interface GitState {
  sha: string | null;
  dirty: boolean | null;
}

/** Git facts for the report header; null when not in a repository. Never rejects. */
export async function gitState(cwd: string): Promise<GitState> {
  try {
    const [head, status] = await Promise.all([git(['rev-parse', 'HEAD'], cwd), git(['status', '--porcelain', '--untracked-files=no'], cwd)]);
    if (head.exitCode !== 0) return { sha: null, dirty: null };
    return { sha: head.stdout.trim(), dirty: status.exitCode === 0 ? status.stdout.trim() !== '' : null };
  } catch {
    return { sha: null, dirty: null };
  }
}

/**
 * Writes a report atomically: a temporary file in the same folder, then rename. An interrupted run
 * never leaves a half-written JUnit file that CI would read as passing. The write and the rename
 * are synchronous on purpose: a signal handler cannot run in the middle of them, so abortWrites()
 * (interrupt.ts) always sees either the temporary file or the finished report, never a file in flight.
 */
export async function writeAtomic(path: string, content: string): Promise<void> {
  const dir = dirname(resolve(path));
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  pendingTemps.add(tmp);
  try {
    writeFileSync(tmp, content, { encoding: 'utf8', mode: 0o644 });
    renameSync(tmp, path);
    committed.push(resolve(path));
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  } finally {
    pendingTemps.delete(tmp);
  }
}
