/** Public surface of the config layer: loaders, JSON Schemas and the issue helpers checks reuse. */
export { loadPolicy, type PolicyCatalogue, type LoadPolicyOptions } from './policy.js';
export { loadModel, detectModelFormat, type ModelFormat } from './model.js';
export { findProjectConfig, loadProjectConfig, PROJECT_FILE_NAMES } from './project.js';
export { jsonSchemas, jsonSchemaFiles } from './json-schema.js';
export { optionProblems, explainIssues, toProblems, problemAt } from './issues.js';
export { parseYaml, readConfigText, type Locator, type YamlDoc } from './yaml.js';
export { formatPath, parsePath, type PathSeg } from './path.js';
export { didYouMean, suggest, levenshtein } from './suggest.js';
export { API_VERSION, DEFAULT_KEYS } from './policy-schema.js';
