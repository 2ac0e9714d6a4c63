// The execution desk: one front for SMART orders and algorithms over a trading core (router, runner, TCA), so the
// live service, a backtest and the API take the same requests.
import type { Clock, EpochMs } from '../model/clock';
import type { ClientOrderId } from '../model/ids';
import type { Instrument, Symbol } from '../model/instrument';
import { err, type Result } from '../model/result';
import type { Scheduler } from '../model/scheduler';
import type { OrderManager } from '../trading/oms';
import { assertNever } from '../model/assert';
import { AlgoRunner } from './algoRunner';
import { volumeProfileFromBars, type AlgoSpec, type Urgency } from './algoSpec';
import type { Bar } from '../model/marketData';
import type { ChildRecord } from './childBook';
import type { ExecutionError } from './executionErrors';
import { isParentDone, type ExecutionOwner, type ExecutionParent, type ParentStatus, type RouteDecisionRecord } from './parentOrder';
import { rebuildParent, type ParentRecord } from './parentRecord';
import type { Order, OrderSide } from '../model/order';
import { SmartOrderRouter } from './smartRouter';
import { tcaReport, tcaRollup, type TcaGroup, type TcaReport } from './tca';
import { tcaParentOf } from './tcaSource';
import type { VenueStatistics } from './venueStats';
import type { VenueView, VenueViewSource } from './venueView';

/** How an execution request is worked: SMART, or an algorithm over a window starting now. */
export type ExecutionStyle =
  | { readonly kind: 'SMART'; readonly ioc: boolean }
  | { readonly kind: 'TWAP'; readonly durationMs: number; readonly intervalMs?: number }
  | { readonly kind: 'VWAP'; readonly durationMs: number; readonly intervalMs?: number; readonly volumeProfile?: readonly number[] }
  | { readonly kind: 'POV'; readonly durationMs: number; readonly participation: number; readonly intervalMs?: number }
  | { readonly kind: 'ICEBERG'; readonly durationMs: number; readonly displayQuantity: number; readonly intervalMs?: number };

export interface ExecutionRequest {
  readonly symbol: Symbol;
  readonly side: OrderSide;
  readonly quantity: number;
  readonly limitPrice: number | null;
  readonly urgency?: Urgency;
  readonly style: ExecutionStyle;
}

/** What became of a saved parent at a restart: working again, done by its children's fills, or its window ended meanwhile. */
export interface RestoredParent {
  readonly parentId: ClientOrderId;
  readonly outcome: 'RESUMED' | 'DONE' | 'WINDOW_ENDED';
  readonly filled: number;
  readonly status: ParentStatus;
}

export interface ParentDetail {
  readonly parent: Readonly<ExecutionParent>;
  readonly children: readonly Readonly<ChildRecord>[];
  readonly decisions: readonly RouteDecisionRecord[];
}

export interface ExecutionDeskOptions {
  readonly oms: OrderManager;
  readonly venues: VenueViewSource;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly instrument: (symbol: Symbol) => Instrument | undefined;
  readonly sessionVolume: (symbol: Symbol) => number;
  readonly stats?: VenueStatistics;
  readonly maxMessagesPerSecond?: number;
}

/** Days of stored minute bars a VWAP's profile is built from when its request brings none. */
export const VWAP_HISTORY_DAYS = 20;

/** A window cut into ten slices, none shorter than ten seconds, unless the request sets its own interval. */
export const defaultInterval = (durationMs: number): number => Math.max(10_000, Math.floor(durationMs / 10));

export class ExecutionDesk {
  readonly router: SmartOrderRouter;
  readonly algos: AlgoRunner;

  constructor(private readonly options: ExecutionDeskOptions) {
    this.router = new SmartOrderRouter({ oms: options.oms, venues: options.venues, clock: options.clock, instrument: options.instrument, stats: options.stats, maxMessagesPerSecond: options.maxMessagesPerSecond });
    this.algos = new AlgoRunner({ router: this.router, venues: options.venues, clock: options.clock, scheduler: options.scheduler, instrument: options.instrument, sessionVolume: options.sessionVolume });
  }

  /** `owner`: the strategy sending it (its children carry its version and use only its venue, when set). */
  submit(request: ExecutionRequest, owner?: ExecutionOwner): Result<Readonly<ExecutionParent>, ExecutionError> {
    const { style } = request;
    const owned = owner ? { owner } : {};
    if (style.kind === 'SMART') return this.router.smart({ symbol: request.symbol, side: request.side, quantity: request.quantity, limitPrice: request.limitPrice, ioc: style.ioc, ...owned });
    const now = this.options.clock.now();
    const window = { startTime: now, endTime: now + style.durationMs, intervalMs: style.intervalMs ?? defaultInterval(style.durationMs) };
    let spec: AlgoSpec;
    switch (style.kind) {
      case 'TWAP':
        spec = { kind: 'TWAP', ...window };
        break;
      case 'VWAP':
        if (!style.volumeProfile) return err({ code: 'BAD_VOLUME_PROFILE', field: 'volumeProfile', reason: 'VWAP needs a volume profile from stored history' });
        spec = { kind: 'VWAP', ...window, volumeProfile: style.volumeProfile };
        break;
      case 'POV':
        spec = { kind: 'POV', ...window, participation: style.participation };
        break;
      case 'ICEBERG':
        spec = { kind: 'ICEBERG', ...window, displayQuantity: style.displayQuantity };
        break;
      default:
        return assertNever(style, 'execution style');
    }
    return this.algos.start({ symbol: request.symbol, side: request.side, quantity: request.quantity, limitPrice: request.limitPrice, urgency: request.urgency ?? 'MEDIUM', spec, ...owned });
  }

