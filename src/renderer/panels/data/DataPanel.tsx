// The Data panel: add a symbol or series from a provider, see what is stored (from where, when refreshed), refresh it,
// send stored real symbols to the chart and the watchlist, and put them on the desk to trade.
import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { DataFetchFailure, DataFetchSummary, DataSourceView } from '../../../shared/contracts/data';
import { ApiCallError } from '../../../shared/contracts/errors';
import type { Result } from '../../../core/model/result';
import { useApi } from '../../api/ApiContext';
import { useInstruments } from '../../state/instrumentStore';
import { CHART_TIMEFRAMES, useSelection, type ChartTimeframe } from '../../state/selectionStore';
import { enabledText } from './tradeText';
import { DATA_PROVIDERS, formToFetch, ID_EXAMPLE, initialDataForm, PROVIDER_KINDS, PROVIDER_LABEL, withProvider, type DataForm, type FormErrors } from './dataForm';

const outcomeText = (r: Result<DataFetchSummary, DataFetchFailure>): string =>
  r.ok ? `${r.value.provider} ${r.value.id}: ${r.value.rows} rows stored, ${r.value.first?.date ?? '–'} … ${r.value.last?.date ?? '–'}` : r.error.message;

export function DataPanel() {
  const api = useApi();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<DataForm>(initialDataForm);
  const [errors, setErrors] = useState<FormErrors>({});
  const [notice, setNotice] = useState<{ text: string; failed: boolean } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const sources = useQuery({ queryKey: ['data.sources'], queryFn: () => api.call('data.sources', {}) });
  const { select, addToWatchlist, setTimeframe } = useSelection.getState();
  const onDesk = useInstruments((st) => st.bySymbol);
  const chart = (s: DataSourceView) => {
    select(s.storedAs);
    if (CHART_TIMEFRAMES.includes(s.timeframe as ChartTimeframe)) setTimeframe(s.timeframe as ChartTimeframe);
  };

  const run = async (label: string, work: () => Promise<Result<DataFetchSummary, DataFetchFailure>[]>) => {
    setBusy(label);
    setNotice(null);
    try {
      const results = await work();
      const failed = results.filter((r) => !r.ok).length;
      setNotice({ text: results.map(outcomeText).join('\n') || 'nothing to refresh', failed: failed > 0 });
    } catch (error) {
      setNotice({ text: error instanceof ApiCallError ? error.message : String(error), failed: true });
    } finally {
      setBusy(null);
      await queryClient.invalidateQueries({ queryKey: ['data.sources'] });
      await queryClient.invalidateQueries({ queryKey: ['market.bars'] });
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const built = formToFetch(form);
    setErrors(built.ok ? {} : built.errors);
    if (!built.ok) return;
    void run(`fetch ${built.input.id}`, async () => [await api.call('data.fetch', built.input)]);
  };
  // Puts the symbol on the desk: the ticket, the watchlist and every panel know it from now on; it becomes the active symbol.
  const trade = async (s: DataSourceView) => {
    setBusy(`trade ${s.storedAs}`);
    setNotice(null);
    try {
      const r = await api.call('data.enableTrading', { symbol: s.storedAs });
      if (r.ok) {
        useInstruments.getState().add(r.value);
        addToWatchlist(r.value.symbol);
        select(r.value.symbol);
      }
      setNotice(r.ok ? { text: enabledText(r.value), failed: false } : { text: r.error.message, failed: true });
    } catch (error) {
      setNotice({ text: error instanceof ApiCallError ? error.message : String(error), failed: true });
    } finally {
      setBusy(null);
    }
  };
  const refresh = (s: DataSourceView) => run(`refresh ${s.id}`, () => api.call('data.refresh', { provider: s.provider, id: s.id, kind: s.kind, timeframe: s.timeframe }));

  return (
    <div className="data-panel" data-testid="data-panel">
      <form className="data-form" onSubmit={onSubmit} aria-label="Add data">
        <label>
          Provider
          <select value={form.provider} onChange={(e) => setForm(withProvider(form, e.target.value as DataForm['provider']))} data-testid="data-provider">
            {DATA_PROVIDERS.map((p) => (
              <option key={p} value={p}>
                {PROVIDER_LABEL[p]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Id
          <input value={form.id} placeholder={ID_EXAMPLE[form.provider]} onChange={(e) => setForm({ ...form, id: e.target.value })} aria-invalid={!!errors.id} data-testid="data-id" />
        </label>
        {PROVIDER_KINDS[form.provider].length > 1 && (
          <label>
            Kind
            <select value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as DataForm['kind'] })} data-testid="data-kind">
              {PROVIDER_KINDS[form.provider].map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          From
          <input value={form.from} placeholder="YYYY-MM-DD" onChange={(e) => setForm({ ...form, from: e.target.value })} aria-invalid={!!errors.from} size={10} />
        </label>
        <label>
          To
          <input value={form.to} placeholder="YYYY-MM-DD" onChange={(e) => setForm({ ...form, to: e.target.value })} aria-invalid={!!errors.to} size={10} />
        </label>
        {form.provider === 'fred' && (
          <label title="Every ALFRED vintage, so the series can be read as it was known on any date">
            <input type="checkbox" checked={form.vintages} onChange={(e) => setForm({ ...form, vintages: e.target.checked })} /> vintages
          </label>
        )}
        <button type="submit" disabled={busy !== null} data-testid="data-fetch">
          {busy?.startsWith('fetch') ? 'Fetching…' : 'Fetch'}
        </button>
        <button type="button" disabled={busy !== null || !sources.data?.length} onClick={() => void run('refresh all', () => api.call('data.refresh', { all: true }))} data-testid="data-refresh-all">
          Refresh all
        </button>
      </form>
      {Object.values(errors).length > 0 && <p className="error">{Object.entries(errors).map(([field, text]) => `${field}: ${text}`).join(' · ')}</p>}
      {notice && (
        <pre className={notice.failed ? 'error' : 'muted'} role="status" data-testid="data-notice">
          {notice.text}
        </pre>
      )}
      {sources.data && sources.data.length === 0 && <p className="muted">Nothing stored yet. Fetch daily bars (Yahoo), a macro series (FRED, DBnomics) or a company&apos;s filings (EDGAR).</p>}
      {sources.data && sources.data.length > 0 && (
        <table className="grid" aria-label="Stored data" data-testid="data-sources">
          <thead>
            <tr>
              <th>Provider</th>
              <th>Id</th>
              <th>Kind</th>
              <th className="num">Rows</th>
              <th>Range</th>
              <th>Refreshed</th>
              <th>From</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {sources.data.map((s) => (
              <tr key={`${s.provider}:${s.id}:${s.kind}:${s.timeframe}`} data-testid="data-source-row">
                <td>{PROVIDER_LABEL[s.provider]}</td>
                <td className="sym">{s.id}</td>
                <td>{s.kind === 'bars' ? `bars ${s.timeframe}` : s.kind}</td>
                <td className="num">{s.rows.toLocaleString()}</td>
                <td>{s.first ? `${s.first} … ${s.last}` : '–'}</td>
                <td>{new Date(s.refreshedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC</td>
                <td className="muted">{s.baseUrl}</td>
                <td>
                  <button type="button" disabled={busy !== null} onClick={() => void refresh(s)}>
                    Refresh
                  </button>
                  {s.kind === 'bars' && (
                    <>
                      <button type="button" onClick={() => chart(s)} title="Show it on the chart" data-testid="data-chart">
                        Chart
                      </button>
                      <button type="button" onClick={() => addToWatchlist(s.storedAs)} title="Add it to the watchlist" data-testid="data-watch">
                        Watch
                      </button>
                      {s.timeframe === '1D' &&
                        (onDesk[s.storedAs] ? (
                          <span className="muted" title="A desk instrument: the ticket, watchlist and risk know it" data-testid="data-on-desk">
                            on desk
                          </span>
                        ) : (
                          <button type="button" disabled={busy !== null} onClick={() => void trade(s)} title="Put it on the desk: quoted on the simulated exchange from its last close, tradable there and through IB" data-testid="data-trade">
                            Trade
                          </button>
                        ))}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
