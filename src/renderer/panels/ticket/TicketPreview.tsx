// The ticket's preview line: what the order is, its notional and commission, and each limit's headroom.
import type { Instrument } from '../../../core/model/instrument';
import type { OrderRequest } from '../../../core/model/order';
import type { OrderPreview } from '../../../shared/contracts/risk';
import { describeOmsError } from '../common/denialText';
import { formatMoney, formatPrice, formatQuantity } from '../common/format';
import { headroomOf, type Headroom } from './headroom';

function formatHeadroom(h: Headroom): string {
  if (h.unit === 'money') return formatMoney(h.headroom);
  if (h.unit === 'ratio') return h.headroom.toFixed(3);
  return formatQuantity(h.headroom);
}

export function describeRequest(r: OrderRequest, instrument: Instrument | undefined): string {
  const tick = instrument?.tickSize;
  const prices = [r.stopPrice !== undefined ? `stop ${formatPrice(r.stopPrice, tick)}` : '', r.limitPrice !== undefined ? `limit ${formatPrice(r.limitPrice, tick)}` : ''].filter(Boolean).join(' ');
  return `${r.side} ${formatQuantity(r.quantity)} ${r.symbol} ${r.type}${prices ? ` ${prices}` : ''} ${r.timeInForce}${r.reduceOnly ? ' reduce-only' : ''}`;
}

interface Props {
  request: OrderRequest;
  extra: string;
  instrument: Instrument | undefined;
  localNotional: number | null;
  preview: OrderPreview | undefined;
  checking: boolean;
}

export function TicketPreview({ request, extra, instrument, localNotional, preview, checking }: Props) {
  const notional = preview?.notional ?? localNotional;
  const currency = preview?.currency ?? instrument?.currency ?? '';
  // Limits are in the base currency: their headroom uses the backend's base-currency notional, never the local one.
  const headroom = preview ? headroomOf(preview.limits, { quantity: request.quantity, notional: preview.notionalBase }) : [];
  return (
    <div className="ticket-preview" data-testid="ticket-preview" data-state={preview?.denial ? 'denied' : checking ? 'checking' : 'ready'}>
      <div className="ticket-summary">
        <span className="ticket-order">
          {describeRequest(request, instrument)}
          {extra}
        </span>
        <span className="num">notional {notional === null ? '—' : `${formatMoney(notional)} ${currency}`}</span>
        <span className="num">comm ≈ {preview?.commissionEstimate == null ? '—' : formatMoney(preview.commissionEstimate)}</span>
        {checking && <span className="muted">checking…</span>}
      </div>
      {preview?.denial && (
        <div className="ticket-denial" data-testid="ticket-denial" role="alert">
          Would be denied: {describeOmsError(preview.denial)}
        </div>
      )}
      {headroom.length > 0 && (
        <ul className="headroom" aria-label="Limit headroom">
          {headroom.map((h) => (
            <li key={h.id} className={h.headroom < 0 ? 'breach' : h.ratio >= 0.8 ? 'warn' : undefined} title={`${h.kind} (${h.scope})`}>
              <span>{h.id}</span> <span className="num">{formatHeadroom(h)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
