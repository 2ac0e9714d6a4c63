// Owns parsing of client→gateway frames (as @stoqey/ib encodes them at server 193) into typed requests.
import { err, ok, type Result } from '../../../../core/model/result';
import { FieldParseError, FieldReader } from '../wire/fieldReader';
import { OUT } from '../wire/messageIds';
import { parseIbDateTime } from './timeFormat';
import type { ContractRef, ExecutionFilterRequest, PlaceOrderRequest } from './types';

export type ClientRequest =
  | { readonly kind: 'startApi'; readonly clientId: number; readonly capabilities: string }
  | { readonly kind: 'placeOrder'; readonly order: PlaceOrderRequest }
  | { readonly kind: 'cancelOrder'; readonly orderId: number }
  | { readonly kind: 'openOrders'; readonly scope: 'client' | 'all' | 'auto' }
  | { readonly kind: 'executions'; readonly reqId: number; readonly filter: ExecutionFilterRequest }
  | { readonly kind: 'completedOrders'; readonly apiOnly: boolean }
  | { readonly kind: 'ids' }
  | { readonly kind: 'globalCancel' }
  | { readonly kind: 'mktData'; readonly reqId: number; readonly contract: ContractRef; readonly snapshot: boolean }
  | { readonly kind: 'cancelMktData'; readonly reqId: number }
  | {
      readonly kind: 'historicalData';
      readonly reqId: number;
      readonly contract: ContractRef;
      readonly endDateTime: string;
      readonly barSize: string;
      readonly duration: string;
      readonly useRth: boolean;
      readonly whatToShow: string;
      readonly formatDate: number;
      readonly keepUpToDate: boolean;
    }
  | { readonly kind: 'cancelHistoricalData'; readonly reqId: number }
  | { readonly kind: 'contractDetails'; readonly reqId: number; readonly contract: ContractRef }
  | { readonly kind: 'currentTime' }
  | { readonly kind: 'managedAccounts' }
  | { readonly kind: 'positions' }
  | { readonly kind: 'cancelPositions' }
  | { readonly kind: 'accountSummary'; readonly reqId: number; readonly group: string; readonly tags: readonly string[] }
  | { readonly kind: 'cancelAccountSummary'; readonly reqId: number }
  | { readonly kind: 'marketDataType'; readonly type: number }
  | { readonly kind: 'unsupported'; readonly msgId: number };

export type RequestParseError =
  | { readonly code: 'BAD_MESSAGE_ID'; readonly value: string }
  | { readonly code: 'BAD_FIELD'; readonly field: string; readonly index: number; readonly value: string | undefined }
  | { readonly code: 'BAD_TIME'; readonly field: string; readonly value: string };

class BadTime extends Error {
  constructor(
    readonly field: string,
    readonly value: string,
  ) {
    super(`bad time ${value}`);
  }
}

/** Parses one decoded frame. Trailing fields beyond what we read are ignored (placeOrder's long tail). */
export function parseClientRequest(fields: readonly string[]): Result<ClientRequest, RequestParseError> {
  const first = fields[0] ?? '';
  if (!/^\d+$/.test(first)) return err({ code: 'BAD_MESSAGE_ID', value: first });
  const msgId = Number(first);
  const r = new FieldReader(fields, 1);
  try {
    return ok(parseBody(msgId, r));
  } catch (e) {
    if (e instanceof FieldParseError) return err({ code: 'BAD_FIELD', field: e.field, index: e.index, value: e.value });
    if (e instanceof BadTime) return err({ code: 'BAD_TIME', field: e.field, value: e.value });
    throw e;
  }
}

