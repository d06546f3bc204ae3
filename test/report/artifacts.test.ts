/** Writes every format of every sample report to test-artifacts/report/ (gitignored) for looking at. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMATS, render } from '../../src/report/index.js';
import { ALL_SAMPLES, manyGroupsReport } from './sample-reports.js';

const EXT = { cli: 'txt', json: 'json', junit: 'xml', markdown: 'md', github: 'txt', html: 'html', sarif: 'sarif' } as const;

describe('rendered artifacts', () => {
  it('renders every sample in every format', () => {
    const dir = path.resolve(__dirname, '../../test-artifacts/report');
    mkdirSync(dir, { recursive: true });
    const samples = { ...ALL_SAMPLES, many: manyGroupsReport(200) };
    for (const [name, report] of Object.entries(samples)) {
      for (const format of FORMATS) {
        const out = render(format, report, { verbose: format === 'cli' });
        expect(out.length).toBeGreaterThan(0);
        expect(render(format, report, { verbose: format === 'cli' })).toBe(out); // pure: same input, same bytes
        const suffix = format === 'github' ? '.github' : '';
        writeFileSync(path.join(dir, `${name}${suffix}.${EXT[format]}`), out);
      }
      writeFileSync(path.join(dir, `${name}.color.txt`), render('cli', report, { color: true }));
      writeFileSync(path.join(dir, `${name}.ascii.txt`), render('cli', report, { unicode: false }));
    }
  });
});
