// What of an execution parent outlives the process (its definition and state, its children's routing facts and
// recorded fills, its algorithm's run), and how a parent is rebuilt from that record and its children's journaled orders.
import type { ClientOrderId } from '../model/ids';
import { isTerminal, type Order } from '../model/order';
import type { AlgoOrderRequest } from './algoSpec';
import type { ChildFill, ChildRecord } from './childBook';
import type { ExecutionParent } from './parentOrder';

/** A child's routing facts the journal does not hold (its venue, its release mid); its fills come from the journal. */
export type ChildRoute = Pick<ChildRecord, 'clientOrderId' | 'venue' | 'quantity' | 'limitPrice' | 'liquidity' | 'sentAt' | 'releaseMid'>;

/** An algorithm's run: its request, its current quantity and limit, and the market volume it had seen (for POV). */
export interface AlgoRun {
  readonly request: AlgoOrderRequest;
  readonly quantity: number;
  readonly limitPrice: number | null;
  readonly volumeSeen: number;
}

export interface ParentRecord {
  readonly parent: ExecutionParent;
  readonly children: readonly ChildRoute[];
  readonly fills: readonly ChildFill[];
  readonly algo: AlgoRun | null;
}

export interface RebuiltParent {
  readonly parent: ExecutionParent;
  readonly children: ChildRecord[];
  readonly fills: ChildFill[];
}

/**
 * The parent as the journal says it is: filled quantity, notional and fees are the sums over its children's orders;
 * a child is working unless its order is terminal. A journaled fill the record missed (written after the last save)
 * is kept with its release mid as its fill mid, so TCA counts it with no timing cost rather than dropping it.
 */
export function rebuildParent(record: ParentRecord, orderOf: (id: ClientOrderId) => Readonly<Order> | undefined): RebuiltParent {
  const children: ChildRecord[] = [];
  const fills = [...record.fills];
  let filled = 0;
  let filledNotional = 0;
  let fees = 0;
  for (const route of record.children) {
    const order = orderOf(route.clientOrderId);
    const childFilled = order?.filledQuantity ?? 0;
    const averagePrice = order?.averageFillPrice ?? 0;
    filled += childFilled;
    filledNotional += childFilled * averagePrice;
    fees += order?.commission ?? 0;
    const recorded = record.fills.filter((f) => f.clientOrderId === route.clientOrderId);
    const recordedQuantity = recorded.reduce((s, f) => s + f.quantity, 0);
    const recordedNotional = recorded.reduce((s, f) => s + f.quantity * f.price, 0);
    const missing = childFilled - recordedQuantity;
    if (order && missing > 1e-9) {
      const price = (childFilled * averagePrice - recordedNotional) / missing;
      fills.push({ parentId: record.parent.id, clientOrderId: route.clientOrderId, venue: route.venue, time: order.updatedAt, quantity: missing, price, fee: 0, liquidity: route.liquidity === 'TAKE' ? 'TAKER' : 'MAKER', releaseMid: route.releaseMid, fillMid: route.releaseMid });
    }
    const firstFillAt = recorded[0]?.time ?? (childFilled > 0 && order ? order.updatedAt : null);
    children.push({ ...route, parentId: record.parent.id, filled: childFilled, averagePrice, working: order !== undefined && !isTerminal(order.status), cancelRequested: false, firstFillAt });
  }
  const parent: ExecutionParent = { ...record.parent, children: record.children.map((c) => c.clientOrderId), filled, filledNotional, fees };
  return { parent, children, fills };
}

export const routeOf = (c: Readonly<ChildRecord>): ChildRoute => ({ clientOrderId: c.clientOrderId, venue: c.venue, quantity: c.quantity, limitPrice: c.limitPrice, liquidity: c.liquidity, sentAt: c.sentAt, releaseMid: c.releaseMid });
