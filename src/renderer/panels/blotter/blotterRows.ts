// The blotter's rows: which orders show (working or all), sorting by any column (stable, typed), bracket legs grouped
// under their parent, and the cursor kept on an order id rather than a row position.
import { isTerminal, type Order } from '../../../core/model/order';
import type { Fill } from '../../../core/model/fill';

export type SortDirection = 'asc' | 'desc';
export interface SortState<K extends string> {
  readonly key: K;
  readonly direction: SortDirection;
}

/** In priority order: what must stay visible in a narrow blotter (1280×720) comes first; Id and TIF come last. */
export const ORDER_COLUMNS = ['createdAt', 'symbol', 'side', 'quantity', 'limitPrice', 'status', 'filledQuantity', 'averageFillPrice', 'venue', 'type', 'stopPrice', 'timeInForce', 'clientOrderId'] as const;
export type OrderColumn = (typeof ORDER_COLUMNS)[number];
export const FILL_COLUMNS = ['time', 'clientOrderId', 'symbol', 'side', 'quantity', 'price', 'commission', 'liquidity'] as const;
export type FillColumn = (typeof FILL_COLUMNS)[number];

function compare(a: unknown, b: unknown): number {
  // Missing values (a market order's limit) sort last whichever way.
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

export function sortRows<T, K extends keyof T & string>(rows: readonly T[], sort: SortState<K>, tieBreak: keyof T): T[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort((x, y) => {
    const primary = compare(x[sort.key], y[sort.key]);
    if (primary === 0) return sign * compare(x[tieBreak], y[tieBreak]);
    return x[sort.key] == null || y[sort.key] == null ? primary : sign * primary;
  });
}

/** Submit time, newest first: it never changes, so rows do not move as orders update. */
export const DEFAULT_ORDER_SORT: SortState<OrderColumn> = { key: 'createdAt', direction: 'desc' };

/**
 * Sorted orders with each bracket's legs right under their parent (in submit order), whatever the sort; a leg whose
 * parent is not listed (filtered out) stands on its own.
 */
export function orderRows(orders: Readonly<Record<string, Order>>, workingOnly: boolean, sort: SortState<OrderColumn>): Order[] {
  const list = Object.values(orders);
  const sorted = sortRows(workingOnly ? list.filter((o) => !isTerminal(o.status)) : list, sort, 'clientOrderId');
  const listed = new Set(sorted.map((o) => o.clientOrderId));
  const legs = new Map<string, Order[]>();
  for (const o of sorted) {
    if (o.parentId !== null && listed.has(o.parentId)) legs.set(o.parentId, [...(legs.get(o.parentId) ?? []), o]);
  }
  const out: Order[] = [];
  for (const o of sorted) {
    if (o.parentId !== null && listed.has(o.parentId)) continue;
    out.push(o);
    const children = legs.get(o.clientOrderId);
    if (children) out.push(...[...children].sort((a, b) => a.createdAt - b.createdAt || a.clientOrderId.localeCompare(b.clientOrderId)));
  }
  return out;
}

/**
 * Where the cursor is after the rows changed: on the same order if it is still listed, else at the same position
 * (clamped), else nowhere (-1 for an empty list).
 */
export function cursorIndex(ids: readonly string[], cursorId: string | null, fallback: number): number {
  if (ids.length === 0) return -1;
  if (cursorId !== null) {
    const at = ids.indexOf(cursorId);
    if (at >= 0) return at;
  }
  return Math.min(Math.max(0, fallback), ids.length - 1);
}

export function fillRows(fills: readonly Fill[], sort: SortState<FillColumn>): Fill[] {
  return sortRows(fills, sort, 'executionId');
}

/** Next sort when a column is chosen: the same column flips, a new one starts descending (newest, largest first). */
export function toggleSort<K extends string>(current: SortState<K>, key: K): SortState<K> {
  if (current.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { key, direction: 'desc' };
}

export const canCancel = (o: Order): boolean => !isTerminal(o.status) && o.status !== 'PendingCancel';
export const canModify = (o: Order): boolean => !isTerminal(o.status) && o.status !== 'PendingCancel' && o.status !== 'PendingReplace';
