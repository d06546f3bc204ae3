/**
 * The project config `modelgate.yaml` (DESIGN §2.4): found from the working directory up to the git
 * root, paths in it resolved against its own folder.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, type Problem } from '../errors.js';
import { explainIssues, problemAt, sortProblems, toProblems } from './issues.js';
import { projectSchema } from './project-schema.js';
import type { ProjectConfig, ProjectModel, ProjectOptions } from './types.js';
import { parseYaml, readConfigText } from './yaml.js';

export const PROJECT_FILE_NAMES = ['modelgate.yaml', 'modelgate.yml'] as const;

async function exists(p: string): Promise<'file' | 'dir' | null> {
  try {
    const s = await stat(p);
    return s.isDirectory() ? 'dir' : 'file';
  } catch {
    return null;
  }
}

/** The nearest modelgate.yaml/.yml from `cwd` upwards, stopping at the git root (a folder with `.git`). */
export async function findProjectConfig(cwd: string): Promise<string | null> {
  let dir = path.resolve(cwd);
  for (;;) {
    const found: string[] = [];
    for (const name of PROJECT_FILE_NAMES) if ((await exists(path.join(dir, name))) === 'file') found.push(path.join(dir, name));
    if (found.length > 1) {
      throw new ConfigError([{ file: found[0]!, message: `both ${PROJECT_FILE_NAMES.join(' and ')} exist in ${dir}; keep one` }]);
    }
    if (found.length === 1) return found[0]!;
    // `.git` is a folder in a clone and a file in a worktree or submodule: both mark the root.
    if ((await exists(path.join(dir, '.git'))) !== null) return null;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

export async function loadProjectConfig(file: string): Promise<ProjectConfig> {
  const { text } = await readConfigText(file);
  const doc = parseYaml(text, file);
  const problems: Problem[] = [];
  if (doc.value === null || typeof doc.value !== 'object' || Array.isArray(doc.value)) {
    throw new ConfigError([problemAt(doc, file, [], 'expected a mapping with a "models:" list at the top level')]);
  }
  const parsed = projectSchema.safeParse(doc.value);
  if (!parsed.success) {
    throw new ConfigError(sortProblems(toProblems(explainIssues(parsed.error.issues, projectSchema, doc.value, (p) => doc.scalarSource(p)), doc, file)));
  }
  const dir = path.dirname(file);
  const resolve = (p: string): string => path.resolve(dir, p);
  const firstLine = new Map<string, number>();
  const models: ProjectModel[] = parsed.data.models.map((m, i) => {
    const line = doc.locateKey(['models', i])?.line ?? 0;
    const earlier = firstLine.get(m.name);
    if (earlier !== undefined) {
      problems.push(problemAt(doc, file, ['models', i, 'name'], `duplicate model name "${m.name}" (also at line ${earlier})`, 'names select models on the command line; make them unique', 'value'));
    } else firstLine.set(m.name, line);
    const policy = m.policy === undefined ? [] : Array.isArray(m.policy) ? m.policy : [m.policy];
    return {
      name: m.name,
      model: resolve(m.model),
      data: resolve(m.data),
      policy: policy.map(resolve),
      ...(m.baseline !== undefined ? { baseline: resolve(m.baseline) } : {}),
    };
  });
  if (problems.length > 0) throw new ConfigError(problems);
  const o = parsed.data.options;
  if (!o) return { file, models };
  const { reports, ...rest } = o;
  const options: ProjectOptions = { ...rest };
  if (reports) options.reports = Object.fromEntries(Object.entries(reports).filter(([, v]) => v !== undefined).map(([k, v]) => [k, resolve(v!)]));
  return { file, models, options };
}
