/**
 * `modelgate init`: scaffolds a project config, a commented policy (the shipped default), a GitHub
 * workflow and prints how to add the pre-push hook. It never overwrites a file unless --force.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { DEFAULT_POLICY } from './paths.js';

interface Out {
  out: (s: string) => void;
  err: (s: string) => void;
  setExit: (c: number) => void;
}

export interface InitOptions {
  name: string;
  model: string;
  data: string;
}

export const POLICY_PATH = 'policies/modelgate-policy.yaml';
export const WORKFLOW_PATH = '.github/workflows/modelgate.yml';
export const ACTION_REF = 'modelgate/modelgate@v1';

// Double-quoted YAML scalars are JSON strings: any path or name is written safely.
const q = (s: string) => JSON.stringify(s);

export function projectYaml(o: InitOptions): string {
  return `# modelgate project config: \`modelgate check\` with no arguments audits every model listed here.
# Paths are relative to this file. Add one entry per model; \`modelgate validate\` checks this file.
models:
  - name: ${q(o.name)}
    model: ${q(o.model)}          # metadata: YAML/JSON, an MLflow MLmodel, or a Hugging Face README.md
    data: ${q(o.data)}            # holdout snapshot: .csv .tsv .parquet .arrow .jsonl (.gz on text formats)
    policy: [${q(POLICY_PATH)}]   # several files: later ones override earlier ones
`;
}

export function workflowYaml(): string {
  return `# Runs the modelgate gate on every pull request and on pushes to main.
# The step fails when a blocking gate fails (exit 1) or nothing could be evaluated (exit 2).
name: modelgate
on:
  pull_request:
  push:
    branches: [main]
permissions:
  contents: read
jobs:
  gate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0             # MG103 looks the training commit up in the git history
      - id: modelgate
        uses: ${ACTION_REF}
        with:
          config: modelgate.yaml
          json-report: modelgate-report.json
          junit-report: modelgate-junit.xml
          html-report: modelgate-report.html
      - if: always()
        uses: actions/upload-artifact@v4
        with:
          name: modelgate-reports
          path: |
            modelgate-report.json
            modelgate-junit.xml
            modelgate-report.html
          if-no-files-found: ignore
`;
}

export const HOOK_HELP = `Pre-push hook (audits only the models changed in the pushed commits; skip once with git push --no-verify):
  modelgate hook install

  or with pre-commit (.pre-commit-config.yaml; then: pre-commit install --hook-type pre-push):
    repos:
      - repo: https://github.com/modelgate/modelgate
        rev: v0.1.0
        hooks:
          - id: modelgate

  or with husky (.husky/pre-push):
    npx --no-install modelgate hook run "$@"

  or with lefthook (lefthook.yml):
    pre-push:
      commands:
        modelgate:
          run: npx --no-install modelgate hook run {0}
          use_stdin: true
`;

async function policyText(): Promise<string> {
  const text = await readFile(DEFAULT_POLICY, 'utf8');
  return `# Policy for this repository, scaffolded by \`modelgate init\` from modelgate's default policy.\n`
    + `# Tighten it for your model: \`modelgate checks\` lists every check, \`modelgate explain MG301\` explains one.\n${text}`;
}

export interface Written {
  file: string;
  status: 'created' | 'overwritten' | 'skipped';
}

/** Writes the scaffold into `dir`; existing files are skipped unless `force`. */
export async function scaffold(dir: string, o: InitOptions, force: boolean): Promise<Written[]> {
  const files: [string, string][] = [
    ['modelgate.yaml', projectYaml(o)],
    [POLICY_PATH, await policyText()],
    [WORKFLOW_PATH, workflowYaml()],
  ];
  const out: Written[] = [];
  for (const [rel, text] of files) {
    const file = join(dir, rel);
    await mkdir(dirname(file), { recursive: true });
    const existed = force && (await stat(file).then(() => true, () => false));
    try {
      // 'wx' fails if the file exists, atomically: no window between a check and the write.
      await writeFile(file, text, { flag: force ? 'w' : 'wx' });
      out.push({ file: rel, status: existed ? 'overwritten' : 'created' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      out.push({ file: rel, status: 'skipped' });
    }
  }
  return out;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export function registerInitCommand(program: Command, io: Out): void {
  program
    .command('init')
    .description('scaffold modelgate.yaml, a commented policy, a GitHub workflow, and print how to add the pre-push hook')
    .option('--name <name>', 'model name', 'my-model')
    .option('--model <file>', 'where the model metadata will be (default: models/<name>/model.yaml)')
    .option('--data <file>', 'where the holdout snapshot will be (default: data/<name>/holdout.csv)')
    .option('--force', 'overwrite files that already exist')
    .action(async (flags: { name: string; model?: string; data?: string; force?: boolean }) => {
      if (!NAME.test(flags.name)) throw new UsageError(`--name ${flags.name}: expected letters, digits, ".", "_" or "-" (it names the model in reports)`);
      const o = { name: flags.name, model: flags.model ?? `models/${flags.name}/model.yaml`, data: flags.data ?? `data/${flags.name}/holdout.csv` };
      const cwd = resolve(process.cwd());
      for (const w of await scaffold(cwd, o, Boolean(flags.force))) {
        io.out(w.status === 'skipped' ? `skipped ${w.file} (it exists; --force overwrites it)\n` : `${w.status} ${w.file}\n`);
      }
      io.out(`\nNext:\n  1. put the model metadata at ${o.model} and the holdout at ${o.data}\n`
        + `  2. record the holdout's hash in the metadata: modelgate hash ${o.data}\n`
        + '  3. run the gate: modelgate check\n\n' + HOOK_HELP);
    });
}
