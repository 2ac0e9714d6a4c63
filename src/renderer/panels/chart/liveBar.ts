// Folds live quotes into the chart's last bar: same period extends it, a new period opens the next bar.
import type { Quote } from '../../../core/model/marketData';

export interface LiveBar {
  /** Bar open time, epoch ms. */
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

export interface LiveBarState {
  readonly bar: LiveBar | null;
  /** The session volume seen in the previous quote: a bar's volume is the difference. */
  readonly sessionVolume: number | null;
}

/** The bar after `quote`; `changed` is false when the quote is older than the bar (late or replayed). */
export function foldQuote(state: LiveBarState, quote: Quote, periodMs: number): { state: LiveBarState; changed: boolean; opened: boolean } {
  const price = quote.last;
  if (!Number.isFinite(price) || price <= 0) return { state, changed: false, opened: false };
  const bucket = Math.floor(quote.time / periodMs) * periodMs;
  // Session volume restarts each day; a drop means a new session, so its volume counts from zero.
  const traded = state.sessionVolume === null ? 0 : quote.volume >= state.sessionVolume ? quote.volume - state.sessionVolume : quote.volume;
  const bar = state.bar;
  if (bar && bucket < bar.time) return { state, changed: false, opened: false };
  if (bar && bucket === bar.time) {
    const next: LiveBar = { ...bar, high: Math.max(bar.high, price), low: Math.min(bar.low, price), close: price, volume: bar.volume + traded };
    return { state: { bar: next, sessionVolume: quote.volume }, changed: true, opened: false };
  }
  const opened: LiveBar = { time: bucket, open: price, high: price, low: price, close: price, volume: traded };
  return { state: { bar: opened, sessionVolume: quote.volume }, changed: true, opened: true };
}
