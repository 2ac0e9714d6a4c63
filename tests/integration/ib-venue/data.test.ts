// IbService data sources against the fake gateway: quotes (re-subscribed after 1101 and reconnects), history, contract details, portfolio; ib.* handlers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SecType } from '@stoqey/ib';
import type { Quote } from '../../../src/core/model/marketData';
import type { FakeGateway } from '../../../src/main/venues/ib/fake-gateway';
import { IbService } from '../../../src/main/venues/ib';
import { ibHandlers, publishIbConnection } from '../../../src/main/api/ibHandlers';
import { ibConnectionStatusSchema, type IbConnectionStatus } from '../../../src/shared/contracts/ib';
import { startGateway, waitUntil } from './helpers';

describe('IbService: market data, history, contracts, portfolio', () => {
  let gateway: FakeGateway;
  let service: IbService;
  const now = Date.UTC(2024, 0, 2, 16, 0, 0);

  const connected = () => waitUntil<IbConnectionStatus>((l) => service.onStatus(l), (s) => s.state === 'connected', () => JSON.stringify(service.status()), service.status());

  beforeEach(async () => {
    gateway = await startGateway({ firstOrderId: 1, clock: () => now, initialPositions: [{ symbol: 'MSFT', quantity: 25, avgPrice: 400 }] });
    service = new IbService({
      contracts: { ES: { symbol: 'ES', secType: SecType.FUT, exchange: 'CME', currency: 'USD', lastTradeDateOrContractMonth: '20261218' } },
      connection: { heartbeatIntervalMs: 250, backoffInitialMs: 50, backoffMaxMs: 400 },
    });
    const api = ibHandlers(service);
    await api['ib.connect']({ profile: { name: 'fake', host: gateway.host, port: gateway.port, clientId: 11 } });
    await connected();
  });
  afterEach(async () => {
    service.close();
    await gateway.close();
  });

  it('streams Quotes for a subscribed symbol, and again after 1101 (data lost) and after a reconnect', async () => {
    const quotes: Quote[] = [];
    const listeners = new Set<(q: Quote) => void>();
    service.marketData.subscribe('AAPL', (q) => {
      quotes.push(q);
      for (const l of listeners) l(q);
    });
    const next = (predicate: (q: Quote) => boolean) => waitUntil<Quote>((l) => (listeners.add(l), () => listeners.delete(l)), predicate, () => JSON.stringify(quotes.slice(-3)));
    const q0 = gateway.script.setPrice('AAPL', 150);
    await next((q) => q.last === 150 && q.bid === q0.bid && q.ask === q0.ask);
    gateway.script.sendConnectivity(1101);
    gateway.script.setPrice('AAPL', 151);
    await next((q) => q.last === 151);
    gateway.script.dropConnections();
    await waitUntil<IbConnectionStatus>((l) => service.onStatus(l), (s) => s.state === 'backoff', () => service.status().state);
    await connected();
    gateway.script.setPrice('AAPL', 152);
    const q = await next((x) => x.last === 152);
    expect(q).toMatchObject({ symbol: 'AAPL', bidSize: expect.any(Number), askSize: expect.any(Number) });
    expect(q.bid).toBeLessThan(q.ask);
  });

  it('fetches historical bars as BarColumns and writes them to a sink; an identical request within 15 s is answered from the last result', async () => {
    const bars = await service.history.fetchBars({ symbol: 'AAPL', timeframe: '1h', duration: '1 D', end: now });
    expect(bars.time).toHaveLength(24);
    expect(bars.time[0]).toBe(now - 24 * 3_600_000);
    for (let i = 0; i < 24; i += 1) {
      expect(bars.high[i]).toBeGreaterThanOrEqual(Math.max(bars.open[i] as number, bars.close[i] as number));
      expect(bars.low[i]).toBeLessThanOrEqual(Math.min(bars.open[i] as number, bars.close[i] as number));
    }
    const requestsBefore = gateway.counts.count(20);
    const written: number[] = [];
    const n = await service.history.backfill({ writeBars: async (_s, _t, b) => written.push(b.time.length) }, { symbol: 'AAPL', timeframe: '1h', duration: '1 D', end: now });
    expect([n, written]).toEqual([24, [24]]);
    expect(gateway.counts.count(20)).toBe(requestsBefore);
    const daily = await service.history.fetchBars({ symbol: 'AAPL', timeframe: '1D', duration: '5 D', end: now });
    expect(daily.time.length).toBeGreaterThan(0);
    await expect(service.history.fetchBars({ symbol: 'NOPE', timeframe: '1h', duration: '1 D', end: now })).rejects.toThrow(/IB 200/);
  });

  it('turns contract details into Instruments (tick size, multiplier, currency, exchange)', async () => {
    expect(await service.contracts.instrument('ES')).toMatchObject({ symbol: 'ES', assetClass: 'FUTURE', tickSize: 0.25, multiplier: 50, currency: 'USD', exchange: 'CME' });
    expect(await service.contracts.instrument('AAPL')).toMatchObject({ symbol: 'AAPL', assetClass: 'EQUITY', tickSize: 0.01, multiplier: 1, lotSize: 1, exchange: 'NASDAQ', name: 'APPLE INC' });
    await expect(service.contracts.instrument('NOPE')).rejects.toThrow(/IB 200/);
  });

  it('takes a portfolio snapshot: account summary and positions', async () => {
    const snapshot = await service.portfolio.snapshot();
    expect(snapshot.accounts['DU123456']?.['TotalCashValue']).toMatchObject({ currency: 'USD', value: expect.any(Number) });
    expect(snapshot.positions).toEqual([{ account: 'DU123456', symbol: 'MSFT', secType: 'STK', currency: 'USD', quantity: 25, averageCost: 400 }]);
  });

  it('ib.status and ib.disconnect answer with schema-valid statuses; the ib.connection stream publishes every change', async () => {
    const api = ibHandlers(service);
    const published: IbConnectionStatus[] = [];
    const off = publishIbConnection(service, (_topic, s) => published.push(s));
    expect(ibConnectionStatusSchema.parse(await api['ib.status']({}))).toMatchObject({ state: 'connected', canTrade: true, profile: { clientId: 11 } });
    const down = await api['ib.disconnect']({});
    expect(down).toMatchObject({ state: 'disconnected', canTrade: false });
    expect(published.map((s) => s.state)).toEqual(['connected', 'disconnected']);
    off();
  });
});
