/** decide(): the point and interval rules of DESIGN §5, at their exact boundaries. */
import { describe, expect, it } from 'vitest';
import { decide, decideDetailed } from '../../../src/checks/shared/decide.js';
import type { Interval } from '../../../src/report/model.js';

const iv = (lower: number, upper: number): Interval => ({ lower, upper, level: 0.95, method: 'wilson' });
const point = { decision: 'point' } as const;
const interval = { decision: 'interval' } as const;

describe('decide', () => {
  it.each([
    // value, interval, threshold, point, interval
    [0.85, iv(0.8, 0.9), { min: 0.85 }, 'pass', 'inconclusive'],
    [0.8499, iv(0.8, 0.9), { min: 0.85 }, 'fail', 'inconclusive'],
    [0.9, iv(0.85, 0.95), { min: 0.85 }, 'pass', 'pass'], // lower bound == min: whole interval on the passing side
    [0.8, iv(0.75, 0.8499), { min: 0.85 }, 'fail', 'fail'],
    [0.8, iv(0.75, 0.85), { min: 0.85 }, 'fail', 'inconclusive'], // upper touches min: not wholly failing
    [0.1, iv(0.05, 0.1), { max: 0.1 }, 'pass', 'pass'],
    [0.1000001, iv(0.05, 0.2), { max: 0.1 }, 'fail', 'inconclusive'],
    [0.3, iv(0.11, 0.5), { max: 0.1 }, 'fail', 'fail'],
    [0.5, iv(0.45, 0.55), { min: 0.4, max: 0.6 }, 'pass', 'pass'],
    [0.5, iv(0.35, 0.55), { min: 0.4, max: 0.6 }, 'pass', 'inconclusive'],
    [0.7, iv(0.65, 0.75), { min: 0.4, max: 0.6 }, 'fail', 'fail'],
  ] as const)('%d %j against %j: point %s, interval %s', (value, i, t, p, q) => {
    expect(decide({ value, interval: i }, t, point)).toBe(p);
    expect(decide({ value, interval: i }, t, interval)).toBe(q);
  });

  it('null value is error', () => {
    expect(decide({ value: null, interval: null }, { min: 0.5 }, point)).toBe('error');
    expect(decide({ value: null, interval: null }, { min: 0.5 }, interval)).toBe('error');
  });

  it('without an interval, interval mode decides on the estimate and says so', () => {
    expect(decideDetailed({ value: 0.7, interval: null }, { min: 0.8 }, interval)).toEqual({ status: 'fail', basis: 'point (no interval)' });
    expect(decideDetailed({ value: 0.9, interval: null }, { min: 0.8 }, interval)).toEqual({ status: 'pass', basis: 'point (no interval)' });
  });

  it('compares the integer ratio exactly when given: a drop of 0.85 − 0.84 is 0.01, not 0.010000000000000009', () => {
    const drop = 0.85 - 0.84;
    expect(drop).toBeGreaterThan(0.01);
    expect(decide({ value: drop, interval: null }, { max: 0.01 }, point)).toBe('fail');
    const exact = { value: drop, interval: null, exact: { num: 1, den: 100 } };
    expect(decide(exact, { max: 0.01 }, point)).toBe('pass');
    expect(decide({ ...exact, exact: { num: 101n, den: 10000n } }, { max: 0.01 }, point)).toBe('fail');
  });
});
