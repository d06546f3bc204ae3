#!/usr/bin/env node
// Cache key for the GitHub Action's installed dependencies and built dist/ (action.yml, step "key").
// `hashFiles()` only sees files under GITHUB_WORKSPACE, and the action's own files live in
// GITHUB_ACTION_PATH, so the key is computed here: everything `npm ci && npm run build` reads (lock
// file, package.json, tsconfigs, the bundler script, src/), plus the platform, CPU and Node major
// that the native DuckDB addon and the compiled output depend on.
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const INPUTS = ['package-lock.json', 'package.json', 'tsconfig.json', 'tsconfig.build.json'];
// `npm run build` also runs the bundler (dist/bundle/): a change to it must not restore an old bundle.
const BUILD_SCRIPTS = ['scripts/bundle.mjs'];

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/** `modelgate-<platform>-<arch>-node<major>-<sha256 of the build inputs, 20 hex>`. */
export function cacheKey(root, platform = process.platform, arch = process.arch, nodeVersion = process.version) {
  const hash = createHash('sha256');
  const scripts = BUILD_SCRIPTS.map((f) => join(root, f)).filter((f) => existsSync(f));
  const files = [...INPUTS.map((f) => join(root, f)), ...scripts, ...walk(join(root, 'src')).sort()];
  for (const file of files) {
    // Names and contents both count; the NUL separators keep ("ab","c") apart from ("a","bc").
    hash.update(relative(root, file).split('\\').join('/')).update('\0').update(readFileSync(file)).update('\0');
  }
  const major = nodeVersion.replace(/^v/, '').split('.')[0];
  return `modelgate-${platform}-${arch}-node${major}-${hash.digest('hex').slice(0, 20)}`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const key = cacheKey(root);
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `key=${key}\n`);
  process.stdout.write(`${key}\n`);
}
