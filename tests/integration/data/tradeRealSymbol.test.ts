// A stored real symbol traded on the simulated exchange, through the whole Workstation and its API: real DuckDB and
// SQLite files, Yahoo's recorded AAPL answer served from a local HTTP server. Fetch, put on the desk, quote, buy, see
// the position valued at the mark, restart and find it all again; symbols that are not stored are refused clearly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARK_HALF_SPREAD_BPS } from '../../../src/core/data/realInstrument';
import type { Order } from '../../../src/core/model/order';
import { writeDataSettings } from '../../../src/main/data/dataSettings';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import { Workstation } from '../../../src/main/workstation';
import type { MethodInput, MethodName, MethodOutput } from '../../../src/shared/contracts/api';
import { startDataFixtureServer, type DataFixtureServer } from '../../support/dataFixtureServer';

describe('a stored real symbol on the simulated exchange', () => {
  let server: DataFixtureServer;
  let dataDir: string;
  let ws: Workstation;
  let lastClose: number;

  const start = () => Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), engines: [], syntheticHistory: false });
  async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const reply = await ws.dispatch(method, input);
    if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
    return reply.value as MethodOutput<M>;
  }

  beforeAll(async () => {
    server = await startDataFixtureServer();
    dataDir = mkdtempSync(join(tmpdir(), 'nautilus-trade-real-'));
    expect(writeDataSettings(dataDir, { baseUrls: { yahoo: server.baseUrl } }).ok).toBe(true);
    ws = await start();
  });
  afterAll(async () => {
    await ws?.stop();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a symbol with no stored bars, naming it and what to do, and changes nothing', async () => {
    const before = (await call('market.instruments', {})).length;
    const refused = await call('data.enableTrading', { symbol: 'AAPL' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'SYMBOL_NOT_STORED', symbol: 'AAPL', message: expect.stringContaining('nautilus data fetch yahoo AAPL') } });
    expect((await call('market.instruments', {})).length).toBe(before);
    const order = await call('orders.submit', { symbol: 'AAPL', side: 'BUY', type: 'MARKET', quantity: 10, timeInForce: 'DAY' });
    expect(order.ok).toBe(false);
    // A synthetic desk symbol is not a stored real one.
    const synthetic = ws.desk.equities[0]!.symbol;
    expect(await call('data.enableTrading', { symbol: synthetic })).toMatchObject({ ok: false, error: { code: 'SYMBOL_ON_DESK' } });
    expect((await ws.dispatch('data.enableTrading', { symbol: '../etc' })).ok).toBe(false);
  });

  it('fetches AAPL, puts it on the desk with the meta currency and time zone, and quotes it around the last stored close', async () => {
    const fetched = await call('data.fetch', { provider: 'yahoo', id: 'AAPL', to: Date.UTC(2020, 10, 7) });
    expect(fetched.ok).toBe(true);
    const bars = await call('market.bars', { symbol: 'AAPL', timeframe: '1D' });
    lastClose = bars.close.at(-1)!;
    expect(lastClose).toBeGreaterThan(100);

    const enabled = await call('data.enableTrading', { symbol: 'aapl' });
    expect(enabled).toMatchObject({ ok: true, value: { symbol: 'AAPL', currency: 'USD', assetClass: 'EQUITY', tickSize: 0.01, lotSize: 1, multiplier: 1, source: 'stored-bars' } });
    if (!enabled.ok) return;
    // Yahoo's meta: NASDAQ (NMS) in New York, five hours behind UTC in November.
    expect(enabled.value.exchange).toBe('NMS');
    expect(enabled.value.utcOffsetMinutes).toBe(-300);
    // Average daily volume of the last 20 stored bars feeds the ADV limits.
    const volumes = Array.from(bars.volume.slice(-20));
    expect(enabled.value.averageDailyVolume).toBeCloseTo(volumes.reduce((a, b) => a + b, 0) / volumes.length, 6);
    expect((await call('market.instruments', {})).map((i) => i.symbol)).toContain('AAPL');
    // Enabling again answers the same instrument.
    expect(await call('data.enableTrading', { symbol: 'AAPL' })).toEqual(enabled);

    const [quote] = await call('market.quotes', { symbols: ['AAPL'] });
    const half = (lastClose * MARK_HALF_SPREAD_BPS) / 10_000;
    expect(quote).toMatchObject({ symbol: 'AAPL', last: lastClose });
    expect(quote!.bid).toBeCloseTo(Math.floor((lastClose - half) * 100 + 1e-9) / 100, 10);
    expect(quote!.ask).toBeCloseTo(Math.ceil((lastClose + half) * 100 - 1e-9) / 100, 10);
    expect(quote!.bid).toBeLessThan(lastClose);
    expect(quote!.ask).toBeGreaterThan(lastClose);
  });

  it('buys it on the simulated exchange through pre-trade risk; the position is valued at the mark', async () => {
    const submitted = await call('orders.submit', { symbol: 'AAPL', side: 'BUY', type: 'MARKET', quantity: 10, timeInForce: 'DAY' });
    expect(submitted.ok).toBe(true);
    const id = (submitted as { value: Order }).value.clientOrderId;
    await expect.poll(() => ws.trading.core.oms.order(id)?.status, { timeout: 15_000 }).toBe('Filled');
    const [quote] = await call('market.quotes', { symbols: ['AAPL'] });
    const mid = (quote!.bid + quote!.ask) / 2;
    // The fill marks it at the fill's price; the venue's next quote (every second) marks it at the mid again.
    const aapl = async () => (await call('positions.list', {})).find((p) => p.symbol === 'AAPL');
    await expect.poll(async () => (await aapl())?.markPrice, { timeout: 5_000 }).toBe(mid);
    const position = await aapl();
    expect(position).toMatchObject({ quantity: 10, currency: 'USD', markPrice: mid });
    expect(position!.marketValue).toBeCloseTo(10 * mid, 8);
    // Bought at or above the ask (a tick of slippage at most), so the mark shows the spread paid as a loss.
    expect(position!.averageCost).toBeGreaterThanOrEqual(quote!.ask);
    expect(position!.unrealizedPnl).toBeCloseTo(10 * (mid - position!.averageCost), 8);
    // Pre-trade risk knows it: an order beyond the notional limit is denied like any other instrument's.
    const tooBig = await call('risk.preview', { symbol: 'AAPL', side: 'BUY', type: 'MARKET', quantity: 90_000, timeInForce: 'DAY' });
    expect(tooBig).toMatchObject({ denial: { code: 'NOTIONAL_EXCEEDS_MAX' }, currency: 'USD' });
  });

  it('keeps the instrument, its order and its position across a restart, quoted again', async () => {
    const held = ws.trading.core.positions.positions().find((p) => p.symbol === 'AAPL')!;
    await ws.stop();
    ws = await start();
    expect(ws.trading.core.instrument('AAPL')).toMatchObject({ symbol: 'AAPL', currency: 'USD', utcOffsetMinutes: -300 });
    const restored = (await call('positions.list', {})).find((p) => p.symbol === 'AAPL');
    expect(restored).toMatchObject({ quantity: 10, averageCost: held.averageCost });
    const [quote] = await call('market.quotes', { symbols: ['AAPL'] });
    expect(quote).toMatchObject({ symbol: 'AAPL', last: lastClose });
    const sold = await call('orders.submit', { symbol: 'AAPL', side: 'SELL', type: 'MARKET', quantity: 10, timeInForce: 'DAY' });
    expect(sold.ok).toBe(true);
    const id = (sold as { value: Order }).value.clientOrderId;
    await expect.poll(() => ws.trading.core.oms.order(id)?.status, { timeout: 15_000 }).toBe('Filled');
  });
});
