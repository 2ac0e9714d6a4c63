// Gathers a risk computation's inputs in the backend: the book (what-if or current), stored daily closes and volumes, instruments, FX.
import type { Instrument } from '../../core/model/instrument';
import { err, ok, type Result } from '../../core/model/result';
import type { DailyCloses, RiskBookInput, RiskInputError, RiskInstrument, RiskPosition } from '../../core/risk';
import { FX_PAIRS, rateToBase } from '../../core/market/fxRates';
import type { MarketStore } from '../storage/market/marketStore';

/** A held position; `price` null when it has no mark yet (the last stored close stands in). */
export interface HeldPosition {
  readonly symbol: string;
  readonly quantity: number;
  readonly price: number | null;
  readonly row?: number;
}

/** What the backend knows now: the book, the instrument data, the FX rates to the base currency. */
export interface CurrentBook {
  readonly baseCurrency: string;
  readonly fxRates: Readonly<Record<string, number>>;
  readonly positions: readonly HeldPosition[];
  readonly instruments: readonly Instrument[];
}

/** Net quantity by symbol across accounts, flat positions left out, in first-seen order. */
export function netBySymbol(positions: readonly { symbol: string; quantity: number; markPrice: number | null }[]): HeldPosition[] {
  const out = new Map<string, { quantity: number; price: number | null }>();
  for (const p of positions) {
    const held = out.get(p.symbol) ?? { quantity: 0, price: null };
    held.quantity += p.quantity;
    held.price = p.markPrice ?? held.price;
    out.set(p.symbol, held);
  }
  return [...out].filter(([, h]) => h.quantity !== 0).map(([symbol, h]) => ({ symbol, ...h }));
}

/** FX rates to `base` from the stored daily closes of the FX pairs quoted against it. */
export async function storedFxRates(store: MarketStore, base: string): Promise<Record<string, number>> {
  const last = await store.lastCloses();
  const rates: Record<string, number> = {};
  for (const pair of FX_PAIRS) {
    const close = last[pair.symbol]?.close;
    const rate = close === undefined ? undefined : rateToBase(pair, { bid: 0, ask: 0, last: close }, base);
    if (rate) rates[rate[0]] = rate[1];
  }
  return rates;
}

/** Reads the daily closes of the book's symbols (and `extra`, e.g. a benchmark); a symbol without any is UNKNOWN_SYMBOL on its row. */
export async function loadBookInput(store: MarketStore, book: CurrentBook, extra: readonly string[] = []): Promise<Result<RiskBookInput, RiskInputError>> {
  const closes: DailyCloses[] = [];
  const positions: RiskPosition[] = [];
  for (const p of book.positions) {
    const bars = await store.readBars(p.symbol, '1D');
    if (bars.close.length === 0) return err({ code: 'UNKNOWN_SYMBOL', symbol: p.symbol, row: p.row });
    closes.push({ symbol: p.symbol, time: bars.time, close: bars.close, volume: bars.volume });
    positions.push({ symbol: p.symbol, quantity: p.quantity, price: p.price ?? bars.close[bars.close.length - 1]!, ...(p.row === undefined ? {} : { row: p.row }) });
  }
  for (const symbol of extra) {
    if (closes.some((c) => c.symbol === symbol)) continue;
    const bars = await store.readBars(symbol, '1D');
    if (bars.close.length === 0) return err({ code: 'UNKNOWN_SYMBOL', symbol });
    closes.push({ symbol, time: bars.time, close: bars.close, volume: bars.volume });
  }
  const known = new Map(book.instruments.map((i) => [i.symbol, i]));
  const instruments: RiskInstrument[] = book.positions.map((p) => {
    const i = known.get(p.symbol);
    return i
      ? { symbol: i.symbol, currency: i.currency, multiplier: i.multiplier, sector: i.sector }
      : { symbol: p.symbol, currency: book.baseCurrency, multiplier: 1, sector: 'Unclassified' };
  });
  return ok({ baseCurrency: book.baseCurrency, fxRates: book.fxRates, positions, instruments, closes });
}
