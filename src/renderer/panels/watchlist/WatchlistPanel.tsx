// The watchlist: streaming last/bid/ask/change/volume in the instrument's currency; type a ticker or name to add it
// (fuzzy: prefix, word start, letters in order); arrows move, Enter loads chart and ticket.
import { useCallback, useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { moveSelection } from '../blotter/virtualWindow';
import { useInstruments } from '../../state/instrumentStore';
import { useSelection } from '../../state/selectionStore';
import { searchSymbols } from '../../state/symbolSearch';
import { useTicket } from '../../state/ticketStore';
import { WatchlistRow } from './WatchlistRow';

/** Puts the symbol into a ticket line that already names one (`buy 100 OLD lmt 1` → `buy 100 NEW lmt 1`). */
function retarget(line: string, symbol: string): string {
  return line.replace(/^(\s*(?:bracket\s+)?\S+\s+\S+\s+)(\S+)/i, (_, head: string) => `${head}${symbol}`);
}

export function WatchlistPanel() {
  const watchlist = useSelection((s) => s.watchlist);
  const selected = useSelection((s) => s.symbol);
  const bySymbol = useInstruments((s) => s.bySymbol);
  const [cursor, setCursor] = useState(() => Math.max(0, watchlist.indexOf(selected ?? '')));
  const [adding, setAdding] = useState('');
  const [addError, setAddError] = useState('');
  const [suggested, setSuggested] = useState(0);
  const matches = useMemo(() => (adding.trim() ? searchSymbols(adding, Object.values(bySymbol), 6) : []), [adding, bySymbol]);

  useEffect(() => setCursor((c) => Math.min(c, Math.max(0, watchlist.length - 1))), [watchlist.length]);
  useEffect(() => {
    document.getElementById(`watch-${watchlist[cursor]}`)?.scrollIntoView({ block: 'nearest' });
  }, [cursor, watchlist]);

  const load = useCallback((symbol: string | undefined) => {
    if (!symbol) return;
    useSelection.getState().select(symbol);
    const { line, setLine } = useTicket.getState();
    if (line.trim()) setLine(retarget(line, symbol));
  }, []);

  const pick = useCallback(
    (index: number) => {
      setCursor(index);
      load(useSelection.getState().watchlist[index]);
    },
    [load],
  );

  const onListKey = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    if (event.key === 'ArrowDown') setCursor((c) => moveSelection(c, 1, watchlist.length));
    else if (event.key === 'ArrowUp') setCursor((c) => moveSelection(c, -1, watchlist.length));
    else if (event.key === 'Home') setCursor(0);
    else if (event.key === 'End') setCursor(watchlist.length - 1);
    else if (event.key === 'Enter') load(watchlist[cursor]);
    else if (event.key === 'Delete' && watchlist[cursor]) useSelection.getState().removeFromWatchlist(watchlist[cursor]);
    else return;
    event.preventDefault();
  };

  const add = (symbol: string) => {
    useSelection.getState().addToWatchlist(symbol);
    setCursor(useSelection.getState().watchlist.indexOf(symbol));
    load(symbol);
    setAdding('');
    setAddError('');
    setSuggested(0);
  };

  const onAddKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      setAdding('');
      setAddError('');
    } else if (event.key === 'Enter') {
      const typed = adding.trim().toUpperCase();
      if (!typed) return;
      // The highlighted match (the exact ticker ranks first); nothing matching at all is an error.
      const pick = matches[Math.min(suggested, matches.length - 1)]?.item.symbol;
      if (!pick) {
        setAddError(`No instrument matches ${typed}`);
        return;
      }
      add(pick);
    } else if (event.key === 'ArrowDown' && matches.length > 0) setSuggested((i) => Math.min(i + 1, matches.length - 1));
    else if (event.key === 'ArrowUp' && matches.length > 0) setSuggested((i) => Math.max(i - 1, 0));
    else if (event.key === 'ArrowDown') {
      // Down from the empty input goes to the list, so adding then moving never needs the mouse.
      (document.querySelector('[data-testid="watchlist-table"]') as HTMLElement | null)?.focus();
    } else return;
    event.preventDefault();
  };

  return (
    <div className="watchlist">
      <div className="watchlist-add">
        <input
          data-testid="watchlist-add"
          aria-label="Add a symbol"
          placeholder="Add symbol…"
          spellCheck={false}
          value={adding}
          onChange={(e) => {
            setAdding(e.target.value);
            setAddError('');
            setSuggested(0);
          }}
          onKeyDown={onAddKey}
          aria-autocomplete="list"
          aria-controls="watchlist-suggestions"
          aria-activedescendant={matches[suggested] ? `suggest-${matches[suggested]!.item.symbol}` : undefined}
        />
        {addError && <span className="inline-error" role="alert">{addError}</span>}
        {matches.length > 0 && (
          <ul id="watchlist-suggestions" className="symbol-suggestions" role="listbox" data-testid="watchlist-suggestions">
            {matches.map((m, i) => (
              <li key={m.item.symbol} id={`suggest-${m.item.symbol}`} role="option" aria-selected={i === suggested} className={i === suggested ? 'selected' : undefined} onMouseDown={(e) => { e.preventDefault(); add(m.item.symbol); }}>
                <strong>{m.item.symbol}</strong> <span className="muted">{m.item.name} · {m.item.currency}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <table
        className="grid watchlist-table"
        role="grid"
        tabIndex={0}
        data-autofocus
        data-testid="watchlist-table"
        aria-label="Watchlist"
        aria-activedescendant={watchlist[cursor] ? `watch-${watchlist[cursor]}` : undefined}
        onKeyDown={onListKey}
      >
        <thead>
          <tr>
            <th>Symbol</th>
            <th className="num">Last</th>
            <th className="num">Bid</th>
            <th className="num">Ask</th>
            <th className="num">Chg</th>
            <th className="num">Chg%</th>
            <th className="num">Volume</th>
            <th>Ccy</th>
          </tr>
        </thead>
        <tbody>
          {watchlist.map((symbol, index) => (
            <WatchlistRow key={symbol} symbol={symbol} index={index} cursor={index === cursor} selected={symbol === selected} onPick={pick} />
          ))}
        </tbody>
      </table>
      {watchlist.length === 0 && <p className="muted">Type a symbol above to add it.</p>}
    </div>
  );
}
