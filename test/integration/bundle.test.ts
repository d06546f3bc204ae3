/**
 * The bundled build (scripts/bundle.mjs): on a small stand-in for tsc's dist/, module-relative paths
 * (a worker started from `new URL('./x.js', import.meta.url)`, a file read next to the package)
 * must resolve as in the unbundled files, the lazily imported modules must land in one app chunk
 * that --version-like runs do not load, and a static import of DuckDB/apache-arrow there is refused.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/run-cli.js';

type Bundle = (o: { dist: string; out: string; entries: Record<string, string> }) => Promise<{ file: string; bytes: number }[]>;
const { bundle } = (await import(pathToFileURL(join(ROOT, 'scripts/bundle.mjs')).href)) as { bundle: Bundle };

const tmp = mkdtempSync(join(tmpdir(), 'mg-bundle-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function write(root: string, files: Record<string, string>): void {
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    writeFileSync(join(root, f), text);
  }
}

const FILES = {
  'package.json': '{ "name": "fake", "version": "9.9.9", "type": "module" }\n',
  'dist/cli/interrupt.js': 'export const pending = new Set();\n',
  'dist/cli/main.js': `import './interrupt.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(root + 'package.json', 'utf8'));
if (process.argv[2] === '--version') console.log(pkg.version);
else console.log(await (await import('../engine/work.js')).work());
`,
  'dist/engine/work.js': `import { Worker } from 'node:worker_threads';
import { once } from 'node:events';
export async function work() {
  const w = new Worker(new URL('./worker.js', import.meta.url), { workerData: 20 });
  const [answer] = await once(w, 'message');
  await w.terminate();
  return answer;
}
`,
  'dist/engine/worker.js': `import { parentPort, workerData } from 'node:worker_threads';
parentPort.postMessage('worker says ' + (workerData + 22) + ' from ' + import.meta.url.split('/').slice(-2).join('/'));
`,
};

describe('bundle', () => {
  it('keeps module-relative paths and worker entry points working, and loads the app chunk only when used', async () => {
    const root = join(tmp, 'pkg');
    write(root, FILES);
    const dist = join(root, 'dist');
    const out = join(dist, 'bundle');
    const chunks = await bundle({ dist, out, entries: { interrupt: join(dist, 'cli/interrupt.js'), main: join(dist, 'cli/main.js') } });
    const app = chunks.find((c) => c.file.startsWith('app-'));
    expect(app, JSON.stringify(chunks)).toBeDefined();
    // The lazily imported module is in the app chunk, not left as a reference to dist/engine/work.js.
    expect(readFileSync(join(out, app!.file), 'utf8')).toContain('new Worker(');
    expect(readFileSync(join(out, 'main.js'), 'utf8')).not.toMatch(/engine\/work\.js/);
    const run = (...args: string[]) => execFileSync(process.execPath, [join(out, 'main.js'), ...args], { encoding: 'utf8' }).trim();
    expect(run()).toBe('worker says 42 from engine/worker.js');
    expect(run('--version')).toBe('9.9.9');
    // --version does not load the app chunk: remove it and run again.
    rmSync(join(out, app!.file));
    expect(run('--version')).toBe('9.9.9');
    expect(() => run()).toThrow(/Cannot find module .*app-/);
  });

  it('refuses to bundle apache-arrow into an eagerly loaded chunk', async () => {
    const root = join(tmp, 'bad');
    write(root, {
      'package.json': '{ "type": "module" }\n',
      'dist/cli/interrupt.js': 'export {};\n',
      'dist/cli/main.js': "import './interrupt.js';\nimport { Type } from 'apache-arrow';\nconsole.log(Type.Int);\n",
    });
    const dist = join(root, 'dist');
    const out = join(dist, 'bundle');
    await expect(bundle({ dist, out, entries: { interrupt: join(dist, 'cli/interrupt.js'), main: join(dist, 'cli/main.js') } })).rejects.toThrow(/apache-arrow statically/);
    expect(readdirSync(dist)).not.toContain('bundle');
  });
});
