import { z } from 'zod';
import { defineCheck } from '../types.js';
import { SHA256 } from './fields.js';

export const mg102 = defineCheck({
  id: 'MG102',
  slug: 'dataset-hash-match',
  category: 'lineage',
  title: 'Holdout is the recorded one',
  summary: 'sha256 of the dataset file equals lineage.evaluation_data.sha256.',
  defaultSeverity: 'error',
  needsData: true,
  options: z.strictObject({}),
  docs: `Computes the sha256 of the dataset file's bytes and compares it with \`lineage.evaluation_data.sha256\` in the
model metadata. A missing or malformed recorded hash fails: a gate that cannot verify the holdout must not pass.

Record the hash with \`modelgate hash data/holdout.parquet\` and paste it into the metadata:
\`\`\`yaml
lineage:
  evaluation_data: { uri: data/holdout.parquet, sha256: "<output of modelgate hash>" }
\`\`\`
Note that re-writing the same rows (another format, another order, another compression) changes the hash: the check
verifies the file, not its content.`,
  run(ctx) {
    const expected = ctx.model.meta.lineage?.evaluation_data?.sha256;
    const actual = ctx.datasetInfo.sha256;
    const base = { metric: 'sha256', subject: ctx.datasetInfo.path, metadataPath: 'lineage.evaluation_data.sha256', details: { expected: expected ?? null, actual } };
    if (expected === undefined || expected === '') {
      return [{ ...base, status: 'fail' as const, message: `no lineage.evaluation_data.sha256 recorded for ${ctx.datasetInfo.path} (sha256 ${actual}); record it with \`modelgate hash ${ctx.datasetInfo.path}\``, metadataPath: 'lineage' }];
    }
    if (!SHA256.test(expected)) {
      return [{ ...base, status: 'fail' as const, message: `lineage.evaluation_data.sha256 is "${expected}", expected 64 hex characters` }];
    }
    const match = expected.toLowerCase() === actual;
    return [{
      ...base,
      status: match ? 'pass' as const : 'fail' as const,
      message: match
        ? `${ctx.datasetInfo.path} matches the recorded sha256 ${actual.slice(0, 12)}…`
        : `${ctx.datasetInfo.path} has sha256 ${actual}, but the metadata records ${expected.toLowerCase()}: this is not the recorded holdout`,
    }];
  },
});
