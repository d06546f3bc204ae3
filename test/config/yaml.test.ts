import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, InputFileError } from '../../src/errors.js';
import { formatPath, parsePath } from '../../src/config/path.js';
import { MAX_CONFIG_BYTES, parseYaml, readConfigText } from '../../src/config/yaml.js';
import { writeTree } from './helpers.js';

function problemsOf(fn: () => unknown): ConfigError['problems'] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

const POLICY = [
  'apiVersion: modelgate/v1', //         line 1
  'checks:', //                          line 2
  '  - id: MG101', //                    line 3
  '  - id: MG201', //                    line 4
  '    metric: auc', //                  line 5
  '  - id: MG301', //                    line 6
  '    sensitive: [race, sex]', //       line 7
  '    min: 0.8', //                     line 8
  'lineage:', //                         line 9
  '  training_data:', //                 line 10
  '    - { uri: a.parquet, sha256: "ab" }', // line 11
  '',
].join('\n');

describe('locate', () => {
  const doc = parseYaml(POLICY, 'p.yaml');
  // Expected positions counted by hand from POLICY above (1-based line and column).
  it.each([
    ['apiVersion', 1, 1],
    ['checks', 2, 1],
    ['checks[0]', 3, 5],
    ['checks[2].min', 8, 5],
    ['checks[2].sensitive[1]', 7, 23],
    ['lineage.training_data[0]', 11, 7],
    ['lineage.training_data[0].sha256', 11, 25],
  ])('%s -> line %i col %i', (p, line, column) => {
    expect(doc.locateKey(p)).toEqual({ file: 'p.yaml', line, column });
  });
  it('also understands list indexes written as dotted segments (checks.2.min)', () => {
    expect(doc.locateKey(['checks', '2', 'min'])).toEqual({ file: 'p.yaml', line: 8, column: 5 });
  });
  it('points at the value for locateValue', () => {
    expect(doc.locateValue('checks[2].min')).toEqual({ file: 'p.yaml', line: 8, column: 10 });
  });
  it.each(['checks[9]', 'checks[0].min', 'nope', 'checks.id', 'checks[', 'lineage.training_data[].sha256'])('returns null for %s', (p) => {
    expect(doc.locateKey(p)).toBeNull();
  });
  it('adds a line offset (front matter) and shows lines of the full text', () => {
    const full = '---\nname: x\nversion: "1"\n---\n# card\n';
    const d = parseYaml('name: x\nversion: "1"', 'README.md', { lineOffset: 1, fullText: full });
    expect(d.locateKey('version')).toEqual({ file: 'README.md', line: 3, column: 1 });
    expect(d.lineText(3)).toBe('version: "1"');
  });
  it('keeps scalar sources for quote hints', () => {
    expect(parseYaml('version: 1.0\n', 'm.yaml').scalarSource(['version'])).toBe('1.0');
  });
});

describe('paths', () => {
  it.each([
    ['checks[2].min', ['checks', 2, 'min']],
    ['lineage.training_data[0].sha256', ['lineage', 'training_data', 0, 'sha256']],
    ['hyperparameters["learning.rate"]', ['hyperparameters', 'learning.rate']],
    ['model-index[0].name', ['model-index', 0, 'name']],
  ])('%s round-trips', (text, segs) => {
    expect(parsePath(text)).toEqual(segs);
    expect(formatPath(segs)).toBe(text);
  });
});

