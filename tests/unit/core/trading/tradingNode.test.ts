import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../../src/core/model';
import { SimulatedScheduler } from '../../../../src/core/model/scheduler';
import { FX_PAIRS } from '../../../../src/core/market';
import { MemoryJournal, SimulatedVenue, TradingNode, type JournalRecord, type NodeInstrument } from '../../../../src/core/trading';
import { AAPL, SAP, quote } from './fixtures';

// New York: UTC−5 all year in the synthetic calendar; sessions 09:30–16:00 local = 14:30–21:00 UTC.
const NY = -300;
const MON = Date.UTC(2026, 10, 23); // Monday 2026-11-23
const at = (day: number, h: number, m = 0) => day + (h * 60 + m) * 60_000;
const INSTRUMENTS: NodeInstrument[] = [
  { ...AAPL, utcOffsetMinutes: NY },
  { ...SAP, utcOffsetMinutes: 60 },
];

function node(start: number, journal = new MemoryJournal(), limits = [] as never[]) {
  const scheduler = new SimulatedScheduler(start);
  const venue = new SimulatedVenue({ instruments: INSTRUMENTS, clock: scheduler, random: new SeededRandom(1), commission: { kind: 'NONE', currency: 'USD' } });
  const n = new TradingNode({
    account: 'U1',
    baseCurrency: 'USD',
    clock: scheduler,
    scheduler,
    journal,
    instruments: INSTRUMENTS,
    simulatedVenue: venue,
    venues: [venue],
    limits,
    capital: 1_000_000,
    fxPairs: FX_PAIRS,
    accountUtcOffsetMinutes: NY,
    venuePollMs: null,
    timeoutCheckMs: null,
  });
  return { n, scheduler, venue, journal };
}

