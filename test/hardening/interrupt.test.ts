/**
 * Ctrl-C and CI cancels: the built CLI, interrupted while it reads a 4M-row CSV or at any moment up
 * to its end, exits 130 (SIGINT) / 143 (SIGTERM) with no report left behind, or, when the signal
 * came after the run ended, exits normally with every report complete. Never a partial file.
 *
 * In the first ~0.4 s Node is still loading the module graph and no handler is installed yet; a
 * signal then kills the process by signal, which a shell reports as the same 130 / 143 and which
 * cannot leave a report (nothing has run). `interrupted()` accepts both forms.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { abortWrites, writeAtomic } from '../../src/cli/io.js';
import { BIN } from '../e2e/run-cli.js';

const ROWS = 4_000_000;
let dir: string;
let inputHash: string;

/** label, prediction, score, sex: ~13 bytes a row; a linear congruential generator keeps it reproducible. */
function writeBigCsv(path: string): void {
  let seed = 1;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const fd = openSync(path, 'w');
  writeSync(fd, 'label,prediction,score,sex\n');
  for (let done = 0; done < ROWS; done += 50_000) {
    let chunk = '';
    for (let i = 0; i < 50_000; i++) {
      const y = rand() < 0.3 ? 1 : 0;
      const p = Math.min(1, Math.max(0, 0.3 * y + 0.7 * rand()));
      chunk += `${y},${p >= 0.5 ? 1 : 0},${p.toFixed(4)},${rand() < 0.5 ? 'F' : 'M'}\n`;
    }
    writeSync(fd, chunk);
  }
  closeSync(fd);
}

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mg-interrupt-'));
  writeBigCsv(join(dir, 'big.csv'));
  writeFileSync(join(dir, 'model.yaml'), 'name: big\ntask: binary_classification\n');
  writeFileSync(join(dir, 'policy.yaml'), 'apiVersion: modelgate/v1\ncolumns: { sensitive: [sex] }\nchecks:\n  - id: MG201\n    metric: auc\n    min: 0.5\n  - id: MG301\n    metric: demographic_parity_ratio\n    min: 0.8\n');
  inputHash = sha(join(dir, 'big.csv'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function runAndSignal(out: string, signal: 'SIGINT' | 'SIGTERM', afterMs: number) {
  const reports = ['json', 'junit', 'sarif'].map((f) => join(dir, `${out}.${f}`));
  const child = execa(process.execPath, [BIN, 'check', '--model', 'model.yaml', '--data', 'big.csv', '--policy', 'policy.yaml',
    '--no-progress', '--json', reports[0]!, '--junit', reports[1]!, '--sarif', reports[2]!], {
    cwd: dir, reject: false, all: true, env: { NO_COLOR: '1', SOURCE_DATE_EPOCH: '1764460800' }, timeout: 60_000,
  });
  const timer = setTimeout(() => child.kill(signal), afterMs);
  const r = await child;
  clearTimeout(timer);
  return { code: r.exitCode, signal: r.signal, output: String(r.all ?? ''), reports };
}

/** Ended by the signal: our handler's exit code, or (during start-up) death by that signal. */
const interrupted = (r: { code: number | undefined; signal?: string | undefined; output: string }, signal: string, code: number) =>
  r.code === code ? r.output.includes(`interrupted (${signal}): no verdict`) : r.code === undefined && r.signal === signal;

const leftovers = () => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('an interrupted run', () => {
  it('Ctrl-C ~300 ms in: ended by SIGINT (130), no verdict, no report, input unchanged', async () => {
    const r = await runAndSignal('a0', 'SIGINT', 300);
    expect(interrupted(r, 'SIGINT', 130), `${r.code} ${r.signal} ${r.output}`).toBe(true);
    for (const f of r.reports) expect(existsSync(f), f).toBe(false);
  });

  it('Ctrl-C while reading the 4M-row CSV: exit 130 from our handler, no verdict, no report, input unchanged', async () => {
    const r = await runAndSignal('a', 'SIGINT', 1000);
    expect(r.code, r.output).toBe(130);
    expect(r.output).toContain('interrupted (SIGINT): no verdict');
    expect(r.output).not.toMatch(/PASSED|FAILED|NO VERDICT/);
    for (const f of r.reports) expect(existsSync(f), f).toBe(false);
    expect(leftovers()).toEqual([]);
    expect(sha(join(dir, 'big.csv'))).toBe(inputHash);
  });

  it('a CI cancel (SIGTERM): exit 143, no report', async () => {
    const r = await runAndSignal('b', 'SIGTERM', 1000);
    expect(r.code, r.output).toBe(143);
    for (const f of r.reports) expect(existsSync(f), f).toBe(false);
  });

  it('at any moment: either no report at all (exit 130) or all reports complete (the run had ended)', async () => {
    const delays = [150, 500, 900, 1300, 1700, 2100, 2500, 2900, 3300, 3700, 4100, 4500, 5000, 6000, 8000, 12000];
    const runs = await Promise.all(delays.map((ms, i) => runAndSignal(`c${i}`, 'SIGINT', ms)));
    let finished = 0;
    for (const r of runs) {
      const present = r.reports.filter((f) => existsSync(f));
      if (interrupted(r, 'SIGINT', 130)) expect(present, r.output).toEqual([]);
      else {
        finished++;
        expect(r.code, r.output).toBe(0);
        expect(present).toEqual(r.reports);
        expect(JSON.parse(readFileSync(r.reports[0]!, 'utf8')).verdict).toBe('pass');
        expect(readFileSync(r.reports[1]!, 'utf8').trimEnd().endsWith('</testsuites>')).toBe(true);
        JSON.parse(readFileSync(r.reports[2]!, 'utf8'));
      }
    }
    // The sweep must have interrupted some runs, or it tested nothing.
    expect(finished).toBeLessThan(delays.length);
    expect(leftovers()).toEqual([]);
  });
});

describe('writeAtomic and abortWrites', () => {
  it('abortWrites removes the reports this process wrote and leaves other files alone', async () => {
    const d = mkdtempSync(join(tmpdir(), 'mg-atomic-'));
    writeFileSync(join(d, 'input.csv'), 'a\n1\n');
    await writeAtomic(join(d, 'r.json'), '{"verdict":"pass"}');
    await writeAtomic(join(d, 'sub', 'r.xml'), '<testsuites/>');
    expect(readFileSync(join(d, 'r.json'), 'utf8')).toBe('{"verdict":"pass"}');
    abortWrites();
    expect(readdirSync(d).sort()).toEqual(['input.csv', 'sub']);
    expect(readdirSync(join(d, 'sub'))).toEqual([]);
    rmSync(d, { recursive: true, force: true });
  });

  it('a failed write leaves no temporary file and keeps the old report', async () => {
    const d = mkdtempSync(join(tmpdir(), 'mg-atomic-'));
    writeFileSync(join(d, 'r.json'), 'old');
    // Renaming a file onto a non-empty directory fails after the temporary file was written.
    const target = join(d, 'dir');
    writeFileSync(join(d, 'keep'), '');
    await writeAtomic(join(d, 'dir', 'x'), 'x');
    await expect(writeAtomic(target, 'new')).rejects.toThrow();
    expect(readdirSync(d).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(readFileSync(join(d, 'r.json'), 'utf8')).toBe('old');
    rmSync(d, { recursive: true, force: true });
  });
});
