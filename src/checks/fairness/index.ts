/** The fairness checks, in ID order. */
import { mg301 } from './mg301.js';
import { mg302 } from './mg302.js';

export const fairnessChecks = [mg301, mg302] as const;
