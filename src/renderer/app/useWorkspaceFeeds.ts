// Keeps the workspace's stores current: snapshots on (re)connect, then streams coalesced into one update per frame.
import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Quote } from '../../core/model/marketData';
import type { Order } from '../../core/model/order';
import type { WorkstationClient } from '../../shared/contracts/client';
import { useApi } from '../api/ApiContext';
import { formatPrice, formatQuantity } from '../panels/common/format';
import { createKeyedCoalescer, createQueueCoalescer } from '../state/frameCoalescer';
import { useInstruments } from '../state/instrumentStore';
import { notify } from '../state/notificationStore';
import { useQuotes } from '../state/quoteStore';
import { useRisk } from '../state/riskStore';
import { breachNotice } from '../panels/risk/breachFeed';
import { useSelection } from '../state/selectionStore';
import { useTrading, type TradingEvent } from '../state/tradingStore';
import { useWorkspace } from '../state/workspaceStore';

const DEFAULT_WATCHLIST = 8;

/** A call that may not be served yet (an older backend): log it instead of failing the workspace. */
function load<T>(what: string, promise: Promise<T>, apply: (value: T) => void): void {
  promise.then(apply, (error: Error) => console.warn(`${what}: ${error.message}`));
}

function loadSnapshots(api: WorkstationClient): void {
  load('market.instruments', api.call('market.instruments', {}), (list) => {
    useInstruments.getState().setAll(list);
    useSelection.getState().seedWatchlist(list.slice(0, DEFAULT_WATCHLIST).map((i) => i.symbol));
  });
  load('market.quotes', api.call('market.quotes', {}), (quotes) => useQuotes.getState().seed(quotes));
  load('orders.list', api.call('orders.list', { scope: 'all' }), (orders) => useTrading.getState().setSnapshot({ orders }));
  load('fills.list', api.call('fills.list', { limit: 10_000 }), (fills) => useTrading.getState().setSnapshot({ fills }));
  load('positions.list', api.call('positions.list', {}), (positions) => useTrading.getState().setSnapshot({ positions }));
  load('risk.limits', api.call('risk.limits', {}), (limits) => useRisk.getState().setLimits(limits));
  load('risk.utilization', api.call('risk.utilization', {}), (u) => useRisk.getState().setUtilization(u));
  load('risk.status', api.call('risk.status', {}), (s) => useRisk.getState().setStatus(s));
}

function notifyOrder(order: Order, previous: Order | undefined): void {
  if (order.status === previous?.status) return;
  if (order.status === 'Rejected') notify('error', `Rejected ${order.side} ${formatQuantity(order.quantity)} ${order.symbol}`, order.rejectReason ?? undefined);
  else if (order.status === 'Unknown') notify('warn', `No venue answer for ${order.clientOrderId}`, `${order.side} ${order.quantity} ${order.symbol}`);
}

export function useWorkspaceFeeds(): void {
  const api = useApi();
  const queries = useQueryClient();
  const connection = useWorkspace((s) => s.connection);
  const wasConnected = useRef(false);

  useEffect(() => {
    if (connection === 'connected') {
      if (wasConnected.current === false) loadSnapshots(api);
      wasConnected.current = true;
    } else if (connection === 'disconnected' && wasConnected.current) {
      wasConnected.current = false;
      notify('error', 'Disconnected from the backend', useWorkspace.getState().connectionDetail ?? 'reconnecting…');
    }
  }, [api, connection]);

  useEffect(() => {
    // Every applied batch stamps the workspace: "data as of" when the connection drops.
    const received = () => useWorkspace.getState().markMessage(Date.now());
    const quotes = createKeyedCoalescer<Quote>((batch) => {
      useQuotes.getState().applyBatch(batch);
      received();
    });
    const trading = createQueueCoalescer<TradingEvent>((batch) => {
      received();
      const before = useTrading.getState().orders;
      useTrading.getState().applyBatch(batch);
      for (const e of batch) if (e.kind === 'order') notifyOrder(e.order, before[e.order.clientOrderId]);
    });
    const unsubscribes = [
      api.subscribe('market.quotes.*', (q) => quotes.push(q.symbol, q)),
      api.subscribe('trading.orders', (order) => trading.push({ kind: 'order', order })),
      api.subscribe('trading.fills', ({ fill, position }) => {
        trading.push({ kind: 'fill', fill, position });
        const tick = useInstruments.getState().bySymbol[fill.symbol]?.tickSize;
        notify('success', `Filled ${fill.side} ${formatQuantity(fill.quantity)} ${fill.symbol} @ ${formatPrice(fill.price, tick)}`, `position ${formatQuantity(position.quantity)}`, `fill:${fill.clientOrderId}`);
      }),
      api.subscribe('trading.positions', (position) => trading.push({ kind: 'position', position })),
      api.subscribe('risk.limits', (u) => useRisk.getState().setUtilization(u)),
      api.subscribe('risk.breaches', (event) => {
        const notice = breachNotice(event);
        notify(notice.level, notice.title, notice.detail, `breach:${event.breach.limitId}`);
        void queries.invalidateQueries({ queryKey: ['risk.breaches'] });
      }),
      api.subscribe('strategies.events', (event) => {
        // A strategy that threw or hung was stopped with its policy applied: the trader hears of it at once.
        notify(event.kind === 'FAILED' ? 'error' : 'info', `Strategy ${event.strategy}: ${event.kind.toLowerCase().replace('_', ' ')}`, event.message, `strategy:${event.deploymentId}:${event.kind}`);
        void queries.invalidateQueries({ queryKey: ['strategies.list'] });
      }),
      api.subscribe('trading.status', (status) => {
        const before = useRisk.getState().status;
        useRisk.getState().setStatus(status);
        // A halt changes every verdict: the ticket's preview must not show the old one.
        void queries.invalidateQueries({ queryKey: ['risk.preview'] });
        if (before && before.killSwitch.engaged !== status.killSwitch.engaged) {
          notify(status.killSwitch.engaged ? 'error' : 'info', status.killSwitch.engaged ? 'Kill switch engaged' : 'Trading re-enabled', status.killSwitch.reason || undefined);
        }
      }),
    ];
    return () => unsubscribes.forEach((u) => u());
  }, [api, queries]);
}
