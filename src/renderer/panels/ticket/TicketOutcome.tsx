// What became of the last order the ticket sent, following its updates: "Sent C12 → Accepted", "→ Filled 100 @ 182.41",
// or "Rejected: reason"; and why a line was not sent.
import { useTrading } from '../../state/tradingStore';
import { useInstruments } from '../../state/instrumentStore';
import { formatPrice, formatQuantity } from '../common/format';

export type Outcome =
  | { readonly kind: 'sent'; readonly id: string; readonly text: string; readonly destination: string }
  /** started: a SMART order or algorithm took the line; its children show in the blotter under its id. */
  | { readonly kind: 'pending' | 'refused' | 'error' | 'started'; readonly text: string }
  | null;

function SentOutcome({ id, text, destination }: { id: string; text: string; destination: string }) {
  const order = useTrading((s) => s.orders[id]);
  const tick = useInstruments((s) => (order ? s.bySymbol[order.symbol]?.tickSize : undefined));
  const status = order?.status ?? 'PendingNew';
  if (status === 'Rejected') {
    return (
      <div className="ticket-outcome refused" data-testid="ticket-outcome" data-kind="rejected" data-status={status} role="status">
        Rejected: {order?.rejectReason ?? 'no reason given by the venue'} ({id} {text} → {destination})
      </div>
    );
  }
  const fill = order && order.filledQuantity > 0 ? ` ${formatQuantity(order.filledQuantity)} @ ${formatPrice(order.averageFillPrice, tick)}` : '';
  return (
    <div className={`ticket-outcome ${status === 'Canceled' || status === 'Expired' ? 'refused' : 'sent'}`} data-testid="ticket-outcome" data-kind="sent" data-status={status} role="status">
      Sent {id} → {status}
      {fill}: {text} → {destination}
    </div>
  );
}

export function TicketOutcome({ outcome }: { outcome: Outcome }) {
  if (!outcome) return null;
  if (outcome.kind === 'sent') return <SentOutcome id={outcome.id} text={outcome.text} destination={outcome.destination} />;
  return (
    <div className={`ticket-outcome ${outcome.kind}`} data-testid="ticket-outcome" data-kind={outcome.kind} role="status">
      {outcome.text}
    </div>
  );
}