describe('syntax errors and limits', () => {
  it('reports a syntax error with file, line, column, the line and the reason', () => {
    const [p, ...rest] = problemsOf(() => parseYaml('a: 1\nb: [1, 2\nc: 3\n', 'bad.yaml'));
    expect(rest).toHaveLength(0);
    expect(p.file).toBe('bad.yaml');
    expect(p.line).toBe(3);
    expect(p.column).toBe(1);
    expect(p.sourceLine).toBe('c: 3');
    expect(p.message).toMatch(/^invalid YAML: .*(flow sequence|\])/i);
  });
  it('rejects duplicate keys at the second occurrence', () => {
    const [p] = problemsOf(() => parseYaml('defaults:\n  severity: error\n  severity: warning\n', 'd.yaml'));
    expect(p).toMatchObject({ line: 3, column: 3, message: expect.stringContaining('duplicate key') });
  });
  it('rejects several documents in one file', () => {
    const [p] = problemsOf(() => parseYaml('a: 1\n---\nb: 2\n', 'm.yaml'));
    expect(p).toMatchObject({ line: 2, message: expect.stringContaining('one YAML document') });
  });
  it('rejects unknown tags', () => {
    const [p] = problemsOf(() => parseYaml('a: !python/object x\n', 't.yaml'));
    expect(p).toMatchObject({ line: 1, column: 4, message: expect.stringContaining('tag') });
  });
  it('stops an alias bomb (billion laughs)', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
      'f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]',
      'g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]',
      'h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]',
      'i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]',
    ].join('\n');
    const started = Date.now();
    const problems = problemsOf(() => parseYaml(bomb, 'bomb.yaml'));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/alias bomb/);
    expect(Date.now() - started).toBeLessThan(2000);
  });
  it('refuses absurd nesting without crashing, and keeps shown lines short', () => {
    const deep = `a: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`;
    const [p] = problemsOf(() => parseYaml(deep, 'deep.yaml'));
    expect(p.message).toBe('invalid YAML: the document is nested too deeply to parse safely');
    expect(p.sourceLine!.length).toBeLessThanOrEqual(243);
  });
  it('rejects an alias to an anchor that does not exist', () => {
    const [p] = problemsOf(() => parseYaml('a: 1\nb: *nope\n', 'u.yaml'));
    expect(p).toMatchObject({ line: 2, column: 4, message: expect.stringContaining('alias') });
  });
  it('allows ordinary aliases', () => {
    expect(parseYaml('base: &b { min: 0.8 }\nother: *b\n', 'ok.yaml').value).toEqual({ base: { min: 0.8 }, other: { min: 0.8 } });
  });
  it('rejects a circular alias instead of building a cyclic object', () => {
    const [p] = problemsOf(() => parseYaml('a: &a [1, *a]\n', 'c.yaml'));
    expect(p).toMatchObject({ line: 1, column: 11, message: expect.stringContaining('circular') });
  });
  it.each(['__proto__', 'constructor', 'prototype'])('rejects the key %s and never merges it', (key) => {
    const problems = problemsOf(() => parseYaml(`defaults:\n  ${key}:\n    polluted: true\n`, 'x.yaml'));
    expect(problems).toEqual([expect.objectContaining({ line: 2, column: 3, path: `defaults.${key}`, message: expect.stringContaining('not allowed') })]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('rejects keys that are not plain scalars', () => {
    const [p] = problemsOf(() => parseYaml('? [a, b]\n: 1\n', 'k.yaml'));
    expect(p.message).toContain('keys must be plain strings');
  });
  it('keeps YAML 1.2 dates and versions as written (no timestamp or octal surprises)', () => {
    expect(parseYaml('expires: 2027-01-31\nv: 3.2.0\nz: 0o10\nn: no\n', 'a.yaml').value).toEqual({ expires: '2027-01-31', v: '3.2.0', z: 8, n: 'no' });
  });
});

describe('readConfigText', () => {
  it('refuses files over 10 MiB', async () => {
    const dir = writeTree({});
    const big = path.join(dir, 'big.yaml');
    writeFileSync(big, Buffer.alloc(MAX_CONFIG_BYTES + 1, 0x20));
    await expect(readConfigText(big)).rejects.toThrow(/limited to 10485760 bytes/);
  });
  it('reports a missing file as an input-file error', async () => {
    await expect(readConfigText('/nonexistent/p.yaml')).rejects.toBeInstanceOf(InputFileError);
  });
  it('rejects invalid UTF-8 and strips a BOM', async () => {
    const dir = writeTree({});
    writeFileSync(path.join(dir, 'bad.yaml'), Buffer.from([0x61, 0x3a, 0x20, 0xff, 0xfe]));
    await expect(readConfigText(path.join(dir, 'bad.yaml'))).rejects.toThrow(/UTF-8/);
    writeFileSync(path.join(dir, 'bom.yaml'), '\uFEFFa: 1\n');
    expect((await readConfigText(path.join(dir, 'bom.yaml'))).text).toBe('a: 1\n');
  });
});
