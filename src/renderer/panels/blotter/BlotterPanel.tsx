// The blotter: orders (working or all, bracket legs under their parent) and fills, sortable, virtualized, header and
// rows in one scroll container; the cursor stays on its order through re-sorts; arrows move, C cancels, M modifies.
import { useMemo, useState, type KeyboardEvent } from 'react';
import type { Order } from '../../../core/model/order';
import { describeStrategyRef } from '../../../core/model/strategyRef';
import { useApi } from '../../api/ApiContext';
import { useInstruments } from '../../state/instrumentStore';
import { useSelection } from '../../state/selectionStore';
import { useTrading } from '../../state/tradingStore';
import { cancelOrder } from '../common/tradingActions';
import { formatMoney, formatPrice, formatQuantity, formatTime } from '../common/format';
import { canCancel, canModify, cursorIndex, fillRows, orderRows, toggleSort, DEFAULT_ORDER_SORT, FILL_COLUMNS, ORDER_COLUMNS, type FillColumn, type OrderColumn, type SortState } from './blotterRows';
import { ExecutionParents } from './ExecutionParents';
import { ModifyForm } from './ModifyForm';
import { VirtualRows } from './VirtualRows';
import { moveSelection } from './virtualWindow';

const ROW_HEIGHT = 22;
const ORDER_TITLES: Record<OrderColumn, string> = { createdAt: 'Submitted', clientOrderId: 'Id', symbol: 'Symbol', side: 'Side', type: 'Type', quantity: 'Qty', filledQuantity: 'Filled', limitPrice: 'Limit', stopPrice: 'Stop', averageFillPrice: 'Avg', venue: 'Venue', status: 'Status', timeInForce: 'TIF' };
const FILL_TITLES: Record<FillColumn, string> = { time: 'Time', clientOrderId: 'Order', symbol: 'Symbol', side: 'Side', quantity: 'Qty', price: 'Price', commission: 'Comm', liquidity: 'Liq' };
const NUMERIC = new Set<string>(['quantity', 'filledQuantity', 'limitPrice', 'stopPrice', 'averageFillPrice', 'price', 'commission']);

type View = 'orders' | 'fills';

