// One position row, re-marked on every (frame-coalesced) quote of its symbol so its P&L moves with the market.
import { memo } from 'react';
import type { PositionSnapshot } from '../../../core/model/position';
import { useInstruments } from '../../state/instrumentStore';
import { useQuotes } from '../../state/quoteStore';
import { formatMoney, formatPrice, formatQuantity, signClass } from '../common/format';
import { markToQuote } from './liveMark';

interface Props {
  position: PositionSnapshot;
  cursor: boolean;
  selected: boolean;
  onPick(): void;
}

export const PositionRow = memo(function PositionRow({ position, cursor, selected, onPick }: Props) {
  const instrument = useInstruments((s) => s.bySymbol[position.symbol]);
  const quote = useQuotes((s) => s.quotes[position.symbol]);
  const p = markToQuote(position, quote, instrument?.multiplier);
  const tick = instrument?.tickSize;
  const net = p.realizedPnl + p.unrealizedPnl - p.commissions;
  return (
    <tr id={`position-${p.symbol}`} data-testid="position-row" data-symbol={p.symbol} aria-selected={cursor} className={`${cursor ? 'cursor' : ''}${selected ? ' selected' : ''}${p.quantity === 0 ? ' flat-row' : ''}`} onMouseDown={onPick}>
      <td className="sym">{p.symbol}</td>
      <td className={`num ${signClass(p.quantity)}`} data-field="quantity">{formatQuantity(p.quantity)}</td>
      <td className="num">{p.quantity === 0 ? '' : formatPrice(p.averageCost, tick)}</td>
      <td className="num">{formatPrice(p.markPrice, tick)}</td>
      <td className="num">{formatMoney(p.marketValue)}</td>
      <td className={`num ${signClass(p.unrealizedPnl)}`} data-field="unrealized">{formatMoney(p.unrealizedPnl, true)}</td>
      <td className={`num ${signClass(p.realizedPnl)}`}>{formatMoney(p.realizedPnl, true)}</td>
      <td className={`num ${signClass(net)}`}>{formatMoney(net, true)}</td>
      <td>{p.currency}</td>
    </tr>
  );
});
