// Parametric (variance-covariance) VaR/ES with Euler components, in O(days × positions): no covariance matrix needed.
import { err, ok, type Result } from '../model/result';
import { normalPdf, normalQuantile } from './normalQuantile';
import type { RiskInputError } from './riskErrors';
import type { ReturnWindow } from './scenarioHistory';
import type { VarFigures } from './varFigures';

/** Daily σ of simple returns by symbol, replacing the sample σ (e.g. a GARCH forecast); correlations stay sampled. */
export type VolatilityOverride = Readonly<Record<string, number>>;

/** Sample means and standard deviations (N − 1) of each symbol's returns. */
export function returnMoments(window: ReturnWindow): { mean: Float64Array; std: Float64Array } {
  const n = window.symbols.length;
  const days = window.days;
  const mean = new Float64Array(n);
  const std = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const base = i * days;
    let s = 0;
    for (let t = 0; t < days; t++) s += window.returns[base + t]!;
    const m = s / days;
    let ss = 0;
    for (let t = 0; t < days; t++) {
      const d = window.returns[base + t]! - m;
      ss += d * d;
    }
    mean[i] = m;
    std[i] = Math.sqrt(ss / (days - 1));
  }
  return { mean, std };
}

/** Per-symbol scale d_i = σ'_i / σ_i of an override (1 where none); refuses non-positive overrides and σ_i = 0. */
export function volatilityScale(window: ReturnWindow, std: Float64Array, override: VolatilityOverride | undefined): Result<Float64Array, RiskInputError> {
  const scale = new Float64Array(window.symbols.length).fill(1);
  if (!override) return ok(scale);
  for (const [symbol, sigma] of Object.entries(override)) {
    const i = window.symbols.indexOf(symbol);
    if (i < 0) continue;
    if (!(sigma > 0) || !Number.isFinite(sigma) || !(std[i]! > 0)) return err({ code: 'BAD_VOLATILITY_OVERRIDE', symbol, value: sigma });
    scale[i] = sigma / std[i]!;
  }
  return ok(scale);
}

/**
 * σ² = w'DSDw with S the sample covariance and D the override scale. With w'_i = d_i w_i and the
 * centred P&L series P'_t = Σ w'_i (r_it − r̄_i): σ² = Σ P'_t² / (N − 1) and (DSDw)_i = d_i Σ_t (r_it − r̄_i) P'_t / (N − 1).
 */
export function parametricVar(values: Float64Array, window: ReturnWindow, confidences: readonly number[], override?: VolatilityOverride): Result<VarFigures[], RiskInputError> {
  const n = values.length;
  const days = window.days;
  const r = window.returns;
  const { mean, std } = returnMoments(window);
  const scaled = volatilityScale(window, std, override);
  if (!scaled.ok) return scaled;
  const d = scaled.value;
  const centred = new Float64Array(days);
  for (let i = 0; i < n; i++) {
    const w = values[i]! * d[i]!;
    if (w === 0) continue;
    const base = i * days;
    const m = mean[i]!;
    for (let t = 0; t < days; t++) centred[t] = centred[t]! + w * (r[base + t]! - m);
  }
  let ss = 0;
  for (let t = 0; t < days; t++) ss += centred[t]! * centred[t]!;
  const sigma = Math.sqrt(ss / (days - 1));
  const sigmaW = new Float64Array(n); // (DSDw)_i
  for (let i = 0; i < n; i++) {
    const base = i * days;
    const m = mean[i]!;
    let s = 0;
    for (let t = 0; t < days; t++) s += (r[base + t]! - m) * centred[t]!;
    sigmaW[i] = (d[i]! * s) / (days - 1);
  }
  return ok(
    confidences.map((c) => {
      const z = normalQuantile(c);
      const esFactor = normalPdf(z) / (1 - c);
      const marginalVar = new Float64Array(n);
      const componentVar = new Float64Array(n);
      const componentEs = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const unit = sigma > 0 ? sigmaW[i]! / sigma : 0;
        marginalVar[i] = unit * z;
        componentVar[i] = values[i]! * unit * z;
        componentEs[i] = values[i]! * unit * esFactor;
      }
      return { method: 'parametric' as const, confidence: c, var: z * sigma, es: sigma * esFactor, componentVar, componentEs, marginalVar };
    }),
  );
}
