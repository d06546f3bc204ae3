/** mulberry32 uniforms in [0, 1) from a 32-bit seed (rng.mjs; typed for the tests that import it). */
export function rng(seed: number): () => number;
