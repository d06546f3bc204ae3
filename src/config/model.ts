/**
 * loadModel: model metadata (YAML, JSON, MLflow MLmodel, Hugging Face model card) -> LoadedModel.
 * YAML/JSON are strict (unknown keys are errors, with suggestions); MLflow and HF cards are lenient
 * about their own keys. Only types are checked; the lineage check judges formats.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { ConfigError, type Problem } from '../errors.js';
import { explainIssues, problemAt, sortProblems, toProblems } from './issues.js';
import { type Mapped, frontMatter, fromHfCard, fromMlflow } from './model-formats.js';
import { modelMetaSchema } from './model-schema.js';
import type { LoadedModel, ModelMeta } from './types.js';
import { type Locator, parseYaml, readConfigText } from './yaml.js';

export type ModelFormat = LoadedModel['format'];

export function detectModelFormat(file: string): ModelFormat {
  const base = path.basename(file);
  if (base === 'MLmodel') return 'mlflow';
  const ext = path.extname(base).toLowerCase();
  if (ext === '.md' || ext === '.markdown') return 'hf-card';
  if (ext === '.json') return 'json';
  return 'yaml';
}

export async function loadModel(file: string): Promise<LoadedModel> {
  const { bytes, text } = await readConfigText(file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const format = detectModelFormat(file);

  let value: unknown;
  let locator: Locator;
  let source: ((p: (string | number)[]) => string | undefined) | undefined;
  const problems: Problem[] = [];

  if (format === 'hf-card') {
    const fm = frontMatter(text);
    if (!fm) throw new ConfigError([{ file, line: 1, message: 'a model card needs YAML front matter: a first line "---", the metadata, then a line "---"' }]);
    const doc = parseYaml(fm.yaml, file, { lineOffset: fm.lineOffset, fullText: text });
    const mapped = mapRoot(doc.value, file, doc, (root) => fromHfCard(doc, root));
    ({ value, locator } = mapped);
    problems.push(...mapped.problems);
  } else {
    const doc = parseYaml(text, file);
    if (format === 'mlflow') {
      const mapped = mapRoot(doc.value, file, doc, (root) => fromMlflow(doc, root));
      ({ value, locator } = mapped);
      problems.push(...mapped.problems);
    } else {
      value = doc.value;
      locator = doc;
      source = (p) => doc.scalarSource(p);
      if (!isObject(value)) problems.push(problemAt(doc, file, [], 'expected a mapping of model fields (name, version, task, lineage, ...) at the top level'));
    }
  }

  let meta: ModelMeta = {};
  if (problems.length === 0) {
    const parsed = modelMetaSchema.safeParse(value);
    if (parsed.success) {
      const { $schema: _schema, ...rest } = parsed.data;
      meta = rest;
    } else problems.push(...toProblems(explainIssues(parsed.error.issues, modelMetaSchema, value, source), locator, file));
  }
  if (problems.length > 0) throw new ConfigError(sortProblems(problems));

  const loc = locator;
  return { meta, file, format, sha256, raw: value, locate: (p) => loc.locateKey(p) };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function mapRoot(root: unknown, file: string, doc: Locator, map: (root: Record<string, unknown>) => Mapped): Mapped {
  if (isObject(root)) return map(root);
  return { value: {}, locator: doc, problems: [problemAt(doc, file, [], 'expected a mapping at the top level')] };
}
