/**
 * The seeded generator of the fixture scripts (mulberry32, scripts/lib/rng.mjs), for tests that
 * build random inputs from a seed.
 */
export { rng } from '../../scripts/lib/rng.mjs';
