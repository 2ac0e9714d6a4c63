// Everything the ticket checks before sending besides the risk preview: where the order goes, the precautionary
// checks for that account, and bracket exits still working on the symbol.
import { useMemo } from 'react';
import type { OrderPreview } from '../../../shared/contracts/risk';
import { isTerminal, type OrderRequest } from '../../../core/model/order';
import { destinationOf, type Destination } from '../../state/destination';
import { usePrecautions } from '../../state/precautionStore';
import { useQuotes } from '../../state/quoteStore';
import { useTrading } from '../../state/tradingStore';
import { useVenues } from '../../state/venueStore';
import type { Intent } from './orderParser';
import { checkPrecautions, type PrecautionVerdict } from './precautions';
import { useAverageDailyVolume, useBaseCurrency } from './ticketMarket';

export interface TicketChecks {
  readonly destination: Destination;
  /** The precautionary verdict for an order given the API's preview of it. */
  verdict(intent: Intent, request: OrderRequest, preview: OrderPreview | undefined): PrecautionVerdict;
  readonly workingExits: number;
}

export function useTicketChecks(symbol: string | null): TicketChecks {
  const route = useVenues((s) => s.route);
  const ib = useVenues((s) => s.ib);
  const destination = useMemo(() => destinationOf(route, ib), [route, ib]);
  const settings = usePrecautions((s) => s.byAccount[destination.label]) ?? usePrecautions.getState().settingsFor(destination.label);
  const adv = useAverageDailyVolume(symbol);
  const base = useBaseCurrency();
  const orders = useTrading((s) => s.orders);
  const workingExits = useMemo(
    () => (symbol ? Object.values(orders).filter((o) => o.symbol === symbol && o.parentId !== null && o.bracketRole !== 'ENTRY' && !isTerminal(o.status)).length : 0),
    [orders, symbol],
  );

  const verdict = (intent: Intent, request: OrderRequest, preview: OrderPreview | undefined): PrecautionVerdict => {
    const quote = useQuotes.getState().quotes[request.symbol];
    const market = quote ? (quote.last > 0 ? quote.last : quote.bid > 0 && quote.ask > 0 ? (quote.bid + quote.ask) / 2 : null) : null;
    // The backend's notional in the base currency, from the same run of the check as the verdict: never recomputed here.
    const notionalBase = preview?.notionalBase ?? null;
    const baseCurrency = preview?.baseCurrency ?? base ?? 'USD';
    return checkPrecautions(
      { intent, side: request.side, symbol: request.symbol, quantity: request.quantity, price: request.limitPrice ?? null },
      { position: useTrading.getState().positions[request.symbol]?.quantity ?? 0, marketPrice: market, notionalBase, baseCurrency, averageDailyVolume: adv },
      settings,
    );
  };
  return { destination, verdict, workingExits };
}
