import { mg101 } from './mg101-required-fields.js';
import { mg102 } from './mg102-dataset-hash.js';
import { mg103 } from './mg103-code-commit.js';
import { mg104 } from './mg104-artifact-hash.js';
import { mg105 } from './mg105-holdout-not-in-training.js';

export const lineageChecks = [mg101, mg102, mg103, mg104, mg105];
