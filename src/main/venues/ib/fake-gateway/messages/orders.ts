// Owns the encoders for order replies: openOrder (5), orderStatus (3), openOrderEnd (53), completedOrder (101) and its end.
import { IN } from '../../wire/messageIds';
import { formatIbDateTime } from '../timeFormat';
import type { WireField } from '../../wire/frameCodec';
import type { FakeOrder, FakeOrderState } from '../types';
import { contractBlock } from './contractFields';

/** The status string on the wire; a rejected order never gets one (201 is terminal), but say Inactive if asked. */
export function wireStatus(state: FakeOrderState): string {
  return state === 'Rejected' ? 'Inactive' : state;
}

/**
 * OPEN_ORDER at server 193 carries no version field and is read by a strict decoder: the field list
 * below follows @stoqey/ib's decodeMsg_OPEN_ORDER in order, for a plain (non-combo, non-algo) order.
 */
export function openOrder(o: FakeOrder, commission?: { readonly amount: number; readonly currency: string }): WireField[] {
  return [
    IN.OPEN_ORDER,
    o.orderId,
    ...contractBlock(o.instrument),
    o.action, o.totalQuantity, o.orderType, o.lmtPrice ?? '', o.auxPrice ?? '', o.tif,
    o.ocaGroup, o.account, '', 0, o.orderRef, o.clientId, o.permId, o.outsideRth, 0, 0, '', '',
    '', '', '', // faGroup, faMethod, faPercentage
    '', '', // modelCode, goodTillDate
    '', '', '', // rule80A, percentOffset, settlingFirm
    0, '', -1, // shortSaleSlot, designatedLocation, exemptCode
    0, // auctionStrategy
    '', '', '', '', '', // startingPrice, stockRefPrice, delta, stockRangeLower, stockRangeUpper
    '', // displaySize
    false, false, false, '', o.ocaType, false, false, '', // blockOrder, sweepToFill, allOrNone, minQty, ocaType, eTradeOnly, firmQuoteOnly, nbboPriceCap
    o.parentId, 0, // parentId, triggerMethod
    '', 0, '', '', 0, 0, // volatility, volatilityType, deltaNeutralOrderType, deltaNeutralAuxPrice, continuousUpdate, referencePriceType
    '', '', // trailStopPrice, trailingPercent
    '', '', // basisPoints, basisPointsType
    '', 0, 0, // comboLegsDescription, comboLegs count, orderComboLegs count
    0, // smartComboRoutingParams count
    '', '', '', // scaleInitLevelSize, scaleSubsLevelSize, scalePriceIncrement
    '', // hedgeType
    false, // optOutSmartRouting
    '', '', // clearingAccount, clearingIntent
    false, // notHeld
    false, // deltaNeutralContract present
    '', // algoStrategy
    false, // solicited
    false, wireStatus(o.state), // whatIf, order state
    '', '', '', '', '', '', // margin before/change (what-if extension)
    '', '', '', // margin after
    commission?.amount ?? '', '', '', commission?.currency ?? '', '', // commission, minCommission, maxCommission, commissionCurrency, warningText
    false, false, // randomizeSize, randomizePrice
    0, // conditions count
    '', '', '', '', '', '', '', 0, // adjustedOrderType, triggerPrice, trailStopPrice, lmtPriceOffset, adjustedStopPrice, adjustedStopLimitPrice, adjustedTrailingAmount, adjustableTrailingUnit
    '', '', '', // softDollarTier name, value, displayName
    '', // cashQty
    false, false, false, false, // dontUseAutoPriceForHedge, isOmsContainer, discretionaryUpToLimitPrice, usePriceMgmtAlgo
    '', '', // duration, postToAts
    false, // autoCancelParent
    '', '', '', '', '', // minTradeQty, minCompeteSize, competeAgainstBestOffset, midOffsetAtWhole, midOffsetAtHalf
    '', false, '', false, // customerAccount, professionalCustomer, bondAccruedInterest, includeOvernight
    '', '', // extOperator, manualOrderIndicator
  ];
}

/** ORDER_STATUS at 193: no version; id, status, filled, remaining, avgFillPrice, permId, parentId, lastFillPrice, clientId, whyHeld, mktCapPrice. */
export function orderStatus(o: FakeOrder): WireField[] {
  const remaining = o.state === 'Cancelled' ? 0 : Math.max(0, o.totalQuantity - o.filled);
  const whyHeld = o.state === 'PreSubmitted' ? 'child' : '';
  return [IN.ORDER_STATUS, o.orderId, wireStatus(o.state), o.filled, remaining, o.avgFillPrice, o.permId, o.parentId, o.lastFillPrice, o.clientId, whyHeld, ''];
}

export const openOrderEnd = (): WireField[] => [IN.OPEN_ORDER_END, 1];

/** COMPLETED_ORDER: no version, no order id; follows decodeMsg_COMPLETED_ORDER field by field. */
export function completedOrder(o: FakeOrder): WireField[] {
  return [
    IN.COMPLETED_ORDER,
    ...contractBlock(o.instrument),
    o.action, o.totalQuantity, o.orderType, o.lmtPrice ?? '', o.auxPrice ?? '', o.tif,
    o.ocaGroup, o.account, '', 0, o.orderRef, o.permId, o.outsideRth, 0, 0, '',
    '', '', '', // faGroup, faMethod, faPercentage
    '', '', // modelCode, goodTillDate
    '', '', '', // rule80A, percentOffset, settlingFirm
    0, '', -1, // shortSaleSlot, designatedLocation, exemptCode
    '', '', '', '', '', // startingPrice, stockRefPrice, delta, stockRangeLower, stockRangeUpper
    '', // displaySize
    false, false, '', o.ocaType, 0, // sweepToFill, allOrNone, minQty, ocaType, triggerMethod
    '', 0, '', '', 0, 0, // volatility block (no open-order-only attributes)
    '', '', // trailStopPrice, trailingPercent
    '', 0, 0, // combo legs
    0, // smartComboRoutingParams count
    '', '', '', // scale
    '', // hedgeType
    '', '', // clearingAccount, clearingIntent
    false, false, '', false, // notHeld, deltaNeutralContract present, algoStrategy, solicited
    wireStatus(o.state),
    false, false, // randomizeSize, randomizePrice
    0, // conditions count
    '', '', // trailStopPrice, lmtPriceOffset
    '', false, false, // cashQty, dontUseAutoPriceForHedge, isOmsContainer
    '', o.filled, 0, false, // autoCancelDate, filledQuantity, refFuturesConId, autoCancelParent
    '', false, false, 0, // shareholder, imbalanceOnly, routeMarketableToBbo, parentPermId
    formatIbDateTime(o.completedAt ?? o.createdAt), o.completedStatus,
    '', '', '', '', '', // peg best / peg mid attributes
    '', false, // customerAccount, professionalCustomer
  ];
}

export const completedOrdersEnd = (): WireField[] => [IN.COMPLETED_ORDERS_END];
