// The live workstation's simulated exchange is a five-venue market (issue 18) through the real headless backend: each
// venue shows its own book on the API, a marketable SMART buy larger than one venue's display sweeps several venues
// best price first with the decision naming each, and across a restart the per-venue statistics, the working children
// on every venue and the uniqueness of every venue's execution ids hold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workstation } from '../../../src/main/workstation';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import { DEFAULT_VENUE_PROFILES } from '../../../src/core/execution/venueProfile';
import { DEFAULT_LIMITS } from '../../../src/main/trading/defaultLimits';
import type { RiskLimit } from '../../../src/core/trading/risk/limits';
import type { MethodInput, MethodName, MethodOutput } from '../../../src/shared/contracts/api';

const SIM_VENUES = DEFAULT_VENUE_PROFILES.map((p) => p.name);
/** The synthetic feed shows thousands of shares a level: exposure limits sized for a sweep of one touch and more. */
const SWEEP_LIMITS: RiskLimit[] = DEFAULT_LIMITS.map((l) => {
  switch (l.kind) {
    case 'MAX_ORDER_NOTIONAL':
    case 'MAX_GROSS_EXPOSURE':
    case 'MAX_NET_EXPOSURE':
    case 'MAX_CURRENCY_EXPOSURE':
      return { ...l, max: 50_000_000 };
    case 'MAX_POSITION':
      return { ...l, max: 1_000_000 };
    case 'MAX_LEVERAGE':
      return { ...l, max: 100 };
    case 'MAX_SYMBOL_CONCENTRATION':
    case 'MAX_SECTOR_CONCENTRATION':
      return { ...l, maxFraction: 100 };
    default:
      return l;
  }
});

