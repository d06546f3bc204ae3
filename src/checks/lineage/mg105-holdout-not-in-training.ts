import { z } from 'zod';
import { defineCheck, type Finding } from '../types.js';

const Options = z.strictObject({
  /** A local file (any supported format) with the training rows' ids, to test for id overlap. */
  training_ids: z.strictObject({ file: z.string().min(1), column: z.string().min(1).optional() }).optional(),
});

export const mg105 = defineCheck({
  id: 'MG105',
  slug: 'holdout-not-in-training',
  category: 'lineage',
  title: 'Holdout is not training data',
  summary: "The holdout's hash is none of the training data hashes; with id columns, no id overlap.",
  defaultSeverity: 'error',
  needsData: true,
  options: Options,
  docs: `Fails when the holdout file's sha256 equals the sha256 of any \`lineage.training_data[]\` entry (the model was
evaluated on its training data). With \`training_ids: { file: train_ids.csv, column: id }\` it also reads the training ids
(path relative to the policy file) and fails when any holdout id (the \`columns.id\` column) is among them, listing a few.`,
  async run(ctx, opts): Promise<Finding[]> {
    const holdout = ctx.datasetInfo.sha256;
    const training = ctx.model.meta.lineage?.training_data ?? [];
    const hashes = training.map((t) => t.sha256?.toLowerCase()).filter((h): h is string => !!h);
    const findings: Finding[] = [];
    const same = training.findIndex((t) => t.sha256?.toLowerCase() === holdout);
    if (same >= 0) {
      findings.push({ status: 'fail', subject: 'holdout vs training data', metric: 'sha256', message: `the holdout ${ctx.datasetInfo.path} is byte-identical to training_data[${same}] (${training[same]!.uri ?? 'no uri'}): the model was evaluated on training data`, metadataPath: `lineage.training_data[${same}].sha256` });
    } else if (hashes.length === 0) {
      findings.push({ status: 'skipped', subject: 'holdout vs training data', metric: 'sha256', message: 'no lineage.training_data[].sha256 recorded, so the holdout cannot be compared with the training data (MG101 reports missing lineage)' });
    } else {
      findings.push({ status: 'pass', subject: 'holdout vs training data', metric: 'sha256', message: `the holdout's sha256 differs from all ${hashes.length} training data hashes` });
    }
    if (opts.training_ids) {
      findings.push(await idOverlap(ctx, opts.training_ids.file, opts.training_ids.column ?? ctx.columns.id));
    }
    return findings;
  },
});

async function idOverlap(ctx: Parameters<typeof mg105.run>[0], file: string, column: string): Promise<Finding> {
  const base = { subject: 'ids', metric: 'id_overlap', thresholdKey: 'training_ids' };
  const ids = ctx.roles.id;
  if (!ids) return { ...base, status: 'error', message: `training_ids is set, but the holdout has no id column "${ctx.columns.id}"` };
  const path = ctx.io.resolve(ctx.entry.location.file, file);
  const training = await ctx.io.readColumn(path, column);
  const set = new Set(training);
  const overlapping: string[] = [];
  let count = 0;
  const seen = new Uint8Array(ids.dictionary.length);
  for (let i = 0; i < ids.codes.length; i++) {
    const c = ids.codes[i]!;
    if (c < 0 || seen[c]) continue;
    seen[c] = 1;
    if (set.has(ids.dictionary[c]!)) {
      count++;
      if (overlapping.length < 5) overlapping.push(ids.dictionary[c]!);
    }
  }
  return {
    ...base,
    status: count === 0 ? 'pass' : 'fail',
    observed: count,
    threshold: { max: 0 },
    comparator: '<=',
    message: count === 0
      ? `none of the holdout's ids appear among ${set.size} training ids in ${file}`
      : `${count} holdout ids also appear in the training ids (${file}), e.g. ${overlapping.join(', ')}`,
    details: { overlapping },
  };
}
