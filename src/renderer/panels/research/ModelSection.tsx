// The Research panel's model section: choose a model kind, factors, symbols and horizon; train walk-forward (Enter)
// with fold progress and cancel (Esc); read the fold metrics and importance; the registry (ModelRegistryTable):
// promote, roll back, shadow, and compare two versions A/B.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { TABULAR_KINDS, type TabularKind } from '../../../core/ml/tabularModel';
import { formatNumber } from '../../../core/report/html';
import type { TrainingReport } from '../../../shared/contracts/mlTraining';
import { useApi } from '../../api/ApiContext';
import { runOnField, type RunOn } from '../common/runOn';
import { RunOnSelect } from '../common/RunOnSelect';
import { ModelRegistryTable, type Notice } from './ModelRegistryTable';

interface Progress { done: number; total: number; detail: string }
interface ModelForm { name: string; kind: TabularKind; factors: string[]; symbols: string; horizon: string; target: 'return' | 'direction'; trainDates: string; testDates: string; on: RunOn }

const INITIAL: ModelForm = { name: 'model-1', kind: 'ridge', factors: [], symbols: '', horizon: '5', target: 'return', trainDates: '120', testDates: '40', on: 'local' };
const METRICS = ['mse', 'mae', 'r2', 'hitRate', 'ic'] as const;
const day = (t: number) => new Date(t).toISOString().slice(0, 10);
/** A metric as the wire carries it: a NaN (an undefined IC) arrives as null. */
const fmt = (x: number | null | undefined, digits = 4) => (typeof x === 'number' ? formatNumber(x, digits) : '—');

let jobCounter = 0;

