// Reconciliation queries (open orders, executions since, completed orders, positions) and settling tracked orders against them.
import { EventName, type CommissionReport, type Contract, type Execution, type Order as IbOrder, type OrderState } from '@stoqey/ib';
import type { IbConnection } from './ibConnection';
import type { IbOrderBook, TrackedOrder } from './ibOrderBook';
import { formatExecutionFilterTime } from './ibTime';
import type { IbRequests } from './requests';

export interface OpenOrderReport {
  readonly orderId: number;
  readonly contract: Contract;
  readonly order: IbOrder;
  readonly status: string;
  readonly filled: number;
}

export interface ExecutionReport {
  readonly contract: Contract;
  readonly execution: Execution;
  commission: CommissionReport | undefined;
}

export interface CompletedOrderReport {
  readonly contract: Contract;
  readonly order: IbOrder;
  readonly state: OrderState;
}

export interface PositionReport {
  readonly account: string;
  readonly contract: Contract;
  readonly quantity: number;
  readonly averageCost: number;
}

export interface ReconciliationSnapshot {
  readonly open: readonly OpenOrderReport[];
  readonly executions: readonly ExecutionReport[];
  readonly completed: readonly CompletedOrderReport[];
  readonly positions: readonly PositionReport[];
}

type On = IbConnection['on'];

export function fetchOpenOrders(requests: IbRequests, on: On): Promise<OpenOrderReport[]> {
  const open = new Map<number, { contract: Contract; order: IbOrder; status: string; filled: number }>();
  return requests.run({
    lane: 'order',
    name: 'reqOpenOrders',
    serialKey: 'openOrders',
    listen: (_reqId, finish) => [
      on(EventName.openOrder, (orderId: number, contract: Contract, order: IbOrder, state: OrderState) => {
        const prior = open.get(orderId);
        open.set(orderId, { contract, order, status: state?.status ?? prior?.status ?? '', filled: prior?.filled ?? 0 });
      }),
      on(EventName.orderStatus, (orderId: number, status: string, filled: number) => {
        const prior = open.get(orderId);
        if (prior) open.set(orderId, { ...prior, status, filled });
      }),
      on(EventName.openOrderEnd, () => finish([...open].map(([orderId, o]) => ({ orderId, ...o })))),
    ],
    send: (ib) => ib.reqOpenOrders(),
  });
}

export function fetchExecutions(requests: IbRequests, on: On, since: number): Promise<ExecutionReport[]> {
  const found: ExecutionReport[] = [];
  const byExecId = new Map<string, ExecutionReport>();
  const orphanCommissions = new Map<string, CommissionReport>();
  return requests.run({
    lane: 'order',
    name: 'reqExecutions',
    listen: (reqId, finish) => [
      on(EventName.execDetails, (id: number, contract: Contract, execution: Execution) => {
        if (id !== reqId) return;
        const report: ExecutionReport = { contract, execution, commission: execution.execId ? orphanCommissions.get(execution.execId) : undefined };
        found.push(report);
        if (execution.execId) byExecId.set(execution.execId, report);
      }),
      on(EventName.commissionReport, (c: CommissionReport) => {
        if (!c.execId) return;
        const report = byExecId.get(c.execId);
        if (report) report.commission = c;
        else orphanCommissions.set(c.execId, c);
      }),
      on(EventName.execDetailsEnd, (id: number) => id === reqId && finish(found)),
    ],
    send: (ib, reqId) => ib.reqExecutions(reqId, { time: formatExecutionFilterTime(since) }),
  });
}

export function fetchCompletedOrders(requests: IbRequests, on: On): Promise<CompletedOrderReport[]> {
  const found: CompletedOrderReport[] = [];
  return requests.run({
    lane: 'order',
    name: 'reqCompletedOrders',
    serialKey: 'completedOrders',
    listen: (_reqId, finish) => [
      on(EventName.completedOrder, (contract: Contract, order: IbOrder, state: OrderState) => found.push({ contract, order, state })),
      on(EventName.completedOrdersEnd, () => finish(found)),
    ],
    send: (ib) => ib.reqCompletedOrders(true),
  });
}

