// Market data, history, contract details, positions and account summary through the real IBApi.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BarSizeSetting, EventName, IBApiTickType as TickType, OrderAction, OrderType, type Contract, type ContractDetails } from '@stoqey/ib';
import type { FakeGateway } from '../../../src/main/venues/ib/fake-gateway';
import { AAPL, connectClient, ES, errorCode, order, startGateway, statusIs, type ConnectedClient } from './helpers';

describe('fake IB Gateway: data requests', () => {
  let gateway: FakeGateway;
  let client: ConnectedClient;

  beforeEach(async () => {
    gateway = await startGateway({ firstOrderId: 1000, clock: () => Date.UTC(2024, 0, 2, 16, 0, 0) });
    client = await connectClient(gateway, 9);
  });
  afterEach(async () => {
    expect(client.rec.codes()).not.toContain(505);
    client.ib.disconnect();
    await gateway.close();
  });

  it('streams bid/ask/last ticks that follow the deterministic feed, until cancelled', async () => {
    const q0 = gateway.script.setPrice('AAPL', 150);
    client.ib.reqMktData(1, AAPL, '', false, false);
    const [, , bid] = await client.rec.waitFor(EventName.tickPrice, (id: number, type: number) => id === 1 && type === TickType.BID);
    expect(bid).toBe(q0.bid);
    await client.rec.waitFor(EventName.tickSize, (id: number, type: number) => id === 1 && type === TickType.ASK_SIZE);
    await client.rec.waitFor(EventName.tickPrice, (id: number, type: number, p: number) => id === 1 && type === TickType.LAST && p === 150);
    gateway.script.advanceMarket(3);
    const q3 = gateway.script.quote('AAPL');
    await client.rec.waitFor(EventName.tickPrice, (id: number, type: number, p: number) => id === 1 && type === TickType.LAST && p === q3.last, { from: 0 });
    const before = client.rec.all(EventName.tickPrice).length;
    expect(before).toBeGreaterThanOrEqual(12);
    client.ib.cancelMktData(1);
    client.ib.reqCurrentTime(); // barrier: answered after the cancel was processed
    await client.rec.waitFor(EventName.currentTime);
    gateway.script.advanceMarket(2);
    client.ib.reqCurrentTime();
    await client.rec.waitFor(EventName.currentTime, () => true, { from: client.rec.mark() });
    expect(client.rec.all(EventName.tickPrice).length).toBe(before);
  });

  it('replays the same prices for the same seed', async () => {
    const other = await startGateway({});
    gateway.script.advanceMarket(5);
    other.script.advanceMarket(5);
    expect(other.script.quote('MSFT')).toEqual(gateway.script.quote('MSFT'));
    await other.close();
  });

  it('returns deterministic historical bars and the end marker', async () => {
    client.ib.reqHistoricalData(21, AAPL, '20240102 16:00:00 UTC', '1 D', BarSizeSetting.HOURS_ONE, 'TRADES', 1, 1, false);
    await client.rec.waitFor(EventName.historicalData, (id: number, date: string) => id === 21 && date.startsWith('finished'));
    const bars = client.rec.all(EventName.historicalData).filter((b) => b[0] === 21 && !(b[1] as string).startsWith('finished'));
    expect(bars).toHaveLength(24);
    expect(bars[0]?.[1]).toBe('20240101 16:00:00 UTC');
    expect(bars[23]?.[1]).toBe('20240102 15:00:00 UTC');
    for (const [, , open, high, low, close, volume] of bars as number[][]) {
      expect(high).toBeGreaterThanOrEqual(Math.max(open as number, close as number));
      expect(low).toBeLessThanOrEqual(Math.min(open as number, close as number));
      expect(volume).toBeGreaterThan(0);
    }
    client.ib.reqHistoricalData(22, AAPL, '20240102 16:00:00 UTC', '1 D', BarSizeSetting.HOURS_ONE, 'TRADES', 1, 1, false);
    await client.rec.waitFor(EventName.historicalData, (id: number, date: string) => id === 22 && date.startsWith('finished'));
    const again = client.rec.all(EventName.historicalData).filter((b) => b[0] === 22 && !(b[1] as string).startsWith('finished'));
    expect(again.map((b) => b.slice(1))).toEqual(bars.map((b) => b.slice(1)));
    client.ib.reqHistoricalData(23, AAPL, '', '1 D', '7 parsecs' as BarSizeSetting, 'TRADES', 1, 1, false);
    await client.rec.waitFor(EventName.error, errorCode(23, 321));
  });

  it('answers contract details with tick size, multiplier, currency and exchange; unknown symbols get 200', async () => {
    client.ib.reqContractDetails(31, ES);
    const [, details] = (await client.rec.waitFor(EventName.contractDetails, (id: number) => id === 31)) as [number, ContractDetails];
    await client.rec.waitFor(EventName.contractDetailsEnd, (id: number) => id === 31);
    expect(details.minTick).toBe(0.25);
    expect(details.contract).toMatchObject({ symbol: 'ES', secType: 'FUT', multiplier: 50, currency: 'USD', exchange: 'CME', conId: 495512563 });
    client.ib.reqContractDetails(32, AAPL);
    const [, aapl] = (await client.rec.waitFor(EventName.contractDetails, (id: number) => id === 32)) as [number, ContractDetails];
    expect(aapl.minTick).toBe(0.01);
    expect(aapl.contract.primaryExch).toBe('NASDAQ');
    client.ib.reqContractDetails(33, { symbol: 'NOPE', secType: 'STK' as Contract['secType'], currency: 'USD', exchange: 'SMART' });
    await client.rec.waitFor(EventName.error, errorCode(33, 200));
  });

  it('reports positions (and updates them on fills) and the account summary', async () => {
    client.ib.reqPositions();
    await client.rec.waitFor(EventName.positionEnd);
    expect(client.rec.all(EventName.position)).toHaveLength(0);
    gateway.script.setPrice('AAPL', 100);
    client.ib.placeOrder(1000, AAPL, order({ action: OrderAction.BUY, orderType: OrderType.MKT, totalQuantity: 10 }));
    await client.rec.waitFor(EventName.orderStatus, statusIs(1000, 'Filled'));
    const [account, contract, pos, avgCost] = (await client.rec.waitFor(EventName.position)) as [string, Contract, number, number];
    expect([account, contract.symbol, pos, avgCost]).toEqual(['DU123456', 'AAPL', 10, 100.01]);

    client.ib.reqAccountSummary(41, 'All', 'NetLiquidation,TotalCashValue,BuyingPower');
    await client.rec.waitFor(EventName.accountSummaryEnd, (id: number) => id === 41);
    const rows = client.rec.all(EventName.accountSummary).filter((r) => r[0] === 41);
    expect(rows.map((r) => r[2]).sort()).toEqual(['BuyingPower', 'NetLiquidation', 'TotalCashValue']);
    const cash = rows.find((r) => r[2] === 'TotalCashValue');
    expect(cash?.[3]).toBe((1_000_000 - 10 * 100.01 - 1).toFixed(2));
    expect(cash?.[4]).toBe('USD');
  });
});