export function ModelSection() {
  const api = useApi();
  const queries = useQueryClient();
  const catalog = useQuery({ queryKey: ['factors.list'], queryFn: () => api.call('factors.list', {}) });
  const registry = useQuery({ queryKey: ['ml.models'], queryFn: () => api.call('ml.models', {}) });
  const [form, setForm] = useState<ModelForm>(INITIAL);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [report, setReport] = useState<TrainingReport | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const jobRef = useRef<string | null>(null);

  useEffect(
    () =>
      api.subscribe('research.progress', (p) => {
        const job = jobRef.current;
        if (job && p.job === `ml:${job}`) setProgress({ done: p.done, total: p.total, detail: p.detail ?? '' });
      }),
    [api],
  );

  const problems = (): string[] => {
    const out: string[] = [];
    if (!/^[a-z0-9][a-z0-9._-]{0,63}$/.test(form.name)) out.push('name: lower-case letters, digits, dots, dashes or underscores');
    if (form.factors.length === 0) out.push('factors: choose at least one');
    for (const [field, text] of [['horizon', form.horizon], ['train dates', form.trainDates], ['test dates', form.testDates]] as const) {
      if (!/^[1-9]\d*$/.test(text.trim())) out.push(`${field}: a whole number from 1`);
    }
    return out;
  };

  const train = async (e: FormEvent) => {
    e.preventDefault();
    const wrong = problems();
    if (wrong.length > 0) return setNotice({ text: wrong.join(' · '), failed: true });
    const job = `ui-ml-${Date.now().toString(36)}-${++jobCounter}`;
    jobRef.current = job;
    setProgress({ done: 0, total: 0, detail: 'starting' });
    setNotice(null);
    const symbols = form.symbols.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
    try {
      const r = await api.call('ml.train', {
        name: form.name,
        kind: form.kind,
        factors: form.factors,
        ...(symbols.length > 0 ? { symbols } : {}),
        horizon: Number(form.horizon),
        target: form.target,
        trainDates: Number(form.trainDates),
        testDates: Number(form.testDates),
        ...runOnField(form.on),
        job,
      });
      if (r.ok) {
        setReport(r.value);
        setNotice({ text: `registered ${r.value.model.name} v${r.value.model.version} (${r.value.model.kind}, candidate)`, failed: false });
      } else setNotice({ text: `${r.error.code}: ${r.error.message}`, failed: true });
    } catch (error) {
      setNotice({ text: error instanceof Error ? error.message : String(error), failed: true });
    } finally {
      if (jobRef.current === job) jobRef.current = null;
      setProgress(null);
      void queries.invalidateQueries({ queryKey: ['ml.models'] });
    }
  };
  const cancel = () => {
    if (jobRef.current) void api.call('ml.cancel', { job: jobRef.current });
  };
  const onSectionKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Escape' || e.defaultPrevented || !jobRef.current) return;
    e.preventDefault();
    cancel();
  };
  const factors = catalog.data ? [...catalog.data.library.map((f) => f.name), ...catalog.data.saved.map((f) => f.name)] : [];
  const running = progress !== null;
  const models = registry.data ?? [];

  return (
    <div className="model-section" data-testid="model-section" onKeyDown={onSectionKey}>
      <form className="factor-form" onSubmit={(e) => void train(e)} aria-label="Model training">
        <label>
          Name
          <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} data-testid="model-name" />
        </label>
        <label>
          Kind
          <select value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as TabularKind })} data-testid="model-kind">
            {TABULAR_KINDS.map((k) => (
              <option key={k} value={k}>{k}</option>
            ))}
          </select>
        </label>
        <select multiple size={5} aria-label="Factors to train on" value={form.factors} onChange={(e) => setForm({ ...form, factors: [...e.target.selectedOptions].map((o) => o.value) })} data-testid="model-factors">
          {factors.map((n) => (
            <option key={n} value={n}>{n}</option>
          ))}
        </select>
        <label>
          Symbols
          <input value={form.symbols} placeholder="all" onChange={(e) => setForm({ ...form, symbols: e.target.value })} data-testid="model-symbols" />
        </label>
        <label>
          Target
          <select value={form.target} onChange={(e) => setForm({ ...form, target: e.target.value as ModelForm['target'] })} data-testid="model-target">
            <option value="return">forward return</option>
            <option value="direction">direction</option>
          </select>
        </label>
        <label>
          Horizon
          <input value={form.horizon} size={3} onChange={(e) => setForm({ ...form, horizon: e.target.value })} data-testid="model-horizon" />
        </label>
        <label>
          Train dates
          <input value={form.trainDates} size={4} onChange={(e) => setForm({ ...form, trainDates: e.target.value })} data-testid="model-train-dates" />
        </label>
        <label>
          Test dates
          <input value={form.testDates} size={4} onChange={(e) => setForm({ ...form, testDates: e.target.value })} data-testid="model-test-dates" />
        </label>
        <RunOnSelect id="model-on" testId="model-run-on" value={form.on} disabled={running} onChange={(on) => setForm({ ...form, on })} />
        <button type="submit" disabled={running} title="Train walk-forward (Enter)" data-testid="model-train">
          {running ? 'Training…' : 'Train'}
        </button>
        {running && (
          <>
            <progress max={progress.total || 1} value={progress.done} data-testid="model-progress" />
            <span className="muted">{progress.total > 0 ? `${progress.done}/${progress.total} ${progress.detail}` : progress.detail}</span>
            <button type="button" onClick={cancel} title="Cancel the training (Esc)" data-testid="model-cancel">
              Cancel
            </button>
          </>
        )}
      </form>
      {notice && (
        <pre className={notice.failed ? 'error' : 'muted'} role="status" data-testid="model-notice">
          {notice.text}
        </pre>
      )}
      {report && (
        <div data-testid="model-report" data-model={`${report.model.name}@${report.model.version}`}>
          <table className="grid" aria-label="Fold metrics">
            <thead>
              <tr><th>fold</th><th>train</th><th>test</th><th>rows</th>{METRICS.map((m) => <th key={m}>{m}</th>)}</tr>
            </thead>
            <tbody>
              {report.folds.map((f) => (
                <tr key={f.index} data-testid="model-fold" data-fold={f.index}>
                  <td>{f.index + 1}</td><td>{day(f.trainFrom)}…{day(f.trainTo)}</td><td>{day(f.testFrom)}…{day(f.testTo)}</td><td>{f.metrics.rows}</td>
                  {METRICS.map((m) => <td key={m} data-metric={m}>{fmt(f.metrics[m])}</td>)}
                </tr>
              ))}
              <tr data-testid="model-oos"><td>all</td><td /><td>out of sample</td><td>{report.outOfSample.rows}</td>{METRICS.map((m) => <td key={m} data-metric={m}>{fmt(report.outOfSample[m])}</td>)}</tr>
            </tbody>
          </table>
          <table className="grid" aria-label="Feature importance">
            <thead><tr><th>feature</th><th>permutation</th><th>impurity</th></tr></thead>
            <tbody>
              {Object.entries(report.importance).map(([f, imp]) => (
                <tr key={f} data-testid="model-importance" data-feature={f}><td>{f}</td><td data-metric="permutation">{fmt(imp.permutation)}</td><td data-metric="impurity">{fmt(imp.impurity)}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ModelRegistryTable models={models} onNotice={setNotice} />
    </div>
  );
}
