/**
 * The bad-input corpus (issue 8): every case runs the BUILT CLI on a copy of the demo broken in one
 * way and must end in exit 2 with a message naming the file and the place, no stack trace, no
 * report saying pass, and every input byte-for-byte unchanged.
 */
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { copyBase, hashTree, makeBase, read, useData, write, writeFormats } from './base.js';
import type { Case } from './case.js';
import { BINARY_CASES } from './cases-binary.js';
import { CSV_CASES } from './cases-csv.js';
import { MODEL_CASES } from './cases-model.js';
import { POLICY_CASES } from './cases-policy.js';
import { runIn } from './run.js';

const CASES: Case[] = [...POLICY_CASES, ...MODEL_CASES, ...CSV_CASES, ...BINARY_CASES];
const ARGS = ['--config', 'modelgate.yaml'];
const isOutput = (rel: string) => rel === 'out.json' || rel.endsWith('.tmp');

let root: string;
let base: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'mg-corpus-'));
  // Traversable by the unprivileged user of the permission cases.
  chmodSync(root, 0o755);
  base = join(root, 'base');
  makeBase(base);
});
afterAll(() => {
  // Restore modes so the folder can be removed.
  for (const d of readdirSync(root)) {
    for (const f of readdirSync(join(root, d), { withFileTypes: true })) if (f.isFile()) chmodSync(join(root, d, f.name), 0o644);
  }
  rmSync(root, { recursive: true, force: true });
});

let n = 0;
async function prepare(c: Case): Promise<string> {
  const dir = join(root, `case-${++n}`);
  copyBase(base, dir);
  await c.setup(dir);
  if (c.unprivileged) chmodSync(dir, 0o777);
  return dir;
}

describe('the good base', () => {
  it('passes (exit 0), so every failure below is the broken input', async () => {
    const dir = await prepare({ name: 'base', setup: () => undefined, expect: /./ });
    const r = await runIn(dir, [...ARGS, '--json', 'out.json', '--no-progress']);
    expect(r.code, r.output).toBe(0);
    expect(JSON.parse(read(dir, 'out.json')).verdict).toBe('pass');
  });

  it('still passes with a BOM and CRLF line ends (they are not errors by themselves)', async () => {
    const dir = await prepare({ name: 'bom-crlf', setup: (d) => write(d, 'holdout.csv', `\uFEFF${read(d, 'holdout.csv').replaceAll('\n', '\r\n')}`), expect: /./ });
    // The bytes changed, so the recorded hash no longer matches: MG102 is the only expected failure.
    const r = await runIn(dir, [...ARGS, '--skip', 'MG102', '--json', 'out.json', '--no-progress']);
    expect(r.code, r.output).toBe(0);
  });

  for (const file of ['holdout.snappy.parquet', 'holdout.arrow', 'holdout.arrows', 'holdout.jsonl', 'holdout.csv.gz']) {
    it(`still passes as ${file} (the format cases below break a readable file)`, async () => {
      const dir = await prepare({ name: file, setup: async (d) => { await writeFormats(d, 'holdout.csv', 'holdout'); useData(d, file); }, expect: /./ });
      const r = await runIn(dir, [...ARGS, '--skip', 'MG102', '--json', 'out.json', '--no-progress']);
      expect(r.code, r.output).toBe(0);
    });
  }
});

describe(`bad inputs (${CASES.length} cases): exit 2, file and place named, no stack, no pass, inputs unchanged`, () => {
  it('has at least 60 cases with unique names', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  for (const c of CASES) {
    it.concurrent(c.name, async () => {
      const dir = await prepare(c);
      const before = hashTree(dir, isOutput);
      const r = await runIn(dir, [...(c.args ?? ARGS), '--json', 'out.json', '--no-progress'], { unprivileged: c.unprivileged });
      expect(r.timedOut, 'the CLI hung').toBe(false);
      expect(r.code, r.output).toBe(2);
      expect(r.output, `the message does not name the file and place; output was:\n${r.output}\n`).toMatch(c.expect);
      expect(r.output, 'a stack trace was printed').not.toMatch(/^\s+at .+[:(]/m);
      expect(r.output).not.toMatch(/internal error|PASSED/);
      if (existsSync(join(dir, 'out.json'))) {
        const report = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
        expect(report.verdict).not.toBe('pass');
        expect(report.exitCode).toBe(2);
      }
      expect(readdirSync(dir).filter((f) => f.endsWith('.tmp')), 'a temporary report file was left behind').toEqual([]);
      expect(hashTree(dir, isOutput)).toEqual(before);
    });
  }
});
