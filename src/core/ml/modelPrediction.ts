// A fitted model's predictions for every symbol of a panel on one date (the last date on or before `asOf`): the
// features read by name, symbols with a feature not known that day listed as missing, never predicted from a NaN.
import { err, ok, type Result } from '../model/result';
import { predictTabularRow, type FittedTabular } from './tabularModel';
import type { PanelRow } from './trainingSet';

export interface DatedPredictions {
  readonly date: number;
  readonly predictions: Array<{ readonly symbol: string; readonly prediction: number }>;
  readonly missing: Array<{ readonly symbol: string; readonly feature: string; readonly value: number | undefined }>;
}

export type PredictionError =
  | { readonly code: 'NO_ROWS'; readonly asOf?: number; readonly message: string }
  | { readonly code: 'NON_FINITE_PREDICTION'; readonly symbol: string; readonly date: number; readonly message: string };

const day = (t: number) => new Date(t).toISOString().slice(0, 10);

export function predictOnDate(rows: readonly PanelRow[], features: readonly string[], fitted: FittedTabular, asOf?: number): Result<DatedPredictions, PredictionError> {
  let date = -Infinity;
  for (const r of rows) if (r.date > date && (asOf === undefined || r.date <= asOf)) date = r.date;
  if (date === -Infinity) return err({ code: 'NO_ROWS', ...(asOf !== undefined ? { asOf } : {}), message: asOf !== undefined ? `no rows on or before ${day(asOf)}` : 'no rows' });
  const today = rows.filter((r) => r.date === date).sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  const x = new Float64Array(features.length);
  const predictions: DatedPredictions['predictions'] = [];
  const missing: DatedPredictions['missing'] = [];
  for (const r of today) {
    const unknown = features.findIndex((f) => !Number.isFinite(r.features[f]));
    if (unknown >= 0) {
      missing.push({ symbol: r.symbol, feature: features[unknown]!, value: r.features[features[unknown]!] });
      continue;
    }
    features.forEach((f, j) => (x[j] = r.features[f]!));
    const prediction = predictTabularRow(fitted, x, 0);
    if (!Number.isFinite(prediction)) return err({ code: 'NON_FINITE_PREDICTION', symbol: r.symbol, date, message: `the model predicts ${prediction} for ${r.symbol} on ${day(date)}` });
    predictions.push({ symbol: r.symbol, prediction });
  }
  return ok({ date, predictions, missing });
}
