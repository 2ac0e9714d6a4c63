// The backtest driver: replays bars of many symbols in time order through the very trading node the workstation
// trades on (order state table, pre-trade risk, matching engine, fill model), on a simulated clock and a memory journal.
import { SeededRandom } from '../model/clock';
import type { Fill } from '../model/fill';
import { err, ok, type Result } from '../model/result';
import { SimulatedScheduler } from '../model/scheduler';
import { MemoryJournal } from '../trading/journal';
import { SimulatedVenue } from '../trading/simulatedVenue';
import { TradingNode } from '../trading/tradingNode';
import { StrategyFailure, StrategyHost } from '../strategy/strategyHost';
import type { ParamValues, StrategyDefinition } from '../strategy/strategy';
import type { BacktestConfig, BacktestError, BacktestHooks, BacktestResult, BacktestSeries } from './backtestTypes';
import { buildTimeline, validateSeries } from './barTimeline';
import { replayBars } from './barReplay';
import type { FillModelConfig } from '../trading/fillModel';
import { roundTripsOf } from './roundTrips';
import { DailyEquityRecorder } from './dailyEquity';
import { BarHistory } from './barHistory';
import { backtestExecutions } from './backtestExecutions';

export const BACKTEST_ACCOUNT = 'BACKTEST';

/** The simulated exchange of a backtest: no latency, no random slippage or partial fills; slippage in basis points. */
export function backtestFillModel(config: BacktestConfig): FillModelConfig {
  return { latencyMs: 0, latencyJitterMs: 0, maxSlippageTicks: 0, slippageProbability: 0, partialFillProbability: 0, minPartialFraction: 1, slippageBps: config.slippageBps };
}

export function runBacktest(
  series: readonly BacktestSeries[],
  definition: StrategyDefinition,
  params: ParamValues,
  config: BacktestConfig,
  hooks: BacktestHooks = {},
): Result<BacktestResult, BacktestError> {
  const invalid = validateSeries(series);
  if (invalid) return err(invalid);
  const timeline = buildTimeline(series);
  if (timeline.times.length === 0) return err({ code: 'NO_BARS', detail: 'no bar in the requested range for any symbol' });

  const start = timeline.times[0] as number;
  const scheduler = new SimulatedScheduler(start);
  const history = new BarHistory(series, config.timeframeMs, scheduler);
  const instruments = series.map((s) => s.instrument);
  const venue = new SimulatedVenue({
    name: 'BACKTEST',
    instruments,
    clock: scheduler,
    random: new SeededRandom(config.seed),
    fillModel: backtestFillModel(config),
    depth: { levels: 1, levelSpacingTicks: 1, sizeDecay: 1 },
    commission: config.commission,
  });
  const node = new TradingNode({
    account: BACKTEST_ACCOUNT,
    baseCurrency: config.baseCurrency,
    clock: scheduler,
    scheduler,
    journal: new MemoryJournal(),
    instruments,
    simulatedVenue: venue,
    venues: [venue],
    limits: config.limits,
    capital: config.initialCash,
    accountUtcOffsetMinutes: config.accountUtcOffsetMinutes,
    venuePollMs: null,
    timeoutCheckMs: null,
    commission: config.commission,
    // The desk sees the backtest's one venue (its book on the bars); POV's market volume is what closed bars traded.
    execution: { sessionVolume: (symbol) => history.volumeTraded(symbol) },
  });
  const fills: Fill[] = [];
  node.core.oms.subscribe((event) => {
    if (event.kind === 'FILL') fills.push(event.fill);
  });
  const symbols = series.map((s) => s.instrument.symbol);
  try {
    const host = new StrategyHost({ node, scheduler, definition, params, symbols, initialCash: config.initialCash, pastBars: (symbol, from, to) => history.bars(symbol, from, to) });
    const recorder = new DailyEquityRecorder(host.portfolio, () => node.core.positions.positions(), (symbol) => node.core.instrument(symbol), node.core.fx);
    node.core.oms.subscribe((event) => {
      if (event.kind === 'FILL') recorder.traded(event.fill);
    });
    node.start();
    host.start();
    // The in-memory journal commits at once: the node is settled synchronously after each group of opens (the host
    // flushes after every close itself).
    for (const step of replayBars(timeline, series, config, { node, venue, host, scheduler, afterClose: (t) => recorder.record(t) }, hooks.progressEvery)) {
      if (step.kind === 'OPENED') node.flush();
      else if (step.kind === 'PROGRESS') {
        const { progress } = step;
        if (progress.barsDone < progress.barsTotal && hooks.isCancelled?.()) return err({ code: 'BACKTEST_CANCELLED', barsDone: progress.barsDone });
        hooks.onProgress?.(progress);
      }
    }
    host.stop();
    node.stop();
    const positions = node.core.positions
      .positions()
      .filter((p) => p.quantity !== 0)
      .map((p) => ({ symbol: p.symbol, quantity: p.quantity, averageCost: p.averageCost, mark: p.markPrice ?? NaN }));
    const multiplierOf = (symbol: string) => node.core.instrument(symbol)?.multiplier ?? 1;
    const toBase = (amount: number, symbol: string) => node.core.fx.convert(amount, node.core.instrument(symbol)?.currency ?? config.baseCurrency) ?? NaN;
    return ok({
      params,
      symbols,
      from: start,
      to: timeline.times[timeline.times.length - 1] as number,
      barCount: timeline.barCount,
      finalEquity: host.portfolio.equity(),
      orders: node.core.oms.orders().map((o) => Object.freeze({ ...o })),
      fills,
      trades: roundTripsOf(fills, multiplierOf, toBase),
      denials: host.denials,
      executions: backtestExecutions(node, host.executions(), history),
      equity: recorder.result(),
      positions,
    });
  } catch (error) {
    if (error instanceof StrategyFailure) return err({ code: 'STRATEGY_THREW', callback: error.callback, message: error.strategyMessage, stack: error.strategyStack });
    throw error;
  }
}
