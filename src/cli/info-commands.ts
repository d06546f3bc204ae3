/**
 * Commands that read no dataset: validate, checks, explain, hash, schema. Each action imports what
 * it uses when it runs, so `--version`, `--help` and the other commands do not load the catalogue,
 * the config schemas or the audit engine.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { resolveCheckOptions } from './options.js';

interface Out {
  out: (s: string) => void;
  err: (s: string) => void;
  setExit: (c: number) => void;
}

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - s.length));

export function registerInfoCommands(program: Command, io: Out): void {
  program
    .command('validate')
    .description('validate config, policies, waivers and model metadata; no data is read')
    .option('--config <file>', 'project config')
    .option('--model <file>', 'model metadata')
    .option('--data <file>', 'dataset (only its path is used, to pair with --model)')
    .option('--policy <file>', 'policy file (repeatable)', (v: string, p: string[] = []) => [...p, v])
    .option('--env <name>', 'environment overrides to apply')
    .option('--allow-outside-repo', 'let paths in policies leave the repository')
    .action(async (flags: { config?: string; model?: string; data?: string; policy?: string[]; env?: string; allowOutsideRepo?: boolean }) => {
      const o = resolveCheckOptions({ ...flags, data: flags.data ?? (flags.model ? '(not read)' : undefined) }, process.env);
      const [{ resolveTargets }, { loadModel }, { loadPolicy }, { policyCatalogue }] = await Promise.all([import('./check.js'), import('../config/model.js'), import('../config/policy.js'), import('../engine/audit.js')]);
      const targets = await resolveTargets(o, process.cwd());
      for (const t of targets) {
        const model = await loadModel(t.model);
        const policy = await loadPolicy(t.policy, { catalogue: policyCatalogue, allowOutsideRepo: o.allowOutsideRepo, ...(o.environment ? { environment: o.environment } : {}) });
        io.out(`✓ ${t.name}: model ${model.meta.name ?? model.file}${model.meta.version ? `@${model.meta.version}` : ''}; `
          + `policy ${policy.files.length} file(s), ${policy.checks.length} checks, ${policy.waivers.length} waivers\n`);
      }
      io.out('valid\n');
    });

  program
    .command('checks')
    .description('list every check: ID, slug, category, default severity, one line')
    .option('--json', 'as JSON')
    .action(async (flags: { json?: boolean }) => {
      const [{ CHECKS }, { docsUrl }] = await Promise.all([import('../checks/index.js'), import('../checks/types.js')]);
      if (flags.json) {
        io.out(JSON.stringify(CHECKS.map((c) => ({ id: c.id, slug: c.slug, category: c.category, title: c.title, defaultSeverity: c.defaultSeverity, summary: c.summary, docsUrl: docsUrl(c.id, c.slug) })), null, 2) + '\n');
        return;
      }
      const w = Math.max(...CHECKS.map((c) => c.slug.length));
      io.out(`${pad('ID', 6)}  ${pad('SLUG', w)}  ${pad('CATEGORY', 14)}  ${pad('SEVERITY', 8)}  SUMMARY\n`);
      for (const c of CHECKS) io.out(`${pad(c.id, 6)}  ${pad(c.slug, w)}  ${pad(c.category, 14)}  ${pad(c.defaultSeverity, 8)}  ${c.summary}\n`);
    });

  program
    .command('explain')
    .description('what a check measures, its formulas, options, and how to waive it')
    .argument('<id>', 'check ID or slug, e.g. MG301 or group-disparity')
    .action(async (id: string) => {
      const [{ findCheck }, { docsUrl }] = await Promise.all([import('../checks/index.js'), import('../checks/types.js')]);
      const c = findCheck(id);
      if (!c) throw new UsageError(`unknown check "${id}"; run \`modelgate checks\` for the list`);
      io.out(`${c.id} ${c.slug} — ${c.title}\n`);
      io.out(`category: ${c.category}   default severity: ${c.defaultSeverity}\n\n`);
      io.out(`${c.summary}\n\n${c.docs.trim()}\n\n`);
      io.out(`Waive it (visible, justified, temporary):\n  waivers:\n    - check: ${c.id}\n      reason: "why this is acceptable for now"\n      expires: 2027-01-31\n      approved_by: owner@example.com\n\n`);
      io.out(`Docs: ${docsUrl(c.id, c.slug)}\n`);
    });

  program
    .command('hash')
    .description('print the sha256 to record as lineage.evaluation_data.sha256')
    .argument('<file>', 'dataset or artifact file')
    .action(async (file: string) => {
      const { sha256File } = await import('./io.js');
      io.out(`${await sha256File(resolve(process.cwd(), file))}  ${file}\n`);
    });

  program
    .command('schema')
    .description('print the JSON Schema of policies and model metadata (for editor completion)')
    .option('--kind <kind>', 'policy | model | project (default: all three in one document)')
    .action(async (flags: { kind?: string }) => {
      const { jsonSchemas } = await import('../config/json-schema.js');
      const all = jsonSchemas();
      if (flags.kind) {
        const s = (all as Record<string, unknown>)[flags.kind];
        if (!s) throw new UsageError(`--kind ${flags.kind}: expected policy, model or project`);
        io.out(JSON.stringify(s, null, 2) + '\n');
        return;
      }
      io.out(JSON.stringify(all, null, 2) + '\n');
    });
}
