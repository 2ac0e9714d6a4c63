// The order ticket: one line parsed as you type, a risk preview before sending; Enter sends, Esc clears.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrderRequest } from '../../../core/model/order';
import type { OrderPreview } from '../../../shared/contracts/risk';
import { useApi } from '../../api/ApiContext';
import { nudgeTicket } from '../../app/useTradingHotkeys';
import { useInstruments } from '../../state/instrumentStore';
import { notify } from '../../state/notificationStore';
import { useQuotes } from '../../state/quoteStore';
import { useSelection } from '../../state/selectionStore';
import { useTicket } from '../../state/ticketStore';
import { useTrading } from '../../state/tradingStore';
import { describeOmsError } from '../common/denialText';
import { formatPrice, formatQuantity } from '../common/format';
import { describeRequest, TicketPreview } from './TicketPreview';
import { useTicketDraft } from './useTicketDraft';

type Outcome = { kind: 'sent' | 'refused' | 'error'; text: string } | null;

const previewKey = (r: OrderRequest | null) => ['risk.preview', r] as const;

export function TicketPanel() {
  const api = useApi();
  const queries = useQueryClient();
  const line = useTicket((s) => s.line);
  const setLine = useTicket((s) => s.setLine);
  const focusRequest = useTicket((s) => s.focusRequest);
  const draft = useTicketDraft(line);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [sending, setSending] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const selected = useSelection((s) => s.symbol);
  const symbol = draft.state === 'ready' ? draft.parsed.symbol : draft.state !== 'empty' && draft.parsed ? draft.parsed.symbol : selected;
  const instrument = useInstruments((s) => (symbol ? s.bySymbol[symbol] : undefined));
  const quote = useQuotes((s) => (symbol ? s.quotes[symbol] : undefined));
  const position = useTrading((s) => (symbol ? s.positions[symbol]?.quantity : undefined));

  useEffect(() => {
    if (focusRequest === 0) return;
    const el = input.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, [focusRequest]);

  const entry = draft.state === 'ready' ? (draft.request.kind === 'bracket' ? draft.request.request.entry : draft.request.request) : null;
  const preview = useQuery({
    queryKey: previewKey(entry),
    queryFn: () => api.call('risk.preview', entry!),
    enabled: entry !== null,
    placeholderData: keepPreviousData,
    // Headroom moves with every fill and quote: keep the line current while it waits to be sent.
    refetchInterval: 1_000,
    retry: false,
  });

  const reference = entry?.limitPrice ?? entry?.stopPrice ?? (entry?.side === 'BUY' ? quote?.ask : quote?.bid) ?? quote?.last;
  const localNotional = entry && reference !== undefined ? entry.quantity * reference * (instrument?.multiplier ?? 1) : null;

  const send = async () => {
    if (draft.state !== 'ready' || sending) {
      if (draft.state === 'incomplete' || draft.state === 'invalid') setOutcome({ kind: 'refused', text: `Not sent: ${draft.reason}` });
      return;
    }
    setSending(true);
    try {
      const request = draft.request;
      const entryRequest = request.kind === 'bracket' ? request.request.entry : request.request;
      // Wait for the pre-trade answer for exactly this order: a denial shown in the preview is never sent.
      const checked: OrderPreview = await queries.fetchQuery({ queryKey: previewKey(entryRequest), queryFn: () => api.call('risk.preview', entryRequest), staleTime: 0 });
      if (checked.denial) {
        setOutcome({ kind: 'refused', text: `Not sent: ${describeOmsError(checked.denial)}` });
        return;
      }
      const result = request.kind === 'bracket' ? await api.call('orders.submitBracket', request.request) : await api.call('orders.submit', request.request);
      if (result.ok) {
        setOutcome({ kind: 'sent', text: `Sent ${result.value.clientOrderId}: ${describeRequest(entryRequest, instrument)}` });
        setLine('');
      } else {
        const reason = describeOmsError(result.error);
        setOutcome({ kind: 'refused', text: `Denied: ${reason}` });
        notify('error', `Order denied: ${entryRequest.side} ${formatQuantity(entryRequest.quantity)} ${entryRequest.symbol}`, reason);
      }
    } catch (error) {
      setOutcome({ kind: 'error', text: `Not sent: ${(error as Error).message}` });
    } finally {
      setSending(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') void send();
    else if (event.key === 'Escape') {
      setLine('');
      setOutcome(null);
    } else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') nudgeTicket(event.key === 'ArrowUp' ? 1 : -1);
    else return;
    event.preventDefault();
  };

  return (
    <div className="ticket">
      <div className="ticket-context">
        <strong>{symbol ?? '—'}</strong>
        {instrument && <span className="muted">{instrument.name}</span>}
        <span className="num">
          {formatPrice(quote?.bid, instrument?.tickSize)} × {formatPrice(quote?.ask, instrument?.tickSize)}
        </span>
        <span className="num muted">pos {formatQuantity(position ?? 0)}</span>
      </div>
      <input
        ref={input}
        data-autofocus
        className={`ticket-input${draft.state === 'invalid' ? ' invalid' : ''}`}
        data-testid="ticket-input"
        aria-label="Order line"
        aria-invalid={draft.state === 'invalid'}
        aria-describedby="ticket-feedback"
        spellCheck={false}
        autoComplete="off"
        placeholder="buy 100 NVTX lmt 182.4 gtc · sell 50% QBIT mkt · bracket buy 100 HALO lmt 120 tp 130 sl 115"
        value={line}
        onChange={(e) => {
          setLine(e.target.value);
          setOutcome(null);
        }}
        onKeyDown={onKeyDown}
      />
      <div id="ticket-feedback" className="ticket-feedback">
        {(draft.state === 'invalid' || draft.state === 'incomplete') && (
          <div className={`ticket-error ${draft.state}`} data-testid="ticket-error" data-state={draft.state}>
            <code className="ticket-echo">
              {line.slice(0, draft.span.start)}
              <mark>{line.slice(draft.span.start, draft.span.end) || ' '}</mark>
              {line.slice(draft.span.end)}
            </code>
            <span>
              col {draft.span.start + 1}: {draft.reason}
            </span>
          </div>
        )}
        {entry && draft.state === 'ready' && (
          <TicketPreview
            request={entry}
            extra={draft.request.kind === 'bracket' ? ` · tp ${draft.request.request.takeProfitPrice} sl ${draft.request.request.stopLossPrice}` : ''}
            instrument={instrument}
            localNotional={localNotional}
            preview={preview.isPlaceholderData ? undefined : preview.data}
            checking={preview.isFetching}
          />
        )}
        {preview.isError && draft.state === 'ready' && <div className="ticket-error invalid">Preview unavailable: {(preview.error as Error).message}</div>}
        {outcome && (
          <div className={`ticket-outcome ${outcome.kind}`} data-testid="ticket-outcome" data-kind={outcome.kind} role="status">
            {outcome.text}
          </div>
        )}
      </div>
    </div>
  );
}
