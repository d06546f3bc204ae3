/**
 * Type sniffing for text formats (CSV, JSONL): the narrowest type that fits every non-missing
 * value seen in the first rows. A column that only holds missing values is `null`.
 */
import type { ColumnType } from './dataset.js';
import { parseNumberText } from './number-text.js';

const INTEGER = /^\s*[+-]?\d+\s*$/;
const BOOLEAN = /^\s*(true|false)\s*$/i;

export function sniffTextType(text: string): ColumnType {
  if (BOOLEAN.test(text)) return 'boolean';
  if (INTEGER.test(text)) return 'integer';
  return parseNumberText(text) === undefined ? 'string' : 'number';
}

/** Type of a parsed JSON value. */
export function sniffJsonType(value: unknown): ColumnType {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string') return 'string';
  return 'mixed';
}

/** The type covering both `a` (so far) and `b` (a new value). */
export function mergeTextType(a: ColumnType, b: ColumnType): ColumnType {
  if (a === b || b === 'null') return a;
  if (a === 'null') return b;
  if ((a === 'integer' && b === 'number') || (a === 'number' && b === 'integer')) return 'number';
  if (a === 'mixed' || b === 'mixed') return 'mixed';
  return 'string';
}
