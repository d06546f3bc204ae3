/**
 * No injection (issue 8.5): the only external command is git, run by io.ts with an argument array,
 * never through a shell; and a commit "SHA" full of shell syntax in model metadata runs nothing.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/run-cli.js';
import { edit, makeBase } from './base.js';
import { runIn } from './run.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('external commands', () => {
  const files = sources(join(ROOT, 'src')).map((p) => ({ p, text: readFileSync(p, 'utf8') }));
  it('only src/cli/io.ts starts processes, and never through a shell', () => {
    const spawning = files.filter((f) => /from ['"](node:)?child_process['"]|from ['"]execa['"]/.test(f.text)).map((f) => f.p.slice(ROOT.length + 1));
    expect(spawning).toEqual(['src/cli/io.ts']);
    const io = files.find((f) => f.p.endsWith('src/cli/io.ts'))!.text;
    expect(io).not.toMatch(/\bshell\s*:\s*(true|['"])|execaCommand|\$`|\bexecSync\b|\bexec\(/);
    expect(io).toMatch(/execFile\('git', args,/);
  });

  it('a commit value with shell syntax is passed to git as data, not run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-inject-'));
    const marker = join(dir, 'pwned');
    makeBase(dir);
    await execa('git', ['init', '-q'], { cwd: dir });
    edit(dir, 'model.yaml', (t) => t.replace('commit: "c824bc9e196c879964fb2f55bbdda52c4ff902cb"', `commit: "$(touch ${marker}); \`touch ${marker}\` | touch ${marker}"`));
    const r = await runIn(dir, ['check', '--config', 'modelgate.yaml', '--no-progress', '-q']);
    expect(r.code, r.output).toBe(1); // MG101/MG103 fail on the malformed commit: a verdict, but not pass
    expect(existsSync(marker)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});
