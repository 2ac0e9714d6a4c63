// The synthetic live market: advances the factor model in wall-clock steps and emits Quotes for equities and FX.
import { SeededRandom, type EpochMs } from '../model/clock';
import type { Instrument } from '../model/instrument';
import type { Quote } from '../model/marketData';
import { DEFAULT_FACTOR_MODEL, FactorModel, type FactorModelConfig } from './factorModel';
import { FX_PAIRS, FxRates, fxInstrument, type FxPairSpec } from './fxRates';
import { OFF_SESSION_MINUTE_SHARE, intradayVolumeProfile, quoteAround, tickGrid, touchSize, type TickGrid } from './microstructure';
import { MINUTE_MS, sessionPosition } from './sessionCalendar';
import { SESSION_MINUTES, TRADING_DAYS_PER_YEAR, createUniverse, deriveSeed, type SyntheticInstrument } from './universe';

export interface SyntheticFeedOptions {
  readonly seed: number;
  /** Time of the feed's first state, e.g. the end of the stored history or the clock's now. */
  readonly startTime: EpochMs;
  readonly instruments?: readonly SyntheticInstrument[];
  readonly fxPairs?: readonly FxPairSpec[];
  readonly model?: FactorModelConfig;
  /** Last price per symbol (e.g. the last stored close); symbols not listed start at their reference price. */
  readonly lastPrices?: Readonly<Record<string, number>>;
  /** Volatility regime to start in (e.g. the history's final one). Default 1. */
  readonly volatilityMultiplier?: number;
}

interface SeriesState {
  readonly instrument: Instrument;
  readonly grid: TickGrid;
  readonly utcOffsetMinutes: number;
  readonly averageDailyVolume: number;
  readonly baseHalfSpreadBps: number;
  /** Unrounded model price; quotes show it on the tick grid. */
  price: number;
  /** Unrounded so that thin off-session trading still accumulates; reported in whole lots. */
  sessionVolume: number;
  localDay: number;
}

/**
 * The live feed. Every wall-clock millisecond counts as trading time (the synthetic venue never
 * closes, so the workstation is never idle), while volume follows each exchange's session profile
 * and resets at the exchange's local midnight. Deterministic for a given seed, start time and
 * start prices.
 */
export class SyntheticFeed {
  readonly instruments: readonly Instrument[];
  private readonly equities: readonly SyntheticInstrument[];
  private readonly model: FactorModel;
  private readonly fx: FxRates;
  private readonly random: SeededRandom;
  /** Sizes draw from their own stream so that taking a snapshot never changes the price path. */
  private readonly sizeRandom: SeededRandom;
  private readonly states: SeriesState[];
  private readonly bySymbol = new Map<string, number>();
  private readonly returns: Float64Array;
  private readonly profile = intradayVolumeProfile(SESSION_MINUTES);
  private clock: EpochMs;

  constructor(options: SyntheticFeedOptions) {
    this.equities = options.instruments ?? createUniverse(options.seed);
    const fxPairs = options.fxPairs ?? FX_PAIRS;
    this.random = new SeededRandom(deriveSeed(options.seed, `feed:${options.startTime}`));
    this.sizeRandom = new SeededRandom(deriveSeed(options.seed, `feed-sizes:${options.startTime}`));
    this.model = new FactorModel(this.equities, this.random, options.model ?? DEFAULT_FACTOR_MODEL, options.volatilityMultiplier ?? 1);
    const last = options.lastPrices ?? {};
    this.fx = new FxRates(fxPairs, this.random, last);
    this.returns = new Float64Array(this.equities.length);
    this.clock = options.startTime;
    const startPrice = (symbol: string, fallback: number): number => {
      const price = last[symbol];
      return price !== undefined && Number.isFinite(price) && price > 0 ? price : fallback;
    };
    this.states = [
      ...this.equities.map((instrument) => ({
        instrument,
        grid: tickGrid(instrument.tickSize),
        utcOffsetMinutes: instrument.utcOffsetMinutes,
        averageDailyVolume: instrument.averageDailyVolume,
        baseHalfSpreadBps: instrument.baseHalfSpreadBps,
        price: startPrice(instrument.symbol, instrument.referencePrice),
        sessionVolume: 0,
        localDay: sessionPosition(options.startTime, instrument.utcOffsetMinutes).localDay,
      })),
      ...fxPairs.map((pair) => ({
        instrument: fxInstrument(pair),
        grid: tickGrid(pair.tickSize),
        utcOffsetMinutes: 0,
        averageDailyVolume: 0,
        baseHalfSpreadBps: pair.baseHalfSpreadBps,
        price: this.fx.rate(pair.symbol) as number,
        sessionVolume: 0,
        localDay: sessionPosition(options.startTime, 0).localDay,
      })),
    ];
    this.instruments = this.states.map((state) => state.instrument);
    this.states.forEach((state, i) => this.bySymbol.set(state.instrument.symbol, i));
  }

