/** The explainability family (MG401-MG403), for the catalogue in ../index.ts. */
import type { CheckDef } from '../types.js';
import { mg401 } from './mg401.js';
import { mg402 } from './mg402.js';
import { mg403 } from './mg403.js';

export const explainabilityChecks = [mg401, mg402, mg403] as unknown as CheckDef[];

export { mg401, mg402, mg403 };
export { CoverageAccumulator } from './coverage.js';
export { AdditivityAccumulator } from './additivity.js';
export { resolveLayout } from './layout.js';
