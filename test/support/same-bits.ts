import { expect } from 'vitest';

/**
 * Deep equality where every number is compared with Object.is (so -0 ≠ 0 and NaN = NaN): for
 * "the optimised code returns the same bits as the code it replaced". Returns the paths that
 * differ, so a failing test names them.
 */
export function bitDiffs(a: unknown, b: unknown, path = '$', out: string[] = []): string[] {
  if (out.length > 20) return out;
  if (typeof a === 'number' || typeof b === 'number') {
    if (!Object.is(a, b)) out.push(`${path}: ${String(a)} vs ${String(b)}`);
    return out;
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    if (a !== b) out.push(`${path}: ${String(a)} vs ${String(b)}`);
    return out;
  }
  if (Array.isArray(a) !== Array.isArray(b) || ArrayBuffer.isView(a) !== ArrayBuffer.isView(b)) {
    out.push(`${path}: different kinds`);
    return out;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) out.push(`${path}: keys ${ka.join(',')} vs ${kb.join(',')}`);
  for (const k of ka) bitDiffs((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, out);
  return out;
}

/**
 * Asserts deep equality with every number compared by Object.is; arrays and typed arrays of any
 * element type compare by their values (a Uint8Array of codes equals an Int32Array of the same codes).
 */
export function expectSameBits(a: unknown, b: unknown, path = ''): void {
  if (typeof a === 'number' || typeof b === 'number') {
    if (!Object.is(a, b)) expect.fail(`${path}: ${String(a)} vs ${String(b)}`);
    return;
  }
  if (ArrayBuffer.isView(a) || Array.isArray(a)) {
    const x = Array.from(a as ArrayLike<number>);
    const y = Array.from(b as ArrayLike<number>);
    expect(x.length, path).toBe(y.length);
    x.forEach((v, k) => expectSameBits(v, y[k], `${path}[${k}]`));
    return;
  }
  if (a !== null && typeof a === 'object') {
    expect(Object.keys(a).sort(), path).toEqual(Object.keys(b as object).sort());
    for (const k of Object.keys(a)) expectSameBits((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  expect(a, path).toBe(b);
}