describe('the live five-venue simulated market', () => {
  let dataDir: string;
  let ws: Workstation;
  let symbol: string;
  let tick: number;

  const start = () => Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), engines: [], syntheticHistory: { seed: 11, years: 1, minuteDays: 1 }, marketIntervalMs: 10 });
  async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const reply = await ws.dispatch(method, input);
    if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
    return reply.value as MethodOutput<M>;
  }
  const parent = async (id: string) => (await call('execution.parents', {})).find((p) => p.id === id);
  const children = async (id: string) => (await call('orders.list', { scope: 'all' })).filter((o) => o.parentId === id);
  /** Every simulated venue shows a book on both sides (the feed is running). */
  const booksShown = async () => {
    const views = await call('execution.venues', { symbol });
    return SIM_VENUES.every((name) => views.some((v) => v.venue === name && v.asks.length > 0 && v.bids.length > 0));
  };

  /** Until the feed has shown every venue a book (a wait on a condition, outside a test so without expect.poll). */
  const untilBooksShown = async () => {
    for (let i = 0; i < 400 && !(await booksShown()); i++) await new Promise((r) => setTimeout(r, 50));
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'nautilus-live-market-'));
    ws = await start();
    const instruments = await call('market.instruments', {});
    const chosen = instruments.find((i) => i.currency === 'USD' && i.lotSize === 1 && i.tickSize === 0.01 && i.assetClass === 'EQUITY')!;
    symbol = chosen.symbol;
    tick = chosen.tickSize;
    await untilBooksShown();
    expect((await call('risk.setLimits', { limits: SWEEP_LIMITS })).ok).toBe(true);
  });
  afterAll(async () => {
    await ws?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows every venue SMART can use with its own book: five simulated venues by profile, and IB (down until connected)', async () => {
    const views = await call('execution.venues', { symbol });
    expect(views.map((v) => v.venue)).toEqual([...SIM_VENUES, 'IB']);
    expect(views.find((v) => v.venue === 'IB')!.status).toBe('DOWN');
    for (const profile of DEFAULT_VENUE_PROFILES) {
      const view = views.find((v) => v.venue === profile.name)!;
      expect(view).toMatchObject({ status: 'UP', takerFeePerShare: profile.takerFeePerShare, makerFeePerShare: profile.makerFeePerShare, latencyMs: profile.latencyMs, fillProbability: profile.fillProbability });
      expect(view.asks.length).toBeGreaterThan(0);
      expect(view.asks.length).toBeLessThanOrEqual(profile.levels);
      expect(view.asks[0]!.price).toBeGreaterThan(view.bids[0]!.price);
    }
    // One price process: SIM-C quotes one tick outside the primary venue, SIM-E two, whatever was taken meanwhile.
    await expect
      .poll(async () => {
        const now = await call('execution.venues', { symbol });
        const top = (name: string) => now.find((v) => v.venue === name)!.asks[0]!.price;
        return [Math.round((top('SIM-C') - top('SIM')) / tick), Math.round((top('SIM-E') - top('SIM')) / tick)];
      }, { timeout: 10_000 })
      .toEqual([1, 2]);
    expect(await call('venues.list', {})).toEqual({ venues: [...SIM_VENUES, 'IB'].map((name) => ({ name, default: name === 'SIM' })) });
  });

  it('a marketable SMART buy larger than the primary venue’s touch sweeps several venues, best price first, and the decision names each', async () => {
    const views = await call('execution.venues', { symbol });
    const quantity = views.find((v) => v.venue === 'SIM')!.asks[0]!.size + 1;
    const submitted = await call('execution.submit', { symbol, side: 'BUY', quantity, limitPrice: null, style: { kind: 'SMART', ioc: false } });
    if (!submitted.ok) throw new Error(JSON.stringify(submitted.error));
    const id = submitted.value.id;
    await expect.poll(async () => (await parent(id))?.status, { timeout: 15_000 }).toBe('FILLED');

    const detail = (await call('execution.detail', { parentId: id }))!;
    const first = detail.decisions[0]!;
    expect(first.reason).toBe('NEW');
    // The decision weighed every venue and says why each was or was not used.
    expect(first.assessments.map((a) => a.venue)).toEqual([...SIM_VENUES, 'IB']);
    expect(first.assessments.find((a) => a.venue === 'IB')!.ineligible).toBe('DOWN');
    const taken = first.children.filter((c) => c.liquidity === 'TAKE' && c.type === 'LIMIT');
    const venuesSwept = new Set(taken.map((c) => c.venue));
    expect(venuesSwept.size).toBeGreaterThanOrEqual(2);
    for (const v of venuesSwept) expect(SIM_VENUES).toContain(v);
    // Best price first: the worst price paid anywhere is no better than any eligible venue's touch left unswept.
    const worstPaid = Math.max(...taken.map((c) => c.limitPrice!));
    for (const a of first.assessments) {
      if (a.ineligible === null && a.touch !== null && a.touch < worstPaid - tick / 2) expect(venuesSwept, `${a.venue} showed ${a.touch} < ${worstPaid}`).toContain(a.venue);
    }
    // The children are orders on those venues: their fills make the parent's, each at its venue.
    const kids = await children(id);
    expect(kids.reduce((s, o) => s + o.filledQuantity, 0)).toBe(quantity);
    // Each child order says where it went (the blotter's Venue column), as the router recorded it.
    const routed = new Map((await call('execution.detail', { parentId: id }))!.children.map((c) => [c.clientOrderId, c.venue]));
    expect(kids.map((k) => k.venue)).toEqual(kids.map((k) => routed.get(k.clientOrderId)));
    const fills = (await call('fills.list', {})).filter((f) => kids.some((k) => k.clientOrderId === f.clientOrderId));
    const fillVenues = new Set(fills.map((f) => f.venueOrderId.slice(0, f.venueOrderId.lastIndexOf('-C'))));
    expect(fillVenues.size).toBeGreaterThanOrEqual(2);
    const stats = await call('execution.venueStats', {});
    for (const v of venuesSwept) expect(stats.find((s) => s.venue === v)!.ordersSent).toBeGreaterThan(0);
    // Every venue is listed, those never sent to as well.
    expect(stats.map((s) => s.venue)).toEqual([...SIM_VENUES, 'IB'].sort());
  });

  it('across a restart: per-venue statistics stay, a child working on a non-primary venue is working there again, and execution ids stay unique on every venue', async () => {
    // Nothing working: what the router learned on every venue is as it was after a restart.
    const statsBefore = await call('execution.venueStats', {});
    expect(statsBefore.filter((s) => s.ordersSent > 0).length).toBeGreaterThanOrEqual(2);
    await ws.stop();
    ws = await start();
    await untilBooksShown();
    expect(await call('execution.venueStats', {})).toEqual(statsBefore);

    // A passive buy far below the market, while the primary venue is degraded: it rests on another venue. That venue
    // forgets it with the process, so the restart must settle that venue's orders too and the parent rest again.
    ws.trading.market.setStatus('SIM', 'DEGRADED');
    const bid = ws.live.quote(symbol)!.bid;
    const passive = Math.round((bid * 0.95) / tick) * tick;
    const resting = await call('execution.submit', { symbol, side: 'BUY', quantity: 30, limitPrice: passive, style: { kind: 'SMART', ioc: false } });
    if (!resting.ok) throw new Error(JSON.stringify(resting.error));
    const restingId = resting.value.id;
    await expect.poll(async () => (await call('orders.list', { scope: 'working' })).filter((o) => o.parentId === restingId && o.status === 'Accepted').length, { timeout: 10_000 }).toBeGreaterThan(0);
    const restedOn = (await call('execution.detail', { parentId: restingId }))!.children.map((c) => c.venue);
    expect(restedOn.length).toBeGreaterThan(0);
    expect(restedOn).not.toContain('SIM');
    const fillsBefore = await call('fills.list', {});

    await ws.stop();
    ws = await start();
    await untilBooksShown();
    // Each working child is one its venue knows: none is left "working" at a venue that forgot it.
    const venueOpen = async () => {
      const open = new Map<string, Set<string>>();
      for (const venue of ws.trading.market.venues) open.set(venue.name, new Set((await venue.openOrders()).map((o) => o.clientOrderId)));
      const detail = (await call('execution.detail', { parentId: restingId }))!;
      const working = detail.children.filter((c) => c.working);
      return working.length > 0 && working.every((c) => open.get(c.venue)?.has(c.clientOrderId) === true);
    };
    await expect.poll(venueOpen, { timeout: 10_000 }).toBe(true);
    expect(await parent(restingId)).toMatchObject({ status: 'WORKING', filled: 0 });

    // A second sweep after the restart (a sell, so the position stays inside the limits): its fills land (none
    // dropped as a duplicate of an earlier session's) and every execution id across both sessions and all venues is distinct.
    const errors: string[] = [];
    ws.bus.subscribe('system.log', (e) => {
      const entry = e as { level: string; message: string };
      if (entry.level === 'error') errors.push(entry.message);
    });
    const views = await call('execution.venues', { symbol });
    const quantity = views.find((v) => v.venue === 'SIM')!.bids[0]!.size + 1;
    const again = await call('execution.submit', { symbol, side: 'SELL', quantity, limitPrice: null, style: { kind: 'SMART', ioc: false } });
    if (!again.ok) throw new Error(JSON.stringify(again.error));
    await expect.poll(async () => (await parent(again.value.id))?.status, { timeout: 15_000 }).toBe('FILLED');
    const kids = await children(again.value.id);
    const fillsAfter = await call('fills.list', {});
    const newFills = fillsAfter.filter((f) => kids.some((k) => k.clientOrderId === f.clientOrderId));
    expect(newFills.reduce((s, f) => s + f.quantity, 0)).toBe(quantity);
    const ids = [...fillsBefore, ...newFills].map((f) => f.executionId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(errors).toEqual([]);
  }, 90_000);
});
