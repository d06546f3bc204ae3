import { describe, expect, it } from 'vitest';
import { didYouMean, levenshtein, suggest } from '../../src/config/suggest.js';

describe('levenshtein (optimal string alignment)', () => {
  // Distances worked out by hand: kitten->sitting is the textbook 3 (2 substitutions, 1 insertion).
  it.each([
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['abc', 'abc', 0],
    ['mni', 'min', 1],
    ['min_grup_size', 'min_group_size', 1],
    ['ca', 'abc', 3],
  ])('%s -> %s = %i', (a, b, d) => {
    expect(levenshtein(a, b)).toBe(d);
    expect(levenshtein(b, a)).toBe(d);
  });
});

describe('suggest', () => {
  const keys = ['min_group_size', 'min_group_positives', 'min_group_negatives', 'severity', 'decision'];
  it.each([
    ['min_grup_size', 'min_group_size'],
    ['min-group-size', 'min_group_size'],
    ['Severity', 'severity'],
    ['decison', 'decision'],
    ['colour', undefined],
    ['x', undefined],
  ])('%s -> %s', (word, want) => {
    expect(suggest(word, keys)).toBe(want);
  });
  it('phrases the hint', () => {
    expect(didYouMean('sevrity', keys)).toBe('did you mean "severity"?');
    expect(didYouMean('zzz', [])).toBeUndefined();
  });
});
