/** Keeps the catalogue honest (STYLE habit 15): unique IDs and slugs, docs, a README anchor, tests. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS, findCheck } from '../../src/checks/index.js';
import { docsUrl } from '../../src/checks/types.js';

const ROOT = resolve(__dirname, '..', '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

function allTestText(dir: string): string {
  let text = '';
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) text += allTestText(p);
    else if (e.name.endsWith('.test.ts')) text += readFileSync(p, 'utf8');
  }
  return text;
}
const tests = allTestText(join(ROOT, 'test'));

describe('check catalogue', () => {
  it('has unique IDs and slugs in ID order', () => {
    const ids = CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(CHECKS.map((c) => c.slug)).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
  for (const c of CHECKS) {
    describe(`${c.id} ${c.slug}`, () => {
      it('has an ID, a slug, a title, a summary and docs', () => {
        expect(c.id).toMatch(/^MG\d{3}$/);
        expect(c.slug).toMatch(/^[a-z]+(-[a-z]+)*$/);
        expect(c.title.length).toBeGreaterThan(3);
        expect(c.summary.length).toBeGreaterThan(10);
        expect(c.docs.length).toBeGreaterThan(80);
      });
      it('has a README anchor that its docsUrl points at', () => {
        expect(readme).toContain(`### ${c.id} ${c.slug}\n`);
        expect(docsUrl(c.id, c.slug).endsWith(`#${c.id.toLowerCase()}-${c.slug}`)).toBe(true);
      });
      it('is found by ID and by slug', () => {
        expect(findCheck(c.id)).toBe(c);
        expect(findCheck(c.slug)).toBe(c);
        expect(findCheck(c.id.toLowerCase())).toBe(c);
      });
      it('is exercised by a test and a failing fixture', () => {
        expect(tests.includes(c.id)).toBe(true);
        const failing = join(ROOT, 'fixtures', 'failing');
        expect(existsSync(failing) && readdirSync(failing).some((d) => d.startsWith(c.id.toLowerCase()))).toBe(true);
      });
    });
  }
});
