// Late IB commission reports through the real @stoqey/ib client and the fake gateway: applied whenever they come, once, into fill, order and P&L.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Instrument } from '../../../src/core/model/instrument';
import { createTradingCore, MemoryJournal, reconcile, restoreFromJournal, type JournalRecord, type OmsEvent, type TradingCore } from '../../../src/core/trading';
import type { FakeGateway, FakeGatewayOptions } from '../../../src/main/venues/ib/fake-gateway';
import type { PacingTimers } from '../../../src/main/venues/ib/pacing';
import { startGateway, venueHarness, waitUntil, type VenueHarness } from './helpers';

const AAPL: Instrument = { symbol: 'AAPL', name: 'Apple', assetClass: 'EQUITY', currency: 'USD', exchange: 'NASDAQ', sector: 'Technology', tickSize: 0.01, lotSize: 1, multiplier: 1 };
const ACCOUNT = 'DU123456';

/** The venue's timers with the commission wait under the test's control: a wait of 2 s ends when the test says, not after 2 s. */
class CommissionWaitTimers implements PacingTimers {
  private readonly pending = new Map<number, () => void>();
  private readonly listeners = new Set<() => void>();
  private next = 0;
  now = (): number => Date.now();
  setTimeout(fn: () => void, ms: number): unknown {
    expect(ms).toBe(2_000); // the production wait: only its end is simulated
    const id = ++this.next;
    this.pending.set(id, fn);
    for (const l of [...this.listeners]) l();
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** Waits until `count` commission waits are pending (the fills reached the venue), then ends them all. */
  async expire(count: number): Promise<void> {
    if (this.pending.size < count) {
      const subscribe = (l: (v: void) => void) => {
        const f = () => l();
        this.listeners.add(f);
        return () => this.listeners.delete(f);
      };
      await waitUntil<void>(subscribe, () => this.pending.size >= count, () => `${count} commission waits; have ${this.pending.size}`);
    }
    const due = [...this.pending.values()];
    this.pending.clear();
    for (const fn of due) fn();
  }
}

interface Desk {
  h: VenueHarness;
  core: TradingCore;
  journal: MemoryJournal;
  timers: CommissionWaitTimers;
  events: OmsEvent[];
  omsEvent(predicate: (e: OmsEvent) => boolean): Promise<OmsEvent>;
}

/** The trading core on an IbVenue; `journal` records (an earlier run) are replayed before the venue connects. */
async function openDesk(gateway: FakeGateway, earlier: readonly JournalRecord[] = []): Promise<Desk> {
  const timers = new CommissionWaitTimers();
  const journal = new MemoryJournal();
  const h = await venueHarness(gateway, { connect: false, venue: { timers, commissionWaitMs: 2_000 }, connection: { heartbeatIntervalMs: 100, heartbeatTimeoutMs: 800 } });
  const core = createTradingCore({ account: ACCOUNT, baseCurrency: 'USD', clock: { now: () => Date.now() }, journal, instruments: [AAPL], venues: [h.venue], capital: 10_000_000, scheduleFlush: (flush) => queueMicrotask(flush), ackTimeoutMs: 60_000 });
  const events: OmsEvent[] = [];
  core.oms.subscribe((e) => events.push(e));
  core.oms.onQuote({ symbol: 'AAPL', time: Date.now(), bid: 99.99, ask: 100.01, bidSize: 100, askSize: 100, last: 100, volume: 0 });
  restoreFromJournal(core.oms, earlier);
  h.connection.connect();
  await h.ready();
  await reconcile(core.oms, [h.venue.name]);
  core.oms.flush();
  const omsEvent = (predicate: (e: OmsEvent) => boolean) =>
    waitUntil<OmsEvent>((l) => core.oms.subscribe(l), predicate, () => `OMS event; have ${JSON.stringify(events.slice(-4))}; logs ${h.logs.slice(-6).join(' | ')}`, events.find(predicate));
  return { h, core, journal, timers, events, omsEvent };
}

/** Market order through the OMS; its fill goes out after the (simulated) 2 s wait without a commission report. */
async function fillWithoutReport(d: Desk, side: 'BUY' | 'SELL', quantity: number): Promise<string> {
  const placed = d.core.oms.submit({ symbol: 'AAPL', side, type: 'MARKET', quantity, timeInForce: 'DAY' });
  if (!placed.ok) throw new Error(JSON.stringify(placed.error));
  const id = placed.value.clientOrderId;
  await d.timers.expire(1);
  await d.omsEvent((e) => e.kind === 'FILL' && e.fill.clientOrderId === id);
  return id;
}

const amendments = (d: Desk) => d.events.filter((e) => e.kind === 'FILL_AMENDED');
const journaledReports = (d: Desk) => d.journal.committed.filter((r) => r.kind === 'VENUE_EVENT' && r.event.kind === 'COMMISSION_REPORT');
const usd = (d: Desk) => d.core.positions.pnl().byCurrency.find((c) => c.currency === 'USD');

async function reconnect(d: Desk, gateway: FakeGateway): Promise<void> {
  gateway.script.dropConnections();
  await d.h.state((s) => s.state !== 'connected');
  await d.h.ready(); // the venue's reconciliation (reqExecutions and its commission reports) is done
  await reconcile(d.core.oms, [d.h.venue.name]);
  d.core.oms.flush();
}

describe('IB commission reports that come late', () => {
  let gateway: FakeGateway;
  const desks: Desk[] = [];
  const start = async (options: FakeGatewayOptions = {}) => {
    gateway = await startGateway({ firstOrderId: 1, ...options });
    gateway.script.setPrice('AAPL', 100);
  };
  const desk = async (earlier?: readonly JournalRecord[]) => {
    const d = await openDesk(gateway, earlier);
    desks.push(d);
    return d;
  };
  beforeEach(() => {
    desks.length = 0;
  });
  afterEach(async () => {
    for (const d of desks) await d.h.close();
    await gateway.close();
  });

  it('a report after the 2 s wait corrects fill, order commission and P&L once; its resend on reconciliation changes nothing', async () => {
    await start();
    const d = await desk();
    gateway.script.holdCommissionReports(true);
    const buy = await fillWithoutReport(d, 'BUY', 100);
    gateway.script.setPrice('AAPL', 101);
    const sell = await fillWithoutReport(d, 'SELL', 100);
    const [eBuy, eSell] = gateway.executions();
    const realized = Math.round(((eSell?.price ?? 0) - (eBuy?.price ?? 0)) * 100 * 100) / 100;
    expect(d.core.oms.order(buy)?.commission).toBe(0);
    expect(usd(d)).toMatchObject({ realizedPnl: realized, commissions: 0 });

    expect(gateway.script.releaseCommissionReports()).toBe(2);
    await d.omsEvent((e) => e.kind === 'FILL_AMENDED' && e.fill.clientOrderId === sell);
    expect(eBuy?.commission).toBe(1);
    expect(d.core.oms.order(buy)?.commission).toBe(1);
    expect(d.core.oms.order(sell)?.commission).toBe(1);
    expect(amendments(d).map((e) => e.kind === 'FILL_AMENDED' && [e.fill.executionId, e.previous.commission, e.fill.commission])).toEqual([
      [eBuy?.execId, 0, 1],
      [eSell?.execId, 0, 1],
    ]);
    expect(usd(d)).toMatchObject({ realizedPnl: realized, commissions: 2, netPnl: realized - 2 });
    expect(d.core.positions.position(ACCOUNT, 'AAPL')).toMatchObject({ quantity: 0, commissions: 2 });

    await reconnect(d, gateway);
    expect(d.h.logs.some((l) => l.includes('IB reconciled') && l.includes('2 executions'))).toBe(true);
    expect(amendments(d)).toHaveLength(2);
    expect(journaledReports(d)).toHaveLength(2);
    expect(usd(d)).toMatchObject({ commissions: 2, netPnl: realized - 2 });
    expect(d.events.filter((e) => e.kind === 'ANOMALY')).toEqual([]);
  });

  it('a report lost with the connection is applied when reconciliation resends it, exactly once', async () => {
    await start();
    const d = await desk();
    gateway.script.holdCommissionReports(true);
    const buy = await fillWithoutReport(d, 'BUY', 100);
    expect(gateway.script.releaseCommissionReports({ discard: true })).toBe(1);
    await reconnect(d, gateway);
    await d.omsEvent((e) => e.kind === 'FILL_AMENDED' && e.fill.clientOrderId === buy);
    await reconnect(d, gateway);
    expect(d.core.oms.order(buy)?.commission).toBe(1);
    expect(amendments(d)).toHaveLength(1);
    expect(journaledReports(d)).toHaveLength(1);
    expect(d.core.positions.position(ACCOUNT, 'AAPL')).toMatchObject({ quantity: 100, commissions: 1 });
  });

  it('after a restart, the fill journaled without commission is corrected by the report reconciliation brings', async () => {
    await start();
    const first = await desk();
    gateway.script.holdCommissionReports(true);
    const buy = await fillWithoutReport(first, 'BUY', 100);
    await first.h.close();
    gateway.script.releaseCommissionReports({ discard: true });
    gateway.script.holdCommissionReports(false);

    // a new process: the OMS from the journal, a venue that has never seen the execution
    expect(first.core.oms.order(buy)?.commission).toBe(0);
    const restartedCore = await desk(first.journal.committed);
    await restartedCore.omsEvent((e) => e.kind === 'FILL_AMENDED' && e.fill.clientOrderId === buy);
    await reconnect(restartedCore, gateway);
    expect(restartedCore.core.oms.order(buy)?.commission).toBe(1);
    expect(journaledReports(restartedCore)).toHaveLength(1);
    expect(restartedCore.core.positions.position(ACCOUNT, 'AAPL')).toMatchObject({ quantity: 100, commissions: 1 });
  });

  it("without a report, the commission openOrder states for the order is used, and the report's same figure changes nothing", async () => {
    await start({ commissionInOpenOrder: true });
    const d = await desk();
    gateway.script.holdCommissionReports(true);
    // the openOrder that states the order's commission reaches the venue before the wait ends
    const stated = new Promise<void>((resolve) => d.h.connection.on('openOrder', (_id: number, _c: unknown, _o: unknown, state: { commission?: number }) => state?.commission === 1 && resolve()));
    const placed = d.core.oms.submit({ symbol: 'AAPL', side: 'BUY', type: 'MARKET', quantity: 100, timeInForce: 'DAY' });
    const buy = placed.ok ? placed.value.clientOrderId : '';
    await stated;
    await d.timers.expire(1);
    await d.omsEvent((e) => e.kind === 'FILL' && e.fill.clientOrderId === buy);
    const fill = d.events.find((e) => e.kind === 'FILL' && e.fill.clientOrderId === buy);
    expect(fill).toMatchObject({ fill: { commission: 1, commissionCurrency: 'USD' } });
    expect(d.core.oms.order(buy)?.commission).toBe(1);
    gateway.script.releaseCommissionReports();
    await reconnect(d, gateway);
    expect(amendments(d)).toEqual([]);
    expect(journaledReports(d)).toEqual([]);
    expect(d.core.positions.position(ACCOUNT, 'AAPL')).toMatchObject({ commissions: 1 });
  });
});
