import { mg201 } from './mg201-performance-threshold.js';
import { mg202 } from './mg202-baseline-regression.js';
import { mg203 } from './mg203-holdout-size.js';
import { mg204 } from './mg204-suspicious-performance.js';

export const performanceChecks = [mg201, mg202, mg203, mg204];
