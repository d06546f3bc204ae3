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
