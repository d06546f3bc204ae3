/**
 * Property tests run on a fixed fast-check seed, so a CI run is reproducible and never red by
 * chance; `FC_SEED=<n> npm test` (or FC_SEED=random) explores other samples locally.
 */
import fc from 'fast-check';

const seed = process.env.FC_SEED;
if (seed !== 'random') fc.configureGlobal({ seed: seed ? Number(seed) : 20261130 });
