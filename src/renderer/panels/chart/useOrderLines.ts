// Working orders and the position's average price as price lines; dragging an order's line modifies it after a confirmation.
import { useEffect, useRef } from 'react';
import { LineStyle, type IChartApi, type IPriceLine, type ISeriesApi } from 'lightweight-charts';
import { isTerminal, type Order } from '../../../core/model/order';
import { roundToIncrement } from '../../../core/model/instrument';
import type { WorkstationClient } from '../../../shared/contracts/client';
import { useConfirm } from '../../state/confirmStore';
import { useTrading } from '../../state/tradingStore';
import { modifyOrder } from '../common/tradingActions';
import { formatPrice } from '../common/format';
import { readThemeColours } from './chartTheme';

const GRAB_PX = 6;

/** The price an order's line sits at and the field a drag changes. */
function lineOf(o: Order): { price: number; field: 'limitPrice' | 'stopPrice' } | null {
  if (o.type === 'LIMIT' && o.limitPrice !== null) return { price: o.limitPrice, field: 'limitPrice' };
  if ((o.type === 'STOP' || o.type === 'STOP_LIMIT') && o.stopPrice !== null) return { price: o.stopPrice, field: 'stopPrice' };
  return null;
}

interface Line {
  line: IPriceLine;
  order: Order;
  field: 'limitPrice' | 'stopPrice';
}

/** Price lines drawn for working orders, at most. */
const MAX_ORDER_LINES = 50;

export function useOrderLines(api: WorkstationClient, chart: IChartApi | null, series: ISeriesApi<'Candlestick'> | null, container: HTMLElement | null, symbol: string | null, tickSize: number): void {
  const orders = useTrading((s) => s.orders);
  const position = useTrading((s) => (symbol ? s.positions[symbol] : undefined));
  const lines = useRef(new Map<string, Line>());
  const averageLine = useRef<IPriceLine | null>(null);
  const dragging = useRef<string | null>(null);

  // Order lines: add, move and remove to match the working orders of this symbol.
  useEffect(() => {
    if (!series) return;
    const colours = readThemeColours();
    const live = new Set<string>();
    // The most recently touched orders only: thousands of lines would bury the price axis (the blotter lists all).
    const shown = Object.values(orders)
      .filter((o) => o.symbol === symbol && !isTerminal(o.status))
      .sort((a, b) => b.updatedAt - a.updatedAt)
      .slice(0, MAX_ORDER_LINES);
    for (const o of shown) {
      const at = lineOf(o);
      if (!at) continue;
      live.add(o.clientOrderId);
      const title = `${o.side} ${o.quantity - o.filledQuantity} ${o.type === 'LIMIT' ? 'LMT' : 'STP'}`;
      const existing = lines.current.get(o.clientOrderId);
      const color = o.side === 'BUY' ? colours.up : colours.down;
      if (existing) {
        existing.order = o;
        existing.field = at.field;
        if (dragging.current !== o.clientOrderId) existing.line.applyOptions({ price: at.price, title });
      } else {
        const line = series.createPriceLine({ price: at.price, color, lineWidth: 1, lineStyle: LineStyle.Dashed, axisLabelVisible: true, title });
        lines.current.set(o.clientOrderId, { line, order: o, field: at.field });
      }
    }
    for (const [id, l] of lines.current) {
      if (!live.has(id)) {
        series.removePriceLine(l.line);
        lines.current.delete(id);
      }
    }
  }, [orders, series, symbol]);

  // The average price of the position.
  useEffect(() => {
    if (!series) return;
    if (averageLine.current) {
      series.removePriceLine(averageLine.current);
      averageLine.current = null;
    }
    if (position && position.quantity !== 0) {
      averageLine.current = series.createPriceLine({ price: position.averageCost, color: readThemeColours().warn, lineWidth: 1, lineStyle: LineStyle.Solid, axisLabelVisible: true, title: `AVG ${position.quantity}` });
    }
  }, [position, series]);

  // Symbol change or unmount: the lines belong to the old series.
  useEffect(() => {
    const current = lines.current;
    return () => {
      current.clear();
      averageLine.current = null;
    };
  }, [series, symbol]);

  // Dragging: grab a line within a few pixels, move it with the pointer, confirm on release.
  useEffect(() => {
    if (!chart || !series || !container) return;
    let grabbed: Line | null = null;
    let price = 0;
    const yOf = (event: PointerEvent) => event.clientY - container.getBoundingClientRect().top;
    const lineAt = (y: number): Line | null => {
      for (const l of lines.current.values()) {
        const at = series.priceToCoordinate(l.line.options().price);
        if (at !== null && Math.abs(at - y) <= GRAB_PX) return l;
      }
      return null;
    };
    // Over a line the cursor says it can be dragged; the container records where each line is drawn (pixels from its
    // top, as of this pointer move), which is what an end-to-end test reads to grab one.
    const hover = (y: number) => {
      container.style.cursor = lineAt(y) ? 'ns-resize' : '';
      const drawn = [...lines.current.values()].map((l) => ({ id: l.order.clientOrderId, price: l.line.options().price, y: series.priceToCoordinate(l.line.options().price) }));
      container.dataset.orderLines = JSON.stringify(drawn);
    };
    const onDown = (event: PointerEvent) => {
      const l = lineAt(yOf(event));
      if (!l) return;
      grabbed = l;
      price = l.line.options().price;
      dragging.current = l.order.clientOrderId;
      chart.applyOptions({ handleScroll: false, handleScale: false });
      container.setPointerCapture(event.pointerId);
      container.style.cursor = 'ns-resize';
      event.preventDefault();
    };
    const onMove = (event: PointerEvent) => {
      if (!grabbed) return hover(yOf(event));
      const p = series.coordinateToPrice(yOf(event));
      if (p === null || p <= 0) return;
      price = roundToIncrement(p, tickSize);
      grabbed.line.applyOptions({ price });
    };
    const onUp = () => {
      if (!grabbed) return;
      const l = grabbed;
      grabbed = null;
      container.style.cursor = '';
      chart.applyOptions({ handleScroll: true, handleScale: true });
      const from = l.order[l.field];
      const restore = () => {
        dragging.current = null;
        if (from !== null) l.line.applyOptions({ price: from });
      };
      if (from === null || price === from) return restore();
      const to = price;
      useConfirm.getState().ask({
        title: 'Modify order?',
        message: `Move ${l.order.side} ${l.order.quantity} ${l.order.symbol} ${l.field === 'limitPrice' ? 'limit' : 'stop'} from ${formatPrice(from, tickSize)} to ${formatPrice(to, tickSize)}?`,
        confirmLabel: 'Modify',
        onConfirm: () => {
          void modifyOrder(api, l.order.clientOrderId, { [l.field]: to }).then((ok) => {
            dragging.current = null;
            if (!ok) restore();
          });
        },
        onCancel: restore,
      });
    };
    container.addEventListener('pointerdown', onDown, true);
    container.addEventListener('pointermove', onMove);
    container.addEventListener('pointerup', onUp);
    return () => {
      container.removeEventListener('pointerdown', onDown, true);
      container.removeEventListener('pointermove', onMove);
      container.removeEventListener('pointerup', onUp);
    };
  }, [api, chart, series, container, tickSize]);
}
