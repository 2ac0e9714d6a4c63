// Trading commands shared by hotkeys, panels and the palette: each reports its outcome as a notification.
import type { WorkstationClient } from '../../../shared/contracts/client';
import type { OmsError } from '../../../core/trading/omsTypes';
import { reportCancels } from '../../state/cancelReport';
import { notify } from '../../state/notificationStore';
import { describeOmsError } from './denialText';

const failed = (what: string) => (error: Error) => notify('error', `${what} failed`, error.message);

export function cancelAll(api: WorkstationClient, symbol?: string): Promise<void> {
  return api.call('orders.cancelAll', symbol ? { symbol } : {}).then((r) => {
    const skipped = r.skipped.length ? `, ${r.skipped.length} could not be canceled (${describeOmsError(r.skipped[0]!.error)})` : '';
    // What the venue confirmed, updated as order updates arrive: a sent cancel is not a canceled order.
    reportCancels(r.canceled, skipped);
  }, failed('Cancel all'));
}

export function cancelOrder(api: WorkstationClient, clientOrderId: string): Promise<void> {
  return api.call('orders.cancel', { clientOrderId }).then((r) => {
    if (!r.ok) notify('error', `Cancel ${clientOrderId} refused`, describeOmsError(r.error));
  }, failed('Cancel'));
}

export function modifyOrder(api: WorkstationClient, clientOrderId: string, change: { quantity?: number; limitPrice?: number; stopPrice?: number }): Promise<boolean> {
  return api.call('orders.modify', { clientOrderId, ...change }).then(
    (r) => {
      if (!r.ok) notify('error', `Modify ${clientOrderId} refused`, describeOmsError(r.error));
      return r.ok;
    },
    (e: Error) => {
      failed('Modify')(e);
      return false;
    },
  );
}

export function flatten(api: WorkstationClient, symbol: string | null): Promise<void> {
  if (!symbol) {
    notify('warn', 'Flatten: no symbol selected');
    return Promise.resolve();
  }
  return api.call('positions.flatten', { symbol }).then((r) => {
    if (!r.ok) notify('error', `Flatten ${symbol} refused`, describeOmsError(r.error));
    else if (r.value === null) notify('info', `${symbol} is already flat`);
    else notify('info', `Flattening ${symbol}: ${r.value.side} ${r.value.quantity} at market`);
  }, failed('Flatten'));
}

export const describeError = (error: OmsError): string => describeOmsError(error);
