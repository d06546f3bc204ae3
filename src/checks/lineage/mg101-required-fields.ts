import { z } from 'zod';
import { defineCheck, type Finding } from '../types.js';
import { formatRule, isEmpty, valuesAt } from './fields.js';

export const DEFAULT_REQUIRED = [
  'name',
  'version',
  'owner',
  'lineage.training_data[].uri',
  'lineage.training_data[].sha256',
  'lineage.evaluation_data.sha256',
  'lineage.code.repository',
  'lineage.code.commit',
  'lineage.hyperparameters',
];

const Options = z.strictObject({
  required: z.array(z.string().regex(/^[A-Za-z_][\w-]*(\[\])?(\.[A-Za-z_][\w-]*(\[\])?)*$/, 'a dotted field path like lineage.code.commit')).min(1).optional(),
  min_completeness: z.number().min(0).max(1).optional(),
});

export const mg101 = defineCheck({
  id: 'MG101',
  slug: 'lineage-required-fields',
  category: 'lineage',
  title: 'Lineage fields present',
  summary: 'Required model-metadata fields are present and well-formed; reports completeness = present / required.',
  defaultSeverity: 'error',
  needsData: false,
  options: Options,
  docs: `Checks that every field in \`required\` is present in the model metadata and well-formed.
Completeness = well-formed required fields / required fields; the gate passes when completeness >= \`min_completeness\` (default 1.0).

Paths are dotted; \`[]\` means "every element": \`lineage.training_data[].sha256\` requires a sha256 on every training dataset.
Formats are checked by field name: \`sha256\`/\`*_sha256\` = 64 hex characters, \`commit\` = 40 hex characters,
\`created_at\`/\`*_at\`/\`*_date\` = ISO 8601 date, \`owner\` = e-mail address, \`rows\` = non-negative integer.

Default \`required\`: ${DEFAULT_REQUIRED.map((p) => `\`${p}\``).join(', ')}.

\`\`\`yaml
checks:
  - id: MG101
    required: [owner, lineage.training_data[].sha256, lineage.code.commit, lineage.hyperparameters]
\`\`\`
Waive with a \`waivers:\` entry for \`MG101\` (reason, expiry, approver).`,
  run(ctx, opts) {
    const required = opts.required ?? DEFAULT_REQUIRED;
    const min = opts.min_completeness ?? 1;
    const doc = ctx.model.meta as unknown;
    const missing: string[] = [];
    const malformed: { path: string; value: unknown; expected: string }[] = [];
    let ok = 0;
    for (const path of required) {
      const values = valuesAt(doc, path);
      let good = true;
      for (const v of values) {
        if (isEmpty(v.value)) { missing.push(v.path); good = false; continue; }
        const rule = formatRule(v.path);
        if (rule && !rule.test(v.value)) { malformed.push({ path: v.path, value: v.value, expected: rule.name }); good = false; }
      }
      if (good) ok++;
    }
    const completeness = ok / required.length;
    const pass = completeness >= min;
    const problems = [
      ...missing.map((p) => `${p} missing`),
      ...malformed.map((m) => `${m.path} is ${JSON.stringify(m.value)}, expected ${m.expected}`),
    ];
    const message = pass && problems.length === 0
      ? `all ${required.length} required lineage fields present and well-formed`
      : `lineage completeness ${ok}/${required.length} (${(completeness * 100).toFixed(1)} %); min ${(min * 100).toFixed(1)} %: ${problems.slice(0, 6).join('; ')}${problems.length > 6 ? `; and ${problems.length - 6} more` : ''}`;
    const finding: Finding = {
      status: pass ? 'pass' : 'fail',
      message,
      metric: 'completeness',
      subject: 'model metadata',
      observed: completeness,
      threshold: { min },
      comparator: '>=',
      sampleSize: required.length,
      thresholdKey: 'required',
      details: { required, missing, malformed },
    };
    const first = malformed[0]?.path ?? missing[0];
    if (!pass && first) finding.metadataPath = first.replace(/\[\]$/, '');
    return [finding];
  },
});
