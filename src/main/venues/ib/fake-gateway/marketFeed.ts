// Owns the deterministic price feed: one seeded random walk per instrument, moved by steps or set by a script.
import { SeededRandom } from '../../../../core/model/clock';
import { roundToTick } from './instruments';
import type { InstrumentSpec, Quote } from './types';

export type QuoteListener = (instrument: InstrumentSpec, quote: Quote) => void;

interface SymbolState {
  readonly instrument: InstrumentSpec;
  readonly rng: SeededRandom;
  quote: Quote;
}

/** Spread is two ticks around last: a market BUY pays last + tick, a market SELL gets last - tick. */
export class MarketFeed {
  private readonly states = new Map<number, SymbolState>();
  private readonly listeners = new Set<QuoteListener>();

  constructor(instruments: readonly InstrumentSpec[], seed: number) {
    for (const instrument of instruments) {
      const rng = new SeededRandom((seed ^ hashString(instrument.symbol)) >>> 0);
      this.states.set(instrument.conId, { instrument, rng, quote: makeQuote(instrument, instrument.basePrice, 0, 0, rng) });
    }
  }

  quote(instrument: InstrumentSpec): Quote {
    return this.state(instrument).quote;
  }

  onQuote(listener: QuoteListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Moves every instrument `steps` times along its walk, notifying after each step. */
  advance(steps = 1): void {
    for (let s = 0; s < steps; s += 1) {
      for (const state of this.states.values()) {
        const { instrument, rng, quote } = state;
        // A few ticks per step, scaled to the price so AAPL and EUR.USD both move visibly.
        const ticksPerSigma = Math.max(1, Math.round((instrument.basePrice * 0.0005) / instrument.minTick));
        const move = Math.round(rng.normal() * ticksPerSigma) * instrument.minTick;
        const last = Math.max(instrument.minTick * 2, quote.last + move);
        this.publish(state, last, rng.int(1, 5) * 100);
      }
    }
  }

  /** Puts an instrument's last price where a test wants it (rounded to tick); bid/ask follow. */
  setLast(instrument: InstrumentSpec, price: number): Quote {
    const state = this.state(instrument);
    this.publish(state, Math.max(instrument.minTick * 2, price), 100);
    return state.quote;
  }

  private publish(state: SymbolState, last: number, lastSize: number): void {
    state.quote = makeQuote(state.instrument, last, state.quote.seq + 1, state.quote.volume + lastSize, state.rng, lastSize);
    for (const listener of this.listeners) listener(state.instrument, state.quote);
  }

  private state(instrument: InstrumentSpec): SymbolState {
    const state = this.states.get(instrument.conId);
    if (!state) throw new Error(`market feed has no instrument ${instrument.symbol} (${instrument.conId})`);
    return state;
  }
}

function makeQuote(instrument: InstrumentSpec, rawLast: number, seq: number, volume: number, rng: SeededRandom, lastSize = 100): Quote {
  const last = roundToTick(rawLast, instrument.minTick);
  return {
    last,
    bid: roundToTick(last - instrument.minTick, instrument.minTick),
    ask: roundToTick(last + instrument.minTick, instrument.minTick),
    bidSize: rng.int(1, 9) * 100,
    askSize: rng.int(1, 9) * 100,
    lastSize,
    volume,
    seq,
  };
}

/** FNV-1a, so each symbol gets its own reproducible stream from one seed. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
