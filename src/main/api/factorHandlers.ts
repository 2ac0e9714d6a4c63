// factors.* methods: the catalog, expression checks, analysis runs, stored values, saved factors and composites
// on the factors engine pool (progress on research.progress as factors:<job>, cancel by job name).
import { BAR_FIELDS, checkExpression, FACTOR_LIBRARY, GROUPS, MAX_WINDOW, OPERATORS } from '../../core/factors';
import { err, ok } from '../../core/model/result';
import type { WorkstationApi } from '../../shared/contracts/api';
import type { FactorError } from '../../shared/contracts/factors';
import type { MessageBus } from '../bus/messageBus';
import { saveComposite } from '../research/factorComposite';
import { computeFactors, runFactorAnalysis, type FactorControl, type FactorDeps } from '../research/factorService';
import { listFactorDefinitions, saveFactorDefinition } from '../storage/market/factorStore';
import { analyzerFor, evaluatorFor } from '../team/queuedFactors';

type FactorHandlers = Pick<WorkstationApi, 'factors.list' | 'factors.check' | 'factors.analyze' | 'factors.compute' | 'factors.save' | 'factors.saveComposite' | 'factors.cancel'>;

/** A run's error as it crosses the API: its code, message and context. */
const asError = (e: { code: string; message?: string }): FactorError => ({ ...e, message: e.message ?? e.code });

export function factorHandlers(deps: FactorDeps, bus: MessageBus): FactorHandlers {
  const running = new Map<string, AbortController>();
  let anonymous = 0;
  const job = async <T>(name: string | undefined, run: (control: FactorControl) => Promise<T>): Promise<T> => {
    const id = name ?? `factors-${++anonymous}`;
    const abort = new AbortController();
    running.set(id, abort);
    try {
      return await run({ signal: abort.signal, onProgress: (done, total, factor) => bus.publish('research.progress', { job: `factors:${id}`, done, total, detail: factor }) });
    } finally {
      running.delete(id);
    }
  };
  return {
    'factors.list': async () => ({
      library: FACTOR_LIBRARY.map((f) => ({ ...f })),
      saved: (await listFactorDefinitions(deps.store)).map((d) => ({ name: d.name, version: d.version, kind: d.kind, expression: d.expression, createdAt: d.createdAt })),
      operators: Object.entries(OPERATORS).map(([name, op]) => ({ name, family: op.family, args: [...op.args], doc: op.doc })),
      fields: [...BAR_FIELDS, 'feature("name")', 'fundamental("name")'],
    }),
    'factors.check': async ({ expression }) => {
      const checked = checkExpression(expression, { dates: MAX_WINDOW, groups: [...GROUPS] });
      if (!checked.ok) return err(asError(checked.error));
      return ok({ fields: checked.value.fields.map((f) => (f.source === 'bar' ? f.name : `${f.source}("${f.name}")`)), crossSectional: checked.value.crossSectional, lookback: checked.value.lookback });
    },
    'factors.analyze': async (request) => job(request.job, async (control) => {
      const analyzer = analyzerFor(deps, request.on);
      if (!analyzer.ok) return err(asError(analyzer.error));
      const result = await runFactorAnalysis(deps, request, control, analyzer.value);
      return result.ok ? result : err(asError(result.error));
    }),
    'factors.compute': async (request) => job(request.job, async (control) => {
      const evaluator = evaluatorFor(deps, request.on);
      if (!evaluator.ok) return err(asError(evaluator.error));
      const result = await computeFactors(deps, request, control, evaluator.value);
      return result.ok ? result : err(asError(result.error));
    }),
    'factors.save': async ({ name, expression }) => {
      if (FACTOR_LIBRARY.some((f) => f.name === name)) return err({ code: 'RESERVED_NAME', message: `${name} is a library factor's name`, name });
      const checked = checkExpression(expression, { dates: MAX_WINDOW, groups: [...GROUPS] });
      if (!checked.ok) return err(asError(checked.error));
      const saved = await saveFactorDefinition(deps.store, { name, kind: 'expression', expression, definition: { expression }, createdAt: deps.now() });
      return ok({ name: saved.name, version: saved.version });
    },
    'factors.saveComposite': async (request) => job(request.job, async (control) => {
      if (FACTOR_LIBRARY.some((f) => f.name === request.name)) return err({ code: 'RESERVED_NAME', message: `${request.name} is a library factor's name`, name: request.name });
      const result = await saveComposite(deps, request, control);
      return result.ok ? result : err(asError(result.error));
    }),
    'factors.cancel': async ({ job: name }) => {
      const abort = running.get(name);
      abort?.abort();
      return { cancelled: abort !== undefined };
    },
  };
}
