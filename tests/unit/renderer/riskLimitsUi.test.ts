// The risk panel's pure helpers: the limit form (fields from the kinds' table, the backend's validation) and breach toasts.
import { describe, expect, it } from 'vitest';
import { fieldsOf, limitFromForm } from '../../../src/renderer/panels/risk/limitForm';
import { breachNotice } from '../../../src/renderer/panels/risk/breachFeed';
import { describeOmsError } from '../../../src/renderer/panels/common/denialText';
import type { RiskLimit } from '../../../src/core/trading/risk/limits';
import type { BreachRecord } from '../../../src/shared/contracts/risk';

describe('limitForm', () => {
  it('asks for the fields of the kind, from its descriptor', () => {
    expect(fieldsOf('MAX_VAR').map((f) => f.name)).toEqual(['max', 'confidence']);
    expect(fieldsOf('MAX_DRAWDOWN').map((f) => [f.name, f.hint])).toEqual([
      ['maxFraction', 'a fraction, 0.05 = 5%'],
      ['from', 'DAY_START or PEAK'],
    ]);
  });

  it('builds the limit, replaces one with the same id and keeps the others', () => {
    const others: RiskLimit[] = [{ id: 'gross', kind: 'MAX_GROSS_EXPOSURE', max: 1 }, { id: 'var', kind: 'MAX_VAR', max: 1, confidence: 0.95 }];
    const result = limitFromForm('MAX_VAR', 'var', { max: ' 250000 ', confidence: '0.99' }, 'REDUCE_ONLY', others);
    expect(result).toEqual({ ok: true, value: [others[0], { id: 'var', kind: 'MAX_VAR', max: 250_000, confidence: 0.99, onBreach: 'REDUCE_ONLY' }] });
    expect(limitFromForm('RESTRICTED_SYMBOLS', 'r', { symbols: 'aapl, msft' }, 'REDUCE_ONLY', [])).toEqual({ ok: true, value: [{ id: 'r', kind: 'RESTRICTED_SYMBOLS', symbols: ['AAPL', 'MSFT'] }] });
  });

  it('names the field that is wrong and what it must be', () => {
    expect(limitFromForm('MAX_VAR', 'v', { max: '1000', confidence: '99' }, 'ALERT', [])).toEqual({ ok: false, error: { field: 'confidence', message: 'confidence: must be e.g. 0.99' } });
    expect(limitFromForm('MAX_TURNOVER', 't', { max: 'abc' }, 'ALERT', [])).toMatchObject({ ok: false, error: { field: 'max' } });
    expect(limitFromForm('MAX_DRAWDOWN', 'd', { maxFraction: '0.1', from: 'LAST_WEEK' }, 'ALERT', [])).toMatchObject({ ok: false, error: { field: 'from' } });
    expect(limitFromForm('MAX_TURNOVER', 'bad id!', { max: '1' }, 'ALERT', [])).toMatchObject({ ok: false, error: { field: 'id' } });
  });
});

describe('breachNotice', () => {
  const breach: BreachRecord = { id: 3, limitId: 'var99', kind: 'MAX_VAR', value: 312_000, threshold: 250_000, scope: '99% 1-day', action: 'REDUCE_ONLY', time: 0, clearedAt: null };
  it('words a breach with its figures in the kind’s unit and says when reduce-only was switched on', () => {
    expect(breachNotice({ state: 'OPENED', breach })).toEqual({ level: 'error', title: 'Limit var99 breached', detail: 'Value at risk 312,000.00 over 250,000.00 (99% 1-day); account switched to reduce-only' });
    expect(breachNotice({ state: 'OPENED', breach: { ...breach, kind: 'MAX_DRAWDOWN', value: 0.031, threshold: 0.03, scope: 'from peak', action: 'ALERT' } }).detail).toBe('Drawdown 3.1% over 3.0% (from peak)');
    expect(breachNotice({ state: 'CLEARED', breach: { ...breach, clearedAt: 1 } })).toMatchObject({ level: 'info', title: 'Limit var99 back within its threshold' });
  });
});

describe('denial sentences of the new kinds', () => {
  it('give the figures a trader acts on', () => {
    expect(describeOmsError({ code: 'RISK_ESTIMATE_UNAVAILABLE', limitId: 'var99', symbol: 'XOM', measure: 'VAR' })).toBe(
      'no VaR estimate for the book with XOM (no price history or no risk model yet); only reducing orders pass (limit var99)',
    );
    expect(describeOmsError({ code: 'VAR_EXCEEDS_MAX', limitId: 'var99', valueAtRisk: 260_000, max: 250_000, confidence: 0.99 })).toBe('1-day VaR 99.0% would be 260,000.00, max 250,000.00 (limit var99)');
    expect(describeOmsError({ code: 'DAILY_ADV_FRACTION_EXCEEDS_MAX', limitId: 'adv', symbol: 'AAPL', quantity: 501, averageDailyVolume: 10_000, fraction: 0.0501, maxFraction: 0.05 })).toBe(
      'AAPL traded and working today would be 501, 5.0% of ADV 10,000, max 5.0% (limit adv)',
    );
  });
});
