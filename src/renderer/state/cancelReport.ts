// Cancel-all reports what the venue confirmed, not what was asked: "6 cancels sent, 0 confirmed", updated as the
// order updates arrive, until every order has reached a final state.
import type { Order, OrderStatus } from '../../core/model/order';
import { notify } from './notificationStore';
import { useTrading } from './tradingStore';

export interface CancelTally {
  readonly sent: number;
  /** Orders the venue confirmed Canceled. */
  readonly confirmed: number;
  /** Orders that filled (or expired, or were rejected) before the cancel took effect: not canceled, but no longer working. */
  readonly otherwiseDone: number;
  /** Still waiting for the venue. */
  readonly pending: number;
}

const OTHERWISE_DONE: ReadonlySet<OrderStatus> = new Set(['Filled', 'Expired', 'Rejected']);

export function tallyCancels(ids: readonly string[], orders: Readonly<Record<string, Order>>): CancelTally {
  let confirmed = 0;
  let otherwiseDone = 0;
  for (const id of ids) {
    const status = orders[id]?.status;
    if (status === 'Canceled') confirmed++;
    else if (status && OTHERWISE_DONE.has(status)) otherwiseDone++;
  }
  return { sent: ids.length, confirmed, otherwiseDone, pending: ids.length - confirmed - otherwiseDone };
}

export function describeCancels(t: CancelTally): string {
  const done = t.otherwiseDone ? `, ${t.otherwiseDone} filled or closed first` : '';
  return `${t.sent} cancel${t.sent === 1 ? '' : 's'} sent, ${t.confirmed} confirmed${done}`;
}

let nextReport = 1;

/**
 * Shows the tally now and again on every order update that changes it; stops when nothing is pending (or after
 * `giveUpMs`, saying how many the venue never answered).
 */
export function reportCancels(ids: readonly string[], skippedNote: string, giveUpMs = 60_000): () => void {
  const key = `cancel-all:${nextReport++}`;
  let shown = '';
  const show = (final: boolean) => {
    const tally = tallyCancels(ids, useTrading.getState().orders);
    const title = describeCancels(tally) + skippedNote;
    if (title === shown && !final) return tally;
    shown = title;
    const level = tally.pending === 0 ? (skippedNote ? 'warn' : 'success') : final ? 'warn' : 'info';
    notify(level, title, tally.pending === 0 ? undefined : final ? `${tally.pending} not confirmed by the venue` : 'waiting for the venue…', key);
    return tally;
  };
  if (show(false).pending === 0) return () => undefined;
  const stop = () => {
    unsubscribe();
    clearTimeout(timer);
  };
  const unsubscribe = useTrading.subscribe((state, previous) => {
    if (state.orders === previous.orders) return;
    if (show(false).pending === 0) stop();
  });
  const timer = setTimeout(() => {
    stop();
    show(true);
  }, giveUpMs);
  return stop;
}
