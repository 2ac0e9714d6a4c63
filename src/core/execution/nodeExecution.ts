// The execution desk as a trading node builds it, for the live host and backtests alike: the node's venues shown to
// the router, the node's clock and scheduler, and its OMS (so every child passes pre-trade risk and the journal).
import type { Clock } from '../model/clock';
import type { Instrument, Symbol } from '../model/instrument';
import type { Scheduler } from '../model/scheduler';
import type { OrderManager } from '../trading/oms';
import type { SimulatedExchange } from '../trading/simulatedExchange';
import { ExecutionDesk } from './executionDesk';
import { NodeVenueViews, type ViewedVenue } from './nodeVenueViews';
import type { VenueStatistics } from './venueStats';

export interface NodeExecutionOptions {
  /** How each venue is shown to the router (its costs, latency and book). Absent: the node's simulated exchange's venues as it shows them. */
  readonly venues?: readonly ViewedVenue[];
  /** What the router learned in earlier sessions (live: loaded from the database). */
  readonly stats?: VenueStatistics;
  /** The market's volume traded so far in a symbol, for POV; the last quote's session volume when absent. */
  readonly sessionVolume?: (symbol: Symbol) => number;
  readonly maxMessagesPerSecond?: number;
}

export interface NodeExecutionParts {
  readonly oms: OrderManager;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly instrument: (symbol: Symbol) => Instrument | undefined;
  readonly simulatedVenue: SimulatedExchange | null;
  /**
   * The node's group commit, run after each algorithm timer (as after a strategy's timer): the children a slice
   * releases reach the venue at the slice's time, whether the host schedules its commits (live) or not (a backtest).
   */
  readonly flushAfterTimer: () => void;
}

export interface NodeExecution {
  readonly desk: ExecutionDesk;
  readonly views: NodeVenueViews;
}

export function createNodeExecution(parts: NodeExecutionParts, options: NodeExecutionOptions = {}): NodeExecution {
  const venues = options.venues ?? parts.simulatedVenue?.viewedVenues() ?? [];
  const views = new NodeVenueViews(venues);
  const desk = new ExecutionDesk({
    oms: parts.oms,
    venues: views,
    clock: parts.clock,
    scheduler: flushingAfter(parts.scheduler, parts.flushAfterTimer),
    instrument: parts.instrument,
    sessionVolume: options.sessionVolume ?? ((symbol) => views.sessionVolume(symbol)),
    ...(options.stats ? { stats: options.stats } : {}),
    ...(options.maxMessagesPerSecond !== undefined ? { maxMessagesPerSecond: options.maxMessagesPerSecond } : {}),
  });
  return { desk, views };
}

/** The same scheduler, each task followed by `flush`. */
function flushingAfter(scheduler: Scheduler, flush: () => void): Scheduler {
  return {
    at: (time, task) =>
      scheduler.at(time, () => {
        task();
        flush();
      }),
    every: (periodMs, task) =>
      scheduler.every(periodMs, () => {
        task();
        flush();
      }),
    cancel: (id) => scheduler.cancel(id),
  };
}
