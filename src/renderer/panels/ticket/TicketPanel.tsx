// The order ticket: one line parsed as you type, a risk preview, the destination and the precautionary checks before
// sending; Enter sends (after any confirmation), Esc clears; the outcome follows the order (Sent → Accepted, Rejected).
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { assertNever } from '../../../core/model/assert';
import type { OrderRequest } from '../../../core/model/order';
import type { OrderPreview } from '../../../shared/contracts/risk';
import { useApi } from '../../api/ApiContext';
import { nudgeTicket } from '../../app/useTradingHotkeys';
import { useConfirm } from '../../state/confirmStore';
import { useInstruments } from '../../state/instrumentStore';
import { notify } from '../../state/notificationStore';
import { useQuotes } from '../../state/quoteStore';
import { useSelection } from '../../state/selectionStore';
import { searchSymbols } from '../../state/symbolSearch';
import { useTicket } from '../../state/ticketStore';
import { useTrading } from '../../state/tradingStore';
import { describeOmsError } from '../common/denialText';
import { describeExecutionError } from '../common/executionErrorText';
import { entryOf, type TicketRequest } from './orderResolver';
import { formatPrice, formatQuantity } from '../common/format';
import { replaceSymbolWord, symbolWordOf } from './ticketText';
import { TicketOutcome, type Outcome } from './TicketOutcome';
import { describeRequest, TicketPreview } from './TicketPreview';
import { useTicketChecks } from './useTicketChecks';
import { useTicketDraft } from './useTicketDraft';

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
  const bySymbol = useInstruments((s) => s.bySymbol);
  const quote = useQuotes((s) => (symbol ? s.quotes[symbol] : undefined));
  const position = useTrading((s) => (symbol ? (s.positions[symbol]?.quantity ?? 0) : 0));
  const checks = useTicketChecks(symbol);
  const { destination } = checks;

  // A symbol word that names no instrument: the closest tickers and names, Tab takes the first.
  const word = symbolWordOf(line);
  const typedSymbol = word?.text ?? '';
  const suggestions = useMemo(() => (typedSymbol && !bySymbol[typedSymbol.toUpperCase()] ? searchSymbols(typedSymbol, Object.values(bySymbol), 4) : []), [typedSymbol, bySymbol]);

  // A complete line for a known instrument makes its symbol the active one, so every panel shows what the ticket trades.
  const readySymbol = draft.state === 'ready' ? draft.parsed.symbol : null;
  useEffect(() => {
    if (readySymbol && useSelection.getState().symbol !== readySymbol) useSelection.getState().select(readySymbol);
  }, [readySymbol]);

  useEffect(() => {
    if (focusRequest === 0) return;
    const el = input.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, [focusRequest]);

  const entry = draft.state === 'ready' ? entryOf(draft.request) : null;
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
  const shownPreview = preview.isPlaceholderData ? undefined : preview.data;
  const verdict = entry && draft.state === 'ready' ? checks.verdict(draft.parsed.intent, entry, shownPreview) : { kind: 'clear' as const };

  const submit = async (request: Extract<typeof draft, { state: 'ready' }>['request'], entryRequest: OrderRequest) => {
    if (request.kind === 'execution') {
      const parent = await api.call('execution.submit', request.request);
      if (parent.ok) {
        const how = parent.value.algo === 'SMART' ? 'SMART' : `${parent.value.algo} via SMART`;
        setOutcome({ kind: 'started', text: `Started ${parent.value.id}: ${describeRequest(entryRequest, instrument)} → ${how}; its children are in the blotter` });
        setLine('');
      } else {
        const reason = describeExecutionError(parent.error);
        setOutcome({ kind: 'refused', text: `Denied: ${reason}` });
        notify('error', `Order denied: ${entryRequest.side} ${formatQuantity(entryRequest.quantity)} ${entryRequest.symbol}`, reason);
      }
      return;
    }
    const result = request.kind === 'bracket' ? await api.call('orders.submitBracket', request.request) : await api.call('orders.submit', request.request);
    if (result.ok) {
      setOutcome({ kind: 'sent', id: result.value.clientOrderId, text: describeRequest(entryRequest, instrument), destination: destination.label });
      setLine('');
    } else {
      const reason = describeOmsError(result.error);
      setOutcome({ kind: 'refused', text: `Denied: ${reason}` });
      notify('error', `Order denied: ${entryRequest.side} ${formatQuantity(entryRequest.quantity)} ${entryRequest.symbol}`, reason);
    }
  };

  const send = async () => {
    if (draft.state !== 'ready' || sending) {
      if (draft.state === 'incomplete' || draft.state === 'invalid') setOutcome({ kind: 'refused', text: `Not sent: ${draft.reason}` });
      return;
    }
    if (!destination.canTrade) {
      setOutcome({ kind: 'refused', text: `Not sent: ${destination.reason ?? `${destination.label} cannot trade`}` });
      return;
    }
    setSending(true);
    try {
      const request = draft.request;
      const entryRequest = entryOf(request);
      // Wait for the pre-trade answer for exactly this order: a denial shown in the preview is never sent.
      const checked: OrderPreview = await queries.fetchQuery({ queryKey: previewKey(entryRequest), queryFn: () => api.call('risk.preview', entryRequest), staleTime: 0 });
      if (checked.denial) {
        setOutcome({ kind: 'refused', text: `Not sent: ${describeOmsError(checked.denial)}` });
        return;
      }
      const precautions = checks.verdict(draft.parsed.intent, entryRequest, checked);
      if (precautions.kind === 'refuse') {
        setOutcome({ kind: 'refused', text: `Not sent: ${precautions.reason.text}` });
        return;
      }
      if (precautions.kind === 'confirm') {
        setOutcome({ kind: 'pending', text: `Waiting for your confirmation (${precautions.checks.length} check${precautions.checks.length === 1 ? '' : 's'})` });
        useConfirm.getState().ask({
          title: `Send ${entryRequest.side} ${formatQuantity(entryRequest.quantity)} ${entryRequest.symbol} to ${destination.label}?`,
          message: `${describeRequest(entryRequest, instrument)} trips ${precautions.checks.length === 1 ? 'a precautionary check' : `${precautions.checks.length} precautionary checks`}:`,
          details: precautions.checks.map((c) => c.text),
          confirmLabel: 'Send anyway',
          danger: true,
          destructive: true,
          onConfirm: () => void submit(request, entryRequest).catch((e: Error) => setOutcome({ kind: 'error', text: `Not sent: ${e.message}` })),
          onCancel: () => setOutcome({ kind: 'refused', text: 'Not sent: you canceled at the precautionary check' }),
        });
        return;
      }
      await submit(request, entryRequest);
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
    } else if (event.key === 'Tab' && !event.shiftKey && suggestions[0]) setLine(`${replaceSymbolWord(line, suggestions[0].item.symbol)}`);
    else if ((event.key === 'ArrowUp' || event.key === 'ArrowDown') && !event.altKey) nudgeTicket(event.key === 'ArrowUp' ? 1 : -1);
    else return;
    event.preventDefault();
  };

  return (
    <div className="ticket">
      <div className="ticket-context">
        <span className={`ticket-destination${destination.live ? ' live' : ''}${destination.canTrade ? '' : ' down'}`} data-testid="ticket-destination" data-live={destination.live} title="Where this order goes (command palette: Route new orders to …)">
          {destination.label}
        </span>
        <strong>{symbol ?? '—'}</strong>
        {instrument && <span className="muted">{instrument.name}</span>}
        <span className="num">
          {formatPrice(quote?.bid, instrument?.tickSize)} × {formatPrice(quote?.ask, instrument?.tickSize)}
          {instrument && instrument.currency !== 'USD' ? ` ${instrument.currency}` : ''}
        </span>
        <span className="num muted">pos {formatQuantity(position)}</span>
      </div>
      <input
        ref={input}
        data-autofocus
        className={`ticket-input${draft.state === 'invalid' ? ' invalid' : ''}`}
        data-testid="ticket-input"
        aria-label="Order line"
        aria-invalid={draft.state === 'invalid'}
        aria-describedby="ticket-feedback"
        placeholder="buy 100 NVTX lmt 182.4 gtc · sell 50% QBIT mkt · bracket buy 100 HALO lmt 120 tp 130 sl 115"
        spellCheck={false}
        autoComplete="off"
        value={line}
        onChange={(e) => {
          setLine(e.target.value);
          setOutcome(null);
        }}
        onKeyDown={onKeyDown}
      />
      <div id="ticket-feedback" className="ticket-feedback">
        {!destination.canTrade && (
          <div className="ticket-warning" data-testid="ticket-venue-warning" role="alert">
            {destination.label}: {destination.reason}
          </div>
        )}
        {suggestions.length > 0 && (
          <div className="ticket-suggestions muted" data-testid="ticket-suggestions">
            Tab: {suggestions.map((m) => `${m.item.symbol} (${m.item.name})`).join(' · ')}
          </div>
        )}
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
            extra={ticketExtra(draft.request)}
            instrument={instrument}
            localNotional={localNotional}
            preview={shownPreview}
            checking={preview.isFetching}
            position={position}
            workingExits={checks.workingExits}
            precautions={verdict.kind === 'confirm' ? verdict.checks : []}
            refusal={verdict.kind === 'refuse' ? verdict.reason : null}
          />
        )}
        {preview.isError && draft.state === 'ready' && <div className="ticket-error invalid">Preview unavailable: {(preview.error as Error).message}</div>}
        <TicketOutcome outcome={outcome} />
      </div>
    </div>
  );
}

/** What the preview line adds after the order: a bracket's exits, or how an execution request is worked. */
function ticketExtra(request: TicketRequest): string {
  if (request.kind === 'bracket') return ` · tp ${request.request.takeProfitPrice} sl ${request.request.stopLossPrice}`;
  if (request.kind !== 'execution') return '';
  const style = request.request.style;
  const urgency = request.request.urgency ? ` ${request.request.urgency.toLowerCase()}` : '';
  switch (style.kind) {
    case 'SMART':
      return ' · SMART routing';
    case 'TWAP':
    case 'VWAP':
      return ` · ${style.kind} over ${Math.round(style.durationMs / 60_000)} min${urgency}`;
    case 'POV':
      return ` · POV ${(style.participation * 100).toFixed(1)}% of volume for up to ${Math.round(style.durationMs / 60_000)} min${urgency}`;
    case 'ICEBERG':
      return ` · iceberg showing ${formatQuantity(style.displayQuantity)}`;
    default:
      return assertNever(style, 'execution style');
  }
}
