// Owns what the fake gateway does for each parsed client request, and which replies it sends back.
import type { InstrumentRegistry } from './instruments';
import type { Ledger } from './ledger';
import type { MarketFeed } from './marketFeed';
import type { OrderBook } from './orderBook';
import type { ClientRequest } from './requestParsers';
import type { GatewaySession } from './session';
import { generateBars, MAX_BARS_PER_REQUEST, parseBarSize, parseDuration } from './historicalBars';
import { executionTimeText, parseIbDateTime, type TwsTimeStyle } from './timeFormat';
import { accountSummary, accountSummaryEnd, position, positionEnd } from './messages/account';
import { currentTime, errorMessage, managedAccounts, nextValidId } from './messages/connection';
import { contractData, contractDataEnd } from './messages/contracts';
import { commissionReport, execDetails, execDetailsEnd } from './messages/executions';
import { historicalData } from './messages/historical';
import { quoteFrames, tickSnapshotEnd } from './messages/marketData';
import { completedOrder, completedOrdersEnd, openOrder, openOrderEnd, orderStatus } from './messages/orders';

export interface HandlerContext {
  readonly book: OrderBook;
  readonly feed: MarketFeed;
  readonly registry: InstrumentRegistry;
  readonly ledger: Ledger;
  readonly clock: () => number;
  readonly seed: number;
  readonly firstOrderId: number;
  readonly timeStyle: TwsTimeStyle;
  log(line: string): void;
}

const NO_SECURITY = 'No security definition has been found for the request';

export function handleRequest(ctx: HandlerContext, session: GatewaySession, request: ClientRequest): void {
  const clientId = session.clientId ?? 0;
  const error = (id: number, code: number, message: string) => session.send(errorMessage(id, code, message));
  switch (request.kind) {
    case 'startApi':
      return; // handled by the session
    case 'placeOrder':
      return ctx.book.place(clientId, request.order);
    case 'cancelOrder':
      return ctx.book.cancel(clientId, request.orderId);
    case 'globalCancel':
      return ctx.book.cancelAll();
    case 'openOrders': {
      if (request.scope === 'auto') {
        // Auto-binding manual TWS orders: there are none in the fake; nothing to send.
        return;
      }
      for (const o of ctx.book.openOrders(request.scope === 'all' ? undefined : clientId)) {
        session.send(openOrder(o));
        session.send(orderStatus(o));
      }
      return session.send(openOrderEnd());
    }
    case 'executions': {
      for (const e of ctx.book.executionsFor(clientId, request.filter)) {
        session.send(execDetails(request.reqId, e, executionTimeText(e.time, ctx.timeStyle)));
        session.send(commissionReport(e));
      }
      return session.send(execDetailsEnd(request.reqId));
    }
    case 'completedOrders': {
      for (const o of ctx.book.completedOrders()) session.send(completedOrder(o));
      return session.send(completedOrdersEnd());
    }
    case 'ids':
      return session.send(nextValidId(ctx.book.nextValidId(clientId, ctx.firstOrderId)));
    case 'mktData': {
      const instrument = ctx.registry.resolve(request.contract);
      if (!instrument) return error(request.reqId, 200, NO_SECURITY);
      if (!request.snapshot) session.marketData.set(request.reqId, instrument);
      if (!session.marketDataSuspended) for (const f of quoteFrames(request.reqId, ctx.feed.quote(instrument))) session.send(f);
      if (request.snapshot) session.send(tickSnapshotEnd(request.reqId));
      return;
    }
    case 'cancelMktData':
      if (!session.marketData.delete(request.reqId)) error(request.reqId, 300, `Can't find EId with tickerId:${request.reqId}`);
      return;
    case 'historicalData':
      return sendHistorical(ctx, session, request);
    case 'cancelHistoricalData':
      return; // bars go out at once; there is nothing in flight to cancel
    case 'contractDetails': {
      const instrument = ctx.registry.resolve(request.contract);
      if (!instrument) return error(request.reqId, 200, NO_SECURITY);
      session.send(contractData(request.reqId, instrument));
      return session.send(contractDataEnd(request.reqId));
    }
    case 'currentTime':
      return session.send(currentTime(Math.floor(ctx.clock() / 1000)));
    case 'managedAccounts':
      return session.send(managedAccounts([ctx.ledger.account]));
    case 'positions': {
      session.positionsSubscribed = true;
      for (const p of ctx.ledger.positions()) session.send(position(p));
      return session.send(positionEnd());
    }
    case 'cancelPositions':
      session.positionsSubscribed = false;
      return;
    case 'accountSummary': {
      session.accountSummaries.add(request.reqId);
      const values = ctx.ledger.summary((i) => ctx.feed.quote(i).last);
      const wanted = request.tags.includes('All') ? [...values.keys()] : request.tags;
      for (const tag of wanted) {
        const v = values.get(tag);
        if (v) session.send(accountSummary(request.reqId, ctx.ledger.account, tag, v.value, v.currency));
      }
      return session.send(accountSummaryEnd(request.reqId));
    }
    case 'cancelAccountSummary':
      session.accountSummaries.delete(request.reqId);
      return;
    case 'marketDataType':
      return; // the fake only has one kind of data: live and synthetic
    case 'unsupported':
      ctx.log(`session ${session.id} (${session.label()}): message ${request.msgId} is not supported by the fake; ignored`);
      return;
    default: {
      const unreachable: never = request;
      throw new Error(`unhandled request ${JSON.stringify(unreachable)}`);
    }
  }
}

function sendHistorical(ctx: HandlerContext, session: GatewaySession, request: Extract<ClientRequest, { kind: 'historicalData' }>): void {
  const error = (code: number, message: string) => session.send(errorMessage(request.reqId, code, message));
  const instrument = ctx.registry.resolve(request.contract);
  if (!instrument) return error(200, NO_SECURITY);
  const barSec = parseBarSize(request.barSize);
  if (barSec === undefined) return error(321, `Error validating request.-'bP' : cause - Historical data bar size setting is invalid: ${request.barSize}`);
  const durationSec = parseDuration(request.duration);
  if (durationSec === undefined) return error(321, `Error validating request.-'bP' : cause - Historical data duration is invalid: ${request.duration}`);
  const end = request.endDateTime === '' ? ctx.clock() : parseIbDateTime(request.endDateTime);
  if (end === undefined) return error(321, `Error validating request.-'bP' : cause - End date/time is invalid: ${request.endDateTime}`);
  if (durationSec / barSec > MAX_BARS_PER_REQUEST) return error(162, 'Historical Market Data Service error message:Time length exceed max.');
  const bars = generateBars(instrument, ctx.seed, end, durationSec, barSec);
  session.send(historicalData(request.reqId, end - durationSec * 1000, end, bars, barSec, request.formatDate));
}
