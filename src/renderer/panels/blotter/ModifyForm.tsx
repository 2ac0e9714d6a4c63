// Modifying a working order from the blotter: quantity and price, Enter sends, Esc backs out.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Order } from '../../../core/model/order';
import { useApi } from '../../api/ApiContext';
import { modifyOrder } from '../common/tradingActions';

export function ModifyForm({ order, onDone }: { order: Order; onDone: () => void }) {
  const api = useApi();
  const priceField = order.type === 'STOP' ? 'stopPrice' : order.type === 'MARKET' ? null : 'limitPrice';
  const [quantity, setQuantity] = useState(String(order.quantity));
  const [price, setPrice] = useState(priceField ? String(order[priceField] ?? '') : '');
  const [error, setError] = useState('');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // Back to the row the form was opened from when it closes, so the blotter's keys work again.
    const opener = document.activeElement as HTMLElement | null;
    first.current?.select();
    return () => opener?.focus?.();
  }, []);

  const submit = async () => {
    const q = Number(quantity);
    const p = Number(price);
    if (!(q > 0)) return setError('quantity must be a number above 0');
    if (priceField && !(p > 0)) return setError('price must be a number above 0');
    const change: { quantity?: number; limitPrice?: number; stopPrice?: number } = {};
    if (q !== order.quantity) change.quantity = q;
    if (priceField && p !== order[priceField]) change[priceField] = p;
    if (Object.keys(change).length === 0) return onDone();
    if (await modifyOrder(api, order.clientOrderId, change)) onDone();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    event.stopPropagation();
    if (event.key === 'Enter') void submit();
    else if (event.key === 'Escape') onDone();
    else return;
    event.preventDefault();
  };

  return (
    <div className="modify-form" role="form" aria-label={`Modify ${order.clientOrderId}`} onKeyDown={onKeyDown}>
      <span>
        Modify {order.side} {order.symbol}
      </span>
      {priceField && (
        <label>
          {priceField === 'stopPrice' ? 'stop' : 'limit'}
          <input ref={first} data-testid="modify-price" className="num" value={price} onChange={(e) => setPrice(e.target.value)} />
        </label>
      )}
      <label>
        qty
        <input ref={priceField ? undefined : first} data-testid="modify-quantity" className="num" value={quantity} onChange={(e) => setQuantity(e.target.value)} />
      </label>
      <button onClick={() => void submit()}>Send</button>
      {error && <span className="inline-error">{error}</span>}
    </div>
  );
}
