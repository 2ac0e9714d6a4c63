// An append-only record of every order a venue received, kept outside the journal: the crash test's view of
// "what the venue saw", which must always be a subset of what the journal holds, each order once.
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Venue } from '../../core/trading/venue';

export interface VenueAudit {
  wrap(venue: Venue): Venue;
  close(): void;
}

export function openVenueAudit(file: string): VenueAudit {
  const fd = openSync(file, 'a');
  const record = (line: object) => writeSync(fd, `${JSON.stringify(line)}\n`);
  return {
    wrap: (venue) => ({
      name: venue.name,
      submit: (order) => {
        record({ kind: 'SUBMIT', clientOrderId: order.clientOrderId, symbol: order.symbol, side: order.side, quantity: order.quantity });
        venue.submit(order);
      },
      modify: (m) => venue.modify(m),
      cancel: (id) => venue.cancel(id),
      openOrders: () => venue.openOrders(),
      executions: (since) => venue.executions(since),
      subscribe: (listener) => venue.subscribe(listener),
    }),
    close: () => closeSync(fd),
  };
}
