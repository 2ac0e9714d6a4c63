// Parity: the same strategy on the same synthetic data through the live path (the node on a SQLite journal with
// setImmediate group commits, on an accelerated clock) and through the backtest gives identical orders and fills,
// and the live path's journal, replayed into a fresh node, restores the backtest's final positions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSyntheticHistory } from '../../../src/core/market';
import { SimulatedScheduler } from '../../../src/core/model/scheduler';
import { runBacktest, type BacktestConfig, type BacktestResult, type BacktestSeries } from '../../../src/core/backtest';
import { IB_FIXED_US_EQUITY } from '../../../src/core/trading/commission';
import { SqliteJournal } from '../../../src/main/storage/journal/sqliteJournal';
import type { ParamValues } from '../../../src/core/strategy/strategy';
import { sample } from '../../unit/core/backtest/fixtures';
import { liveNode, runLivePath } from './liveReplay';

const DAY = 86_400_000;
const history = generateSyntheticHistory({ seed: 11, years: 1.5, minuteDays: 0, endTime: Date.UTC(2025, 5, 30) });
/** Several US listings (one currency: the parity is about the path, not FX). */
const SERIES: BacktestSeries[] = history.instruments
  .map((instrument, i) => ({ instrument, bars: (history.series[i] as (typeof history.series)[number]).daily }))
  .filter((s) => s.instrument.currency === 'USD')
  .slice(0, 6);

const BASE: BacktestConfig = {
  timeframeMs: DAY,
  initialCash: 1_000_000,
  baseCurrency: 'USD',
  fill: 'next-open',
  commission: IB_FIXED_US_EQUITY,
  slippageBps: 5,
  // A tight cap: big orders fill over several bars, and what is left at the close expires (DAY).
  maxVolumeShare: 0.00003,
  limits: [],
  seed: 3,
  accountUtcOffsetMinutes: -300,
};

/** Two sessions of minute bars of the same listings, for a strategy whose entries are worked by an algorithm. */
const intraday = generateSyntheticHistory({ seed: 11, years: 0.05, minuteDays: 2, endTime: Date.UTC(2025, 5, 30) });
const MINUTE_SERIES: BacktestSeries[] = intraday.instruments
  .map((instrument, i) => ({ instrument, bars: (intraday.series[i] as (typeof intraday.series)[number]).minute }))
  .filter((s) => s.instrument.currency === 'USD')
  .slice(0, 4);
const MINUTE_BASE: BacktestConfig = { ...BASE, timeframeMs: 60_000, maxVolumeShare: 0.02 };
const TWAP_PARAMS = { fast: 5, slow: 20, slices: 6, sliceMinutes: 5, urgency: 1, buffer: 0.02 };

const CASES: { strategy: string; params: ParamValues; config: BacktestConfig }[] = [
  { strategy: 'sma-cross', params: { fast: 5, slow: 20 }, config: BASE },
  { strategy: 'sma-cross', params: { fast: 3, slow: 12 }, config: { ...BASE, fill: 'close', maxVolumeShare: 0 } },
  { strategy: 'momentum-rotation', params: { lookback: 20, top: 2, rebalance: 5 }, config: BASE },
];

describe('parity: live path and backtest', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'nautilus-parity-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(CASES)('$strategy $params ($config.fill): identical orders and fills; the journal restores the positions', async ({ strategy, params, config }) => {
    expect(SERIES.length).toBe(6);
    const definition = await sample(strategy);
    const backtest = runBacktest(SERIES, definition, params, config);
    if (!backtest.ok) throw new Error(JSON.stringify(backtest.error));
    const b: BacktestResult = backtest.value;
    const file = join(dir, `${strategy}-${config.fill}.sqlite`);
    const live = await runLivePath(SERIES, definition, params, config, file);

    // The run must exercise the path: many orders on several symbols, partial fills, commissions.
    expect(b.fills.length).toBeGreaterThan(20);
    expect(new Set(b.fills.map((f) => f.symbol)).size).toBeGreaterThan(2);
    expect(b.fills.every((f) => f.commission > 0)).toBe(true);
    if (config.maxVolumeShare > 0) {
      // The volume cap fills orders in part, and the rest of a DAY order expires at the session's close.
      expect(b.orders.some((o) => o.status === 'Expired' && o.filledQuantity > 0 && o.filledQuantity < o.quantity)).toBe(true);
    }
    // The live path's journal really committed asynchronously, from the event loop.
    expect(live.scheduledFlushes).toBeGreaterThan(0);
    expect(live.commits).toBeGreaterThan(0);

    expect(live.orders.length).toBe(b.orders.length);
    expect(live.orders).toEqual(b.orders.map((o) => ({ ...o })));
    expect(live.fills).toEqual(b.fills);

    // A fresh node replays the SQLite journal: its positions are the backtest's.
    const scheduler = new SimulatedScheduler(live.end);
    const journal = SqliteJournal.open(file);
    try {
      const { node } = liveNode(SERIES, config, scheduler, journal, () => {});
      const report = node.restore(journal.records());
      expect(report.unknown).toEqual([]);
      const restored = node.core.positions
        .positions()
        .filter((p) => p.quantity !== 0)
        .map((p) => ({ symbol: p.symbol, quantity: p.quantity, averageCost: p.averageCost }));
      expect(restored.length).toBeGreaterThan(0);
      expect(restored).toEqual(b.positions.map((p) => ({ symbol: p.symbol, quantity: p.quantity, averageCost: p.averageCost })));
      expect(node.core.oms.orders().map((o) => [o.clientOrderId, o.status, o.filledQuantity])).toEqual(b.orders.map((o) => [o.clientOrderId, o.status, o.filledQuantity]));
    } finally {
      journal.close();
    }
  });

  // next-open only: in `close` mode a slice due at a close fills at that close on both paths, but the backtest's
  // synchronous commit shows the fill to the strategy's onBar of that close, the live path's scheduled one a bar later.
  it('twap-entry on minute bars (next-open): the TWAPs’ children and fills are identical on both paths', async () => {
    const definition = await sample('twap-entry');
    const config: BacktestConfig = { ...MINUTE_BASE, fill: 'next-open' };
    const backtest = runBacktest(MINUTE_SERIES, definition, TWAP_PARAMS, config);
    if (!backtest.ok) throw new Error(JSON.stringify(backtest.error));
    const b = backtest.value;
    const live = await runLivePath(MINUTE_SERIES, definition, TWAP_PARAMS, config, join(dir, 'twap-entry.sqlite'));
    // The run must exercise the algorithms: many TWAPs worked by several children, some cut short by the volume cap or
    // the session's close.
    expect(b.executions.length).toBeGreaterThan(10);
    expect(b.executions.every((e) => e.parent.algo === 'TWAP' && e.parent.children.length > 0)).toBe(true);
    expect(b.executions.filter((e) => e.parent.status === 'FILLED' && e.parent.children.length >= TWAP_PARAMS.slices).length).toBeGreaterThan(5);
    expect(b.executions.some((e) => e.parent.status === 'EXPIRED' && e.parent.filled > 0)).toBe(true);
    expect(live.scheduledFlushes).toBeGreaterThan(0);
    expect(live.orders).toEqual(b.orders.map((o) => ({ ...o })));
    expect(live.fills).toEqual(b.fills);
  });
});
