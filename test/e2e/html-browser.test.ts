/**
 * The HTML report in a real browser (headless Chromium): a run over a hand-built holdout with two
 * failing fairness gates and a passing one is rendered, loaded from file:// with the network off, and judged by what the
 * browser made of it (the DOM it dumps) and what a person sees (the screenshot's pixels). The
 * screenshot is kept in test-artifacts/html-browser/ for a human look.
 * Needs `/usr/bin/chromium` (Debian package `chromium`); skipped with a message when it is absent.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPng } from '../integration/png.js';
import { mg, ROOT } from '../integration/run-cli.js';

const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM) console.warn(`html-browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_BIN)`);

const ARTIFACTS = join(ROOT, 'test-artifacts', 'html-browser');
const dir = mkdtempSync(join(tmpdir(), 'mg-html-'));
// A holdout built so the fairness numbers are known by hand. Each sex × region cell has 30 positive
// and 30 negative rows; TPR and FPR per cell are set below. Selection rate = (30·TPR + 30·FPR) / 60.
//   F: (15 + 3 + 18 + 6) / 120 = 0.35,  M: (27 + 9 + 24 + 6) / 120 = 0.55  -> ratio 7/11 = 0.636 < 0.8: fail
//   east: (15 + 3 + 27 + 9) / 120 = 0.45, west: (18 + 6 + 24 + 6) / 120 = 0.45 -> ratio 1: pass
//   TPR 0.5..0.9 -> 0.4, FPR 0.1..0.3 -> 0.2; equalized-odds difference max(0.4, 0.2) = 0.4 > 0.1: fail
const CELLS: [string, string, number, number][] = [['F', 'east', 0.5, 0.1], ['F', 'west', 0.6, 0.2], ['M', 'east', 0.9, 0.3], ['M', 'west', 0.8, 0.2]];

function holdout(): string {
  const rows = ['id,sex,region,label,prediction,score'];
  let id = 0;
  for (const [sex, region, tpr, fpr] of CELLS) {
    for (let i = 0; i < 30; i++) rows.push(`${++id},${sex},${region},1,${i < tpr * 30 ? 1 : 0},${i < tpr * 30 ? 0.8 : 0.2}`);
    for (let i = 0; i < 30; i++) rows.push(`${++id},${sex},${region},0,${i < fpr * 30 ? 1 : 0},${i < fpr * 30 ? 0.7 : 0.1}`);
  }
  return rows.join('\n') + '\n';
}

const POLICY = `apiVersion: modelgate/v1
columns: { sensitive: [sex, region] }
checks:
  - id: MG301
    metric: demographic_parity_ratio
    sensitive: [sex]
    min: 0.8
  - id: MG301
    metric: demographic_parity_ratio
    sensitive: [region]
    min: 0.8
  - id: MG301
    metric: equalized_odds_difference
    sensitive: [sex, region]
    max: 0.1
`;

function browser(args: string[]) {
  return execa(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', `--user-data-dir=${join(dir, 'profile')}`, '--window-size=1280,2600', ...args], { reject: false, timeout: 60_000, stdin: 'ignore' });
}

interface JsonResult { checkId: string; category: string; metric: string; subject: string; status: string; observed: number; groups: unknown[] }

describe.skipIf(!HAVE_CHROMIUM)('HTML report in headless Chromium', () => {
  let dom = '';
  let results: JsonResult[] = [];
  const shot = join(ARTIFACTS, 'fairness-fail.png');

  beforeAll(async () => {
    writeFileSync(join(dir, 'holdout.csv'), holdout());
    writeFileSync(join(dir, 'model.yaml'), 'name: fair-demo\nversion: 1.0.0\ntask: binary_classification\npositive_label: 1\n');
    writeFileSync(join(dir, 'policy.yaml'), POLICY);
    writeFileSync(join(dir, 'modelgate.yaml'), 'models:\n  - { name: fair-demo, model: model.yaml, data: holdout.csv, policy: [policy.yaml] }\n');
    const r = await mg(['check', '-q', '--html', 'report.html', '--json', 'report.json'], { cwd: dir, env: { SOURCE_DATE_EPOCH: '1790000000' } });
    expect(r.code).toBe(1);
    results = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).results;
    mkdirSync(ARTIFACTS, { recursive: true });
    copyFileSync(join(dir, 'report.html'), join(ARTIFACTS, 'fairness-fail.html'));
    const url = pathToFileURL(join(dir, 'report.html')).href;
    const d = await browser(['--dump-dom', url]);
    expect(d.exitCode).toBe(0);
    dom = String(d.stdout);
    const s = await browser([`--screenshot=${shot}`, url]);
    expect(s.exitCode).toBe(0);
  });

  it('the browser shows the verdict', () => {
    expect(dom).toMatch(/<title>modelgate: FAILED — fair-demo@1\.0\.0<\/title>/);
    const banner = /<header[^>]*>([\s\S]*?)<\/header>/.exec(dom)![1]!.replace(/<[^>]+>/g, ' ');
    expect(banner).toMatch(/FAILED/);
    expect(banner).toMatch(/FAILED \(exit 1\)/);
    expect(dom).not.toMatch(/<script/i);
  });

  it('draws one SVG chart per fairness gate, with one bar per group', () => {
    const fairness = results.filter((r) => r.category === 'fairness');
    expect(fairness.map((r) => [r.metric, r.subject, r.status, r.groups.length])).toEqual([
      ['demographic_parity_ratio', 'sex', 'fail', 2], ['demographic_parity_ratio', 'region', 'pass', 2], ['equalized_odds_difference', 'sex × region', 'fail', 4]]);
    expect(fairness[0]!.observed).toBeCloseTo(7 / 11, 12);
    expect(fairness[1]!.observed).toBeCloseTo(1, 12);
    expect(fairness[2]!.observed).toBeCloseTo(0.4, 12);
    const figures = dom.split('<figure').slice(1).map((f) => f.slice(0, f.indexOf('</figure>')));
    for (const r of fairness) {
      const fig = figures.filter((f) => f.includes(`${r.checkId} ${r.metric} by ${r.subject}`));
      expect(fig, r.metric).toHaveLength(1);
      expect(fig[0]!.match(/<svg\b/g), r.metric).toHaveLength(1);
      expect(fig[0]!.match(/<g class="bar\b/g), r.metric).toHaveLength(r.groups.length);
    }
  });

  it('the screenshot shows a page with red (the failed verdict) and green (passing bars)', () => {
    const png = readPng(readFileSync(shot));
    expect(png.width).toBe(1280);
    let red = 0;
    let green = 0;
    let rowsWithInk = 0;
    for (let y = 0; y < png.height; y++) {
      let ink = false;
      for (let x = 0; x < png.width; x++) {
        const o = (y * png.width + x) * 4;
        const [r, g, b] = [png.rgba[o]!, png.rgba[o + 1]!, png.rgba[o + 2]!];
        if (r > 150 && g < 100 && b < 120) red++;
        if (g > 100 && g - r > 40 && g - b > 20) green++;
        if (r + g + b < 600) ink = true;
      }
      if (ink) rowsWithInk++;
    }
    expect(red).toBeGreaterThan(1000);
    expect(green).toBeGreaterThan(1000);
    expect(rowsWithInk / png.height).toBeGreaterThan(0.3);
  });
});
