// The Backtests panel's pure helpers: the form to a request, the sweep grid, the backend's refusals on their fields,
// the metrics table's formatting and conventions, and the fills as chart markers.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FORM, fieldErrorsFromApi, fieldErrorsFromBacktest, formToRun, gridSize, parseDate, parseGrid } from '../../../src/renderer/panels/backtests/backtestForm';
import { formatRunMetric, metricTableRows, runLabel } from '../../../src/renderer/panels/backtests/metricTable';
import { tearSheetFileName } from '../../../src/renderer/panels/backtests/tearSheetExport';
import { fillMarkers } from '../../../src/renderer/panels/chart/backtestMarkers';
import type { BacktestRunSummary } from '../../../src/shared/contracts/backtest';

const run = (over: Partial<BacktestRunSummary> = {}): BacktestRunSummary => ({
  runId: '0123abcd-0000-4000-8000-000000000000',
  strategy: 'sma-cross',
  strategyHash: 'h',
  strategyVersion: 'v',
  params: { fast: 5, slow: 20 },
  symbols: ['AAA', 'BBB'],
  timeframe: '1D',
  from: 0,
  to: 1,
  barCount: 10,
  initialCash: 100_000,
  finalEquity: 110_000,
  fillCount: 4,
  tradeCount: 2,
  denialCount: 0,
  metrics: { totalReturn: 0.1, cagr: -0.0512, sharpe: 1.234, maxDrawdown: -0.2, maxDrawdownDays: 12, averageWin: 1234.5, sortino: null },
  benchmark: null,
  conventions: { cagr: 'CAGR = (final / initial)^(252 / returns) - 1', drawdown: 'from the running peak' },
  ...over,
});

describe('sweep grid', () => {
  it('reads a value list per parameter, separated by ; or new lines', () => {
    expect(parseGrid('fast=5,10,20; slow=50,100')).toEqual({ ok: true, value: { fast: [5, 10, 20], slow: [50, 100] } });
    expect(parseGrid(' fast = 3 , 5 \n slow=30 ')).toEqual({ ok: true, value: { fast: [3, 5], slow: [30] } });
    expect(gridSize({ fast: [5, 10, 20], slow: [50, 100] })).toBe(6);
  });
  it('drops repeated values', () => {
    expect(parseGrid('fast=5,5,10')).toEqual({ ok: true, value: { fast: [5, 10] } });
  });
  it('refuses an empty grid, a missing =, a bad name, a repeated parameter and a non-number, naming it', () => {
    expect(parseGrid('  ')).toMatchObject({ ok: false, error: expect.stringContaining('at least one parameter') });
    expect(parseGrid('fast 5,10')).toMatchObject({ ok: false, error: expect.stringContaining("'fast 5,10'") });
    expect(parseGrid('9x=1')).toMatchObject({ ok: false, error: expect.stringContaining("'9x'") });
    expect(parseGrid('fast=1;fast=2')).toMatchObject({ ok: false, error: 'fast is given twice' });
    expect(parseGrid('fast=5,ten')).toMatchObject({ ok: false, error: "fast: 'ten' is not a number" });
    expect(parseGrid('fast=5,,6')).toMatchObject({ ok: false, error: "fast: '' is not a number" });
    expect(parseGrid('fast=Infinity')).toMatchObject({ ok: false });
  });
});

