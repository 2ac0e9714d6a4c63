// Owns the encoders for contractData (10) and contractDataEnd (52).
import { IN } from '../../wire/messageIds';
import type { WireField } from '../../wire/frameCodec';
import type { InstrumentSpec } from '../types';
import { multiplierField } from './contractFields';

const ORDER_TYPES = 'ACTIVETIM,AD,ADJUST,ALERT,ALLOC,DAY,GTC,IOC,FOK,LMT,MKT,STP,STPLMT,OCA,TRAIL';

/** CONTRACT_DATA at 193 (version 8 implied): follows decodeMsg_CONTRACT_DATA for a non-fund contract. */
export function contractData(reqId: number, i: InstrumentSpec): WireField[] {
  const validExchanges = i.secType === 'STK' ? `SMART,${i.primaryExchange},ARCA,BATS,IEX` : i.exchange;
  return [
    IN.CONTRACT_DATA,
    reqId,
    i.symbol, i.secType, i.lastTradeDate, i.lastTradeDate, 0, '', // symbol, secType, lastTradeDateOrContractMonth, lastTradeDate, strike, right
    i.exchange, i.currency, i.localSymbol, i.tradingClass, i.tradingClass, i.conId, i.minTick,
    multiplierField(i), ORDER_TYPES, validExchanges,
    1, 0, // priceMagnifier, underConId
    i.longName, i.primaryExchange,
    i.lastTradeDate.slice(0, 6), 'Technology', 'Computers', 'Computers', 'UTC', // contractMonth, industry, category, subcategory, timeZoneId
    '20240102:0930-20240102:1600', '20240102:0930-20240102:1600', // tradingHours, liquidHours
    '', '', // evRule, evMultiplier
    0, // secIdList count
    1, // aggGroup
    '', '', // underSymbol, underSecType
    '26', // marketRuleIds
    i.lastTradeDate, i.secType === 'STK' ? 'COMMON' : '', // realExpirationDate, stockType
    i.sizeIncrement, i.sizeIncrement, i.sizeIncrement * 100, // minSize, sizeIncrement, suggestedSizeIncrement
    0, // ineligibility reasons count
  ];
}

export const contractDataEnd = (reqId: number): WireField[] => [IN.CONTRACT_DATA_END, 1, reqId];
