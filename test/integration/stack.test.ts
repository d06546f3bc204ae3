/**
 * Internal-error stacks from the bundled build name the TypeScript source: a real bundle (rolldown,
 * the bundler of `npm run build`) of two small files throws, and the mapped stack must point at the
 * line of the `throw` and of the call, found by searching the sources, not taken from the mapper.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rolldown } from 'rolldown';
import { afterAll, describe, expect, it } from 'vitest';
import { mapStack } from '../../src/cli/stack.js';

const dir = mkdtempSync(join(tmpdir(), 'mg-stack-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const THROWER = `// padding so bundle and source lines differ
export interface Opts { n: number }

export function boom(o: Opts): number {
  if (o.n > 0) throw new Error('boom');
  return o.n;
}
`;
const ENTRY = `import { boom } from './thrower';

export function run(): string {
  try {
    boom({ n: 1 });
    return '';
  } catch (e) {
    return (e as Error).stack ?? '';
  }
}
`;
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

async function bundledStack(): Promise<string> {
  writeFileSync(join(dir, 'thrower.ts'), THROWER);
  writeFileSync(join(dir, 'entry.ts'), ENTRY);
  const b = await rolldown({ input: join(dir, 'entry.ts'), platform: 'node', logLevel: 'silent' });
  await b.write({ dir: join(dir, 'out'), format: 'esm', sourcemap: true, entryFileNames: 'entry.js' });
  await b.close();
  // In a plain node (no source-map support), as the CLI runs: vitest would map the stack itself.
  const url = pathToFileURL(join(dir, 'out', 'entry.js')).href;
  return execFileSync(process.execPath, ['--input-type=module', '-e', `import { run } from ${JSON.stringify(url)}; process.stdout.write(run());`], { encoding: 'utf8' });
}

describe('mapStack', () => {
  it('maps bundle frames to the original files and lines', async () => {
    const raw = await bundledStack();
    const bundle = join(dir, 'out', 'entry.js');
    expect(raw).toContain(bundle); // the frames really are in the bundle before mapping
    const mapped = mapStack(raw);
    expect(mapped).not.toContain(`${bundle}:`);
    expect(mapped).toContain(`${join(dir, 'thrower.ts')}:${lineOf(THROWER, 'throw new Error')}:`);
    expect(mapped).toContain(`${join(dir, 'entry.ts')}:${lineOf(ENTRY, 'boom({ n: 1 })')}:`);
    expect(mapped.split('\n')[0]).toBe('Error: boom');
  });

  it('leaves frames without a map, or with a broken map, as they are', () => {
    const plain = join(dir, 'plain.js');
    writeFileSync(plain, 'export {};\n');
    const broken = join(dir, 'broken.js');
    writeFileSync(broken, 'export {};\n');
    writeFileSync(`${broken}.map`, '{ not json');
    const stack = `Error: x\n    at f (${pathToFileURL(plain).href}:1:5)\n    at g (${broken}:3:7)\n    at node:internal/process/task_queues:95:5`;
    expect(mapStack(stack)).toBe(stack);
    expect(mapStack('not a stack at all')).toBe('not a stack at all');
  });
});
