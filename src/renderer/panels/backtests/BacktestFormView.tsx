// The run's inputs: strategy (with each parameter's default, range and description; a strategy that fails to load
// shows why), symbols, dates, timeframe, cash, fill options, benchmark; and the sweep's grid and ranking. Every
// refusal is shown next to the field it names.
import type { ReactNode } from 'react';
import { SWEEP_METRICS, type StrategyInfo } from '../../../shared/contracts/backtest';
import type { BacktestForm, FieldErrors, FormField } from './backtestForm';
import { SymbolPicker } from './SymbolPicker';
import { RunOnSelect } from '../common/RunOnSelect';

const TIMEFRAME_OPTIONS = ['1D', '1h', '15m', '5m', '1m'] as const;

function Field({ id, label, error, hint, children }: { id: FormField; label: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <div className={`bt-field${error ? ' bt-field-invalid' : ''}`} data-field={id}>
      <label htmlFor={`bt-${id}`} title={hint}>
        {label}
      </label>
      {children}
      {error && (
        <span className="bt-error" id={`bt-${id}-error`} role="alert" data-testid={`backtest-error-${id}`}>
          {error}
        </span>
      )}
    </div>
  );
}

const range = (p: StrategyInfo['params'][string]) =>
  [p.min !== undefined ? `min ${p.min}` : null, p.max !== undefined ? `max ${p.max}` : null, p.integer ? 'whole' : null].filter(Boolean).join(', ');

