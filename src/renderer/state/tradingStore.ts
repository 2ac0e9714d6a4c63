// Orders, fills and positions: a snapshot from the API, then every stream event applied in order, once per frame.
import { create } from 'zustand';
import type { Fill } from '../../core/model/fill';
import { isTerminal, type Order } from '../../core/model/order';
import type { PositionSnapshot } from '../../core/model/position';

export type TradingEvent =
  | { readonly kind: 'order'; readonly order: Order }
  | { readonly kind: 'fill'; readonly fill: Fill; readonly position: PositionSnapshot }
  | { readonly kind: 'position'; readonly position: PositionSnapshot };

const MAX_FILLS = 100_000;

interface TradingState {
  orders: Readonly<Record<string, Order>>;
  fills: readonly Fill[];
  positions: Readonly<Record<string, PositionSnapshot>>;
  /** Bumps on every applied batch, so derived views memoize on one number. */
  version: number;
  setSnapshot(snapshot: { orders?: readonly Order[]; fills?: readonly Fill[]; positions?: readonly PositionSnapshot[] }): void;
  applyBatch(events: readonly TradingEvent[]): void;
}

/** An event older than what we hold (the snapshot overtook it) must not roll an order back. */
/**
 * Whether `next` is a later view of the order than `current`. An order only moves forward: its filled quantity never
 * falls and a terminal order never reopens. Time alone cannot say: a venue stamps its events with its own time, so a
 * fill can carry an earlier time than the submit the backend stamped, and a store that went by time alone kept
 * showing a filled order as working.
 */
export function newer(current: Order | undefined, next: Order): boolean {
  if (!current) return true;
  if (next.filledQuantity !== current.filledQuantity) return next.filledQuantity > current.filledQuantity;
  const [nextDone, currentDone] = [isTerminal(next.status), isTerminal(current.status)];
  if (nextDone !== currentDone) return nextDone;
  const [nextStage, currentStage] = [stage(next), stage(current)];
  if (nextStage !== currentStage) return nextStage > currentStage;
  return next.updatedAt >= current.updatedAt;
}

/** Sent, then at the venue: never back (past acceptance, statuses may move both ways, e.g. a refused cancel). */
const stage = (o: Order): number => (o.status === 'PendingNew' ? 0 : o.status === 'Submitted' ? 1 : 2);

export const useTrading = create<TradingState>((set) => ({
  orders: {},
  fills: [],
  positions: {},
  version: 0,
  setSnapshot: ({ orders, fills, positions }) =>
    set((s) => {
      const next: Partial<TradingState> = { version: s.version + 1 };
      if (orders) {
        const merged: Record<string, Order> = {};
        for (const o of orders) merged[o.clientOrderId] = o;
        for (const o of Object.values(s.orders)) if (newer(merged[o.clientOrderId], o)) merged[o.clientOrderId] = o;
        next.orders = merged;
      }
      if (fills) {
        const seen = new Set(fills.map((f) => f.executionId));
        next.fills = [...fills, ...s.fills.filter((f) => !seen.has(f.executionId))].sort((a, b) => a.time - b.time).slice(-MAX_FILLS);
      }
      if (positions) next.positions = { ...Object.fromEntries(positions.map((p) => [p.symbol, p])), ...s.positions };
      return next;
    }),
  applyBatch: (events) =>
    set((s) => {
      let orders: Record<string, Order> | undefined;
      let positions: Record<string, PositionSnapshot> | undefined;
      let fills: Fill[] | undefined;
      for (const e of events) {
        if (e.kind === 'order') {
          orders ??= { ...s.orders };
          if (newer(orders[e.order.clientOrderId], e.order)) orders[e.order.clientOrderId] = e.order;
        } else {
          positions ??= { ...s.positions };
          positions[e.position.symbol] = e.position;
          if (e.kind === 'fill') {
            fills ??= [...s.fills];
            if (!fills.some((f) => f.executionId === e.fill.executionId)) fills.push(e.fill);
          }
        }
      }
      return {
        version: s.version + 1,
        ...(orders ? { orders } : {}),
        ...(positions ? { positions } : {}),
        ...(fills ? { fills: fills.length > MAX_FILLS ? fills.slice(-MAX_FILLS) : fills } : {}),
      };
    }),
}));

export const positionQuantity = (symbol: string): number => useTrading.getState().positions[symbol]?.quantity ?? 0;
