// The run's symbols: a fuzzy search over the instrument master and the stored real symbols (the watchlist's and
// ticket's search), Enter adds the best match, Backspace on an empty box removes the last symbol.
import { useMemo, useState, type KeyboardEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/ApiContext';
import { useInstruments } from '../../state/instrumentStore';
import { searchSymbols } from '../../state/symbolSearch';
import { researchSymbols } from './researchSymbols';

export function SymbolPicker({ symbols, onChange, error }: { symbols: readonly string[]; onChange(next: string[]): void; error?: string }) {
  const api = useApi();
  const bySymbol = useInstruments((s) => s.bySymbol);
  // The Data section shares this query: a fetch there invalidates it, so a new symbol is offered here at once.
  const sources = useQuery({ queryKey: ['data.sources'], queryFn: () => api.call('data.sources', {}) });
  const candidates = useMemo(() => researchSymbols(Object.values(bySymbol), sources.data ?? []), [bySymbol, sources.data]);
  const [query, setQuery] = useState('');
  const matches = useMemo(() => (query.trim() ? searchSymbols(query, candidates, 6).filter((m) => !symbols.includes(m.item.symbol)) : []), [query, candidates, symbols]);

  const add = (symbol: string) => {
    if (!symbols.includes(symbol)) onChange([...symbols, symbol]);
    setQuery('');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && query.trim()) {
      // With text typed, Enter picks a symbol (the best match, or the text as typed) instead of running.
      e.preventDefault();
      add(matches[0]?.item.symbol ?? query.trim().toUpperCase());
    } else if (e.key === 'Backspace' && !query && symbols.length) {
      onChange(symbols.slice(0, -1));
    }
  };

  return (
    <div className="bt-symbols">
      <div className="bt-chips" data-testid="backtest-symbols">
        {symbols.map((s) => (
          <button key={s} type="button" className="bt-chip" data-symbol={s} title={`Remove ${s}`} onClick={() => onChange(symbols.filter((x) => x !== s))}>
            {s} ×
          </button>
        ))}
        <input
          id="bt-symbols"
          aria-label="Add symbol"
          data-testid="backtest-symbol-input"
          placeholder={symbols.length ? 'add…' : 'symbol or name'}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'bt-symbols-error' : undefined}
        />
      </div>
      {matches.length > 0 && (
        <ul className="bt-matches" role="listbox" aria-label="Matching symbols">
          {matches.map((m, i) => (
            <li key={m.item.symbol} role="option" aria-selected={i === 0} onMouseDown={(e) => (e.preventDefault(), add(m.item.symbol))}>
              <strong>{m.item.symbol}</strong> <span className="muted">{m.item.name}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
