// A registered version's latest predictions (ml.predict) under the Models registry: one row per symbol, sorted by
// prediction (highest first), the date the features were read on, the symbols left out and why; a refusal shown as
// an alert with its code and message.
import { formatNumber, formatPercent } from '../../../core/report/html';
import type { ModelPredictions } from '../../../shared/contracts/mlCompare';
import type { RegisteredModel } from '../../../shared/contracts/mlRegistry';

export type PredictionState =
  | { readonly state: 'loading'; readonly model: RegisteredModel }
  | { readonly state: 'done'; readonly model: RegisteredModel; readonly result: ModelPredictions }
  | { readonly state: 'failed'; readonly model: RegisteredModel; readonly code: string; readonly message: string };

const day = (t: number) => new Date(t).toISOString().slice(0, 10);
const label = (m: { name: string; version: number }) => `${m.name} v${m.version}`;

/** Highest prediction first; equal predictions by symbol, so the order never depends on the wire's. */
export function byPrediction(rows: ModelPredictions['predictions']): ModelPredictions['predictions'] {
  return [...rows].sort((a, b) => b.prediction - a.prediction || (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
}

/** A forward return as a percent, or P(up) for a direction model. */
export const formatPrediction = (target: ModelPredictions['target'], x: number): string => (target === 'return' ? formatPercent(x, 3) : formatNumber(x, 4));

export function ModelPredictionsView({ p, onClose }: { p: PredictionState; onClose: () => void }) {
  const close = (
    <button type="button" onClick={onClose} data-testid="predictions-close">
      Close
    </button>
  );
  switch (p.state) {
    case 'loading':
      return (
        <div className="model-predictions" data-testid="model-predictions" data-model={`${p.model.name}@${p.model.version}`} data-state="loading" role="status">
          Predicting with {label(p.model)}… {close}
        </div>
      );
    case 'failed':
      return (
        <div className="model-predictions" data-testid="model-predictions" data-model={`${p.model.name}@${p.model.version}`} data-state="failed">
          <p role="alert" className="error" data-testid="predictions-error" data-code={p.code}>
            {label(p.model)} cannot predict: <strong>{p.code}</strong> — {p.message}
          </p>
          {close}
        </div>
      );
    case 'done': {
      const r = p.result;
      const what = r.target === 'return' ? `${r.horizon}-bar forward return` : `P(up) over ${r.horizon} bars`;
      return (
        <div className="model-predictions" data-testid="model-predictions" data-model={`${p.model.name}@${p.model.version}`} data-state="done">
          <table className="grid" aria-label={`Predictions of ${label(r.model)}`}>
            <caption>
              {label(r.model)} ({r.model.kind}, {r.model.status}): {what} from the features of {day(r.date)}, {r.predictions.length} symbols
            </caption>
            <thead>
              <tr><th scope="col">rank</th><th scope="col">symbol</th><th scope="col">{r.target === 'return' ? 'predicted return' : 'P(up)'}</th></tr>
            </thead>
            <tbody>
              {byPrediction(r.predictions).map((row, i) => (
                <tr key={row.symbol} data-testid="prediction-row" data-symbol={row.symbol}>
                  <td>{i + 1}</td><td>{row.symbol}</td><td data-testid="prediction-value">{formatPrediction(r.target, row.prediction)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {r.predictions.length === 0 && <p role="alert" data-testid="predictions-empty">no symbol has every feature on {day(r.date)}</p>}
          {r.missing.length > 0 && (
            <p data-testid="predictions-missing">
              left out ({r.missing.length}): {r.missing.map((m) => `${m.symbol} (${m.feature} unknown)`).join(', ')}
            </p>
          )}
          {close}
        </div>
      );
    }
    default: {
      const never: never = p;
      throw new Error(`unknown prediction state ${JSON.stringify(never)}`);
    }
  }
}
