// The Models section's registry: every version with Promote / Roll back (confirmed), Shadow and Predict (its latest
// predictions per symbol, ModelPredictionsView); two versions selected (checkboxes, keyboard reachable) and compared
// A/B on an out-of-sample window, or a shadow compared with production; the comparison's metrics, their differences
// and the Diebold-Mariano p-value, with Promote from there.
import { useRef, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { formatNumber } from '../../../core/report/html';
import type { ComparisonReport, ComparedVersion, ModelVersionRef } from '../../../shared/contracts/mlCompare';
import type { RegisteredModel } from '../../../shared/contracts/mlRegistry';
import { useApi } from '../../api/ApiContext';
import { useConfirm } from '../../state/confirmStore';
import { ModelPredictionsView, type PredictionState } from './ModelPredictionsView';

export type Notice = { text: string; failed: boolean };
type Reply<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

const METRICS = [
  ['mse', 'MSE'],
  ['mae', 'MAE'],
  ['r2', 'R²'],
  ['hitRate', 'hit rate'],
  ['ic', 'IC'],
] as const;
/** Significance the verdict line reads the p-value at. */
const ALPHA = 0.05;
const day = (t: number) => new Date(t).toISOString().slice(0, 10);
/** A metric as the wire carries it: a NaN (an undefined IC) arrives as null. */
const fmt = (x: number | null | undefined, digits = 4) => (typeof x === 'number' ? formatNumber(x, digits) : '—');
const label = (m: ModelVersionRef) => `${m.name} v${m.version}`;
const dateField = (text: string): number | undefined | 'bad' => (text.trim() === '' ? undefined : /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) && Number.isFinite(Date.parse(`${text.trim()}T00:00:00Z`)) ? Date.parse(`${text.trim()}T00:00:00Z`) : 'bad');

function verdict(c: ComparisonReport): string {
  const d = c.difference;
  if (!Number.isFinite(d.pValue)) return 'no test: the squared-error difference does not vary';
  if (d.pValue >= ALPHA) return `no significant difference at ${ALPHA * 100}%`;
  return `${label(d.meanDifference > 0 ? c.b : c.a)} is more accurate at ${ALPHA * 100}%`;
}