function parseBody(msgId: number, r: FieldReader): ClientRequest {
  switch (msgId) {
    case OUT.START_API: {
      r.int('version');
      const clientId = r.int('clientId');
      return { kind: 'startApi', clientId, capabilities: r.remaining > 0 ? r.str('optionalCapabilities') : '' };
    }
    case OUT.PLACE_ORDER:
      return { kind: 'placeOrder', order: parsePlaceOrder(r) };
    case OUT.CANCEL_ORDER:
      // At 193 (>= CME_TAGGING_FIELDS) there is no version field: orderId comes first.
      return { kind: 'cancelOrder', orderId: r.int('orderId') };
    case OUT.REQ_OPEN_ORDERS:
      return { kind: 'openOrders', scope: 'client' };
    case OUT.REQ_ALL_OPEN_ORDERS:
      return { kind: 'openOrders', scope: 'all' };
    case OUT.REQ_AUTO_OPEN_ORDERS:
      return { kind: 'openOrders', scope: 'auto' };
    case OUT.REQ_EXECUTIONS: {
      r.int('version');
      const reqId = r.int('reqId');
      const clientId = r.int('filter.clientId');
      const account = r.str('filter.acctCode');
      const time = r.str('filter.time');
      const since = time === '' ? undefined : parseIbDateTime(time);
      if (time !== '' && since === undefined) throw new BadTime('filter.time', time);
      return {
        kind: 'executions',
        reqId,
        filter: { clientId, account, since, symbol: r.str('filter.symbol'), secType: r.str('filter.secType'), exchange: r.str('filter.exchange'), side: r.str('filter.side') },
      };
    }
    case OUT.REQ_COMPLETED_ORDERS:
      return { kind: 'completedOrders', apiOnly: r.bool('apiOnly') };
    case OUT.REQ_IDS:
      return { kind: 'ids' };
    case OUT.REQ_GLOBAL_CANCEL:
      return { kind: 'globalCancel' };
    case OUT.REQ_MKT_DATA: {
      r.int('version');
      const reqId = r.int('reqId');
      const contract = parseContract(r, { primaryExchange: true });
      if (contract.secType.toUpperCase() === 'BAG') return { kind: 'unsupported', msgId };
      if (r.bool('deltaNeutralContract')) r.skip(3);
      r.str('genericTickList');
      return { kind: 'mktData', reqId, contract, snapshot: r.bool('snapshot') };
    }
    case OUT.CANCEL_MKT_DATA:
      r.int('version');
      return { kind: 'cancelMktData', reqId: r.int('reqId') };
    case OUT.REQ_HISTORICAL_DATA: {
      const reqId = r.int('reqId');
      const contract = parseContract(r, { primaryExchange: true });
      r.bool('includeExpired');
      const endDateTime = r.str('endDateTime');
      const barSize = r.str('barSizeSetting');
      const duration = r.str('durationStr');
      const useRth = r.bool('useRTH');
      const whatToShow = r.str('whatToShow');
      const formatDate = r.int('formatDate');
      if (contract.secType.toUpperCase() === 'BAG') return { kind: 'unsupported', msgId };
      return { kind: 'historicalData', reqId, contract, endDateTime, barSize, duration, useRth, whatToShow, formatDate, keepUpToDate: r.remaining > 0 ? r.bool('keepUpToDate') : false };
    }
    case OUT.CANCEL_HISTORICAL_DATA:
      r.int('version');
      return { kind: 'cancelHistoricalData', reqId: r.int('reqId') };
    case OUT.REQ_CONTRACT_DATA: {
      r.int('version');
      const reqId = r.int('reqId');
      return { kind: 'contractDetails', reqId, contract: parseContract(r, { primaryExchange: true }) };
    }
    case OUT.REQ_CURRENT_TIME:
      return { kind: 'currentTime' };
    case OUT.REQ_MANAGED_ACCTS:
      return { kind: 'managedAccounts' };
    case OUT.REQ_POSITIONS:
      return { kind: 'positions' };
    case OUT.CANCEL_POSITIONS:
      return { kind: 'cancelPositions' };
    case OUT.REQ_ACCOUNT_SUMMARY: {
      r.int('version');
      const reqId = r.int('reqId');
      const group = r.str('group');
      const tags = r
        .str('tags')
        .split(',')
        .map((t) => t.trim())
        .filter((t) => t !== '');
      return { kind: 'accountSummary', reqId, group, tags };
    }
    case OUT.CANCEL_ACCOUNT_SUMMARY:
      r.int('version');
      return { kind: 'cancelAccountSummary', reqId: r.int('reqId') };
    case OUT.REQ_MARKET_DATA_TYPE:
      r.int('version');
      return { kind: 'marketDataType', type: r.int('marketDataType') };
    default:
      return { kind: 'unsupported', msgId };
  }
}

/** conId, symbol, secType, lastTradeDate, strike, right, multiplier, exchange, [primaryExch], currency, localSymbol, tradingClass. */
function parseContract(r: FieldReader, opts: { primaryExchange: boolean }): ContractRef {
  const conId = r.int('contract.conId');
  const symbol = r.str('contract.symbol');
  const secType = r.str('contract.secType');
  const lastTradeDate = r.str('contract.lastTradeDateOrContractMonth');
  r.floatOrUnset('contract.strike');
  r.str('contract.right');
  r.str('contract.multiplier');
  const exchange = r.str('contract.exchange');
  const primaryExchange = opts.primaryExchange ? r.str('contract.primaryExch') : '';
  const currency = r.str('contract.currency');
  const localSymbol = r.str('contract.localSymbol');
  r.str('contract.tradingClass');
  return { conId, symbol, secType, lastTradeDate, exchange, primaryExchange, currency, localSymbol };
}

/**
 * The fixed prefix of PLACE_ORDER at 193 (no version field): id, contract (+ secIdType, secId), then
 * action … parentId and the block up to ocaType. Combo (BAG) orders shift the tail, so ocaType is
 * only read for other contracts; everything after it is skipped.
 */
function parsePlaceOrder(r: FieldReader): PlaceOrderRequest {
  const orderId = r.int('orderId');
  const contract = parseContract(r, { primaryExchange: true });
  r.str('contract.secIdType');
  r.str('contract.secId');
  const action = r.str('action');
  const totalQuantity = r.floatOrUnset('totalQuantity');
  const orderType = r.str('orderType');
  const lmtPrice = r.floatOrUnset('lmtPrice');
  const auxPrice = r.floatOrUnset('auxPrice');
  const tif = r.str('tif');
  const ocaGroup = r.str('ocaGroup');
  const account = r.str('account');
  const openClose = r.str('openClose');
  const origin = r.int('origin');
  const orderRef = r.str('orderRef');
  const transmit = r.boolOr('transmit', true);
  const parentId = r.int('parentId');
  r.bool('blockOrder');
  r.bool('sweepToFill');
  r.intOrUnset('displaySize');
  r.int('triggerMethod');
  const outsideRth = r.bool('outsideRth');
  r.bool('hidden');
  let ocaType = 0;
  if (contract.secType.toUpperCase() !== 'BAG' && r.remaining >= 13) {
    // sharesAllocation, discretionaryAmt, goodAfterTime, goodTillDate, faGroup, faMethod, faPercentage,
    // modelCode, shortSaleSlot, designatedLocation, exemptCode, then ocaType.
    r.skip(11);
    ocaType = r.int('ocaType');
  }
  return { orderId, contract, action, totalQuantity, orderType, lmtPrice, auxPrice, tif, ocaGroup, account, openClose, origin, orderRef, transmit, parentId, outsideRth, ocaType };
}
