/**
 * mulberry32: small, fast, deterministic uniforms in [0, 1) for tests that build random inputs from
 * a seed (the same generator as scripts/lib/rng.mjs, which the fixture scripts use).
 */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
