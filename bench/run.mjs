#!/usr/bin/env node
/**
 * Times the built CLI as a whole process on the bench data: wall time and peak RSS from
 * `/usr/bin/time` (GNU time; falls back to the child's rusage), median of several runs.
 *
 *   npm run bench                      1M rows, every format, 3 runs each, plus the README demo
 *   npm run bench -- --10m             10M rows (Parquet snappy/zstd, CSV, Arrow; JSONL only if asked)
 *   npm run bench -- --rows 200000 --formats parquet,csv --runs 5
 *   npm run bench -- --peer            also run bench/peer_pandas.py on the CSV (needs python3 + pandas + sklearn)
 *   npm run bench -- --json out.json   also write the measurements as JSON
 *   npm run bench -- --core            also time each format with policy-core.yaml (no MG401-403/MG501:
 *                                      6 columns read instead of 26)
 *
 * After the runs it compares the JSON reports of the formats: every result and metric must be equal
 * (only the file's name, hash and format may differ), or the runner exits 1.
 *
 * Build first (`npm run build`): the runner times bin/modelgate.js exactly as a user runs it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT, availableChecks } from './cli.mjs';
import { ALL_FORMATS, FILES, ensureData } from './gen.mjs';

const TARGETS = {
  // rows -> format -> [wall s, peak MiB]; from the issue (#7)
  1_000_000: { parquet: [0.6, 200] },
  10_000_000: { parquet: [3.0, 512], zstd: [3.0, 512], csv: [6.0, null], arrow: [3.0, null] },
  demo: [0.5, null],
};

function parseArgs(argv) {
  const o = { rows: 1_000_000, formats: null, runs: 3, peer: false, json: null, demo: true, core: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--10m') o.rows = 10_000_000;
    else if (a === '--rows') o.rows = Number(argv[++i]);
    else if (a === '--formats') o.formats = argv[++i].split(',');
    else if (a === '--runs') o.runs = Number(argv[++i]);
    else if (a === '--peer') o.peer = true;
    else if (a === '--json') o.json = argv[++i];
    else if (a === '--no-demo') o.demo = false;
    else if (a === '--core') o.core = true;
    else throw new Error(`unknown argument ${a} (see the comment at the top of bench/run.mjs)`);
  }
  o.formats ??= o.rows >= 10_000_000 ? ALL_FORMATS.filter((f) => f !== 'jsonl') : ALL_FORMATS;
  return o;
}

const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** One whole-process run: wall seconds, peak RSS MiB, exit code. */
function timeOnce(cmd, args, cwd) {
  if (GNU_TIME) {
    const out = join(ROOT, 'bench', 'results', `time.${process.pid}.tmp`);
    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
    const r = spawnSync(GNU_TIME, ['-f', '%e %M', '-o', out, cmd, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    const [wall, kb] = readFileSync(out, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
    rmSync(out, { force: true });
    return { wall, rss: kb / 1024, code: r.status, stderr: String(r.stderr ?? '') };
  }
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  return { wall, rss: NaN, code: r.status, stderr: String(r.stderr ?? '') };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function measure(label, cmd, args, cwd, runs, okCodes = [0, 1]) {
  const all = [];
  for (let r = 0; r < runs; r++) {
    const one = timeOnce(cmd, args, cwd);
    if (!okCodes.includes(one.code)) {
      throw new Error(`${label}: exit ${one.code}\n${one.stderr.slice(-2000)}`);
    }
    all.push(one);
    process.stderr.write(`  ${label} run ${r + 1}/${runs}: ${one.wall.toFixed(2)} s, ${one.rss.toFixed(0)} MiB, exit ${one.code}\n`);
  }
  return { label, wall: median(all.map((x) => x.wall)), rss: median(all.map((x) => x.rss)), runs: all, exit: all[0].code };
}

function verdict(value, target) {
  if (target === null || target === undefined) return '';
  return value <= target ? 'met' : `missed by ${((value / target - 1) * 100).toFixed(0)} %`;
}

function machine() {
  const c = cpus();
  return `${c.length} × ${c[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

function hasPandas() {
  const r = spawnSync('/usr/bin/python3', ['-c', 'import pandas, sklearn'], { stdio: 'ignore' });
  return r.status === 0;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!existsSync(join(ROOT, 'dist'))) throw new Error('no dist/: run `npm run build` first');
  const checks = availableChecks();
  const dir = await ensureData(o.rows, o.formats, checks);
  const rows = [];
  if (o.demo) {
    const m = measure('demo', process.execPath, [BIN, 'check', '--config', 'fixtures/demo/modelgate.yaml', '--no-progress'], ROOT, Math.max(o.runs, 5));
    rows.push({ case: 'README demo (2,400 rows, CSV)', ...m, target: TARGETS.demo });
  }
  for (const policy of o.core ? ['policy.yaml', 'policy-core.yaml'] : ['policy.yaml']) {
    const core = policy !== 'policy.yaml';
    for (const f of o.formats) {
      const report = `report.${f}${core ? '.core' : ''}.json`;
      const args = [BIN, 'check', '--model', `model.${f}.yaml`, '--data', FILES[f], '--policy', policy, '--no-progress', '-f', 'json', '-o', report];
      const m = measure(`${o.rows} ${f}${core ? ' core' : ''}`, process.execPath, args, dir, o.runs);
      rows.push({ case: `${o.rows.toLocaleString('en-US')} rows, ${FILES[f]}${core ? ', core policy' : ''}`, ...m, report, target: core ? null : TARGETS[o.rows]?.[f] ?? null });
    }
  }
  if (o.peer) {
    if (!hasPandas()) console.error('--peer: /usr/bin/python3 lacks pandas/sklearn (apt-get install python3-pandas python3-sklearn); skipped');
    else if (!o.formats.includes('csv')) console.error('--peer needs the CSV (add csv to --formats); skipped');
    else {
      const m = measure('pandas', '/usr/bin/python3', [join(ROOT, 'bench', 'peer_pandas.py'), FILES.csv, 'peer.json'], dir, o.runs, [0]);
      rows.push({ case: `${o.rows.toLocaleString('en-US')} rows, pandas hand-tuned (CSV)`, ...m, target: null });
    }
  }
  const lines = [
    `machine: ${machine()}`,
    `| case | wall s (median of ${o.runs}) | peak RSS MiB | exit | target | |`,
    '|---|---|---|---|---|---|',
    ...rows.map((r) => {
      const [tw, tm] = r.target ?? [null, null];
      const target = r.target ? `≤ ${tw} s${tm ? `, ≤ ${tm} MiB` : ''}` : '';
      const status = r.target ? [verdict(r.wall, tw), tm ? verdict(r.rss, tm) : ''].filter(Boolean).join(' / ') : '';
      return `| ${r.case} | ${r.wall.toFixed(2)} | ${r.rss.toFixed(0)} | ${r.exit} | ${target} | ${status} |`;
    }),
  ];
  const peer = rows.find((r) => r.label === 'pandas');
  if (peer) {
    for (const r of rows.filter((x) => x.label !== 'pandas' && x.label !== 'demo')) {
      lines.push(`pandas ÷ modelgate ${r.label}: wall ${(peer.wall / r.wall).toFixed(1)}×, peak RSS ${(peer.rss / r.rss).toFixed(1)}×`);
    }
  }
  const agree = compareReports(dir, rows.filter((r) => r.report));
  lines.push(...agree.lines);
  console.log(lines.join('\n'));
  if (o.json) writeFileSync(o.json, JSON.stringify({ machine: machine(), rows: o.rows, results: rows }, null, 2));
  if (!agree.ok) process.exitCode = 1;
}

/**
 * The same rows in every format must give the same numbers, to the last digit: the reports of one
 * policy are compared as text, leaving out only what describes the file itself (the run's clock, the
 * dataset block, the model file recording its hash, source locations in that file) and with the
 * file's name and hash replaced by a placeholder wherever a message quotes them.
 */
function compareReports(dir, measured) {
  const lines = [];
  let ok = true;
  const strip = (r) => {
    const { run: _run, dataset, model, ...rest } = r;
    let text = JSON.stringify(rest, (k, v) => (k === 'location' ? undefined : v));
    // MG102 names the file and its hash; every other field must match exactly.
    for (const s of [dataset.sha256, dataset.sha256.slice(0, 12), dataset.path, model.file]) text = text.split(s).join('<file>');
    return text;
  };
  for (const core of [false, true]) {
    const group = measured.filter((r) => r.report.endsWith('.core.json') === core);
    if (group.length < 2) continue;
    const [first, ...others] = group.map((r) => ({ r, text: strip(JSON.parse(readFileSync(join(dir, r.report), 'utf8'))) }));
    const differing = others.filter((x) => x.text !== first.text).map((x) => x.r.report);
    ok &&= differing.length === 0;
    lines.push(differing.length === 0
      ? `reports agree: ${group.map((r) => r.report).join(', ')} give the same results and metrics, to the last digit`
      : `REPORTS DIFFER from ${first.r.report}: ${differing.join(', ')}`);
  }
  return { ok, lines };
}

main().catch((err) => {
  console.error(err.message ?? err);
  process.exit(2);
});

