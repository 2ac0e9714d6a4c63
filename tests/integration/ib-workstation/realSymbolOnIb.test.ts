// A stored real symbol traded through IB: its contract is a STK routed SMART in the currency the provider quoted it in.
// The fake gateway lists SAP twice (Xetra in EUR, the NYSE ADR in USD), so only the stored currency picks the right one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dailyBars } from '../../support/dailyBars';
import type { Order } from '../../../src/core/model/order';
import { storeDataset } from '../../../src/main/data/dataStore';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import { DEFAULT_INSTRUMENTS, startFakeGateway, type FakeGateway, type InstrumentSpec } from '../../../src/main/venues/ib/fake-gateway';
import { Workstation } from '../../../src/main/workstation';
import type { MethodInput, MethodName, MethodOutput } from '../../../src/shared/contracts/api';

const sap = (conId: number, primaryExchange: string, currency: string, basePrice: number): InstrumentSpec => ({
  conId,
  symbol: 'SAP',
  secType: 'STK',
  exchange: 'SMART',
  primaryExchange,
  currency,
  localSymbol: 'SAP',
  tradingClass: 'SAP',
  longName: 'SAP SE',
  minTick: 0.01,
  multiplier: 1,
  sizeIncrement: 1,
  basePrice,
  lastTradeDate: '',
});
// The ADR first: a contract without the right currency resolves to it.
const ADR = sap(101, 'NYSE', 'USD', 160);
const XETRA = sap(102, 'IBIS', 'EUR', 150);

/** Twenty-five daily bars of SAP in EUR, as a Yahoo fetch of SAP.DE would store them (meta: GER, Europe/Berlin). */
const sapBars = () =>
  dailyBars({ symbol: 'SAP', currency: 'EUR', exchange: 'GER', timeZone: 'Europe/Berlin', utcOffsetMinutes: 60, start: { year: 2024, month: 0, day: 1 }, days: 25, firstClose: 140, step: 0.5, volume: 2_000_000 });

describe('a stored real symbol through IB (fake gateway)', () => {
  let gateway: FakeGateway;
  let ws: Workstation;
  let dataDir: string;

  async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const reply = await ws.dispatch(method, input);
    if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
    return reply.value as MethodOutput<M>;
  }

  beforeAll(async () => {
    gateway = await startFakeGateway({ port: 0, seed: 3, tickIntervalMs: 0, instruments: [...DEFAULT_INSTRUMENTS, ADR, XETRA] });
    dataDir = mkdtempSync(join(tmpdir(), 'nautilus-real-ib-'));
    ws = await Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), engines: [], syntheticHistory: false });
    const stored = await storeDataset(ws.market, { provider: 'yahoo', id: 'SAP', kind: 'bars', timeframe: '1D' }, sapBars(), [], { baseUrl: 'http://127.0.0.1:1', now: Date.UTC(2024, 1, 1) });
    expect(stored.ok).toBe(true);
  });
  afterAll(async () => {
    await ws?.stop();
    await gateway?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('puts SAP on the desk in EUR and trades it on IB as STK SMART EUR (the Xetra line, not the ADR)', async () => {
    expect(await call('data.enableTrading', { symbol: 'SAP' })).toMatchObject({ ok: true, value: { symbol: 'SAP', currency: 'EUR', exchange: 'GER', utcOffsetMinutes: 60 } });
    await call('ib.connect', { profile: { name: 'fake gateway', host: '127.0.0.1', port: gateway.port, clientId: 21 } });
    await expect.poll(() => ws.ib.service.status().state, { timeout: 15_000 }).toBe('connected');
    const watched = await call('ib.watch', { symbols: ['SAP'] });
    expect(watched).toEqual({ watching: ['SAP'], failed: [] });
    expect(await call('venues.route', { venue: 'IB' })).toEqual({ ok: true, value: { venue: 'IB' } });
    const submitted = await call('orders.submit', { symbol: 'SAP', side: 'BUY', type: 'MARKET', quantity: 5, timeInForce: 'DAY' });
    expect(submitted.ok).toBe(true);
    const id = (submitted as { value: Order }).value.clientOrderId;
    await expect.poll(() => ws.trading.core.oms.order(id)?.status, { timeout: 15_000 }).toBe('Filled');
    const atGateway = gateway.orders().filter((o) => o.orderRef === id);
    expect(atGateway).toHaveLength(1);
    expect(atGateway[0]!.instrument).toMatchObject({ conId: XETRA.conId, currency: 'EUR', primaryExchange: 'IBIS' });
    expect(ws.trading.core.positions.positions().find((p) => p.symbol === 'SAP')).toMatchObject({ quantity: 5, currency: 'EUR' });
  });

  it('marks it at IB\'s live quotes once IB streams them, not at the stored close any more', async () => {
    const ibQuotes: { bid: number; ask: number }[] = [];
    ws.bus.subscribe('market.quotes.SAP', (q) => ibQuotes.push(q as { bid: number; ask: number }));
    gateway.script.advanceMarket(1);
    // Two mark intervals: a stored-close mark (around 152) would have landed by now.
    await new Promise((r) => setTimeout(r, 2_500));
    const position = ws.trading.core.positions.positions().find((p) => p.symbol === 'SAP')!;
    // The gateway quotes SAP around 150 (Xetra's base price), the stored close is 152.
    expect(position.markPrice).toBeGreaterThan(140);
    expect(position.markPrice).toBeLessThan(151.5);
    for (const q of ibQuotes) expect((q.bid + q.ask) / 2).toBeLessThan(151.5);
  });
});
