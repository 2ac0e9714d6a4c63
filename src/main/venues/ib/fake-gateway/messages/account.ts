// Owns the encoders for positions (61, 62) and account summary (63, 64).
import { IN } from '../../wire/messageIds';
import type { WireField } from '../../wire/frameCodec';
import type { PositionRecord } from '../types';
import { multiplierField } from './contractFields';

/** POSITION version 3: account, contract (with exchange, no primary), position, average cost. */
export function position(p: PositionRecord): WireField[] {
  const i = p.instrument;
  return [IN.POSITION, 3, p.account, i.conId, i.symbol, i.secType, i.lastTradeDate, 0, '', multiplierField(i), i.exchange === 'SMART' ? i.primaryExchange : i.exchange, i.currency, i.localSymbol, i.tradingClass, p.quantity, p.avgCost];
}

export const positionEnd = (): WireField[] => [IN.POSITION_END, 1];

export const accountSummary = (reqId: number, account: string, tag: string, value: string, currency: string): WireField[] => [IN.ACCOUNT_SUMMARY, 1, reqId, account, tag, value, currency];

export const accountSummaryEnd = (reqId: number): WireField[] => [IN.ACCOUNT_SUMMARY_END, 1, reqId];
