// Owns the fake gateway's contract universe: the default instruments and how a request's contract resolves to one.
import type { ContractRef, InstrumentSpec } from './types';

export const DEFAULT_INSTRUMENTS: readonly InstrumentSpec[] = [
  stock(265598, 'AAPL', 'NASDAQ', 'APPLE INC', 190),
  stock(272093, 'MSFT', 'NASDAQ', 'MICROSOFT CORP', 410),
  stock(756733, 'SPY', 'ARCA', 'SPDR S&P 500 ETF TRUST', 470),
  {
    conId: 495512563,
    symbol: 'ES',
    secType: 'FUT',
    exchange: 'CME',
    primaryExchange: '',
    currency: 'USD',
    localSymbol: 'ESZ6',
    tradingClass: 'ES',
    longName: 'E-mini S&P 500',
    minTick: 0.25,
    multiplier: 50,
    sizeIncrement: 1,
    basePrice: 4800,
    lastTradeDate: '20261218',
  },
  {
    conId: 12087792,
    symbol: 'EUR',
    secType: 'CASH',
    exchange: 'IDEALPRO',
    primaryExchange: '',
    currency: 'USD',
    localSymbol: 'EUR.USD',
    tradingClass: 'EUR.USD',
    longName: 'European Monetary Union Euro',
    minTick: 0.00005,
    multiplier: 1,
    sizeIncrement: 1,
    basePrice: 1.09,
    lastTradeDate: '',
  },
];

function stock(conId: number, symbol: string, primary: string, longName: string, basePrice: number): InstrumentSpec {
  return {
    conId,
    symbol,
    secType: 'STK',
    exchange: 'SMART',
    primaryExchange: primary,
    currency: 'USD',
    localSymbol: symbol,
    tradingClass: primary === 'ARCA' ? symbol : 'NMS',
    longName,
    minTick: 0.01,
    multiplier: 1,
    sizeIncrement: 1,
    basePrice,
    lastTradeDate: '',
  };
}

export class InstrumentRegistry {
  private readonly byConId = new Map<number, InstrumentSpec>();

  constructor(instruments: readonly InstrumentSpec[]) {
    for (const i of instruments) this.byConId.set(i.conId, i);
  }

  all(): InstrumentSpec[] {
    return [...this.byConId.values()];
  }

  bySymbol(symbol: string): InstrumentSpec | undefined {
    const wanted = symbol.toUpperCase();
    return this.all().find((i) => i.symbol === wanted || i.localSymbol === wanted);
  }

  /** conId wins when given; otherwise symbol (or localSymbol) narrowed by any secType/currency the request set. */
  resolve(ref: ContractRef): InstrumentSpec | undefined {
    if (ref.conId > 0) return this.byConId.get(ref.conId);
    const symbol = ref.symbol.toUpperCase();
    const local = ref.localSymbol.toUpperCase();
    return this.all().find(
      (i) =>
        (symbol === '' ? local !== '' && i.localSymbol === local : i.symbol === symbol) &&
        (ref.secType === '' || i.secType === ref.secType.toUpperCase()) &&
        (ref.currency === '' || i.currency === ref.currency.toUpperCase()),
    );
  }
}

/** True when `price` sits on the instrument's tick grid (within float noise). */
export function onTickGrid(price: number, minTick: number): boolean {
  const ticks = price / minTick;
  return Math.abs(ticks - Math.round(ticks)) < 1e-6;
}

export function roundToTick(price: number, minTick: number): number {
  return Number((Math.round(price / minTick) * minTick).toFixed(10));
}