export async function fetchPositions(requests: IbRequests, connection: IbConnection): Promise<PositionReport[]> {
  const found: PositionReport[] = [];
  const positions = await requests.run<PositionReport[]>({
    lane: 'data',
    name: 'reqPositions',
    serialKey: 'positions',
    listen: (_reqId, finish) => [
      connection.on(EventName.position, (account: string, contract: Contract, quantity: number, averageCost?: number) =>
        found.push({ account, contract, quantity, averageCost: averageCost ?? 0 }),
      ),
      connection.on(EventName.positionEnd, () => finish(found)),
    ],
    send: (ib) => ib.reqPositions(),
  });
  connection.send('data', (ib) => ib.cancelPositions());
  return positions;
}

/** The four queries one after the other (open orders first: what is still working decides most). */
export async function takeSnapshot(requests: IbRequests, connection: IbConnection, executionsSince: number): Promise<ReconciliationSnapshot> {
  const on: On = (event, handler) => connection.on(event, handler);
  const open = await fetchOpenOrders(requests, on);
  const executions = await fetchExecutions(requests, on, executionsSince);
  const completed = await fetchCompletedOrders(requests, on);
  const positions = await fetchPositions(requests, connection);
  return { open, executions, completed, positions };
}

export interface SettleReport {
  readonly fillsRecovered: number;
  readonly settled: { readonly clientOrderId: string; readonly outcome: string }[];
}

/**
 * Settles every order the venue tracks against what TWS reports. Fills were already applied
 * (once each) by the execution handler as the replies came in; here the statuses follow.
 * Nothing is ever re-sent: an order TWS never saw is rejected, a cancel or modify that got lost
 * is refused so the trader can decide again.
 */
export function settle(book: IbOrderBook, snapshot: ReconciliationSnapshot, fillsBefore: number, fillsAfter: number): SettleReport {
  const open = new Map(snapshot.open.map((o) => [o.orderId, o]));
  const openByRef = new Map(snapshot.open.filter((o) => o.order.orderRef).map((o) => [o.order.orderRef as string, o]));
  const completed = new Map(snapshot.completed.filter((c) => c.order.orderRef).map((c) => [c.order.orderRef as string, c]));
  const settled: { clientOrderId: string; outcome: string }[] = [];
  const note = (t: TrackedOrder, outcome: string) => settled.push({ clientOrderId: t.clientOrderId, outcome });
  for (const t of book.live()) {
    if (!t.sent) continue;
    const working = open.get(t.orderId) ?? openByRef.get(t.clientOrderId);
    if (working) {
      if (working.status !== 'ApiPending' && working.status !== 'PendingSubmit') book.accept(t);
      if (t.cancelRequested && working.status !== 'PendingCancel') {
        book.cancelRefused(t, 'CANCEL_LOST: the order is still working at IB after the reconnect');
        note(t, 'cancel lost');
      }
      if (t.pendingModify) {
        const m = t.pendingModify;
        const applied = working.order.totalQuantity === m.quantity && (m.limitPrice === null || working.order.lmtPrice === m.limitPrice) && (m.stopPrice === null || working.order.auxPrice === m.stopPrice);
        if (applied) book.replaced(t);
        else book.replaceRefused(t, 'MODIFY_LOST: IB still shows the previous values after the reconnect');
        note(t, applied ? 'modify applied' : 'modify lost');
      }
      continue;
    }
    const done = completed.get(t.clientOrderId);
    const status = done?.state.status ?? '';
    if (status === 'Filled') {
      if (!t.done) note(t, `completed Filled but only ${t.filled} found in executions`);
      continue;
    }
    if (status === 'Cancelled' || status === 'ApiCancelled') {
      book.cancelled(t, t.cancelRequested ? null : `ORDER_CANCELED: ${done?.state.completedStatus ?? 'cancelled at IB'}`);
      note(t, 'cancelled');
    } else if (t.accepted || t.filled > 0) {
      book.cancelled(t, 'RECONCILED_NOT_OPEN_AT_VENUE');
      note(t, 'not open at IB');
    } else {
      book.reject(t, 'NOT_FOUND_AT_VENUE: IB has no trace of the order (never reached TWS)');
      note(t, 'not found');
    }
  }
  return { fillsRecovered: fillsAfter - fillsBefore, settled };
}
