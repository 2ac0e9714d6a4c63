// Flatten and cancel-all as the trader triggers them (hotkey, palette, Positions): each asks first, naming the symbol,
// side, size and order count exactly, unless the trader chose "don't ask again" for that action.
import type { WorkstationClient } from '../../../shared/contracts/client';
import { isTerminal, type Order } from '../../../core/model/order';
import { useConfirm } from '../../state/confirmStore';
import { notify } from '../../state/notificationStore';
import { useTrading } from '../../state/tradingStore';
import { formatQuantity } from './format';
import { cancelAll, flatten } from './tradingActions';

/** "Flatten SMCN (200 sh)" for a long 200; "Flatten SMCN (flat)" when there is nothing to flatten. */
export function flattenTitle(symbol: string | null, quantity: number): string {
  if (!symbol) return 'Flatten the selected position (none selected)';
  return `Flatten ${symbol} (${quantity === 0 ? 'flat' : `${formatQuantity(Math.abs(quantity))} sh ${quantity > 0 ? 'long' : 'short'}`})`;
}

/** What flattening does: "sell 200 at market". */
export function flattenEffect(quantity: number): string {
  return `${quantity > 0 ? 'sell' : 'buy'} ${formatQuantity(Math.abs(quantity))} at market`;
}

export function askFlatten(api: WorkstationClient, symbol: string | null): void {
  if (!symbol) {
    notify('warn', 'Flatten: no symbol selected');
    return;
  }
  const quantity = useTrading.getState().positions[symbol]?.quantity ?? 0;
  if (quantity === 0) {
    notify('info', `${symbol} is already flat`);
    return;
  }
  useConfirm.getState().ask({
    title: `Flatten ${symbol}?`,
    message: `Flatten ${symbol}: ${flattenEffect(quantity)}. Its working orders are canceled first.`,
    confirmLabel: `Flatten ${symbol}`,
    danger: true,
    destructive: true,
    skippable: 'positions.flatten',
    onConfirm: () => void flatten(api, symbol),
  });
}

export const workingOrders = (orders: Readonly<Record<string, Order>>): Order[] => Object.values(orders).filter((o) => !isTerminal(o.status));

/** "3 working orders (NVTX, SMCN)". */
export function describeWorking(list: readonly Order[]): string {
  const symbols = [...new Set(list.map((o) => o.symbol))].sort();
  return `${list.length} working order${list.length === 1 ? '' : 's'}${symbols.length ? ` (${symbols.join(', ')})` : ''}`;
}

export function askCancelAll(api: WorkstationClient): void {
  const working = workingOrders(useTrading.getState().orders);
  if (working.length === 0) {
    notify('info', 'No working orders to cancel');
    return;
  }
  useConfirm.getState().ask({
    title: 'Cancel all working orders?',
    message: `Cancel ${describeWorking(working)}.`,
    confirmLabel: `Cancel ${working.length} order${working.length === 1 ? '' : 's'}`,
    danger: true,
    destructive: true,
    skippable: 'orders.cancelAll',
    onConfirm: () => void cancelAll(api),
  });
}
