import { dirname } from 'node:path';
import { z } from 'zod';
import { defineCheck, type Finding } from '../types.js';
import { FULL_COMMIT } from './fields.js';

const Options = z.strictObject({
  /** Fail (instead of skip) when the model is not inside a git repository. */
  require_repository: z.boolean().optional(),
  /** Also require the commit to be an ancestor of HEAD. */
  reachable_from_head: z.boolean().optional(),
});

export const mg103 = defineCheck({
  id: 'MG103',
  slug: 'code-commit-verifiable',
  category: 'lineage',
  title: 'Training code commit exists',
  summary: 'lineage.code.commit is a full SHA that exists in the local git repository (optionally reachable from HEAD).',
  defaultSeverity: 'error',
  needsData: false,
  options: Options,
  docs: `Verifies \`lineage.code.commit\` instead of trusting it: it must be a full 40-character SHA, and
\`git cat-file -e <sha>^{commit}\` must succeed in the git repository that contains the model metadata file.

Options: \`require_repository\` (default false: outside a git repository the check is \`skipped\` with the reason),
\`reachable_from_head\` (default false: also require \`git merge-base --is-ancestor <sha> HEAD\`).

In a shallow clone (GitHub Actions' default \`fetch-depth: 1\`) an older commit is not present locally: the result is
\`inconclusive\` with a hint to fetch full history (\`actions/checkout\` with \`fetch-depth: 0\`).

git runs with an argument array, never through a shell.`,
  async run(ctx, opts): Promise<Finding[]> {
    const commit = ctx.model.meta.lineage?.code?.commit;
    const base = { metric: 'commit', subject: 'lineage.code.commit', metadataPath: 'lineage.code.commit' };
    if (commit === undefined || commit === '') {
      return [{ ...base, status: 'fail', message: 'no lineage.code.commit recorded: the training code cannot be verified', metadataPath: 'lineage' }];
    }
    if (!FULL_COMMIT.test(commit)) {
      return [{ ...base, status: 'fail', message: `lineage.code.commit is "${commit}", expected a full 40-character hex SHA (abbreviated SHAs are ambiguous)` }];
    }
    const cwd = dirname(ctx.model.file);
    const top = await ctx.io.git(['rev-parse', '--show-toplevel'], cwd);
    if (top.exitCode !== 0) {
      const message = `${ctx.model.file} is not inside a git repository, so commit ${commit.slice(0, 12)} cannot be verified`;
      return [{ ...base, status: opts.require_repository ? 'fail' : 'skipped', message }];
    }
    const exists = await ctx.io.git(['cat-file', '-e', `${commit}^{commit}`], cwd);
    if (exists.exitCode !== 0) {
      const shallow = await ctx.io.git(['rev-parse', '--is-shallow-repository'], cwd);
      if (shallow.stdout.trim() === 'true') {
        return [{ ...base, status: 'inconclusive', message: `commit ${commit} is not in this shallow clone; fetch full history (actions/checkout with fetch-depth: 0) to verify it` }];
      }
      return [{ ...base, status: 'fail', message: `commit ${commit} does not exist in the git repository at ${top.stdout.trim()}` }];
    }
    if (opts.reachable_from_head) {
      const anc = await ctx.io.git(['merge-base', '--is-ancestor', commit, 'HEAD'], cwd);
      if (anc.exitCode !== 0) {
        return [{ ...base, status: 'fail', message: `commit ${commit} exists but is not reachable from HEAD`, thresholdKey: 'reachable_from_head' }];
      }
    }
    return [{ ...base, status: 'pass', message: `commit ${commit.slice(0, 12)} exists in the repository${opts.reachable_from_head ? ' and is reachable from HEAD' : ''}` }];
  },
});
