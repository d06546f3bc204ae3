import { z } from 'zod';
import { defineCheck, type Finding } from '../types.js';
import { SHA256 } from './fields.js';

const Options = z.strictObject({
  /** Fail (instead of skip) when the artifact is not present on this machine. */
  require_local: z.boolean().optional(),
});

export const mg104 = defineCheck({
  id: 'MG104',
  slug: 'artifact-hash-match',
  category: 'lineage',
  title: 'Model artifact matches its hash',
  summary: 'The model artifact file, when present locally, matches artifact.sha256.',
  defaultSeverity: 'error',
  needsData: false,
  options: Options,
  docs: `Hashes the file at \`artifact.uri\` (resolved relative to the model metadata file) and compares it with
\`artifact.sha256\`. A remote URI (\`s3://\`, \`https://\`) or a file that is not present locally is \`skipped\` with the
reason, unless \`require_local: true\`. A present artifact with no recorded sha256 fails.`,
  async run(ctx, opts): Promise<Finding[]> {
    const art = ctx.model.meta.artifact;
    const base = { metric: 'sha256', subject: art?.uri ?? 'artifact', metadataPath: 'artifact.sha256' };
    if (!art?.uri) return [{ ...base, status: opts.require_local ? 'fail' : 'skipped', message: 'no artifact.uri in the model metadata', metadataPath: 'artifact' }];
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(art.uri) && !art.uri.startsWith('file://')) {
      return [{ ...base, status: opts.require_local ? 'fail' : 'skipped', message: `artifact ${art.uri} is remote; modelgate never downloads it`, metadataPath: 'artifact.uri' }];
    }
    const path = ctx.io.resolve(ctx.model.file, art.uri.replace(/^file:\/\//, ''));
    if (!(await ctx.io.fileExists(path))) {
      return [{ ...base, status: opts.require_local ? 'fail' : 'skipped', message: `artifact ${art.uri} is not present locally`, metadataPath: 'artifact.uri' }];
    }
    if (!art.sha256) return [{ ...base, status: 'fail', message: `artifact ${art.uri} is present but artifact.sha256 is not recorded`, metadataPath: 'artifact' }];
    if (!SHA256.test(art.sha256)) return [{ ...base, status: 'fail', message: `artifact.sha256 is "${art.sha256}", expected 64 hex characters` }];
    const h = await ctx.io.sha256File(path);
    if (!h.ok) return [{ ...base, status: 'error', message: `cannot hash artifact ${art.uri}: ${h.message}` }];
    const match = h.sha256 === art.sha256.toLowerCase();
    return [{
      ...base,
      status: match ? 'pass' : 'fail',
      message: match ? `artifact ${art.uri} matches its recorded sha256` : `artifact ${art.uri} has sha256 ${h.sha256}, but the metadata records ${art.sha256.toLowerCase()}`,
      details: { expected: art.sha256.toLowerCase(), actual: h.sha256 },
    }];
  },
});
