// The rows `ml train --factors` learns from: library or saved factors by name, evaluated over the stored universe by
// the factors engines, with each symbol's daily close, as dated per-symbol rows (NaN where a factor is still warming
// up or a symbol had no bar: the training set leaves those rows out and counts them).
import type { PanelRow } from '../../core/ml/trainingSet';
import type { Timeframe } from '../../core/model/marketData';
import { err, ok, type Result } from '../../core/model/result';
import type { PanelError } from './factorPanel';
import type { FactorRunError } from './factorReport';
import { analysisOptions, analyzeFactors, resolveRefs, type FactorControl, type FactorDeps } from './factorService';

export interface FactorDatasetRequest {
  readonly factors: readonly string[];
  readonly symbols?: readonly string[];
  readonly from?: number;
  readonly to?: number;
  readonly timeframe: Timeframe;
}

export async function factorPanelRows(deps: FactorDeps, request: FactorDatasetRequest, control: FactorControl = {}): Promise<Result<PanelRow[], FactorRunError | PanelError>> {
  const factors = await resolveRefs(deps.store, request.factors.map((name) => ({ name })));
  if (!factors.ok) return factors;
  const options = analysisOptions({ horizon: 1, horizons: [1], method: 'spearman', quantiles: 2, minSymbols: 2 });
  const run = await analyzeFactors(deps, { symbols: request.symbols ? [...request.symbols] : undefined, from: request.from, to: request.to, timeframe: request.timeframe }, factors.value, options, true, control);
  if (!run.ok) return run;
  const { panel, analyzed } = run.value;
  const close = panel.columns.get('close');
  if (!close) return err({ code: 'EMPTY_RANGE', message: 'the panel has no close column' });
  const T = panel.times.length;
  const rows: PanelRow[] = [];
  for (const [s, symbol] of panel.symbols.entries()) {
    for (let t = 0; t < T; t++) {
      const features: Record<string, number> = {};
      for (const a of analyzed) features[a.name] = a.values ? a.values[s * T + t]! : NaN;
      rows.push({ date: panel.times[t]!, symbol, close: close[s * T + t]!, features });
    }
  }
  return ok(rows);
}
