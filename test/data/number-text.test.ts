/**
 * The fast decimal path must give exactly the double Number(text) gives (fast-check compares the
 * two on generated decimals; Number() is the independent reference), and fall back otherwise.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastDecimal, parseNumberText } from '../../src/data/number-text.js';

const bytes = (s: string): Buffer => Buffer.from(s, 'latin1');
const fast = (s: string): number => fastDecimal(bytes(s), 0, s.length);

describe('fastDecimal', () => {
  it('equals Number(text) bit for bit on generated decimals', () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.stringMatching(/^\d{1,17}$/), fc.option(fc.stringMatching(/^\d{0,24}$/)))
      .map(([neg, int, frac]) => `${neg ? '-' : ''}${int}${frac === null ? '' : `.${frac}`}`);
    fc.assert(
      fc.property(decimal, (s) => {
        const f = fast(s);
        if (!Number.isNaN(f)) expect(Object.is(f, Number(s))).toBe(true);
      }),
      { numRuns: 20000 },
    );
  });

  it('equals Number(text) on printed doubles (the common CSV case)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), fc.integer({ min: 0, max: 12 }), (x, digits) => {
        const s = x.toFixed(digits);
        const f = fast(s);
        if (!Number.isNaN(f)) expect(Object.is(f, Number(s))).toBe(true);
      }),
      { numRuns: 20000 },
    );
  });

  it('takes the fast path for short decimals and declines the rest', () => {
    expect(fast('0.213370')).toBe(0.21337);
    expect(fast('-0')).toBe(-0);
    expect(Object.is(fast('-0'), -0)).toBe(true);
    expect(fast('5.')).toBe(5);
    expect(fast('.5')).toBe(0.5);
    for (const s of ['', '-', '.', '1e5', '+1', ' 1', '1234567890123456', 'abc', '1.2.3']) expect(fast(s)).toBeNaN();
  });
});

describe('parseNumberText', () => {
  const cases: [string, number | undefined][] = [
    ['1e5', 1e5], ['+1', 1], [' 2 ', 2], ['1234567890123456789', 1234567890123456789],
    ['true', 1], ['False', 0], ['NaN', Number.NaN], ['nan', Number.NaN], ['Inf', Infinity], ['-inf', -Infinity],
    ['Infinity', Infinity], ['-Infinity', -Infinity], ['0x10', undefined], ['0b1', undefined], ['1_000', undefined],
    ['', undefined], ['abc', undefined], ['1,5', undefined], ['yes', undefined],
  ];
  for (const [text, expected] of cases) it(JSON.stringify(text), () => expect(parseNumberText(text)).toEqual(expected));
});