  /**
   * As submit; a VWAP without a volume profile gets one from `history` (stored minute bars of the last
   * VWAP_HISTORY_DAYS days), or is refused naming volumeProfile when the history traded nothing at those times of day.
   */
  async submitWithHistory(request: ExecutionRequest, history: (symbol: Symbol, from: EpochMs, to: EpochMs) => Promise<readonly Bar[]>): Promise<Result<Readonly<ExecutionParent>, ExecutionError>> {
    const { style } = request;
    if (style.kind !== 'VWAP' || style.volumeProfile) return this.submit(request);
    const now = this.options.clock.now();
    return this.submitVwapOn(request, style, await history(request.symbol, now - VWAP_HISTORY_DAYS * 86_400_000, now));
  }

  /** As submitWithHistory, from bars at hand (a backtest's own bars, up to now): no wait, so a strategy can call it. */
  submitWithBars(request: ExecutionRequest, history: (symbol: Symbol, from: EpochMs, to: EpochMs) => readonly Bar[], owner?: ExecutionOwner): Result<Readonly<ExecutionParent>, ExecutionError> {
    const { style } = request;
    if (style.kind !== 'VWAP' || style.volumeProfile) return this.submit(request, owner);
    const now = this.options.clock.now();
    return this.submitVwapOn(request, style, history(request.symbol, now - VWAP_HISTORY_DAYS * 86_400_000, now), owner);
  }

  private submitVwapOn(request: ExecutionRequest, style: Extract<ExecutionStyle, { kind: 'VWAP' }>, bars: readonly Bar[], owner?: ExecutionOwner): Result<Readonly<ExecutionParent>, ExecutionError> {
    const now = this.options.clock.now();
    const intervalMs = style.intervalMs ?? defaultInterval(style.durationMs);
    const volumeProfile = volumeProfileFromBars(bars, now, now + style.durationMs, intervalMs);
    if (!volumeProfile) return err({ code: 'BAD_VOLUME_PROFILE', field: 'volumeProfile', reason: `no stored volume for ${request.symbol} at these times of day in the last ${VWAP_HISTORY_DAYS} days` });
    return this.submit({ ...request, style: { ...style, intervalMs, volumeProfile } }, owner);
  }

  cancel(id: ClientOrderId): Result<Readonly<ExecutionParent>, ExecutionError> {
    return this.isAlgo(id) ? this.algos.cancel(id) : this.router.cancel(id);
  }

  pause(id: ClientOrderId): Result<Readonly<ExecutionParent>, ExecutionError> {
    return this.router.pause(id);
  }

  resume(id: ClientOrderId): Result<Readonly<ExecutionParent>, ExecutionError> {
    return this.isAlgo(id) ? this.algos.resume(id) : this.router.resume(id);
  }

  modify(id: ClientOrderId, change: { quantity?: number; limitPrice?: number }): Result<Readonly<ExecutionParent>, ExecutionError> {
    return this.isAlgo(id) ? this.algos.modify(id, change) : this.router.modify(id, change);
  }

  /** The market moved in `symbol`: resting children are re-routed where they should be. */
  onQuote(symbol: Symbol): void {
    this.router.onMarket(symbol);
  }

  /** What the router sees of every venue in `symbol` now: state, costs and displayed book. */
  venueViews(symbol: Symbol): readonly VenueView[] {
    return this.options.venues.views(symbol);
  }

  parents(): Readonly<ExecutionParent>[] {
    return this.router.parents();
  }

  detail(id: ClientOrderId): ParentDetail | undefined {
    const parent = this.router.parent(id);
    return parent && { parent, children: this.router.childrenOf(id), decisions: this.router.decisions(id) };
  }

  tca(id: ClientOrderId, intervalVwap: number | null = null): TcaReport | undefined {
    const input = tcaParentOf(this.router, this.options.instrument, id, intervalVwap);
    return input && tcaReport(input);
  }

  /** Costs per venue or algorithm over parents created in [from, to). */
  rollup(by: 'venue' | 'algo', from: EpochMs, to: EpochMs): TcaGroup[] {
    const inputs = this.router.parents().flatMap((p) => tcaParentOf(this.router, this.options.instrument, p.id) ?? []);
    return tcaRollup(inputs, by, from, to);
  }

  /** What of the parent outlives the process, to be saved on each of its changes. */
  record(id: ClientOrderId): ParentRecord | undefined {
    const saved = this.router.snapshot(id);
    return saved && { ...saved, algo: this.algos.runOf(id) ?? null };
  }

  /**
   * After the journal replayed: each saved parent not yet done is rebuilt from its children's orders and taken back
   * by the router (and its algorithm, whose window may have ended meanwhile). Says what became of each.
   */
  restore(records: readonly ParentRecord[], orderOf: (id: ClientOrderId) => Readonly<Order> | undefined): RestoredParent[] {
    const restored: RestoredParent[] = [];
    for (const record of records) {
      if (isParentDone(record.parent.status) || this.router.parent(record.parent.id)) continue;
      const rebuilt = rebuildParent(record, orderOf);
      this.router.adopt(rebuilt);
      const { parent } = rebuilt;
      let outcome: RestoredParent['outcome'] = isParentDone(parent.status) ? 'DONE' : 'RESUMED';
      if (record.algo && !isParentDone(parent.status)) outcome = this.algos.adopt(parent.id, record.algo);
      restored.push({ parentId: parent.id, outcome, filled: parent.filled, status: (this.router.parent(parent.id) ?? parent).status });
    }
    return restored;
  }

  private isAlgo(id: ClientOrderId): boolean {
    const parent = this.router.parent(id);
    return parent !== undefined && parent.algo !== 'SMART';
  }
}
