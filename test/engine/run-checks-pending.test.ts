/**
 * runChecks with statistics still pending (the rank worker): checks that wait run after `ready`,
 * the others before, and the output (results, owners, errors, merged metrics block with its key
 * order, used waivers) equals the output of the plain in-order run.
 */
import { describe, expect, it } from 'vitest';
import type { CheckContext, CheckDef, Finding } from '../../src/checks/types.js';
import { DEFAULTS, type LoadedModel, type Waiver } from '../../src/config/types.js';
import { runChecks, type PlannedCheck } from '../../src/engine/run-checks.js';

const loc = { file: 'policy.yaml', line: 1 };
const model = { file: 'model.yaml', locate: () => null } as unknown as LoadedModel;
const today = '2026-01-01';
const waivers: Waiver[] = [{ check: 'MG302', subject: 'g=b', reason: 'r', expires: '2027-01-01', location: loc }];

function planned(id: string, log: string[], findings: () => Finding[]): PlannedCheck {
  const def = {
    id, slug: id.toLowerCase(), category: 'performance', title: id, summary: '', defaultSeverity: 'error', docs: '',
    needsData: true, options: { parse: (x: unknown) => x },
    run: (_: CheckContext) => {
      log.push(id);
      return findings();
    },
  } as unknown as CheckDef<unknown>;
  return { def, entry: { id, overrides: {}, options: {}, location: loc, keyLocations: {} }, options: {}, settings: DEFAULTS };
}

function plan(log: string[]): PlannedCheck[] {
  const m = (k: string, v: number) => ({ overall: { [k]: { value: v, interval: null, n: 1 } }, groups: { g: { 'g=a': { [k]: { value: v, interval: null, n: 1 } } } } });
  return [
    planned('MG201', log, () => [{ status: 'pass', message: 'a', metrics: m('auc', 1) }]),
    planned('MG101', log, () => [{ status: 'pass', message: 'b', metrics: m('zz', 2) }]),
    planned('MG302', log, () => [
      { status: 'fail', message: 'c', metrics: m('auc', 3), groups: [{ key: { g: 'b' }, subject: 'g=b', n: 1, positives: 1, negatives: 0, value: 1, interval: null, status: 'waived' }] },
      { status: 'pass', message: 'd', metrics: m('acc', 4) },
    ]),
    planned('MG301', log, () => {
      throw new Error('boom');
    }),
    planned('MG203', log, () => [{ status: 'pass', message: 'e', metrics: m('acc', 5) }]),
  ];
}

const ctx = () => ({ roles: { task: 'binary_classification' } }) as unknown as CheckContext;

describe('runChecks with pending statistics', () => {
  it('defers the waiting checks until ready and reports as the in-order run does', async () => {
    const inOrder: string[] = [];
    const plain = await runChecks(plan(inOrder), ctx, model, waivers, today);
    const log: string[] = [];
    let release!: () => void;
    const ready = new Promise<void>((r) => (release = r));
    const waits = new Set(['MG201', 'MG302']);
    const p = plan(log);
    const run = runChecks(p, ctx, model, waivers, today, null, {
      ready: ready.then(() => void log.push('ready')),
      waits: (x) => waits.has(x.def.id),
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(log).toEqual(['MG101', 'MG301', 'MG203']);
    release();
    const deferred = await run;
    expect(log).toEqual(['MG101', 'MG301', 'MG203', 'ready', 'MG201', 'MG302']);
    expect(inOrder).toEqual(['MG201', 'MG101', 'MG302', 'MG301', 'MG203']);
    // Same content and the same key order (the report's JSON).
    const strip = (o: typeof plain) => ({ ...o, owners: o.owners.map((x) => x.def.id), usedWaivers: [...o.usedWaivers] });
    expect(JSON.stringify(strip(deferred))).toBe(JSON.stringify(strip(plain)));
    expect(deferred.owners.map((x) => x.def.id)).toEqual(['MG201', 'MG101', 'MG302', 'MG302', 'MG301', 'MG203']);
    expect(deferred.errors).toEqual([{ checkId: 'MG301', message: 'check crashed: boom' }]);
    expect(Object.keys(deferred.metrics.overall)).toEqual(['auc', 'zz', 'acc']);
    expect(deferred.metrics.overall.auc!.value).toBe(3);
    expect(deferred.usedWaivers.size).toBe(1);
  });
});