  get time(): EpochMs {
    return this.clock;
  }

  get volatilityMultiplier(): number {
    return this.model.volatilityMultiplier;
  }

  /** Last traded price on the tick grid. */
  lastPrice(symbol: string): number | undefined {
    const i = this.bySymbol.get(symbol);
    if (i === undefined) return undefined;
    const state = this.states[i] as SeriesState;
    return state.grid.round(state.price);
  }

  /** Quotes at the current state without moving the market (the first one shows the start prices). */
  snapshot(symbols?: readonly string[]): Quote[] {
    return this.quotes(symbols);
  }

  /** Advances the market by `stepMs` and returns quotes for `symbols` (default: every equity and FX pair). */
  next(stepMs: number, symbols?: readonly string[]): Quote[] {
    if (!(stepMs >= 0) || !Number.isFinite(stepMs)) throw new Error(`stepMs must be a finite non-negative number, got ${stepMs}`);
    if (stepMs > 0) this.advance(stepMs);
    return this.quotes(symbols);
  }

  private advance(stepMs: number): void {
    this.clock += stepMs;
    const dtYears = stepMs / (TRADING_DAYS_PER_YEAR * SESSION_MINUTES * MINUTE_MS);
    this.model.step(dtYears, this.returns);
    const v = this.model.volatilityMultiplier;
    this.fx.step(dtYears, v);
    const minutes = stepMs / MINUTE_MS;
    for (let i = 0; i < this.states.length; i++) {
      const state = this.states[i] as SeriesState;
      if (i < this.equities.length) {
        state.price *= Math.exp(this.returns[i] as number);
        const position = sessionPosition(this.clock, state.utcOffsetMinutes);
        if (position.localDay !== state.localDay) {
          state.localDay = position.localDay;
          state.sessionVolume = 0;
        }
        const share = position.sessionMinute >= 0 ? (this.profile[position.sessionMinute] as number) : OFF_SESSION_MINUTE_SHARE;
        const traded = state.averageDailyVolume * share * minutes * v * Math.exp(0.4 * this.random.normal() - 0.08);
        state.sessionVolume += traded;
      } else {
        state.price = this.fx.rate(state.instrument.symbol) as number;
      }
    }
  }

  private quotes(symbols?: readonly string[]): Quote[] {
    const indices = symbols ? symbols.map((s) => this.bySymbol.get(s)).filter((i): i is number => i !== undefined) : this.states.keys();
    const v = this.model.volatilityMultiplier;
    const out: Quote[] = [];
    for (const i of indices) {
      const state = this.states[i] as SeriesState;
      const last = Math.max(state.grid.tick, state.grid.round(state.price));
      const { bid, ask } = quoteAround(last, state.baseHalfSpreadBps, v, state.grid);
      const lot = state.instrument.lotSize;
      // FX has no consolidated volume; its touch shows about a million of the base currency.
      const depth = state.averageDailyVolume > 0 ? state.averageDailyVolume : 8_000_000_000;
      out.push({
        symbol: state.instrument.symbol,
        time: this.clock,
        bid,
        ask,
        bidSize: touchSize(depth, lot, v, this.sizeRandom.normal()),
        askSize: touchSize(depth, lot, v, this.sizeRandom.normal()),
        last,
        volume: Math.floor(state.sessionVolume / lot) * lot,
      });
    }
    return out;
  }
}