describe('form to request', () => {
  const form = { ...DEFAULT_FORM, symbols: ['AAA'], params: { fast: '5', slow: '' }, from: '2020-01-02', to: '2021-01-01', benchmark: 'spy' };
  it('sends numbers, UTC dates, the parameters typed (empty: the default) and an upper-case benchmark', () => {
    expect(formToRun(form)).toEqual({
      ok: true,
      value: { strategy: 'sma-cross', symbols: ['AAA'], from: Date.UTC(2020, 0, 2), to: Date.UTC(2021, 0, 1), timeframe: '1D', params: { fast: 5 }, cash: 100_000, fill: 'next-open', commission: 'zero', slippageBps: 0, maxVolumeShare: 0.1, limits: 'none', benchmark: 'SPY' },
    });
  });
  it('refuses what cannot be sent at all, on its field', () => {
    const bad = formToRun({ ...form, cash: 'lots', from: '2020-02-30', params: { fast: 'x' }, symbols: [] });
    expect(bad).toEqual({ ok: false, errors: { cash: "must be a number, got 'lots'", from: "must be a date YYYY-MM-DD, got '2020-02-30'", params: "fast must be a number, got 'x'", symbols: 'add at least one symbol' } });
    expect(parseDate('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(parseDate('2023-02-29')).toBeNull();
  });
  it('puts the backend’s validation messages on the fields their paths name', () => {
    expect(fieldErrorsFromApi({ message: 'invalid input', issues: [{ path: 'input.cash', message: 'must be positive and at most 1e12' }, { path: 'input.symbols[0]', message: 'bad symbol' }] })).toEqual({ cash: 'must be positive and at most 1e12', symbols: 'bad symbol' });
    expect(fieldErrorsFromApi({ message: 'invalid input: input.job: bad', issues: [{ path: 'input.job', message: 'bad' }] })).toEqual({ form: 'bad' });
    expect(fieldErrorsFromApi({ message: 'socket closed' })).toEqual({ form: 'socket closed' });
  });
  it('puts a run’s refusal on the strategy, the parameters, the symbols, the benchmark or the dates', () => {
    expect(fieldErrorsFromBacktest({ code: 'STRATEGY_COMPILE_FAILED', message: 'x.ts:3 …' }, undefined)).toEqual({ strategy: 'x.ts:3 …' });
    expect(fieldErrorsFromBacktest({ code: 'PARAMETER_NOT_INTEGER', message: 'fast must be whole' }, undefined)).toEqual({ params: 'fast must be whole' });
    expect(fieldErrorsFromBacktest({ code: 'UNKNOWN_SYMBOL', symbol: 'ZZZ', message: 'unknown ZZZ' }, undefined)).toEqual({ symbols: 'unknown ZZZ' });
    expect(fieldErrorsFromBacktest({ code: 'UNKNOWN_SYMBOL', symbol: 'SPY', message: 'unknown SPY' }, 'SPY')).toEqual({ benchmark: 'unknown SPY' });
    expect(fieldErrorsFromBacktest({ code: 'EMPTY_RANGE', message: 'nothing to test' }, undefined)).toEqual({ from: 'nothing to test' });
    expect(fieldErrorsFromBacktest({ code: 'BACKTEST_CANCELLED', message: 'cancelled after 3 bars' }, undefined)).toEqual({ form: 'cancelled after 3 bars' });
  });
});

describe('metrics table', () => {
  it('shows fractions as percent, ratios with two decimals, days, and trade P&L as money; undefined as a dash', () => {
    const r = run();
    expect(formatRunMetric(0.1, 'percent', r)).toBe('10.00%');
    expect(formatRunMetric(-0.0512, 'percent', r)).toBe('\u22125.12%');
    expect(formatRunMetric(1.234, 'ratio', r)).toBe('1.23');
    expect(formatRunMetric(12, 'days', r)).toBe('12 d');
    expect(formatRunMetric(1234.5, 'winLoss', r)).toBe('1,234.50');
    expect(formatRunMetric(0.01, 'winLoss', run({ tradeCount: 0 }))).toBe('1.00%');
    expect(formatRunMetric(null, 'ratio', r)).toBe('—');
  });
  it('gives one cell per run with the raw figure, and each row its convention', () => {
    const rows = metricTableRows([run(), run({ metrics: { totalReturn: 0.2 } })]);
    const total = rows.find((x) => x.key === 'totalReturn')!;
    expect(total.cells).toEqual([{ value: 0.1, text: '10.00%' }, { value: 0.2, text: '20.00%' }]);
    expect(rows.find((x) => x.key === 'cagr')!.convention).toBe('CAGR = (final / initial)^(252 / returns) - 1');
    expect(rows.find((x) => x.key === 'maxDrawdown')!.convention).toBe('from the running peak');
    expect(rows.find((x) => x.key === 'sortino')!.cells[0]).toEqual({ value: null, text: '—' });
    expect(rows.some((x) => x.group === 'Against the benchmark')).toBe(false);
    expect(metricTableRows([run({ benchmark: { beta: 0.9 } })]).find((x) => x.key === 'benchmark.beta')!.cells[0]!.text).toBe('0.90');
  });
  it('names runs and tear sheet files by strategy and parameters', () => {
    expect(runLabel(run())).toBe('sma-cross fast=5 slow=20');
    expect(tearSheetFileName(run({ symbols: ['A', 'B/C', 'D', 'E'] }))).toBe('sma-cross_A-B_C-D-and-1_0123abcd.html');
  });
});

describe('fills on the chart', () => {
  const day = (d: number) => Date.UTC(2024, 0, d);
  const bars = [day(1), day(2), day(3), day(4)];
  it('puts each fill of the chart’s symbol on the bar it falls in, buys below and sells above, in time order', () => {
    const fills = [
      { time: day(3) + 3_600_000, symbol: 'AAA', side: 'SELL', quantity: 10, price: 1 },
      { time: day(2), symbol: 'AAA', side: 'BUY', quantity: 10, price: 1 },
      { time: day(2), symbol: 'BBB', side: 'BUY', quantity: 5, price: 1 },
      { time: day(1) - 1, symbol: 'AAA', side: 'BUY', quantity: 1, price: 1 },
    ];
    expect(fillMarkers(fills, 'AAA', bars)).toEqual([
      { time: day(2) / 1000, position: 'belowBar', shape: 'arrowUp', side: 'buy', text: 'B 10' },
      { time: day(3) / 1000, position: 'aboveBar', shape: 'arrowDown', side: 'sell', text: 'S 10' },
    ]);
    expect(fillMarkers(fills, 'AAA', [])).toEqual([]);
  });
});