export function BacktestFormView(props: {
  form: BacktestForm;
  strategies: readonly StrategyInfo[] | undefined;
  errors: FieldErrors;
  busy: boolean;
  onChange(patch: Partial<BacktestForm>): void;
  onRun(): void;
  onSweep(): void;
  /** Reads the strategy files again (a file saved since shows up when the box gets the keyboard). */
  onRefreshStrategies(): void;
}) {
  const { form, strategies, errors, busy, onChange } = props;
  const strategy = strategies?.find((s) => s.name === form.strategy);
  const inv = (f: FormField) => (errors[f] ? { 'aria-invalid': true, 'aria-describedby': `bt-${f}-error` } : {});

  return (
    <form
      className="bt-form"
      aria-label="Backtest"
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) props.onRun();
      }}
    >
      <Field id="strategy" label="Strategy" error={errors.strategy}>
        <select id="bt-strategy" data-autofocus data-testid="backtest-strategy" value={form.strategy} onFocus={props.onRefreshStrategies} onChange={(e) => onChange({ strategy: e.target.value, params: {} })} {...inv('strategy')}>
          {!strategies && <option value={form.strategy}>{form.strategy} (loading…)</option>}
          {strategies?.map((s) => (
            <option key={s.name} value={s.name}>
              {s.name}
              {s.origin === 'user' ? ' (yours)' : s.origin === 'team' ? ' (team)' : ''}
              {s.error ? ' — does not load' : ''}
            </option>
          ))}
        </select>
      </Field>
      {strategy?.description && <p className="bt-description muted">{strategy.description}</p>}
      {strategy?.error && (
        <p className="bt-error" role="alert" data-testid="backtest-strategy-load-error">
          {strategy.error}
        </p>
      )}
      {strategy && Object.keys(strategy.params).length > 0 && (
        <fieldset className="bt-params" data-testid="backtest-params">
          <legend>Parameters</legend>
          {Object.entries(strategy.params).map(([name, p]) => (
            <label key={name} className="bt-param" title={p.description ?? name}>
              <span>{name}</span>
              <input
                inputMode="decimal"
                data-param={name}
                placeholder={String(p.default)}
                value={form.params[name] ?? ''}
                onChange={(e) => onChange({ params: { ...form.params, [name]: e.target.value } })}
                {...inv('params')}
              />
              <small className="muted">
                default {p.default}
                {range(p) ? ` · ${range(p)}` : ''}
                {p.description ? ` · ${p.description}` : ''}
              </small>
            </label>
          ))}
          {errors.params && (
            <span className="bt-error" id="bt-params-error" role="alert" data-testid="backtest-error-params">
              {errors.params}
            </span>
          )}
        </fieldset>
      )}
      <Field id="symbols" label="Symbols" error={errors.symbols}>
        <SymbolPicker symbols={form.symbols} onChange={(symbols) => onChange({ symbols })} error={errors.symbols} />
      </Field>
      <div className="bt-row">
        <Field id="from" label="From" error={errors.from} hint="UTC date; empty: from the first stored bar">
          <input id="bt-from" placeholder="YYYY-MM-DD" value={form.from} onChange={(e) => onChange({ from: e.target.value })} {...inv('from')} />
        </Field>
        <Field id="to" label="To" error={errors.to} hint="UTC date; empty: to the last stored bar">
          <input id="bt-to" placeholder="YYYY-MM-DD" value={form.to} onChange={(e) => onChange({ to: e.target.value })} {...inv('to')} />
        </Field>
        <Field id="timeframe" label="Bars" error={errors.timeframe}>
          <select id="bt-timeframe" value={form.timeframe} onChange={(e) => onChange({ timeframe: e.target.value as BacktestForm['timeframe'] })}>
            {TIMEFRAME_OPTIONS.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </Field>
      </div>
      <div className="bt-row">
        <Field id="cash" label="Cash" error={errors.cash}>
          <input id="bt-cash" data-testid="backtest-cash" inputMode="decimal" value={form.cash} onChange={(e) => onChange({ cash: e.target.value })} {...inv('cash')} />
        </Field>
        <Field id="benchmark" label="Benchmark" error={errors.benchmark} hint="A symbol in the store; empty for none">
          <input id="bt-benchmark" placeholder="none" value={form.benchmark} onChange={(e) => onChange({ benchmark: e.target.value.toUpperCase() })} {...inv('benchmark')} />
        </Field>
      </div>
      <div className="bt-row">
        <Field id="fill" label="Fill" error={errors.fill} hint="next-open: market orders fill at the next bar's open; close: at this bar's close">
          <select id="bt-fill" value={form.fill} onChange={(e) => onChange({ fill: e.target.value as BacktestForm['fill'] })}>
            <option value="next-open">next open</option>
            <option value="close">close</option>
          </select>
        </Field>
        <Field id="commission" label="Commission" error={errors.commission} hint="zero, or the schedule the live simulated exchange charges">
          <select id="bt-commission" value={form.commission} onChange={(e) => onChange({ commission: e.target.value as BacktestForm['commission'] })}>
            <option value="zero">zero</option>
            <option value="sim">sim schedule</option>
          </select>
        </Field>
        <Field id="limits" label="Limits" error={errors.limits} hint="none: order-shape checks only; current: the workstation's limits exactly as live">
          <select id="bt-limits" value={form.limits} onChange={(e) => onChange({ limits: e.target.value as BacktestForm['limits'] })}>
            <option value="none">none</option>
            <option value="current">current</option>
          </select>
        </Field>
      </div>
      <div className="bt-row">
        <Field id="slippageBps" label="Slippage bps" error={errors.slippageBps}>
          <input id="bt-slippageBps" inputMode="decimal" value={form.slippageBps} onChange={(e) => onChange({ slippageBps: e.target.value })} {...inv('slippageBps')} />
        </Field>
        <Field id="maxVolumeShare" label="Max volume share" error={errors.maxVolumeShare} hint="Each fill at most this share of the bar's volume (0 turns it off)">
          <input id="bt-maxVolumeShare" inputMode="decimal" value={form.maxVolumeShare} onChange={(e) => onChange({ maxVolumeShare: e.target.value })} {...inv('maxVolumeShare')} />
        </Field>
      </div>
      <div className="bt-actions">
        <button type="submit" className="primary" data-testid="backtest-run" disabled={busy} title="Run (Enter)">
          Run
        </button>
      </div>
      <fieldset className="bt-sweep">
        <legend>Sweep</legend>
        <Field id="grid" label="Grid" error={errors.grid} hint="Values per parameter: fast=5,10,20; slow=50,100">
          <input id="bt-grid" data-testid="backtest-grid" placeholder="fast=5,10,20; slow=50,100" value={form.grid} onChange={(e) => onChange({ grid: e.target.value })} onKeyDown={(e) => {
              // Enter in the grid sweeps (elsewhere in the form it runs once).
              if (e.key === 'Enter') {
                e.preventDefault();
                if (!busy) props.onSweep();
              }
            }} {...inv('grid')} />
        </Field>
        <div className="bt-row">
          <label htmlFor="bt-rankBy">Rank by</label>
          <select id="bt-rankBy" data-testid="backtest-rank-by" value={form.rankBy} onChange={(e) => onChange({ rankBy: e.target.value as BacktestForm['rankBy'] })}>
            {SWEEP_METRICS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
          <RunOnSelect id="bt-sweepOn" testId="backtest-sweep-on" value={form.sweepOn} disabled={busy} onChange={(sweepOn) => onChange({ sweepOn })} />
          <button type="button" data-testid="backtest-sweep" disabled={busy} onClick={props.onSweep}>
            Sweep
          </button>
        </div>
      </fieldset>
      {errors.form && (
        <p className="bt-error" role="alert" data-testid="backtest-error-form">
          {errors.form}
        </p>
      )}
    </form>
  );
}