describe('TradingNode: the trading day', () => {
  it('expires DAY orders at their own exchange’s close and keeps GTC ones', () => {
    const { n, scheduler } = node(at(MON, 15));
    n.start();
    n.onQuote(quote('EURUSD', 1.2, 1.2, at(MON, 15)));
    n.onQuote(quote('AAPL', 100, 100.02, at(MON, 15)));
    n.onQuote(quote('SAP', 50, 50.02, at(MON, 15)));
    const day = n.core.oms.submit({ symbol: 'AAPL', side: 'BUY', type: 'LIMIT', quantity: 10, limitPrice: 90, timeInForce: 'DAY' });
    const gtc = n.core.oms.submit({ symbol: 'AAPL', side: 'BUY', type: 'LIMIT', quantity: 10, limitPrice: 90, timeInForce: 'GTC' });
    const sapDay = n.core.oms.submit({ symbol: 'SAP', side: 'BUY', type: 'LIMIT', quantity: 10, limitPrice: 45, timeInForce: 'DAY' });
    n.flush();
    if (!day.ok || !gtc.ok || !sapDay.ok) throw new Error('submit refused');
    // XETRA (UTC+1) closes at 16:00 local = 15:00 UTC: already past on Monday, so its next close is Tuesday's.
    scheduler.advanceTo(at(MON, 20, 59));
    n.flush();
    expect(n.core.oms.order(day.value.clientOrderId)?.status).toBe('Accepted');
    scheduler.advanceTo(at(MON, 21, 0));
    n.flush();
    expect(n.core.oms.order(day.value.clientOrderId)?.status).toBe('Expired');
    expect(n.core.oms.order(gtc.value.clientOrderId)?.status).toBe('Accepted');
    expect(n.core.oms.order(sapDay.value.clientOrderId)?.status).toBe('Accepted');
    scheduler.advanceTo(at(MON + 86_400_000, 15, 0));
    n.flush();
    expect(n.core.oms.order(sapDay.value.clientOrderId)?.status).toBe('Expired');
  });

  it('skips the weekend: a DAY order placed Friday after the close lives until Monday’s close', () => {
    const FRI = MON - 3 * 86_400_000;
    const { n, scheduler } = node(at(FRI, 21, 30));
    n.start();
    n.onQuote(quote('AAPL', 100, 100.02, at(FRI, 21, 30)));
    const day = n.core.oms.submit({ symbol: 'AAPL', side: 'BUY', type: 'LIMIT', quantity: 10, limitPrice: 90, timeInForce: 'DAY' });
    n.flush();
    if (!day.ok) throw new Error('submit refused');
    scheduler.advanceTo(at(MON, 20, 0));
    expect(n.core.oms.order(day.value.clientOrderId)?.status).toBe('Accepted');
    scheduler.advanceTo(at(MON, 21, 0));
    n.flush();
    expect(n.core.oms.order(day.value.clientOrderId)?.status).toBe('Expired');
  });

  it('after a restart the daily P&L counts today only, not the losses of earlier sessions in the journal', () => {
    // Yesterday (Friday): buy 100 @ 100, sell 100 @ 90 — a realized loss of 1,000.
    const FRI = MON - 3 * 86_400_000;
    const first = node(at(FRI, 15));
    first.n.start();
    first.n.onQuote(quote('AAPL', 100, 100, at(FRI, 15)));
    first.n.core.oms.submit({ symbol: 'AAPL', side: 'BUY', type: 'MARKET', quantity: 100, timeInForce: 'DAY' });
    first.n.flush();
    first.scheduler.advanceTo(at(FRI, 16));
    first.n.onQuote(quote('AAPL', 90, 90, at(FRI, 16)));
    first.n.core.oms.submit({ symbol: 'AAPL', side: 'SELL', type: 'MARKET', quantity: 100, timeInForce: 'DAY' });
    first.n.flush();
    expect(first.n.core.positions.pnl().realizedPnlBase).toBeCloseTo(-1_000, 6);
    const records: JournalRecord[] = [...first.journal.committed];

    // Monday, during the session: a fresh node replays Friday.
    const second = node(at(MON, 15));
    second.n.restore(records);
    expect(second.n.core.positions.pnl().realizedPnlBase).toBeCloseTo(-1_000, 6);
    expect(second.n.core.risk.dailyPnl()).toBeCloseTo(0, 6);

    // Restarting on Friday itself keeps Friday's loss in Friday's daily P&L.
    const sameDay = node(at(FRI, 17));
    sameDay.n.restore(records);
    expect(sameDay.n.core.risk.dailyPnl()).toBeCloseTo(-1_000, 6);
  });

  it('resets the daily P&L at the account’s session open while running', () => {
    const FRI = MON - 3 * 86_400_000;
    const { n, scheduler } = node(at(FRI, 15));
    n.start();
    n.onQuote(quote('AAPL', 100, 100, at(FRI, 15)));
    n.core.oms.submit({ symbol: 'AAPL', side: 'BUY', type: 'MARKET', quantity: 100, timeInForce: 'DAY' });
    n.flush();
    n.onQuote(quote('AAPL', 95, 95, at(FRI, 16)));
    expect(n.core.risk.dailyPnl()).toBeCloseTo(-500, 6);
    scheduler.advanceTo(at(MON, 14, 30));
    expect(n.core.risk.dailyPnl()).toBeCloseTo(0, 6);
    n.onQuote(quote('AAPL', 96, 96, at(MON, 14, 31)));
    expect(n.core.risk.dailyPnl()).toBeCloseTo(100, 6);
  });
});

describe('TradingNode: the preview', () => {
  it('values a EUR stock in the base currency, from the same run of the check as its verdict', () => {
    const { n } = node(at(MON, 15), new MemoryJournal(), [{ id: 'n', kind: 'MAX_ORDER_NOTIONAL', max: 5_000 }] as never[]);
    n.onQuote({ ...quote('EURUSD', 1.2, 1.2, at(MON, 15)) });
    n.onQuote(quote('SAP', 50, 50, at(MON, 15)));
    const preview = n.preview({ symbol: 'SAP', side: 'BUY', type: 'LIMIT', quantity: 90, limitPrice: 50, timeInForce: 'DAY' });
    expect(preview.notional).toBeCloseTo(4_500, 9); // EUR
    expect(preview.currency).toBe('EUR');
    expect(preview.measures?.notionalBase).toBeCloseTo(5_400, 9); // USD, what the limit sees
    expect(preview.verdict).toEqual({ ok: false, error: { code: 'NOTIONAL_EXCEEDS_MAX', limitId: 'n', notional: 5_400, max: 5_000 } });
  });
});
