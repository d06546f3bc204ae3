/**
 * Number text as dataset.ts defines it. (The byte-level decimal parser, decimalBytes, is tested
 * against Number() in number-bytes.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { parseNumberText } from '../../src/data/number-text.js';

describe('parseNumberText', () => {
  const cases: [string, number | undefined][] = [
    ['1e5', 1e5], ['+1', 1], [' 2 ', 2], ['1234567890123456789', 1234567890123456789],
    ['true', 1], ['False', 0], ['NaN', Number.NaN], ['nan', Number.NaN], ['Inf', Infinity], ['-inf', -Infinity],
    ['Infinity', Infinity], ['-Infinity', -Infinity], ['0x10', undefined], ['0b1', undefined], ['1_000', undefined],
    ['', undefined], ['abc', undefined], ['1,5', undefined], ['yes', undefined],
  ];
  for (const [text, expected] of cases) it(JSON.stringify(text), () => expect(parseNumberText(text)).toEqual(expected));
});
