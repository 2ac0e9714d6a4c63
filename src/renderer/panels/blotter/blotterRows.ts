// The blotter's rows: which orders show (working or all), and sorting by any column, stable and typed.
import { isTerminal, type Order } from '../../../core/model/order';
import type { Fill } from '../../../core/model/fill';

export type SortDirection = 'asc' | 'desc';
export interface SortState<K extends string> {
  readonly key: K;
  readonly direction: SortDirection;
}

export const ORDER_COLUMNS = ['updatedAt', 'clientOrderId', 'symbol', 'side', 'type', 'quantity', 'filledQuantity', 'limitPrice', 'stopPrice', 'averageFillPrice', 'status', 'timeInForce'] as const;
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

export function orderRows(orders: Readonly<Record<string, Order>>, workingOnly: boolean, sort: SortState<OrderColumn>): Order[] {
  const list = Object.values(orders);
  return sortRows(workingOnly ? list.filter((o) => !isTerminal(o.status)) : list, sort, 'clientOrderId');
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
