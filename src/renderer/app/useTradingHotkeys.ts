// The trading hotkeys (rebindable chords): start a buy or sell, nudge its price, cancel all and flatten (both confirmed).
import { useEffect } from 'react';
import { normalizeQuantity } from '../../core/model/instrument';
import { useApi } from '../api/ApiContext';
import { askCancelAll, askFlatten } from '../panels/common/confirmedActions';
import { nudgePrice, startOrderLine } from '../panels/ticket/ticketText';
import { useConfirm } from '../state/confirmStore';
import { actionFor, comboOf, mayFire, worksWhileTyping, type HotkeyAction } from '../state/hotkeys';
import { useHotkeys } from '../state/hotkeyStore';
import { useInstruments } from '../state/instrumentStore';
import { useQuotes } from '../state/quoteStore';
import { useSelection } from '../state/selectionStore';
import { useTicket } from '../state/ticketStore';
import { useWorkspace } from '../state/workspaceStore';

const DEFAULT_UNITS = 100;

const isEditable = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT');

/** Ticket-side effects of a hotkey, shared with the ticket input's own arrow keys. */
export function nudgeTicket(ticks: number): void {
  const { line, setLine } = useTicket.getState();
  const symbol = /^\s*(?:bracket\s+)?\S+\s+\S+\s+(\S+)/.exec(line)?.[1]?.toUpperCase() ?? useSelection.getState().symbol ?? '';
  const instrument = useInstruments.getState().bySymbol[symbol];
  if (!instrument) return;
  const quote = useQuotes.getState().quotes[symbol];
  setLine(nudgePrice(line, ticks, instrument.tickSize, quote?.last));
}

export function useTradingHotkeys(): void {
  const api = useApi();
  useEffect(() => {
    const run = (action: HotkeyAction) => {
      const symbol = useSelection.getState().symbol;
      switch (action) {
        case 'ticket.buy':
        case 'ticket.sell': {
          if (!symbol) return;
          const instrument = useInstruments.getState().bySymbol[symbol];
          const units = instrument ? Math.max(instrument.lotSize, normalizeQuantity(instrument, DEFAULT_UNITS)) : DEFAULT_UNITS;
          useWorkspace.getState().focusPanel('ticket');
          useTicket.getState().start(startOrderLine(action === 'ticket.buy' ? 'buy' : 'sell', symbol, units));
          return;
        }
        case 'ticket.priceUp':
          return nudgeTicket(1);
        case 'ticket.priceDown':
          return nudgeTicket(-1);
        case 'orders.cancelAll':
          askCancelAll(api);
          return;
        case 'positions.flatten':
          askFlatten(api, symbol);
          return;
        default: {
          const never: never = action;
          return never;
        }
      }
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || useWorkspace.getState().paletteOpen || useConfirm.getState().request) return;
      if (document.querySelector('[role="dialog"]')) return;
      const combo = comboOf(event);
      const { bindings, singleKeys } = useHotkeys.getState();
      const action = actionFor(bindings, combo);
      if (!action || !combo || !mayFire(combo, singleKeys)) return;
      if (isEditable(event.target) && !worksWhileTyping(combo)) return;
      event.preventDefault();
      run(action);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [api]);
}
