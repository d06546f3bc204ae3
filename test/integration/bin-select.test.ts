/**
 * bin/modelgate.js runs the bundle only when it is at least as new as tsc's output: after a later
 * `tsc -p tsconfig.build.json` alone (no bundling), a left-over bundle would run old code.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'mg-bin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakePackage(): string {
  const root = join(dir, `p${Math.random().toString(36).slice(2)}`);
  for (const d of ['bin', 'dist/cli', 'dist/bundle']) mkdirSync(join(root, d), { recursive: true });
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
  copyFileSync(join(ROOT, 'bin', 'modelgate.js'), join(root, 'bin', 'modelgate.js'));
  // Each build records its interrupt module first, then main prints the order seen.
  for (const b of ['cli', 'bundle']) {
    writeFileSync(join(root, 'dist', b, 'interrupt.js'), `globalThis.order = ['${b}/interrupt'];\n`);
    writeFileSync(join(root, 'dist', b, 'main.js'), `globalThis.order.push('${b}/main'); console.log(globalThis.order.join(' '));\n`);
  }
  return root;
}
const run = (root: string) => execFileSync(process.execPath, [join(root, 'bin', 'modelgate.js')], { encoding: 'utf8' }).trim();
const setTime = (root: string, rel: string, s: number) => utimesSync(join(root, rel), s, s);

describe('bin/modelgate.js', () => {
  it('runs the bundle when it is newer than or as new as tsc output, interrupt first', () => {
    const root = fakePackage();
    setTime(root, 'dist/cli/main.js', 1_000_000);
    setTime(root, 'dist/bundle/main.js', 2_000_000);
    expect(run(root)).toBe('bundle/interrupt bundle/main');
    setTime(root, 'dist/bundle/main.js', 1_000_000);
    expect(run(root)).toBe('bundle/interrupt bundle/main');
  });

  it('runs tsc output when the bundle is older or missing', () => {
    const root = fakePackage();
    setTime(root, 'dist/cli/main.js', 2_000_000);
    setTime(root, 'dist/bundle/main.js', 1_000_000);
    expect(run(root)).toBe('cli/interrupt cli/main');
    rmSync(join(root, 'dist', 'bundle'), { recursive: true });
    expect(run(root)).toBe('cli/interrupt cli/main');
  });
});
