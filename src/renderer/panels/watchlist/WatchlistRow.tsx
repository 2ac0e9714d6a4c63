// One watchlist row: follows only its own symbol's quote, so a quote for another symbol does not re-render it.
import { memo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/ApiContext';
import { useInstruments } from '../../state/instrumentStore';
import { useQuotes } from '../../state/quoteStore';
import { change, formatPercent, formatPrice, formatVolume, signClass } from '../common/format';
import { referenceClose } from './referenceClose';

interface Props {
  symbol: string;
  index: number;
  cursor: boolean;
  selected: boolean;
  onPick(index: number): void;
}

export const WatchlistRow = memo(function WatchlistRow({ symbol, index, cursor, selected, onPick }: Props) {
  const api = useApi();
  const quote = useQuotes((s) => s.quotes[symbol]);
  const tick = useInstruments((s) => s.bySymbol[symbol]?.tickSize);
  const currency = useInstruments((s) => s.bySymbol[symbol]?.currency);
  const daily = useQuery({
    queryKey: ['market.bars', symbol, '1D', 3],
    queryFn: () => api.call('market.bars', { symbol, timeframe: '1D', limit: 3 }),
    staleTime: 10 * 60_000,
  });
  const reference = daily.data ? referenceClose(daily.data.time, daily.data.close, quote?.time ?? Date.now()) : null;
  const move = change(quote?.last, reference);
  return (
    <tr
      id={`watch-${symbol}`}
      role="row"
      aria-selected={cursor}
      data-symbol={symbol}
      className={`${cursor ? 'cursor' : ''}${selected ? ' selected' : ''}`}
      onMouseDown={() => onPick(index)}
    >
      <td className="sym">{symbol}</td>
      <td className="num" data-field="last">{formatPrice(quote?.last, tick)}</td>
      <td className="num">{formatPrice(quote?.bid, tick)}</td>
      <td className="num">{formatPrice(quote?.ask, tick)}</td>
      <td className={`num ${signClass(move?.abs)}`}>{move ? formatPrice(move.abs, tick) : '—'}</td>
      <td className={`num ${signClass(move?.pct)}`}>{formatPercent(move?.pct)}</td>
      <td className="num">{formatVolume(quote?.volume)}</td>
      <td className="ccy" data-field="currency">{currency ?? ''}</td>
    </tr>
  );
});
