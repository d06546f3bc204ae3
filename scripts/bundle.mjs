#!/usr/bin/env node
/**
 * Bundles the tsc output (dist/) into a few ES modules in dist/bundle/, which bin/modelgate.js loads
 * when it is at least as new as dist/cli/main.js (else it falls back to dist/cli/). Why: Node spends
 * most of a short run resolving, reading and compiling ~150 of our modules and ~250 of zod's, yaml's
 * and commander's; one file per lazily loaded part costs a fraction of that (measured in
 * bench/README.md). Run by `npm run build` after tsc; the input is tsc's JavaScript, so the bundle
 * runs exactly the code the tests type-checked, not a second compilation of the TypeScript.
 *
 * - Chunks: interrupt.js (the signal handlers, loaded first by bin/), main.js (argv and the commands'
 *   definitions: all that --version and --help load), and app-*.js: everything the commands import
 *   when they run (engine, checks, config, zod, yaml, renderers), one file because each extra module
 *   file costs the ESM loader a resolve, a read and a link (~30 small chunks measured slower).
 * - The Parquet and Arrow readers stay separate chunks and DuckDB (native) and apache-arrow stay
 *   external: they are loaded only for Parquet/Arrow files.
 * - `import.meta.url` (and .dirname/.filename) in a bundled module is rewritten to the URL of that
 *   module's tsc output, so paths relative to a module (package.json, policies/, a worker's entry
 *   file next to it) resolve exactly as in the unbundled build, wherever the code lands.
 * - Source maps: each module's tsc map is fed to the bundler, so dist/bundle/*.js.map points at
 *   src/*.ts (used by `node --enable-source-maps` and by the internal-error printer).
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const OUT = join(DIST, 'bundle');
const ENTRIES = { interrupt: join(DIST, 'cli', 'interrupt.js'), main: join(DIST, 'cli', 'main.js') };

for (const f of Object.values(ENTRIES)) {
  if (!existsSync(f)) {
    console.error(`bundle: ${relative(ROOT, f)} is missing: run tsc -p tsconfig.build.json first`);
    process.exit(1);
  }
}

const inDist = (id) => id.startsWith(DIST + sep) && !id.startsWith(OUT + sep) && id.endsWith('.js');

/** Gives the bundler tsc's output with tsc's source map, and pins import.meta to the original file. */
const tscOutput = {
  name: 'modelgate-tsc-output',
  load(id) {
    if (!inDist(id)) return null;
    let code = readFileSync(id, 'utf8');
    let map = null;
    const m = /\n\/\/# sourceMappingURL=([^\s]+)\s*$/.exec(code);
    if (m) {
      code = code.slice(0, m.index + 1);
      const mapFile = resolve(dirname(id), m[1]);
      if (existsSync(mapFile)) map = JSON.parse(readFileSync(mapFile, 'utf8'));
    }
    // Relative to the chunk, so a moved or installed package still points at its own dist/.
    const rel = relative(OUT, id).split(sep).join('/');
    const url = `new URL(${JSON.stringify(rel)}, import.meta.url).href`;
    if (/\bimport\.meta\.(url|dirname|filename)\b/.test(code)) {
      code = code
        .replace(/\bimport\.meta\.url\b/g, `(${url})`)
        .replace(/\bimport\.meta\.filename\b/g, `__mgFileURLToPath(${url})`)
        .replace(/\bimport\.meta\.dirname\b/g, `__mgDirname(__mgFileURLToPath(${url}))`);
      if (/__mg(FileURLToPath|Dirname)/.test(code)) {
        code = `import { fileURLToPath as __mgFileURLToPath } from 'node:url';\nimport { dirname as __mgDirname } from 'node:path';\n${code}`;
      }
    }
    return { code, map };
  },
};

const EXTERNAL = [/^node:/, /^@duckdb\//, /^apache-arrow(\/|$)/];
const isLazyExternal = (id) => !id.startsWith('node:') && EXTERNAL.some((re) => re.test(id));

/**
 * The app group: every module main.js does not load statically, except those that statically reach
 * DuckDB or apache-arrow (the Parquet/Arrow readers and their helpers), which the bundler leaves in
 * their own chunks so that those libraries load only for those formats.
 */
let eager = null;
const reachesLazy = new Map();
function staticClosure(ctx, from) {
  const seen = new Set();
  const todo = [...from];
  while (todo.length) {
    const id = todo.pop();
    if (seen.has(id)) continue;
    seen.add(id);
    todo.push(...(ctx.getModuleInfo(id)?.importedIds ?? []));
  }
  return seen;
}
function inApp(id, ctx) {
  eager ??= staticClosure(ctx, Object.values(ENTRIES));
  if (eager.has(id)) return false;
  if (!reachesLazy.has(id)) reachesLazy.set(id, [...staticClosure(ctx, [id])].some(isLazyExternal));
  return !reachesLazy.get(id);
}

const problems = [];
const bundle = await rolldown({
  input: ENTRIES,
  platform: 'node',
  // Native addon and a large library that only Parquet/Arrow inputs need: resolved from node_modules at run time.
  external: EXTERNAL,
  plugins: [tscOutput],
  logLevel: 'warn',
  onLog(level, log) {
    // An import the bundler cannot follow (a computed import(), a missing file) would fail only at
    // run time, from the wrong folder: refuse to build instead.
    if (level === 'warn' && !/^(EVAL|CIRCULAR_DEPENDENCY)$/.test(log.code ?? '')) problems.push(`${log.code}: ${log.message}`);
  },
});
if (problems.length) {
  console.error(`bundle: refusing to write dist/bundle:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
rmSync(OUT, { recursive: true, force: true });
const { output } = await bundle.write({
  dir: OUT,
  format: 'esm',
  sourcemap: true,
  entryFileNames: '[name].js',
  chunkFileNames: '[name]-[hash].js',
  codeSplitting: {
    groups: [{
      name: (id, ctx) => (inApp(id, ctx) ? 'app' : null),
      // Not the modules main.js already holds: --version would load app-*.js for them.
      includeDependenciesRecursively: false,
    }],
  },
  // Unminified: stack traces stay readable even without the source map.
  minify: false,
});
await bundle.close();
// DuckDB and apache-arrow must stay behind a dynamic import (checked, as a regrouping could undo it).
for (const c of output) {
  if (c.type !== 'chunk' || c.fileName.startsWith('parquet') || c.fileName.startsWith('arrow')) continue;
  const bad = c.imports.filter(isLazyExternal);
  if (bad.length) {
    console.error(`bundle: dist/bundle/${c.fileName} imports ${bad.join(', ')} statically`);
    process.exit(1);
  }
}
const kb = (n) => `${Math.round(n / 1024)} KiB`;
for (const c of output) if (c.type === 'chunk') console.log(`bundle: dist/bundle/${c.fileName} ${kb(c.code.length)}`);
