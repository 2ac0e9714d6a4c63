// execution.* and tca.* methods over the trading service's execution desk. Refusals return as Result values.
import { ok, type Result } from '../../core/model/result';
import type { ExecutionError } from '../../core/execution/executionErrors';
import type { ExecutionParent } from '../../core/execution/parentOrder';
import type { ParentResult } from '../../shared/contracts/execution';
import type { Bar, BarColumns } from '../../core/model/marketData';
import type { WorkstationApi } from '../../shared/contracts/api';
import type { TradingService } from '../trading/tradingService';

type ExecutionHandlers = Pick<
  WorkstationApi,
  'execution.submit' | 'execution.cancel' | 'execution.pause' | 'execution.resume' | 'execution.modify' | 'execution.parents' | 'execution.detail' | 'execution.venueStats' | 'execution.venues' | 'tca.report' | 'tca.rollup'
>;

/** The desk hands out its live objects: copied (children list included) before they leave the process. */
const copy = (parent: Readonly<ExecutionParent>): ExecutionParent => ({ ...parent, children: [...parent.children] });
const parentResult = (r: Result<Readonly<ExecutionParent>, ExecutionError>): ParentResult => (r.ok ? ok(copy(r.value)) : r);

/** Stored minute bars of `symbol` in [from, to), for VWAP profiles. */
export type MinuteHistory = (symbol: string, from: number, to: number) => Promise<BarColumns>;

const rows = (c: BarColumns): Bar[] =>
  Array.from(c.time, (time, i) => ({ time, open: c.open[i] as number, high: c.high[i] as number, low: c.low[i] as number, close: c.close[i] as number, volume: c.volume[i] as number }));

export function executionHandlers(trading: TradingService, history: MinuteHistory): ExecutionHandlers {
  const desk = () => trading.execution;
  /** As for orders: the reply is released only after the group commit holding the children it sent. */
  const durably =
    <I, O>(command: (input: I) => O) =>
    async (input: I): Promise<O> => {
      const reply = command(input);
      await trading.core.oms.whenDurable();
      return reply;
    };
  return {
    'execution.submit': async (request) => {
      const reply = parentResult(await desk().submitWithHistory(request, async (symbol, from, to) => rows(await history(symbol, from, to))));
      await trading.core.oms.whenDurable();
      return reply;
    },
    'execution.cancel': durably(({ parentId }) => parentResult(desk().cancel(parentId))),
    'execution.pause': durably(({ parentId }) => parentResult(desk().pause(parentId))),
    'execution.resume': durably(({ parentId }) => parentResult(desk().resume(parentId))),
    'execution.modify': durably(({ parentId, ...change }) => parentResult(desk().modify(parentId, change))),
    'execution.parents': async () => desk().parents().map(copy),
    'execution.detail': async ({ parentId }) => {
      const detail = desk().detail(parentId);
      return detail ? { parent: copy(detail.parent), children: detail.children.map((c) => ({ ...c })), decisions: [...detail.decisions] } : null;
    },
    // Every venue SMART can use, those never sent to as well (no statistics yet), so none is missing from the list.
    'execution.venueStats': async () => desk().router.stats.summaries(trading.core.router.allVenues().map((v) => v.name)),
    'execution.venues': async ({ symbol }) => desk().venueViews(symbol).map((v) => ({ ...v, bids: v.bids.map((l) => ({ ...l })), asks: v.asks.map((l) => ({ ...l })) })),
    'tca.report': async ({ parentId }) => desk().tca(parentId) ?? null,
    'tca.rollup': async ({ by, from, to }) => desk().rollup(by, from, to),
  };
}
