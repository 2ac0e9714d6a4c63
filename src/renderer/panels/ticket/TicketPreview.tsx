// The ticket's preview line: the order with side and type in colour (MARKET in the warning colour), its notional and
// commission, the resulting position, working exit orders, each limit's headroom, and the precautions it will ask about.
import type { Instrument } from '../../../core/model/instrument';
import type { OrderRequest } from '../../../core/model/order';
import type { OrderPreview } from '../../../shared/contracts/risk';
import { describeOmsError } from '../common/denialText';
import { formatMoney, formatPrice, formatQuantity } from '../common/format';
import { headroomLines } from './headroom';
import { describeResult, reverses, type Precaution } from './precautions';

export function describeRequest(r: OrderRequest, instrument: Instrument | undefined): string {
  const tick = instrument?.tickSize;
  const prices = [r.stopPrice !== undefined ? `stop ${formatPrice(r.stopPrice, tick)}` : '', r.limitPrice !== undefined ? `limit ${formatPrice(r.limitPrice, tick)}` : ''].filter(Boolean).join(' ');
  return `${r.side} ${formatQuantity(r.quantity)} ${r.symbol} ${r.type}${prices ? ` ${prices}` : ''} ${r.timeInForce}${r.reduceOnly ? ' reduce-only' : ''}`;
}

/** The order as coloured words: side green/red, MARKET in the warning colour. */
function OrderWords({ r, instrument }: { r: OrderRequest; instrument: Instrument | undefined }) {
  const tick = instrument?.tickSize;
  return (
    <>
      <span className={`ticket-side side-${r.side.toLowerCase()}`} data-testid="preview-side">
        {r.side}
      </span>{' '}
      {formatQuantity(r.quantity)} {r.symbol}{' '}
      <span className={`ticket-type type-${r.type.toLowerCase()}`} data-testid="preview-type">
        {r.type}
      </span>
      {r.stopPrice !== undefined && ` stop ${formatPrice(r.stopPrice, tick)}`}
      {r.limitPrice !== undefined && ` limit ${formatPrice(r.limitPrice, tick)}`} {r.timeInForce}
      {r.reduceOnly ? ' reduce-only' : ''}
    </>
  );
}

interface Props {
  request: OrderRequest;
  extra: string;
  instrument: Instrument | undefined;
  localNotional: number | null;
  preview: OrderPreview | undefined;
  checking: boolean;
  position: number;
  /** Exit orders (bracket legs) still working on this symbol. */
  workingExits: number;
  /** Precautionary checks this order will ask about, or the reason it will be refused. */
  precautions: readonly Precaution[];
  refusal: Precaution | null;
}

export function TicketPreview({ request, extra, instrument, localNotional, preview, checking, position, workingExits, precautions, refusal }: Props) {
  const notional = preview?.notional ?? localNotional;
  const currency = preview?.currency ?? instrument?.currency ?? '';
  // Every limit's usage with this order counted comes from the backend's check, in the base currency.
  const headroom = preview ? headroomLines(preview.headroom) : [];
  const after = position + (request.side === 'BUY' ? request.quantity : -request.quantity);
  return (
    <div className="ticket-preview" data-testid="ticket-preview" data-state={preview?.denial ? 'denied' : checking ? 'checking' : 'ready'}>
      <div className="ticket-summary">
        <span className="ticket-order">
          <OrderWords r={request} instrument={instrument} />
          {extra}
        </span>
        <span className="num">notional {notional === null ? '—' : `${formatMoney(notional)} ${currency}`}</span>
        <span className="num">comm ≈ {preview?.commissionEstimate == null ? '—' : formatMoney(preview.commissionEstimate)}</span>
        <span className={`num ticket-result${reverses(position, after) ? ' reverses' : ''}`} data-testid="ticket-result">
          pos {formatQuantity(position)} {describeResult(position, after)}
        </span>
        {checking && <span className="muted">checking…</span>}
      </div>
      {workingExits > 0 && position === 0 && (
        <div className="ticket-warning" data-testid="ticket-exits" role="alert">
          {workingExits} exit order{workingExits === 1 ? '' : 's'} still working on {request.symbol}
        </div>
      )}
      {preview?.denial && (
        <div className="ticket-denial" data-testid="ticket-denial" role="alert">
          Would be denied: {describeOmsError(preview.denial)}
        </div>
      )}
      {refusal && (
        <div className="ticket-denial" data-testid="ticket-refusal" role="alert">
          Will be refused: {refusal.text}
        </div>
      )}
      {precautions.length > 0 && (
        <ul className="ticket-precautions" data-testid="ticket-precautions" aria-label="Will ask to confirm">
          {precautions.map((p) => (
            <li key={p.code}>⚠ {p.text}</li>
          ))}
        </ul>
      )}
      {headroom.length > 0 && (
        <ul className="headroom" aria-label="Limit headroom">
          {headroom.map((h) => (
            <li key={h.id} className={h.breach ? 'breach' : h.ratio >= 0.8 ? 'warn' : undefined} title={h.label} data-testid={`headroom-${h.id}`}>
              <span>{h.id}</span> <span className="num">{h.text}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