export function ModelRegistryTable({ models, onNotice }: { models: readonly RegisteredModel[]; onNotice: (n: Notice) => void }) {
  const api = useApi();
  const queries = useQueryClient();
  const [selected, setSelected] = useState<number[]>([]);
  const [range, setRange] = useState({ from: '', to: '' });
  const [comparison, setComparison] = useState<ComparisonReport | null>(null);
  const [comparing, setComparing] = useState(false);
  const [prediction, setPrediction] = useState<PredictionState | null>(null);
  // Only the latest Predict's answer is shown: an earlier one arriving late is dropped.
  const predictSeq = useRef(0);

  const refresh = () => void queries.invalidateQueries({ queryKey: ['ml.models'] });
  const failed = (error: unknown) => onNotice({ text: error instanceof Error ? error.message : String(error), failed: true });
  const moved = (r: Reply<RegisteredModel>) => {
    onNotice(r.ok ? { text: `${label(r.value)} is ${r.value.status}${r.value.shadow ? ' (shadow)' : ''}`, failed: false } : { text: `${r.error.code}: ${r.error.message}`, failed: true });
    if (r.ok) setComparison((c) => c && { ...c, a: c.a.id === r.value.id ? { ...c.a, status: r.value.status, shadow: r.value.shadow } : c.a, b: c.b.id === r.value.id ? { ...c.b, status: r.value.status, shadow: r.value.shadow } : c.b });
    refresh();
  };
  const lifecycle = (action: 'promote' | 'rollback', m: ModelVersionRef) =>
    useConfirm.getState().ask(
      action === 'promote'
        ? { title: `Promote ${label(m)}?`, message: `${label(m)} (${m.kind}) becomes production; the current production version is retired (Roll back restores it).`, confirmLabel: `Promote v${m.version}`, onConfirm: () => void api.call('ml.promote', { name: m.name, version: m.version }).then(moved, failed) }
        : { title: `Roll back ${m.name}?`, message: `Restore the production version of ${m.name} the last promotion superseded.`, confirmLabel: `Roll back ${m.name}`, danger: true, onConfirm: () => void api.call('ml.rollback', { name: m.name }).then(moved, failed) },
    );
  const shadow = (m: RegisteredModel) => void api.call('ml.shadow', { name: m.name, version: m.version, shadow: !m.shadow }).then(moved, failed);
  const predict = async (m: RegisteredModel) => {
    const seq = ++predictSeq.current;
    setPrediction({ state: 'loading', model: m });
    let next: PredictionState;
    try {
      const r = await api.call('ml.predict', { id: m.id, timeframe: '1D' });
      next = r.ok ? { state: 'done', model: m, result: r.value } : { state: 'failed', model: m, code: r.error.code, message: r.error.message };
    } catch (error) {
      const e = error as { code?: unknown; message?: unknown };
      next = { state: 'failed', model: m, code: typeof e?.code === 'string' ? e.code : 'REQUEST_FAILED', message: typeof e?.message === 'string' ? e.message : String(error) };
    }
    if (seq === predictSeq.current) setPrediction(next);
  };
  const closePrediction = () => {
    predictSeq.current++;
    setPrediction(null);
  };
  const toggle = (id: number, on: boolean) => setSelected((s) => (on ? [...s.filter((x) => x !== id), id].slice(-2) : s.filter((x) => x !== id)));

  const compare = async (request: { a: number; b: number } | { name: string }) => {
    const from = dateField(range.from);
    const to = dateField(range.to);
    if (from === 'bad' || to === 'bad') return onNotice({ text: 'window: dates as YYYY-MM-DD, or empty (from: after both training windows; to: the last date)', failed: true });
    setComparing(true);
    try {
      const r = await api.call('ml.compare', { ...request, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) });
      if (r.ok) setComparison(r.value);
      else onNotice({ text: `${r.error.code}: ${r.error.message}`, failed: true });
    } catch (error) {
      failed(error);
    } finally {
      setComparing(false);
    }
  };
  const onCompare = (e: FormEvent) => {
    e.preventDefault();
    // A is the version selected first (older first when both are ticked in order), B the second.
    const [a, b] = selected;
    if (a === undefined || b === undefined) return onNotice({ text: 'select two versions to compare', failed: true });
    void compare({ a, b });
  };

  return (
    <>
      <table className="grid" aria-label="Model registry" data-testid="model-registry">
        <thead><tr><th>compare</th><th>name</th><th>version</th><th>kind</th><th>status</th><th>features</th><th>window</th><th>OOS R²</th><th>OOS IC</th><th /></tr></thead>
        <tbody>
          {models.map((m) => (
            <tr key={m.id} data-testid="model-version" data-model={`${m.name}@${m.version}`} data-status={m.status} data-shadow={m.shadow}>
              <td><input type="checkbox" checked={selected.includes(m.id)} onChange={(e) => toggle(m.id, e.target.checked)} aria-label={`Select ${label(m)} for comparison`} data-testid="model-select" /></td>
              <td>{m.name}</td><td>{m.version}</td><td>{m.kind}</td><td data-testid="model-status">{m.status}{m.shadow ? ' · shadow' : ''}</td><td>{m.features.join(', ')}</td><td>{day(m.trainFrom)}…{day(m.trainTo)}</td>
              <td>{fmt(m.metrics.r2)}</td><td>{fmt(m.metrics.ic)}</td>
              <td>
                <button type="button" onClick={() => void predict(m)} aria-pressed={prediction?.model.id === m.id} title={`Latest predictions per symbol of ${label(m)}`} data-testid="model-predict">Predict</button>
                {m.status !== 'production' && <button type="button" onClick={() => lifecycle('promote', m)} data-testid="model-promote">Promote</button>}
                {m.status === 'production' && <button type="button" onClick={() => lifecycle('rollback', m)} data-testid="model-rollback">Roll back</button>}
                {m.status === 'candidate' && <button type="button" onClick={() => shadow(m)} aria-pressed={m.shadow} data-testid="model-shadow">{m.shadow ? 'End shadow' : 'Shadow'}</button>}
                {m.shadow && <button type="button" disabled={comparing} onClick={() => void compare({ name: m.name })} data-testid="model-compare-production">Compare with production</button>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {prediction && <ModelPredictionsView p={prediction} onClose={closePrediction} />}
      <form className="factor-form" onSubmit={onCompare} aria-label="Model comparison window">
        <label>
          From
          <input value={range.from} placeholder="after training" size={10} onChange={(e) => setRange({ ...range, from: e.target.value })} data-testid="compare-from" />
        </label>
        <label>
          To
          <input value={range.to} placeholder="last date" size={10} onChange={(e) => setRange({ ...range, to: e.target.value })} data-testid="compare-to" />
        </label>
        <button type="submit" disabled={selected.length !== 2 || comparing} title="Score the two selected versions on the same rows" data-testid="model-compare">
          {comparing ? 'Comparing…' : 'Compare'}
        </button>
      </form>
      {comparison && <ComparisonTable c={comparison} onPromote={(m) => lifecycle('promote', m)} />}
    </>
  );
}

function ComparisonTable({ c, onPromote }: { c: ComparisonReport; onPromote: (m: ComparedVersion) => void }) {
  const d = c.difference;
  return (
    <div data-testid="model-comparison" data-pair={`${c.a.name}@${c.a.version}:${c.b.name}@${c.b.version}`}>
      <table className="grid" aria-label="Model comparison">
        <caption>
          {c.rows} rows on {c.dates} dates, {day(c.from)}…{day(c.to)}
        </caption>
        <thead>
          <tr>
            <th>metric</th>
            {[c.a, c.b].map((side, i) => (
              <th key={side.id} scope="col">
                {i === 0 ? 'A' : 'B'}: {label(side)} ({side.status}{side.shadow ? ', shadow' : ''}){side.overlapsTraining ? ' — window overlaps its training' : ''}
              </th>
            ))}
            <th scope="col">B − A</th>
          </tr>
        </thead>
        <tbody>
          {METRICS.map(([key, name]) => (
            <tr key={key} data-testid="compare-metric" data-metric={key}>
              <th scope="row">{name}</th>
              <td data-side="a">{fmt(c.a[key])}</td>
              <td data-side="b">{fmt(c.b[key])}</td>
              <td data-side="difference">{typeof c.a[key] === 'number' && typeof c.b[key] === 'number' ? fmt(c.b[key] - c.a[key]) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p data-testid="compare-test" role="status">
        Diebold-Mariano on squared errors (per-date mean, A − B, {d.lags} Newey-West lags): statistic <span data-testid="compare-statistic">{fmt(d.statistic, 3)}</span>, p-value{' '}
        <span data-testid="compare-p">{fmt(d.pValue, 4)}</span> — <span data-testid="compare-verdict">{verdict(c)}</span>
      </p>
      {[c.a, c.b].map((side, i) =>
        side.status !== 'production' ? (
          <button key={side.id} type="button" onClick={() => onPromote(side)} data-testid={`compare-promote-${i === 0 ? 'a' : 'b'}`}>
            Promote {i === 0 ? 'A' : 'B'} ({label(side)})
          </button>
        ) : null,
      )}
    </div>
  );
}
