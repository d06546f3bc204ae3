/** The post-processing steps, each alone (STYLE habit 7), and the exit code as a pure function. */
import { describe, expect, it } from 'vitest';
import { DEFAULTS, type Defaults, type Waiver } from '../../src/config/types.js';
import { activeWaivers, applyBlocking, applyWaiver, exitCodeOf, isExpired, summarize } from '../../src/engine/outcome.js';
import type { Result, Status } from '../../src/report/model.js';

function result(status: Status, over: Partial<Result> = {}): Result {
  return {
    checkId: 'MG301', slug: 'group-disparity', category: 'fairness', title: 't', severity: 'error', status, blocking: false,
    message: '', metric: null, subject: 'race', observed: null, interval: null, threshold: null, comparator: null, sampleSize: null,
    groups: [], location: null, docsUrl: '', waiver: null, ...over,
  };
}
const s = (over: Partial<Defaults>): Defaults => ({ ...DEFAULTS, ...over });

describe('applyBlocking', () => {
  const table: [Status, Partial<Result>, Partial<Defaults>, 'error' | 'warning', boolean][] = [
    ['fail', {}, {}, 'error', true],
    ['fail', { severity: 'warning' }, {}, 'error', false],
    ['fail', { severity: 'warning' }, {}, 'warning', true],
    ['pass', {}, {}, 'warning', false],
    ['inconclusive', {}, { on_inconclusive: 'warn' }, 'error', false],
    ['inconclusive', {}, { on_inconclusive: 'fail' }, 'error', true],
    ['inconclusive', {}, { on_inconclusive: 'warn' }, 'warning', true],
    ['inconclusive', {}, { on_inconclusive: 'pass' }, 'warning', false],
    ['insufficient', {}, { on_insufficient: 'fail' }, 'error', true],
    ['insufficient', {}, { on_insufficient: 'warn' }, 'error', false],
    ['insufficient', {}, { on_insufficient: 'ignore' }, 'warning', false],
    ['insufficient', { severity: 'warning' }, { on_insufficient: 'fail' }, 'error', false],
    ['error', {}, {}, 'error', false],
    ['skipped', {}, {}, 'warning', false],
  ];
  for (const [status, over, settings, failOn, blocking] of table) {
    it(`${status} ${JSON.stringify(over)} ${JSON.stringify(settings)} --fail-on ${failOn} -> blocking ${blocking}`, () => {
      expect(applyBlocking(result(status, over), s(settings), failOn).blocking).toBe(blocking);
    });
  }
});

describe('waivers', () => {
  const w = (over: Partial<Waiver>): Waiver => ({ check: 'MG301', reason: 'r', expires: '2027-01-31', approved_by: 'a@b.co', location: { file: 'p.yaml', line: 9 }, ...over });
  it('apply through the end of their expiry day', () => {
    expect(isExpired(w({}), '2027-01-31')).toBe(false);
    expect(isExpired(w({}), '2027-02-01')).toBe(true);
    expect(activeWaivers([w({}), w({ check: 'MG201' })], 'MG301', '2027-02-01')).toEqual([]);
  });
  it('turn a blocking fail into waived, with the waiver shown', () => {
    const used = new Set<Waiver>();
    const r = applyWaiver(result('fail', { blocking: true }), [w({})], used);
    expect(r.status).toBe('waived');
    expect(r.blocking).toBe(false);
    expect(r.waiver?.reason).toBe('r');
    expect(used.size).toBe(1);
  });
  it('with a subject, match only that subject', () => {
    const used = new Set<Waiver>();
    expect(applyWaiver(result('fail'), [w({ subject: 'sex' })], used).status).toBe('fail');
    expect(applyWaiver(result('fail'), [w({ subject: 'race' })], used).status).toBe('waived');
  });
  it('never touch a pass or an error', () => {
    const used = new Set<Waiver>();
    expect(applyWaiver(result('pass'), [w({})], used).status).toBe('pass');
    expect(applyWaiver(result('error'), [w({})], used).status).toBe('error');
    expect(used.size).toBe(0);
  });
});

describe('exit code and summary', () => {
  it('is 0 with warnings, waived and skipped results', () => {
    expect(exitCodeOf({ results: [result('pass'), result('fail', { severity: 'warning' }), result('waived'), result('skipped')], errors: [] })).toBe(0);
  });
  it('is 1 with a blocking result', () => {
    expect(exitCodeOf({ results: [result('pass'), result('fail', { blocking: true })], errors: [] })).toBe(1);
  });
  it('is 2 when an error and a blocking failure coexist (the verdict is incomplete)', () => {
    expect(exitCodeOf({ results: [result('fail', { blocking: true }), result('error')], errors: [] })).toBe(2);
    expect(exitCodeOf({ results: [result('pass')], errors: [{ checkId: null, message: 'x' }] })).toBe(2);
  });
  it('counts a non-blocking fail as warned', () => {
    const sum = summarize([result('pass'), result('fail', { blocking: true }), result('fail'), result('waived'), result('inconclusive'), result('insufficient'), result('skipped'), result('error')]);
    expect(sum).toEqual({ gates: 8, passed: 1, failed: 1, warned: 1, inconclusive: 1, insufficient: 1, waived: 1, skipped: 1, errors: 1 });
  });
});
