/**
 * `decimalBytes` must give exactly Number(text)'s double for every text of the strict decimal
 * grammar and NaN for every other text. The reference is Number() itself (and the grammar as a
 * regular expression), on doubles printed every way JavaScript prints them, long significands,
 * halfway cases built with BigInt, subnormals and random text over the grammar's alphabet.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalBytes, longSignificand } from '../../src/data/number-bytes.js';
import { parseNumberText } from '../../src/data/number-text.js';

const STRICT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const reference = (text: string): number => (STRICT.test(text) ? Number(text) : Number.NaN);

function parse(text: string): number {
  // Padding around the field: the parser must read only [start, end).
  const b = Buffer.from(`9${text}9`, 'latin1');
  return decimalBytes(b, 1, b.length - 1);
}

function agrees(text: string): void {
  const got = parse(text);
  if (!Object.is(got, reference(text))) throw new Error(`${JSON.stringify(text)}: got ${got}, Number() gives ${reference(text)}`);
  if (!Number.isNaN(got)) expect(Object.is(got, parseNumberText(text))).toBe(true);
}

const anyDouble = fc.double({ noNaN: true, noDefaultInfinity: true });
const printed = fc.oneof(
  anyDouble.map((x) => String(x)),
  fc.tuple(anyDouble, fc.integer({ min: 1, max: 21 })).map(([x, p]) => x.toPrecision(p)),
  fc.tuple(anyDouble, fc.integer({ min: 0, max: 20 })).map(([x, p]) => x.toExponential(p)),
  fc.tuple(anyDouble, fc.integer({ min: 0, max: 20 })).map(([x, p]) => x.toFixed(p)),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 20 })).map(([x, p]) => x.toFixed(p)),
  fc.double({ min: 0, max: 1, noNaN: true }).map((x) => String(x)),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => String(x)),
);
const decorated = fc
  .tuple(printed, fc.constantFrom('', '', '+', '-', '0', '00', '-00', '+0'))
  .map(([s, pre]) => (s.startsWith('-') ? (pre.startsWith('-') || pre.startsWith('+') ? s : `-${pre.replace(/^[+-]/, '')}${s.slice(1)}`) : `${pre}${s}`));
const longDigits = fc
  .tuple(fc.constantFrom('', '-', '+'), fc.stringMatching(/^\d{1,25}$/), fc.integer({ min: 0, max: 25 }), fc.option(fc.integer({ min: -30, max: 30 })))
  .map(([sign, digits, point, exp]) => {
    const at = Math.min(point, digits.length);
    const body = at === digits.length ? digits : `${digits.slice(0, at)}.${digits.slice(at)}`;
    return `${sign}${body}${exp === null ? '' : `e${exp}`}`;
  });

/** Decimal texts at, just below and just above the midpoint of two neighbouring doubles >= 2^53. */
const halfway = fc
  .tuple(fc.integer({ min: 53, max: 63 }), fc.bigInt({ min: 0n, max: 2n ** 52n - 1n }), fc.constantFrom(-1n, 0n, 1n), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }))
  .map(([k, frac, delta, zeros, point]) => {
    const ulp = 2n ** BigInt(k - 52);
    const low = 2n ** BigInt(k) + frac * ulp;
    let digits = (low + ulp / 2n + delta).toString() + '0'.repeat(zeros);
    // The same value with `zeros` trailing zeros moved behind a point (W / 10^zeros).
    if (zeros > 0) digits = `${digits.slice(0, digits.length - zeros)}.${digits.slice(digits.length - zeros)}`;
    // Or a smaller value with `point` decimals (the significand stays 16-20 digits).
    return point > 0 && zeros === 0 ? `${digits.slice(0, digits.length - point)}.${digits.slice(digits.length - point)}` : digits;
  });

describe('decimalBytes', () => {
  it('equals Number() on printed doubles', () => {
    fc.assert(fc.property(printed, (s) => agrees(s)), { numRuns: 40000 });
  });

  it('equals Number() with signs and leading zeros', () => {
    fc.assert(fc.property(decorated, (s) => agrees(s)), { numRuns: 20000 });
  });

  it('equals Number() on 1-25 digit significands with points and exponents', () => {
    fc.assert(fc.property(longDigits, (s) => agrees(s)), { numRuns: 40000 });
  });

  it('equals Number() at and around halfway points', () => {
    fc.assert(fc.property(halfway, (s) => agrees(s)), { numRuns: 40000 });
  });

  it('equals Number() on random text over the grammar alphabet (mostly rejected)', () => {
    const text = fc.string({ unit: fc.constantFrom(...'0123456789+-.eE x'.split('')), maxLength: 12 });
    fc.assert(fc.property(text, (s) => agrees(s)), { numRuns: 40000 });
  });

  it('fixed cases: zeros, subnormals, limits, words', () => {
    const cases = [
      '0', '-0', '+0', '0.0', '-0.000', '0e0', '-0e-999', '0e99999999999', '.0', '0.', '5.', '.5', '-.5',
      '4.9e-324', '5e-324', '2.4703282292062327e-324', '2.4703282292062328e-324', '2.2250738585072014e-308',
      '1.7976931348623157e308', '1.7976931348623158e308', '1.7976931348623159e308', '1e309', '-1e400', '1e-400',
      '9007199254740992', '9007199254740993', '9007199254740994', '9007199254740995', '18014398509481985',
      '9223372036854775807', '9223372036854775808', '18446744073709551615', '18446744073709551616',
      '0.1', '0.2', '0.3', '0.30000000000000004', '123456789012345678901234567890', '1e22', '1e23', '1e-22', '1e-23',
      '0.09259604043512730', '0.20398041588973093', '0.9999999999999999', '0.99999999999999999', '1.0000000000000002',
      '', '-', '+', '.', 'e5', '1e', '1e+', '1.2.3', '1e5.5', ' 1', '1 ', 'NaN', 'Infinity', 'true', '0x10', '1_000', '١',
    ];
    for (const s of cases) agrees(s);
  });

  it('decides 16-19 digit significands itself (Number() only near a rounding boundary)', () => {
    let decided = 0;
    let total = 0;
    let x = 1;
    for (let i = 0; i < 20000; i++) {
      x = (x * 16807) % 2147483647;
      const text = String(x / 2147483647 + (i % 7) * 1e-9);
      const digits = text.replace(/^0\.0*/, '').replace('.', '');
      if (digits.length < 16 || !/^0\./.test(text)) continue;
      const scale = text.length - 2;
      const v = longSignificand(Buffer.from(text), 0, text.length, scale);
      total++;
      if (!Number.isNaN(v)) {
        decided++;
        expect(Object.is(v, Number(text))).toBe(true);
      }
    }
    expect(total).toBeGreaterThan(10000);
    expect(decided / total).toBeGreaterThan(0.99);
  });
});
