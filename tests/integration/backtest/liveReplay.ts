// The live path for the parity test: the trading node built as the live host builds it (a SQLite journal on a real
// file, the group commit scheduled with setImmediate, the simulated exchange, a strategy host), on an accelerated
// clock (a SimulatedScheduler) fed the same bar quotes through the same replay, the event loop turning between
// data events (until no group commit is left) so every group commit really runs asynchronously.
import { SeededRandom } from '../../../src/core/model/clock';
import type { Fill } from '../../../src/core/model/fill';
import type { Order } from '../../../src/core/model/order';
import { SimulatedScheduler } from '../../../src/core/model/scheduler';
import { BACKTEST_ACCOUNT, backtestFillModel, buildTimeline, replayBars, type BacktestConfig, type BacktestSeries } from '../../../src/core/backtest';
import { SimulatedVenue } from '../../../src/core/trading/simulatedVenue';
import { TradingNode } from '../../../src/core/trading/tradingNode';
import { StrategyHost } from '../../../src/core/strategy/strategyHost';
import type { ParamValues, StrategyDefinition } from '../../../src/core/strategy/strategy';
import { SqliteJournal } from '../../../src/main/storage/journal/sqliteJournal';

export interface LiveRun {
  readonly orders: readonly Order[];
  readonly fills: readonly Fill[];
  /** Group commits the SQLite journal made, and how many of them ran from setImmediate (not a driver's flush). */
  readonly commits: number;
  readonly scheduledFlushes: number;
  readonly end: number;
}

/** Live-path node options, as tradingService.ts sets them, with the backtest's venue (no random latency or slippage). */
export function liveNode(series: readonly BacktestSeries[], config: BacktestConfig, scheduler: SimulatedScheduler, journal: SqliteJournal, onScheduled: () => void) {
  const instruments = series.map((s) => s.instrument);
  const venue = new SimulatedVenue({ name: 'BACKTEST', instruments, clock: scheduler, random: new SeededRandom(config.seed), fillModel: backtestFillModel(config), depth: { levels: 1, levelSpacingTicks: 1, sizeDecay: 1 }, commission: config.commission });
  const node = new TradingNode({
    account: BACKTEST_ACCOUNT,
    baseCurrency: config.baseCurrency,
    clock: scheduler,
    scheduler,
    journal,
    instruments,
    simulatedVenue: venue,
    venues: [venue],
    limits: config.limits,
    capital: config.initialCash,
    highestOrderSequence: journal.highestOrderSequence(),
    // Group commit as live: after this turn of the event loop.
    scheduleFlush: (flush) =>
      setImmediate(() => {
        onScheduled();
        flush();
      }),
    ackTimeoutMs: 5_000,
    accountUtcOffsetMinutes: config.accountUtcOffsetMinutes,
    // The venue answers as quotes arrive (no latency to poll out); the ack time-out check runs on the accelerated clock.
    venuePollMs: null,
    timeoutCheckMs: 60_000,
    commission: config.commission,
  });
  return { node, venue };
}

export async function runLivePath(series: readonly BacktestSeries[], definition: StrategyDefinition, params: ParamValues, config: BacktestConfig, journalFile: string): Promise<LiveRun> {
  const timeline = buildTimeline(series);
  const scheduler = new SimulatedScheduler(timeline.times[0] as number);
  const journal = SqliteJournal.open(journalFile);
  let scheduledFlushes = 0;
  const { node, venue } = liveNode(series, config, scheduler, journal, () => scheduledFlushes++);
  const fills: Fill[] = [];
  node.core.oms.subscribe((event) => {
    if (event.kind === 'FILL') fills.push(event.fill);
  });
  const host = new StrategyHost({ node, scheduler, definition, params, symbols: series.map((s) => s.instrument.symbol), initialCash: config.initialCash });
  node.start();
  host.start();
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
  // Live never calls flush() between data events: the scheduled group commits run while the event loop turns, until
  // none is left (live has a bar's worth of turns between data events: a venue's answer to what a commit sent, and
  // what the router sends on it, are each committed by the next scheduled flush).
  const settle = async () => {
    for (let ran = -1; ran !== scheduledFlushes; ) {
      ran = scheduledFlushes;
      await turn();
    }
  };
  for (const step of replayBars(timeline, series, config, { node, venue, host, scheduler })) {
    if (step.kind !== "PROGRESS") await settle();
  }
  host.stop();
  node.stop();
  await turn();
  const commits = journal.commits;
  journal.close();
  return { orders: node.core.oms.orders().map((o) => ({ ...o })), fills, commits, scheduledFlushes, end: scheduler.now() };
}
