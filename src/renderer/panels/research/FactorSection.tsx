// The Research panel's factor section: pick library factors or type an expression (checked live, with completion),
// choose the universe, dates, horizons, method and quantiles, run with progress and cancel, then read the tear sheet,
// save a composite and export the tear sheet as HTML.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { FactorError, FactorReport } from '../../../shared/contracts/factors';
import type { Result } from '../../../core/model/result';
import { RunOnSelect } from '../common/RunOnSelect';
import { useApi } from '../../api/ApiContext';
import { downloadHtml } from '../backtests/tearSheetExport';
import { applyCompletion, caretUnder, completionsAt, formToAnalysis, initialFactorForm, type AnalyzeInput, type Completion, type FactorForm, type FactorFormErrors } from './factorForm';
import { FactorTearSheet } from './FactorTearSheetView';
import { factorTearSheetFileName, factorTearSheetHtml } from './factorTearSheet';

type Check = Result<{ fields: string[]; crossSectional: boolean; lookback: number }, FactorError> | null;
interface Progress { job: string; done: number; total: number; detail: string }

let jobCounter = 0;

export function FactorSection() {
  const api = useApi();
  const catalog = useQuery({ queryKey: ['factors.list'], queryFn: () => api.call('factors.list', {}) });
  const [form, setForm] = useState<FactorForm>(initialFactorForm);
  const [errors, setErrors] = useState<FactorFormErrors>({});
  const [check, setCheck] = useState<Check>(null);
  const [completion, setCompletion] = useState<Completion | null>(null);
  const [active, setActive] = useState(0);
  const [progress, setProgress] = useState<Progress | null>(null);
  /** The report shown and the request that made it (a composite is saved over the same factors, universe and dates). */
  const [shown, setShown] = useState<{ report: FactorReport; request: AnalyzeInput } | null>(null);
  const report = shown?.report ?? null;
  const [notice, setNotice] = useState<{ text: string; failed: boolean } | null>(null);
  const [compositeName, setCompositeName] = useState('');
  const editor = useRef<HTMLTextAreaElement>(null);
  const jobRef = useRef<string | null>(null);

  useEffect(
    () =>
      api.subscribe('research.progress', (p) => {
        const job = jobRef.current;
        if (job && p.job === `factors:${job}`) setProgress({ job, done: p.done, total: p.total, detail: p.detail ?? '' });
      }),
    [api],
  );

  // The expression checked as it is typed (after a short pause); a stale answer is dropped.
  useEffect(() => {
    if (form.source !== 'expression' || form.expression.trim() === '') {
      setCheck(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      api.call('factors.check', { expression: form.expression }).then(
        (r) => live && setCheck(r),
        (e: unknown) => live && setCheck({ ok: false, error: { code: 'CHECK_FAILED', message: e instanceof Error ? e.message : String(e) } }),
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, form.source, form.expression]);

  const typed = (text: string, cursor: number) => {
    setForm({ ...form, expression: text });
    const c = catalog.data ? completionsAt(text, cursor, catalog.data) : null;
    setCompletion(c && c.items.length > 0 ? c : null);
    setActive(0);
  };
  const accept = (index: number) => {
    const el = editor.current;
    if (!completion || !el) return;
    const next = applyCompletion(form.expression, el.selectionStart, completion, completion.items[index]!);
    setForm({ ...form, expression: next.text });
    setCompletion(null);
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(next.cursor, next.cursor);
    });
  };
  const onEditorKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!completion) return;
    const n = completion.items.length;
    if (e.key === 'ArrowDown') setActive((active + 1) % n);
    else if (e.key === 'ArrowUp') setActive((active - 1 + n) % n);
    else if (e.key === 'Enter' || e.key === 'Tab') accept(active);
    else if (e.key === 'Escape') setCompletion(null);
    else return;
    e.preventDefault();
  };

  const run = async (e: FormEvent) => {
    e.preventDefault();
    const built = formToAnalysis(form);
    setErrors(built.ok ? {} : built.errors);
    if (!built.ok) return;
    const job = `ui-factors-${Date.now().toString(36)}-${++jobCounter}`;
    jobRef.current = job;
    setProgress({ job, done: 0, total: 0, detail: 'starting' });
    setNotice(null);
    try {
      const r = await api.call('factors.analyze', { ...built.input, job });
      if (r.ok) setShown({ report: r.value, request: built.input });
      else setNotice({ text: `${r.error.code}: ${r.error.message}`, failed: true });
    } catch (error) {
      setNotice({ text: error instanceof Error ? error.message : String(error), failed: true });
    } finally {
      if (jobRef.current === job) jobRef.current = null;
      setProgress(null);
    }
  };
  const cancel = () => {
    if (jobRef.current) void api.call('factors.cancel', { job: jobRef.current });
  };
  /** Escape anywhere in the section cancels a running analysis (unless a control, such as completion, used it). */
  const onSectionKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Escape' || e.defaultPrevented || !jobRef.current) return;
    e.preventDefault();
    cancel();
  };
  const saveComposite = async () => {
    if (!shown) return;
    const { factors, symbols, from, to, horizon, method, quantiles } = shown.request;
    try {
      const r = await api.call('factors.saveComposite', { name: compositeName.trim(), factors, ...(symbols ? { symbols } : {}), ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}), horizon, method, quantiles, weighting: 'ic' });
      setNotice(r.ok ? { text: `composite ${r.value.name} v${r.value.version} saved: ${Object.entries(r.value.weights).map(([k, w]) => `${k} ${w.toFixed(3)}`).join(', ')}`, failed: false } : { text: `${r.error.code}: ${r.error.message}`, failed: true });
    } catch (error) {
      setNotice({ text: error instanceof Error ? error.message : String(error), failed: true });
    }
  };

  const library = catalog.data ? [...catalog.data.library.map((f) => f.name), ...catalog.data.saved.map((f) => f.name)] : [];
  const checkError = check && !check.ok ? check.error : null;
  const position = checkError && typeof checkError.position === 'number' ? checkError.position : null;
  const running = progress !== null;

  return (
    <div className="factor-section" data-testid="factor-section" onKeyDown={onSectionKey}>
      <form className="factor-form" onSubmit={(e) => void run(e)} aria-label="Factor analysis">
        <fieldset>
          <legend>Factor</legend>
          <label>
            <input type="radio" name="factor-source" checked={form.source === 'library'} onChange={() => setForm({ ...form, source: 'library' })} data-testid="factor-source-library" /> library
          </label>
          <label>
            <input type="radio" name="factor-source" checked={form.source === 'expression'} onChange={() => setForm({ ...form, source: 'expression' })} data-testid="factor-source-expression" /> expression
          </label>
          {form.source === 'library' ? (
            <select multiple size={6} aria-label="Library factors" value={form.names} onChange={(e) => setForm({ ...form, names: [...e.target.selectedOptions].map((o) => o.value) })} data-testid="factor-names">
              {library.map((n) => (
                <option key={n} value={n} title={catalog.data?.library.find((f) => f.name === n)?.expression}>
                  {n}
                </option>
              ))}
            </select>
          ) : (
            <div className="factor-editor">
              <textarea
                ref={editor}
                rows={3}
                spellCheck={false}
                aria-label="Factor expression"
                aria-autocomplete="list"
                aria-controls="factor-completions"
                aria-activedescendant={completion ? `factor-completion-${active}` : undefined}
                aria-invalid={checkError !== null}
                value={form.expression}
                placeholder="rank(delta(close, 5)) / ts_std(close, 20)"
                onChange={(e) => typed(e.target.value, e.target.selectionStart)}
                onKeyDown={onEditorKey}
                onBlur={() => setCompletion(null)}
                data-testid="factor-expression"
              />
              {completion && (
                <ul id="factor-completions" role="listbox" className="factor-completions" data-testid="factor-completions">
                  {completion.items.map((item, i) => (
                    <li key={item.name} id={`factor-completion-${i}`} role="option" aria-selected={i === active} className={i === active ? 'active' : undefined} onMouseDown={(e) => { e.preventDefault(); accept(i); }} title={item.detail}>
                      <span className="sym">{item.name}</span> <span className="muted">{item.kind}</span>
                    </li>
                  ))}
                </ul>
              )}
              {checkError && (
                <div className="error" role="alert" data-testid="factor-check-error">
                  {position !== null && <pre className="factor-caret">{`${form.expression}\n${caretUnder(form.expression, position)}`}</pre>}
                  {checkError.message}
                </div>
              )}
              {check?.ok && <p className="muted" data-testid="factor-check-ok">valid · fields {check.value.fields.join(', ') || 'none'} · lookback {check.value.lookback} bars{check.value.crossSectional ? ' · cross-sectional' : ''}</p>}
            </div>
          )}
        </fieldset>
        <label>
          Symbols
          <input value={form.symbols} placeholder="all" onChange={(e) => setForm({ ...form, symbols: e.target.value })} aria-invalid={!!errors.symbols} data-testid="factor-symbols" />
        </label>
        <label>
          From
          <input value={form.from} placeholder="YYYY-MM-DD" size={10} onChange={(e) => setForm({ ...form, from: e.target.value })} aria-invalid={!!errors.from} />
        </label>
        <label>
          To
          <input value={form.to} placeholder="YYYY-MM-DD" size={10} onChange={(e) => setForm({ ...form, to: e.target.value })} aria-invalid={!!errors.to} />
        </label>
        <label>
          Horizons
          <input value={form.horizons} size={8} onChange={(e) => setForm({ ...form, horizons: e.target.value })} aria-invalid={!!errors.horizons} data-testid="factor-horizons" />
        </label>
        <label>
          Method
          <select value={form.method} onChange={(e) => setForm({ ...form, method: e.target.value as FactorForm['method'] })} data-testid="factor-method">
            <option value="spearman">spearman</option>
            <option value="pearson">pearson</option>
          </select>
        </label>
        <label>
          Quantiles
          <input value={form.quantiles} size={3} onChange={(e) => setForm({ ...form, quantiles: e.target.value })} aria-invalid={!!errors.quantiles} />
        </label>
        <RunOnSelect id="factor-on" testId="factor-run-on" value={form.on} disabled={running} onChange={(on) => setForm({ ...form, on })} />
        <button type="submit" disabled={running} data-testid="factor-run">
          {running ? 'Running…' : 'Run'}
        </button>
        {running && (
          <>
            <progress max={progress.total || 1} value={progress.done} data-testid="factor-progress" />
            <span className="muted">{progress.total > 0 ? `${progress.done}/${progress.total} ${progress.detail}` : progress.detail}</span>
            <button type="button" onClick={cancel} title="Cancel the analysis (Esc)" data-testid="factor-cancel">
              Cancel
            </button>
          </>
        )}
      </form>
      {Object.values(errors).length > 0 && <p className="error">{Object.entries(errors).map(([field, text]) => `${field}: ${text}`).join(' · ')}</p>}
      {notice && (
        <pre className={notice.failed ? 'error' : 'muted'} role="status" data-testid="factor-notice">
          {notice.text}
        </pre>
      )}
      {report && (
        <>
          <div className="factor-actions">
            <button type="button" onClick={() => downloadHtml(factorTearSheetFileName(report), factorTearSheetHtml(report, Date.now()))} data-testid="factor-export">
              Export HTML
            </button>
            {report.factors.length > 1 && (
              <>
                <input value={compositeName} placeholder="composite name" onChange={(e) => setCompositeName(e.target.value)} aria-label="Composite name" data-testid="factor-composite-name" />
                <button type="button" disabled={!/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(compositeName.trim())} onClick={() => void saveComposite()} data-testid="factor-save-composite">
                  Save composite
                </button>
              </>
            )}
          </div>
          <FactorTearSheet report={report} />
        </>
      )}
    </div>
  );
}
