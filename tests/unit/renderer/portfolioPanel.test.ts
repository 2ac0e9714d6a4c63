// The Portfolio panel's pure parts: the form → portfolio requests (refusals on their fields), and the edited preview →
// the lines sent and the weights they imply.
import { describe, expect, it } from 'vitest';
import type { PortfolioRebalance } from '../../../src/shared/contracts/portfolio';
import { DEFAULT_PORTFOLIO_FORM, fieldErrorsFromIssues, fieldErrorsFromPortfolio, formToOptimize, formToRebalance } from '../../../src/renderer/panels/portfolio/portfolioForm';
import { describeLines, editedLines, impliedWeights } from '../../../src/renderer/panels/portfolio/rebalanceEdits';

const order = (symbol: string, side: 'BUY' | 'SELL', quantity: number, price: number, currentQuantity: number) => ({
  symbol,
  side,
  quantity,
  price,
  notional: quantity * price,
  currentQuantity,
  targetQuantity: currentQuantity + (side === 'BUY' ? quantity : -quantity),
  cost: { commission: 1, halfSpread: 0, impact: 0, total: 1 },
});

const plan: PortfolioRebalance = {
  target: null,
  equity: 10_000,
  orders: [order('AAA', 'BUY', 30, 100, 0), order('BBB', 'SELL', 10, 50, 40)],
  skipped: [],
  totalCost: 2,
  cashAfter: 0,
  weightsAfter: { AAA: 0.3, BBB: 0.15, CCC: 0.5 },
  volatilityAfter: 0.2,
  riskContributionsAfter: {},
};

describe('portfolio form', () => {
  it('builds the optimize request, symbols upper-cased, blanks left out', () => {
    const r = formToOptimize({ ...DEFAULT_PORTFOLIO_FORM, symbols: 'aaa, bbb ccc', maxWeight: '', sectorCaps: 'Technology=0.4, Energy = 0.25' });
    expect(r).toEqual({ ok: true, value: { method: 'min-variance', symbols: ['AAA', 'BBB', 'CCC'], window: 250, covariance: 'ledoit-wolf', longOnly: true, sectorCaps: { Technology: 0.4, Energy: 0.25 } } });
  });

  it('names every bad field at once', () => {
    const r = formToOptimize({ ...DEFAULT_PORTFOLIO_FORM, symbols: 'A, A', window: '2.5', maxWeight: 'Infinity', sectorCaps: 'Tech' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['maxWeight', 'sectorCaps', 'symbols', 'window']);
    const cash = formToRebalance({ ...DEFAULT_PORTFOLIO_FORM, symbols: 'AAA', cash: 'NaN' }, {});
    expect(cash.ok === false && cash.errors.cash).toBeTruthy();
  });

  it('takes only the positions held in the chosen symbols', () => {
    const r = formToRebalance({ ...DEFAULT_PORTFOLIO_FORM, symbols: 'AAA,BBB', cash: '5000' }, { AAA: 10, ZZZ: 5, BBB: 0 });
    expect(r.ok && r.value.positions).toEqual({ AAA: 10 });
  });

  it('puts a portfolio refusal and a validation issue on the field they name', () => {
    expect(fieldErrorsFromPortfolio({ code: 'INSUFFICIENT_HISTORY', symbol: 'AAA', observations: 3, required: 10, message: 'short' })).toEqual({ window: 'short' });
    expect(fieldErrorsFromPortfolio({ code: 'INVALID_INPUT', path: 'sectorCaps.Tech', message: 'no such sector' })).toEqual({ sectorCaps: 'no such sector' });
    expect(fieldErrorsFromIssues('bad', [{ path: 'input.maxWeight', message: 'too big' }, { path: 'input.views[0]', message: 'x' }])).toEqual({ maxWeight: 'too big', form: 'x' });
  });
});

describe('rebalance edits', () => {
  it('sends the previewed quantities, an edited one instead, and drops a line edited to 0', () => {
    expect(editedLines(plan.orders, {})).toEqual({ ok: true, lines: [
      { symbol: 'AAA', side: 'BUY', quantity: 30, price: 100, notional: 3000, edited: false },
      { symbol: 'BBB', side: 'SELL', quantity: 10, price: 50, notional: 500, edited: false },
    ] });
    const r = editedLines(plan.orders, { AAA: ' 25 ', BBB: '0' });
    expect(r).toEqual({ ok: true, lines: [{ symbol: 'AAA', side: 'BUY', quantity: 25, price: 100, notional: 2500, edited: true }] });
  });

  it('refuses a quantity that is not a number, negative or blank, on its row', () => {
    const r = editedLines(plan.orders, { AAA: 'lots', BBB: '-5' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors)).toEqual(['AAA', 'BBB']);
    expect(editedLines(plan.orders, { AAA: '' }).ok).toBe(false);
    expect(editedLines(plan.orders, { AAA: 'Infinity' }).ok).toBe(false);
  });

  it('implies the weights after the edited trade at the preview prices; a symbol without an order keeps its weight', () => {
    const lines = editedLines(plan.orders, { AAA: '20' });
    if (!lines.ok) throw new Error('lines');
    expect(impliedWeights(plan, lines.lines, ['AAA', 'BBB', 'CCC'], { BBB: 40 })).toEqual({ AAA: 0.2, BBB: 0.15, CCC: 0.5 });
    expect(describeLines(lines.lines)).toBe('BUY 20 AAA, SELL 10 BBB (2 market orders, ≈ 2,500.00 notional)');
  });
});
