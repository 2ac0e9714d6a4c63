// Saving a composite: its components analysed over the universe, weights from their ICs (in-sample over the
// chosen dates: the weights know the whole period), the composite analysed, its definition saved as a new version
// and its values stored under its name.
import { randomUUID } from 'node:crypto';
import { compositeExpression, compositeWeights } from '../../core/factors';
import { err, ok, type Result } from '../../core/model/result';
import type { CompositeSaveRequest, FactorSummary } from '../../shared/contracts/factors';
import { saveFactorDefinition, storeFactorRun, writeFactorValues } from '../storage/market/factorStore';
import type { PanelError } from './factorPanel';
import { summarize, type FactorRunError } from './factorReport';
import { analysisOptions, analyzeFactors, resolveRefs, type FactorControl, type FactorDeps } from './factorService';

export async function saveComposite(deps: FactorDeps, request: CompositeSaveRequest, control: FactorControl = {}): Promise<Result<{ name: string; version: number; weights: Record<string, number>; summary: FactorSummary }, FactorRunError | PanelError>> {
  const components = await resolveRefs(deps.store, request.factors);
  if (!components.ok) return components;
  const options = analysisOptions(request);
  const parts = await analyzeFactors(deps, request, components.value, options, false, control);
  if (!parts.ok) return parts;
  const weights = compositeWeights(parts.value.analyzed.map((f) => f.analysis.meanIC), request.weighting);
  if (weights.every((w) => w === 0)) return err({ code: 'UNKNOWN_FACTOR', message: 'no component has a finite IC over these dates: the composite would be empty', name: request.name });
  const expression = compositeExpression(components.value.map((c) => c.expression), weights);
  const composite = await analyzeFactors(deps, request, [{ name: request.name, expression }], options, true, control);
  if (!composite.ok) return composite;
  const analyzed = composite.value.analyzed[0]!;
  const summary = summarize(analyzed);
  const runId = randomUUID();
  const weightByName = Object.fromEntries(components.value.map((c, j) => [c.name, weights[j]!]));
  const saved = await saveFactorDefinition(deps.store, {
    name: request.name,
    kind: 'composite',
    expression,
    definition: { components: components.value, weights: weightByName, weighting: request.weighting, horizon: request.horizon, method: request.method, runId, from: request.from ?? null, to: request.to ?? null },
    createdAt: deps.now(),
  });
  await writeFactorValues(deps.store, request.name, request.timeframe, composite.value.panel, analyzed.values!);
  await storeFactorRun(deps.store, { runId, createdAt: deps.now(), request, summary: { composite: summary, components: parts.value.analyzed.map(summarize) } });
  return ok({ name: saved.name, version: saved.version, weights: weightByName, summary });
}
