// The renderer's order views move only forward: a venue stamps its events with its own time, which can be earlier than
// the submit time the backend stamped, and the blotter and cancel-all must still see the order as filled.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Order } from '../../../src/core/model/order';
import { newer, useTrading } from '../../../src/renderer/state/tradingStore';

const order = (over: Partial<Order>): Order =>
  ({ clientOrderId: 'C1', symbol: 'SMCN', side: 'SELL', type: 'MARKET', quantity: 100, filledQuantity: 0, status: 'PendingNew', updatedAt: 1_000, ...over }) as Order;

describe('order views in the renderer store', () => {
  beforeEach(() => useTrading.setState({ orders: {}, fills: [], positions: {}, version: 0 }));

  it('keeps a fill stamped earlier than the submit, and never reopens a filled order from a stale snapshot', () => {
    const { applyBatch, setSnapshot } = useTrading.getState();
    applyBatch([{ kind: 'order', order: order({ status: 'Submitted', updatedAt: 1_005 }) }]);
    applyBatch([{ kind: 'order', order: order({ status: 'Accepted', updatedAt: 1_003 }) }]);
    expect(useTrading.getState().orders.C1?.status).toBe('Accepted');
    applyBatch([{ kind: 'order', order: order({ status: 'Filled', filledQuantity: 100, updatedAt: 1_003 }) }]);
    expect(useTrading.getState().orders.C1?.status).toBe('Filled');
    setSnapshot({ orders: [order({ status: 'Accepted', updatedAt: 1_010 })] });
    expect(useTrading.getState().orders.C1).toMatchObject({ status: 'Filled', filledQuantity: 100 });
  });

  it('orders views by fills, then terminal, then stage, then time', () => {
    expect(newer(order({ filledQuantity: 50, status: 'PartiallyFilled' }), order({ filledQuantity: 40, status: 'PartiallyFilled', updatedAt: 9_999 }))).toBe(false);
    expect(newer(order({ status: 'Canceled', updatedAt: 2_000 }), order({ status: 'Accepted', updatedAt: 3_000 }))).toBe(false);
    // Past acceptance a status may go back: a refused cancel returns the order to Accepted, by time.
    expect(newer(order({ status: 'PendingCancel', updatedAt: 2_000 }), order({ status: 'Accepted', updatedAt: 2_001 }))).toBe(true);
    expect(newer(order({ status: 'Accepted', updatedAt: 2_000 }), order({ status: 'Submitted', updatedAt: 2_500 }))).toBe(false);
  });
});
