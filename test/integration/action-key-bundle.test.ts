/** The GitHub Action's build cache key covers the bundler script: editing it must rebuild dist/bundle/. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { ROOT } from '../e2e/run-cli.js';

it('changes when scripts/bundle.mjs changes', async () => {
  const { cacheKey } = (await import(pathToFileURL(join(ROOT, 'scripts/action-key.mjs')).href)) as { cacheKey: (root: string) => string };
  const dir = mkdtempSync(join(tmpdir(), 'mg-key-bundle-'));
  try {
    for (const f of ['package-lock.json', 'package.json', 'tsconfig.json', 'tsconfig.build.json']) writeFileSync(join(dir, f), `{"f":"${f}"}`);
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'src/a.ts'), 'export {}\n');
    const without = cacheKey(dir);
    mkdirSync(join(dir, 'scripts'));
    writeFileSync(join(dir, 'scripts/bundle.mjs'), '// v1\n');
    const v1 = cacheKey(dir);
    writeFileSync(join(dir, 'scripts/bundle.mjs'), '// v2\n');
    const v2 = cacheKey(dir);
    expect(new Set([without, v1, v2]).size).toBe(3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
