#!/usr/bin/env node
/**
 * Bundles the tsc output (dist/) into a few ES modules in dist/bundle/, which bin/modelgate.js loads
 * when it is at least as new as dist/cli/main.js (else it falls back to dist/cli/). Why: importing
 * the engine from tsc's ~150 files plus zod's, yaml's and commander's took ~220 ms of CPU, from
 * one bundled file ~90 ms (measured on the 2-core dev machine), a large part of a 0.5 s demo run.
 * Run by `npm run build` after tsc; the input is tsc's JavaScript, so the bundle runs exactly the
 * code the tests type-checked, not a second compilation of the TypeScript.
 *
 * - Chunks: interrupt.js (the signal handlers, loaded first by bin/), main.js (argv and the commands'
 *   definitions: all that --version and --help load), config-*.js (config readers, zod, yaml and the
 *   hook's change detection: all a pre-push with no model change loads) and app-*.js: everything else the commands import
 *   when they run (engine, checks, stats, renderers). Two files rather than the ~30 automatic
 *   chunks, as each module file costs the ESM loader a resolve, a read and a link.
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
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rolldown } from 'rolldown';

const EXTERNAL = [/^node:/, /^@duckdb\//, /^apache-arrow(\/|$)/];
// The config readers, their libraries and the pre-push hook's change detection (cli/hook.js): they
// import nothing from the rest of the app (one-way), which the hook loads only to audit a model.
const CONFIG = /[\\/](dist[\\/]config[\\/][^\\/]+\.js|dist[\\/]cli[\\/]hook\.js|node_modules[\\/](zod|yaml)[\\/].*)$/;
const isLazyExternal = (id) => !id.startsWith('node:') && EXTERNAL.some((re) => re.test(id));

/** Gives the bundler tsc's output with tsc's source map, and pins import.meta to the original file. */
function tscOutput(dist, out) {
  const inDist = (id) => id.startsWith(dist + sep) && !id.startsWith(out + sep) && id.endsWith('.js');
  return {
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
      if (/\bimport\.meta\.(url|dirname|filename)\b/.test(code)) {
        // Relative to the chunk, so a moved or installed package still points at its own dist/.
        const rel = relative(out, id).split(sep).join('/');
        const url = `new URL(${JSON.stringify(rel)}, import.meta.url).href`;
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
}

/** Every module reachable from `from` through static imports. */
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

/**
 * Bundles `entries` (name -> file in `dist`) into `out`; returns the chunks' file names and sizes.
 * Throws on an import the bundler cannot follow, or when DuckDB/apache-arrow would load statically.
 */
export async function bundle({ dist, out, entries }) {
  for (const f of Object.values(entries)) if (!existsSync(f)) throw new Error(`${f} is missing: run tsc -p tsconfig.build.json first`);
  // The app group: every module the entries do not load statically, except those that statically
  // reach DuckDB or apache-arrow (the Parquet/Arrow readers and their helpers), which stay in their
  // own chunks so that those libraries load only for those formats.
  let eager = null;
  const reachesLazy = new Map();
  const inApp = (id, ctx) => {
    eager ??= staticClosure(ctx, Object.values(entries));
    if (eager.has(id)) return false;
    if (!reachesLazy.has(id)) reachesLazy.set(id, [...staticClosure(ctx, [id])].some(isLazyExternal));
    return !reachesLazy.get(id);
  };
  const problems = [];
  const build = await rolldown({
    input: entries,
    platform: 'node',
    // Native addon and a large library that only Parquet/Arrow inputs need: resolved from node_modules at run time.
    external: EXTERNAL,
    plugins: [tscOutput(dist, out)],
    logLevel: 'warn',
    onLog(level, log) {
      // An import the bundler cannot follow (a computed import(), a missing file) would fail only at
      // run time, from the wrong folder: refuse to build instead.
      if (level === 'warn' && !/^(EVAL|CIRCULAR_DEPENDENCY)$/.test(log.code ?? '')) problems.push(`${log.code}: ${log.message}`);
    },
  });
  if (problems.length) {
    await build.close();
    throw new Error(`refusing to write ${out}:\n  ${problems.join('\n  ')}`);
  }
  rmSync(out, { recursive: true, force: true });
  const { output } = await build.write({
    dir: out,
    format: 'esm',
    sourcemap: true,
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
    codeSplitting: {
      // Not the modules the entries already hold (--version would load the groups for them).
      includeDependenciesRecursively: false,
      groups: [
        // Config reading (the hook's "did a model change?" step, validate): no checks, stats or renderers.
        { name: (id, ctx) => (inApp(id, ctx) && CONFIG.test(id) ? 'config' : null) },
        { name: (id, ctx) => (inApp(id, ctx) ? 'app' : null) },
      ],
    },
    // Unminified: stack traces stay readable even without the source map (minifying measured
    // ~0.01 s of CPU on the demo, within the noise).
    minify: false,
  });
  await build.close();
  const chunks = output.filter((c) => c.type === 'chunk');
  // DuckDB and apache-arrow must stay behind a dynamic import (checked, as a regrouping could undo it).
  for (const c of chunks) {
    const eagerChunk = Object.keys(entries).some((n) => c.fileName === `${n}.js`) || (c.fileName.startsWith('app-') || c.fileName.startsWith('config-'));
    const bad = eagerChunk ? c.imports.filter(isLazyExternal) : [];
    if (bad.length) {
      rmSync(out, { recursive: true, force: true });
      throw new Error(`${c.fileName} would import ${bad.join(', ')} statically`);
    }
  }
  return chunks.map((c) => ({ file: c.fileName, bytes: c.code.length }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const dist = join(root, 'dist');
  try {
    const chunks = await bundle({ dist, out: join(dist, 'bundle'), entries: { interrupt: join(dist, 'cli', 'interrupt.js'), main: join(dist, 'cli', 'main.js') } });
    for (const c of chunks) console.log(`bundle: dist/bundle/${c.file} ${Math.round(c.bytes / 1024)} KiB`);
  } catch (e) {
    console.error(`bundle: ${e.message}`);
    process.exit(1);
  }
}
