/**
 * A CSV category field's code from its text. Numeric and boolean columns are normalized so "1.0",
 * 1.0 (Parquet) and 1 agree; codes are cached by text. Shared by the reader and the chunk parser of
 * the parse worker (csv-chunk.ts), whose codes are local to a chunk until the reader maps them.
 */
import type { CategoryBuilder } from './builders.js';
import type { ColumnType } from './dataset.js';
import { parseNumberText } from './number-text.js';
import { sniffTextType } from './sniff.js';

const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/;

/** The dictionary entry of a category field's text, for a column of sniffed type `type`. */
export function categoryText(text: string, type: ColumnType): string {
  if (type === 'integer' || type === 'number') {
    // Integer text keeps every digit (ids beyond 2^53); other numbers print as String(x).
    if (INTEGER_TEXT.test(text)) return BigInt(text.trim()).toString();
    const n = parseNumberText(text);
    return n === undefined || sniffTextType(text) === 'boolean' ? text : String(n);
  }
  if (type === 'boolean') {
    const l = text.trim().toLowerCase();
    return l === 'true' || l === 'false' ? l : text;
  }
  return text;
}

export function categoryCoder(b: CategoryBuilder, type: ColumnType): (text: string) => number {
  const cache = new Map<string, number>();
  return (text) => {
    let code = cache.get(text);
    if (code === undefined) {
      code = b.codeOf(categoryText(text, type));
      cache.set(text, code);
    }
    return code;
  };
}
