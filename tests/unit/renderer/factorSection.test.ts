import { describe, expect, it } from 'vitest';
import { applyCompletion, caretUnder, completionsAt, formToAnalysis, initialFactorForm } from '../../../src/renderer/panels/research/factorForm';
import { factorTearSheetFileName, factorTearSheetHtml, summaryRows } from '../../../src/renderer/panels/research/factorTearSheet';
import { factorAnalysisSchema, type FactorReport } from '../../../src/shared/contracts/factors';

const catalog = {
  fields: ['open', 'high', 'low', 'close', 'volume', 'vwap'],
  operators: [
    { name: 'ts_mean', family: 'time-series', args: ['x', 'n'], doc: 'mean of the last n' },
    { name: 'ts_max', family: 'time-series', args: ['x', 'n'], doc: 'max of the last n' },
    { name: 'rank', family: 'cross-sectional', args: ['x'], doc: 'average ranks scaled 0–1' },
  ],
};

describe('Research factor form', () => {
  it('builds a factors.analyze request the backend schema accepts, with the correlation matrix for several factors', () => {
    const built = formToAnalysis({ ...initialFactorForm(), names: ['ROC5', 'MA10'], symbols: 'aapl, msft  SPY', from: '2020-01-02', to: '2020-06-30', method: 'pearson', quantiles: '4' });
    expect(built).toEqual({
      ok: true,
      input: {
        factors: [{ name: 'ROC5' }, { name: 'MA10' }],
        symbols: ['AAPL', 'MSFT', 'SPY'],
        from: Date.UTC(2020, 0, 2),
        to: Date.UTC(2020, 5, 30),
        timeframe: '1D',
        horizon: 5,
        horizons: [1, 5, 20],
        method: 'pearson',
        quantiles: 4,
        minSymbols: 5,
        correlation: true,
      },
    });
    if (built.ok) expect(factorAnalysisSchema.safeParse(built.input).success).toBe(true);
  });

  it('sends an expression trimmed, no symbols for the whole universe, and the first horizon when 5 is not among them', () => {
    const built = formToAnalysis({ ...initialFactorForm(), source: 'expression', expression: ' rank(close) ', horizons: '10 2 10' });
    expect(built).toMatchObject({ ok: true, input: { factors: [{ expression: 'rank(close)' }], horizon: 10, horizons: [10, 2], correlation: false } });
    if (built.ok) expect(built.input).not.toHaveProperty('symbols');
  });

  it('names every bad field and builds nothing', () => {
    expect(formToAnalysis({ ...initialFactorForm(), symbols: 'AAPL, a b$', from: '2020-02-30', to: 'soon', horizons: '0, 5', quantiles: '1' })).toEqual({
      ok: false,
      errors: { factors: 'pick at least one factor', symbols: "'B$' is not a symbol", from: 'a date as YYYY-MM-DD', to: 'a date as YYYY-MM-DD', horizons: '1 to 20 whole numbers of bars, each 1–250', quantiles: 'a whole number 2–20' },
    });
    expect(formToAnalysis({ ...initialFactorForm(), names: ['ROC5'], from: '2021-01-01', to: '2020-01-01' })).toMatchObject({ ok: false, errors: { from: 'must be before to' } });
    expect(formToAnalysis({ ...initialFactorForm(), source: 'expression', expression: '   ' })).toMatchObject({ ok: false, errors: { factors: 'type an expression' } });
  });
});

describe('Expression completion', () => {
  it('offers fields and operators for the word before the cursor, and none inside a string', () => {
    const c = completionsAt('rank(ts_m', 9, catalog);
    expect(c).toMatchObject({ start: 5, prefix: 'ts_m' });
    expect(c.items.map((i) => i.name)).toEqual(['ts_mean', 'ts_max']);
    expect(completionsAt('ts_mean(c', 9, catalog).items.map((i) => i.name)).toEqual(['close']);
    expect(completionsAt('fundamental("c', 14, catalog).items).toEqual([]);
    expect(completionsAt('close + ', 8, catalog).items).toEqual([]);
  });

  it('replaces the word, opens an operator\'s parenthesis and puts the cursor after it', () => {
    const text = 'rank(ts_m) + 1';
    const c = completionsAt(text, 9, catalog);
    expect(applyCompletion(text, 9, c, c.items[0]!)).toEqual({ text: 'rank(ts_mean() + 1', cursor: 13 });
    const f = completionsAt('vo', 2, catalog);
    expect(applyCompletion('vo', 2, f, f.items[0]!)).toEqual({ text: 'volume', cursor: 6 });
  });

  it('points a caret at the error position, clamped to the text', () => {
    expect(caretUnder('close + + 1', 8)).toBe('        ^');
    expect(caretUnder('close', 99)).toBe('     ^');
  });
});

const report: FactorReport = {
  runId: '0123456789abcdef',
  timeframe: '1D',
  horizon: 5,
  method: 'spearman',
  symbols: 6,
  times: [Date.UTC(2020, 0, 2), Date.UTC(2020, 0, 3), Date.UTC(2020, 0, 6)],
  factors: [
    { name: 'ROC5', expression: 'ts_delay(close, 5) / close', meanIC: 0.0123456, icStd: 0.2, icir: 0.061728, tStat: 0.1069, dates: 3, skippedDates: 1, quantiles: [-0.01, 0.002, null], longShort: 0.0345, turnover: { top: 0.25, bottom: null }, rankAutocorrelation: 0.9, decay: [{ horizon: 1, meanIC: 0.01, icir: 0.05 }] },
    { name: 'X<1>', expression: 'close < "1"', meanIC: null, icStd: null, icir: null, tStat: null, dates: 0, skippedDates: 3, quantiles: [null, null, null], longShort: null, turnover: { top: null, bottom: null }, rankAutocorrelation: null, decay: [] },
  ],
  series: [{ name: 'ROC5', ic: [0.1, null, -0.05], cumulative: [[0, -0.01, -0.02], [0, 0.01, 0.02], [0, 0, 0]], cumulativeSpread: [0, 0.02, 0.04], turnoverTop: [null, 0.2, 0.3], turnoverBottom: [null, 0.1, 0.2] }],
  correlation: { names: ['ROC5', 'X<1>'], matrix: [[1, null], [null, 1]], rows: 12 },
  durationMs: 42,
};

describe('Factor tear sheet', () => {
  it('shows the report\'s own figures, a missing one as a dash', () => {
    const rows = Object.fromEntries(summaryRows(report.factors[0]!).map((r) => [r.key, r.value]));
    expect(rows).toMatchObject({ meanIC: '0.0123', icStd: '0.2000', icir: '0.062', tStat: '0.11', dates: '3', skippedDates: '1', longShort: '3.450%', turnoverTop: '25.0%', turnoverBottom: '—' });
    expect(summaryRows(report.factors[1]!).find((r) => r.key === 'meanIC')!.value).toBe('—');
  });

  it('exports one self-contained HTML file with every chart and the names escaped', () => {
    const html = factorTearSheetHtml(report, Date.UTC(2020, 0, 7, 12));
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|src=|href=/);
    for (const label of ['ROC5: IC per date', 'ROC5: IC histogram', 'ROC5: mean forward return by quantile', 'ROC5: cumulative return', 'ROC5: quantile turnover', 'Factor correlation heatmap', 'Ranking by ICIR']) expect(html).toContain(label);
    expect(html).toContain('X&lt;1&gt;');
    expect(html).not.toContain('X<1>');
    expect(html).toContain('2020-01-02 … 2020-01-06');
    expect(factorTearSheetFileName(report)).toBe('factors_ROC5-X_1__01234567.html');
  });
});