function Header<K extends string>({ columns, titles, sort, onSort }: { columns: readonly K[]; titles: Record<K, string>; sort: SortState<K>; onSort(k: K): void }) {
  return (
    <div className="blotter-row blotter-head" role="row" data-testid="blotter-head">
      {columns.map((c) => (
        <button key={c} role="columnheader" tabIndex={-1} className={NUMERIC.has(c) ? 'num' : undefined} aria-sort={sort.key === c ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'} onClick={() => onSort(c)}>
          {titles[c]}
          {sort.key === c ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
        </button>
      ))}
    </div>
  );
}

export function BlotterPanel() {
  const api = useApi();
  const orders = useTrading((s) => s.orders);
  const fills = useTrading((s) => s.fills);
  const bySymbol = useInstruments((s) => s.bySymbol);
  const [view, setView] = useState<View>('orders');
  const [workingOnly, setWorkingOnly] = useState(false);
  const [orderSort, setOrderSort] = useState<SortState<OrderColumn>>(DEFAULT_ORDER_SORT);
  const [fillSort, setFillSort] = useState<SortState<FillColumn>>({ key: 'time', direction: 'desc' });
  // The cursor is an order (or fill) id; the index is only where to land if that row goes away.
  const [cursor, setCursor] = useState<{ id: string | null; index: number }>({ id: null, index: 0 });
  const [modifying, setModifying] = useState<Order | null>(null);

  const orderList = useMemo(() => orderRows(orders, workingOnly, orderSort), [orders, workingOnly, orderSort]);
  const fillList = useMemo(() => fillRows(fills, fillSort), [fills, fillSort]);
  const count = view === 'orders' ? orderList.length : fillList.length;
  const ids = useMemo(() => (view === 'orders' ? orderList.map((o) => o.clientOrderId) : fillList.map((f) => f.executionId)), [view, orderList, fillList]);
  const at = cursorIndex(ids, cursor.id, cursor.index);
  const current = view === 'orders' ? orderList[at] : undefined;
  const moveTo = (index: number) => setCursor({ id: ids[index] ?? null, index });

  const cycleSort = (step: number) => {
    if (view === 'orders') setOrderSort((s) => ({ ...s, key: ORDER_COLUMNS[(ORDER_COLUMNS.indexOf(s.key) + step + ORDER_COLUMNS.length) % ORDER_COLUMNS.length]! }));
    else setFillSort((s) => ({ ...s, key: FILL_COLUMNS[(FILL_COLUMNS.indexOf(s.key) + step + FILL_COLUMNS.length) % FILL_COLUMNS.length]! }));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    const page = 10;
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    if (key === 'ArrowDown') moveTo(moveSelection(at, 1, count));
    else if (key === 'ArrowUp') moveTo(moveSelection(at, -1, count));
    else if (key === 'PageDown') moveTo(moveSelection(at, page, count));
    else if (key === 'PageUp') moveTo(moveSelection(at, -page, count));
    else if (key === 'Home') moveTo(0);
    else if (key === 'End') moveTo(count - 1);
    else if (key === 'v') setView((v) => (v === 'orders' ? 'fills' : 'orders'));
    else if (key === 'w') setWorkingOnly((w) => !w);
    else if (key === ']') cycleSort(1);
    else if (key === '[') cycleSort(-1);
    else if (key === 'r') {
      if (view === 'orders') setOrderSort((s) => toggleSort(s, s.key));
      else setFillSort((s) => toggleSort(s, s.key));
    } else if ((key === 'c' || key === 'Delete') && current && canCancel(current)) void cancelOrder(api, current.clientOrderId);
    else if (key === 'm' && current && canModify(current)) setModifying(current);
    else if (key === 'Enter' && current) useSelection.getState().select(current.symbol);
    else return;
    event.preventDefault();
  };

  const renderOrder = (i: number) => {
    const o = orderList[i]!;
    const tick = bySymbol[o.symbol]?.tickSize;
    const leg = o.parentId !== null && o.bracketRole !== null && o.bracketRole !== 'ENTRY';
    return (
      <div key={o.clientOrderId} id={`order-${o.clientOrderId}`} role="row" aria-rowindex={i + 1} data-testid="order-row" data-order-id={o.clientOrderId} data-status={o.status} data-parent-id={o.parentId ?? undefined} data-strategy={o.strategy ? describeStrategyRef(o.strategy) : undefined} aria-selected={i === at} className={`blotter-row status-${o.status.toLowerCase()}${i === at ? ' cursor' : ''}${leg ? ' leg' : ''}`} style={{ height: ROW_HEIGHT }} onMouseDown={() => moveTo(i)}>
        <span>{formatTime(o.createdAt)}</span>
        <span>{leg ? `↳ ${o.bracketRole === 'TAKE_PROFIT' ? 'TP' : 'SL'} ` : ''}{o.symbol}</span>
        <span className={o.side === 'BUY' ? 'up' : 'down'}>{o.side}</span>
        <span className="num">{formatQuantity(o.quantity)}</span>
        <span className="num">{o.limitPrice === null ? '' : formatPrice(o.limitPrice, tick)}</span>
        <span className="status" title={o.rejectReason ?? undefined}>
          {o.status}
          {o.status === 'Rejected' && o.rejectReason ? `: ${o.rejectReason}` : ''}
        </span>
        <span className="num">{formatQuantity(o.filledQuantity)}</span>
        <span className="num">{o.filledQuantity > 0 ? formatPrice(o.averageFillPrice, tick) : ''}</span>
        <span data-testid="order-venue" title={o.parentId !== null && o.bracketRole === null ? `child of ${o.parentId}, routed to ${o.venue}` : undefined}>
          {o.venue}
        </span>
        <span>{o.type}</span>
        <span className="num">{o.stopPrice === null ? '' : formatPrice(o.stopPrice, tick)}</span>
        <span>{o.timeInForce}</span>
        <span className="mono" title={o.strategy ? `sent by strategy ${describeStrategyRef(o.strategy)} (version ${o.strategy.version})` : undefined}>
          {o.strategy ? `${describeStrategyRef(o.strategy)} · ` : ''}
          {o.clientOrderId}
        </span>
      </div>
    );
  };
  const renderFill = (i: number) => {
    const f = fillList[i]!;
    return (
      <div key={f.executionId} role="row" aria-rowindex={i + 1} data-testid="fill-row" aria-selected={i === at} className={`blotter-row fills${i === at ? ' cursor' : ''}`} style={{ height: ROW_HEIGHT }} onMouseDown={() => moveTo(i)}>
        <span>{formatTime(f.time)}</span>
        <span className="mono">{f.clientOrderId}</span>
        <span>{f.symbol}</span>
        <span className={f.side === 'BUY' ? 'up' : 'down'}>{f.side}</span>
        <span className="num">{formatQuantity(f.quantity)}</span>
        <span className="num">{formatPrice(f.price, bySymbol[f.symbol]?.tickSize)}</span>
        <span className="num">{formatMoney(f.commission)}</span>
        <span>{f.liquidity}</span>
      </div>
    );
  };

  return (
    <div className="blotter">
      <div className="blotter-toolbar" role="toolbar" aria-label="Blotter view">
        <button aria-pressed={view === 'orders'} tabIndex={-1} onClick={() => setView('orders')}>Orders ({Object.keys(orders).length})</button>
        <button aria-pressed={view === 'fills'} tabIndex={-1} onClick={() => setView('fills')}>Fills ({fills.length})</button>
        {view === 'orders' && (
          <label>
            <input type="checkbox" tabIndex={-1} checked={workingOnly} onChange={(e) => setWorkingOnly(e.target.checked)} /> working only
          </label>
        )}
        <span className="muted hint">↑↓ move · C cancel · M modify · V view · W working · [ ] sort · R reverse</span>
      </div>
      <ExecutionParents />
      <div className={`blotter-table ${view}`} role="grid" aria-label={view === 'orders' ? 'Orders' : 'Fills'} aria-rowcount={count}>
        <VirtualRows
          count={count}
          rowHeight={ROW_HEIGHT}
          cursor={at}
          renderRow={view === 'orders' ? renderOrder : renderFill}
          label={view}
          testId="blotter-rows"
          onKeyDown={onKeyDown}
          activeId={current ? `order-${current.clientOrderId}` : undefined}
          header={
            view === 'orders' ? (
              <Header columns={ORDER_COLUMNS} titles={ORDER_TITLES} sort={orderSort} onSort={(k) => setOrderSort((s) => toggleSort(s, k))} />
            ) : (
              <Header columns={FILL_COLUMNS} titles={FILL_TITLES} sort={fillSort} onSort={(k) => setFillSort((s) => toggleSort(s, k))} />
            )
          }
          headerHeight={ROW_HEIGHT}
        />
      </div>
      {modifying && <ModifyForm order={orders[modifying.clientOrderId] ?? modifying} onDone={() => setModifying(null)} />}
    </div>
  );
}
