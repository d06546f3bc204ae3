import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, renderGithub, renderGithubReports } from '../../src/report/github.js';
import type { Report } from '../../src/report/model.js';
import { failReport, hostileReport, result } from './sample-reports.js';

describe('github annotations', () => {
  it('escapes like @actions/core command.ts', () => {
    expect(escapeData('50% a\r\nb')).toBe('50%25 a%0D%0Ab');
    expect(escapeProperty('a,b:c%\n')).toBe('a%2Cb%3Ac%25%0A');
  });

  it('emits one command per finding, worst first, then the summary notice', () => {
    const lines = renderGithub(failReport).trimEnd().split('\n');
    expect(lines.every((l) => l.startsWith('::'))).toBe(true);
    expect(lines[0]).toBe('::error file=policies/credit.yaml,line=14,col=5,title=MG201 group-disparity::'.replace('MG201 group-disparity', 'MG201 performance-threshold') +
      'FAIL: auc on the holdout is 0.712; min 0.850%0Aobserved 0.712, threshold ≥ 0.850, 95%25 delong interval [0.690, 0.730]%0ADocs: https://github.com/modelgate/modelgate/blob/main/README.md#mg201-performance-threshold');
    expect(lines[1]).toMatch(/^::error file=policies\/credit.yaml,line=21,col=5,title=MG301 group-disparity::FAIL \(race\): /);
    expect(lines.map((l) => l.split(' ')[0]!.split('::')[1])).toEqual(['error', 'error', 'warning', 'warning', 'warning', 'notice', 'notice']);
    expect(lines[lines.length - 1]).toMatch(/^::notice title=modelgate::credit-risk@3.2.0: 7 gates: .* FAILED \(exit 1\)\. The job summary/);
  });

  it('hostile strings cannot break out of a command', () => {
    const out = renderGithub(hostileReport);
    const lines = out.trimEnd().split('\n');
    expect(lines.every((l) => /^::(error|warning|notice)( [a-z]+=[^:,]*(,[a-z]+=[^:,]*)*)?::/.test(l))).toBe(true);
    expect(out).toContain('file=policies/a%2Cb%3Ac.yaml,line=3');
    expect(out).toContain('boom %250A 50%2525');
    expect(out).not.toContain('\r');
    expect(out).not.toMatch(/[\u001b\u0007]/);
  });

  it('caps each level at 10 (notices at 9 + the summary) and says how many were left out', () => {
    const many = Array.from({ length: 15 }, (_, i) => result('MG501', { subject: `f${i}`, status: 'fail', blocking: true, message: `null rate of f${i}` }));
    const r: Report = { ...failReport, results: many, waivers: undefined };
    const lines = renderGithub(r).trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::error')).length).toBe(10);
    expect(lines[lines.length - 1]).toContain('Not annotated: 5 more errors.');
  });
});

describe('github annotations for several models', () => {
  const failing = (name: string, count: number): Report => ({
    ...failReport, model: { ...failReport.model, name }, waivers: undefined,
    results: Array.from({ length: count }, (_, i) => result('MG501', { subject: `f${i}`, status: 'fail', blocking: true, message: `null rate of f${i}` })),
  });

  it('caps each level across all models (joining per-model output gave 2 × 7 = 14 errors), naming each model', () => {
    const out = renderGithubReports([failing('alpha', 7), failing('beta', 7)]);
    const lines = out.trimEnd().split('\n');
    const errors = lines.filter((l) => l.startsWith('::error'));
    expect(errors).toHaveLength(10);
    // Worst first, equal ranks in model order: all 7 of alpha, then 3 of beta.
    expect(errors.filter((l) => l.includes('title=MG501 feature-null-rate (alpha@3.2.0)'))).toHaveLength(7);
    expect(errors.filter((l) => l.includes('title=MG501 feature-null-rate (beta@3.2.0)'))).toHaveLength(3);
    expect(lines.filter((l) => l.startsWith('::notice'))).toHaveLength(1);
    expect(lines[lines.length - 1]).toBe('::notice title=modelgate::2 models: alpha@3.2.0 FAILED (exit 1); beta@3.2.0 FAILED (exit 1). Not annotated: 4 more errors. The job summary has every gate and the per-group tables.');
  });

  it('one report renders exactly as renderGithub', () => {
    expect(renderGithubReports([failReport])).toBe(renderGithub(failReport));
  });
});
