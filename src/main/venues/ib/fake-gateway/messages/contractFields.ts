// Owns the contract field block shared by openOrder, completedOrder, execDetails and position replies.
import type { WireField } from '../../wire/frameCodec';
import type { InstrumentSpec } from '../types';

/** conId, symbol, secType, lastTradeDate, strike, right, multiplier, exchange, currency, localSymbol, tradingClass. */
export function contractBlock(i: InstrumentSpec, exchange = i.exchange): WireField[] {
  return [i.conId, i.symbol, i.secType, i.lastTradeDate, 0, '', multiplierField(i), exchange, i.currency, i.localSymbol, i.tradingClass];
}

/** Stocks and FX carry no multiplier on the wire (TWS sends an empty field); futures send theirs. */
export function multiplierField(i: InstrumentSpec): WireField {
  return i.secType === 'FUT' || i.secType === 'OPT' ? i.multiplier : '';
}
