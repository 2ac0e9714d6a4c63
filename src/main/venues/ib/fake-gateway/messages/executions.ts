// Owns the encoders for execution replies: execDetails (11), execDetailsEnd (55) and commissionReport (59).
import { IN } from '../../wire/messageIds';
import { formatIbDateTime } from '../timeFormat';
import type { WireField } from '../../wire/frameCodec';
import type { ExecutionRecord } from '../types';
import { contractBlock } from './contractFields';

/** EXECUTION_DATA at 193: no version field. reqId is -1 for a live fill, the request's id for reqExecutions. */
export function execDetails(reqId: number, e: ExecutionRecord, time = formatIbDateTime(e.time)): WireField[] {
  const i = e.instrument;
  const exchange = i.primaryExchange || i.exchange;
  return [
    IN.EXECUTION_DATA,
    reqId,
    e.orderId,
    ...contractBlock(i, exchange),
    e.execId, time, e.account, exchange, e.side, e.shares, e.price,
    e.permId, e.clientId, 0, // liquidation
    e.cumQty, e.avgPrice, e.orderRef,
    '', '', // evRule, evMultiplier
    '', // modelCode
    e.side === 'BOT' ? 2 : 1, // lastLiquidity: 1 added, 2 removed
    false, // pendingPriceRevision
  ];
}

export const execDetailsEnd = (reqId: number): WireField[] => [IN.EXECUTION_DATA_END, 1, reqId];

/** Realized P&L is Double.MAX_VALUE ("unset") for a fill that did not close anything, as TWS sends it. */
export function commissionReport(e: ExecutionRecord): WireField[] {
  return [IN.COMMISSION_REPORT, 1, e.execId, e.commission, e.instrument.currency, e.realizedPnl ?? Number.MAX_VALUE, Number.MAX_VALUE, 0];
}
