/**
 * MG403 explanation-additivity: SHAP's local accuracy, checked row by row against the model output.
 * Misconfiguration (no output, no base value, no declared space) is `error`: the gate cannot judge.
 * Missing explanations are a `fail`: the model does not meet the requirement.
 */
import { z } from 'zod';
import type { OutputSpace } from '../../config/types.js';
import { defineCheck, type CheckContext, type Finding } from '../types.js';
import { AdditivityAccumulator, type AdditivityConfig } from './additivity.js';
import { additivityFinding, baseFinding, spaceFit } from './additivity-finding.js';
import { MG403_DOCS } from './docs.js';
import { explanationColumnNeeds, resolveLayout } from './layout.js';
import { noColumnsReason } from './mg401.js';
import { explanationView, modelOutput } from './view.js';

const tolerance = z.number().min(0).max(1);
export const mg403Options = z.strictObject({
  min: z.number().min(0).max(1).default(1),
  atol: tolerance.default(1e-6),
  rtol: tolerance.default(1e-6),
  output_space: z.enum(['probability', 'log_odds', 'raw']).optional(),
  /** How many of the worst rows to list. */
  worst: z.number().int().min(0).max(1000).default(10),
  /** A base value that varies across rows fails the check unless this is false. */
  constant_base: z.boolean().default(true),
});
export type Mg403Options = z.output<typeof mg403Options>;

export const mg403 = defineCheck<Mg403Options>({
  id: 'MG403',
  slug: 'explanation-additivity',
  category: 'explainability',
  title: 'Explanation additivity',
  summary: 'Share of rows where base value + sum of attributions equals the model output (SHAP local accuracy)',
  defaultSeverity: 'error',
  docs: MG403_DOCS,
  options: mg403Options as z.ZodType<Mg403Options>,
  needsData: true,
  tasks: ['binary_classification', 'regression'],
  stream(opts, env) {
    let acc: AdditivityAccumulator | null = null;
    return {
      columns: explanationColumnNeeds(resolveLayout(env.columns, env.schema, env.model.meta, opts.output_space), true),
      sink: {
        add(batch, rowOffset) {
          const prepared = prepare(batch, opts);
          if ('findings' in prepared) return;
          acc ??= new AdditivityAccumulator(prepared.cfg);
          acc.add(explanationView(batch), rowOffset);
        },
        result: () => acc?.result(),
      },
    };
  },
  run: runAdditivity,
});

type Prepared =
  | { findings: Finding[] }
  | { cfg: AdditivityConfig; layout: ReturnType<typeof resolveLayout>; declared: OutputSpace; role: 'score' | 'prediction' };

function runAdditivity(ctx: CheckContext, opts: Mg403Options): Finding[] {
  const prepared = prepare(ctx, opts);
  if ('findings' in prepared) return prepared.findings;
  const { cfg, layout, declared, role } = prepared;
  const streamed = ctx.streamed as ReturnType<AdditivityAccumulator['result']> | undefined;
  const res = streamed ?? (() => {
    const acc = new AdditivityAccumulator(cfg);
    acc.add(explanationView(ctx), 0);
    return acc.result();
  })();
  const base = { subject: 'explained rows', metric: 'explanation_additivity', threshold: { min: opts.min }, comparator: '>=' as const, thresholdKey: 'min' };
  if (layout.outputSpace === null) {
    return [{
      ...base, status: 'error', observed: null, sampleSize: res.explained,
      message: `explanation output space is not declared: set explainability.output_space in the model metadata or columns.explanations.output_space in the policy (probability, log_odds or raw); ${spaceFit(res)}`,
      details: { probability: { checked: res.checked, passed: res.passed }, log_odds: res.alternative },
    }];
  }
  const fc = { ...cfg, declared, declaredBy: layout.outputSpace.from, role };
  const baseResult = opts.constant_base ? baseFinding(res, fc) : null;
  return baseResult === null ? [additivityFinding(res, fc, opts)] : [additivityFinding(res, fc, opts), baseResult];
}

/** The accumulator's configuration, or the findings that make additivity impossible to check. */
function prepare(ctx: CheckContext, opts: Mg403Options): Prepared {
  const layout = resolveLayout(ctx.columns, ctx.datasetInfo.columns, ctx.model.meta, opts.output_space);
  const base = { subject: 'explained rows', metric: 'explanation_additivity', threshold: { min: opts.min }, comparator: '>=' as const, thresholdKey: 'min' };
  const output = modelOutput(ctx);
  if (output === null) {
    return { findings: [{
      ...base, status: 'error', observed: null, sampleSize: null,
      message: `explanation additivity needs the model output: a score column ("${ctx.columns.score}") for binary classification or the prediction for regression`,
    }] };
  }
  if (layout.attributions.length === 0) {
    return { findings: [{ ...base, status: 'fail', observed: null, sampleSize: 0, message: `no explanations to check: ${noColumnsReason(layout)}` }] };
  }
  if (layout.baseColumn === null && layout.baseConstant === null) {
    return { findings: [{
      ...base, status: 'error', observed: null, sampleSize: null,
      message: `explanation additivity needs a base value: the dataset has no "${layout.baseColumnName}" column and the model metadata has no explainability.base_value`,
    }] };
  }
  const declared = layout.outputSpace?.space ?? 'probability';
  const cfg: AdditivityConfig = {
    attributionColumns: layout.attributions.map((a) => a.column),
    baseColumn: layout.baseColumn,
    baseConstant: layout.baseConstant,
    outputColumn: output.column,
    outputSpace: effectiveSpace(declared, output.role),
    idColumn: ctx.roles.id !== null ? ctx.columns.id : null,
    atol: opts.atol,
    rtol: opts.rtol,
    worst: opts.worst,
  };
  return { cfg, layout, declared, role: output.role };
}

/**
 * A binary classifier's score is a probability, so its "raw" output (XGBoost's and LightGBM's raw
 * margin) is the log-odds; for a regressor raw is the prediction itself.
 */
export function effectiveSpace(space: OutputSpace, role: 'score' | 'prediction'): OutputSpace {
  return space === 'raw' && role === 'score' ? 'log_odds' : space;
}
