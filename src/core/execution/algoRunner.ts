// Runs execution algorithms on the injected clock and scheduler: each interval it releases what the schedule wants
// to the smart router, priced by urgency; pause, resume, modify and cancel act on the parent. Same code live and in backtests.
import type { Clock } from '../model/clock';
import type { ClientOrderId } from '../model/ids';
import type { Instrument, Symbol } from '../model/instrument';
import { err, ok, type Result } from '../model/result';
import type { Scheduler, TimerId } from '../model/scheduler';
import { scheduledQuantity, sliceCount, validateAlgo, type AlgoOrderRequest } from './algoSpec';
import type { ExecutionError } from './executionErrors';
import { isParentDone, type ExecutionParent } from './parentOrder';
import type { ParentPricing } from './pricingPolicy';
import type { SmartOrderRouter } from './smartRouter';
import type { VenueViewSource } from './venueView';
import type { AlgoRun } from './parentRecord';

export interface AlgoRunnerOptions {
  readonly router: SmartOrderRouter;
  readonly venues: VenueViewSource;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly instrument: (symbol: Symbol) => Instrument | undefined;
  /** The market's session volume so far in `symbol` (the quotes' volume), for POV. */
  readonly sessionVolume: (symbol: Symbol) => number;
}

/** How far past the touch a crossing slice may sweep: HIGH takes depth, a catch-up only the next level. */
const HIGH_THROUGH_TICKS = 5;
const CATCH_UP_THROUGH_TICKS = 1;

interface Running {
  readonly request: AlgoOrderRequest;
  readonly startVolume: number;
  readonly timers: TimerId[];
  quantity: number;
  limitPrice: number | null;
}

export class AlgoRunner {
  private readonly running = new Map<ClientOrderId, Running>();

  constructor(private readonly options: AlgoRunnerOptions) {
    // An iceberg shows its next display as soon as the last one is done, not at the next interval.
    options.router.subscribe((parent) => {
      if (parent.algo === 'ICEBERG' && parent.status === 'WORKING' && this.running.has(parent.id) && options.router.childrenOf(parent.id).every((c) => !c.working)) this.slice(parent.id);
    });
  }

  /** Validates, opens the parent (nothing released before the start), and schedules its slices and its end. */
  start(request: AlgoOrderRequest): Result<Readonly<ExecutionParent>, ExecutionError> {
    const { clock, router } = this.options;
    const instrument = this.options.instrument(request.symbol);
    if (!instrument) return err({ code: 'UNKNOWN_SYMBOL', field: 'symbol', symbol: request.symbol });
    const valid = validateAlgo(request, clock.now(), instrument);
    if (!valid.ok) return valid;
    // Opened with nothing released: routing is refused at once only when no venue could take anything now.
    const opened = router.open({ symbol: request.symbol, side: request.side, quantity: request.quantity, limitPrice: request.limitPrice, algo: request.spec.kind, ...(request.owner ? { owner: request.owner } : {}) }, 0, {
      style: 'JOIN',
      cap: request.limitPrice,
    });
    if (!opened.ok) return opened;
    const id = opened.value.id;
    this.schedule(id, { request, startVolume: this.options.sessionVolume(request.symbol), timers: [], quantity: request.quantity, limitPrice: request.limitPrice });
    return ok(opened.value);
  }

  /** Its slices still due and its end on the scheduler (slices already due collapse into one now). */
  private schedule(id: ClientOrderId, run: Running): void {
    const { clock, scheduler } = this.options;
    this.running.set(id, run);
    const { spec } = run.request;
    const first = Math.max(spec.startTime, clock.now());
    const n = sliceCount(spec);
    for (let i = 0; i < n; i++) {
      const at = spec.startTime + i * spec.intervalMs;
      // Slices already due collapse into one at `first` (the latest of them), so a window that began a moment ago starts now.
      if (i < n - 1 && spec.startTime + (i + 1) * spec.intervalMs <= first) continue;
      run.timers.push(scheduler.at(Math.max(at, first), () => this.slice(id)));
    }
    run.timers.push(scheduler.at(spec.endTime, () => this.finish(id)));
  }

  /** What of the run outlives the process; undefined for a parent that is not an algorithm's. */
  runOf(id: ClientOrderId): AlgoRun | undefined {
    const run = this.running.get(id);
    return run && { request: run.request, quantity: run.quantity, limitPrice: run.limitPrice, volumeSeen: Math.max(0, this.options.sessionVolume(run.request.symbol) - run.startVolume) };
  }

  /**
   * After a restart, the router holding the rebuilt parent: a window still open resumes its schedule where the clock
   * is now; one that ended while the process was down is ended (its children cancelled), never worked late.
   */
  adopt(id: ClientOrderId, saved: AlgoRun): 'RESUMED' | 'WINDOW_ENDED' {
    const run: Running = { request: saved.request, startVolume: this.options.sessionVolume(saved.request.symbol) - saved.volumeSeen, timers: [], quantity: saved.quantity, limitPrice: saved.limitPrice };
    if (this.options.clock.now() >= saved.request.spec.endTime) {
      this.running.set(id, run);
      this.finish(id);
      return 'WINDOW_ENDED';
    }
    this.schedule(id, run);
    return 'RESUMED';
  }

  pause(id: ClientOrderId): Result<Readonly<ExecutionParent>, ExecutionError> {
    return this.options.router.pause(id);
  }

  resume(id: ClientOrderId): Result<Readonly<ExecutionParent>, ExecutionError> {
    const resumed = this.options.router.resume(id);
    if (resumed.ok) this.slice(id);
    return resumed;
  }

  cancel(id: ClientOrderId): Result<Readonly<ExecutionParent>, ExecutionError> {
    const canceled = this.options.router.cancel(id);
    if (canceled.ok) this.stopTimers(id);
    return canceled;
  }

  /** New quantity and/or limit: the schedule is worked out again from them at the next slice. */
  modify(id: ClientOrderId, change: { quantity?: number; limitPrice?: number }): Result<Readonly<ExecutionParent>, ExecutionError> {
    const run = this.running.get(id);
    if (!run) return err({ code: 'UNKNOWN_PARENT', parentId: id });
    const modified = this.options.router.modify(id, change);
    if (!modified.ok) return modified;
    run.quantity = modified.value.quantity;
    run.limitPrice = modified.value.limitPrice;
    this.slice(id);
    return modified;
  }

  /** One slice: release what the schedule wants by now, priced by urgency and how far behind the parent is. */
  slice(id: ClientOrderId): void {
    const run = this.running.get(id);
    const parent = this.options.router.parent(id);
    if (!run || !parent || parent.status !== 'WORKING') return;
    const { request } = run;
    const instrument = this.options.instrument(request.symbol) as Instrument;
    const now = this.options.clock.now();
    const volume = Math.max(0, this.options.sessionVolume(request.symbol) - run.startVolume);
    const target = scheduledQuantity(request.spec, run.quantity, now, instrument.lotSize, volume, parent.filled);
    this.options.router.release(id, target, this.pricing(run, parent, target));
  }

  /** LOW joins the touch; MEDIUM joins and crosses when more than a slice behind (and on the last slice); HIGH crosses. */
  private pricing(run: Running, parent: Readonly<ExecutionParent>, target: number): ParentPricing {
    const { request } = run;
    // The iceberg shows its display at its limit and waits to be taken, whatever the urgency.
    if (request.spec.kind === 'ICEBERG') return { style: 'LIMIT', limitPrice: run.limitPrice, mayRest: true };
    const slice = run.quantity / sliceCount(request.spec);
    const behind = target - parent.filled;
    const lastSlice = target >= run.quantity - 1e-9;
    if (request.urgency === 'HIGH') return { style: 'CROSS', cap: run.limitPrice, throughTicks: HIGH_THROUGH_TICKS };
    if (request.urgency === 'MEDIUM' && (behind > slice + 1e-9 || lastSlice)) return { style: 'CROSS', cap: run.limitPrice, throughTicks: CATCH_UP_THROUGH_TICKS };
    return { style: 'JOIN', cap: run.limitPrice };
  }

  private finish(id: ClientOrderId): void {
    this.stopTimers(id);
    const parent = this.options.router.parent(id);
    if (parent && !isParentDone(parent.status)) this.options.router.end(id);
  }

  private stopTimers(id: ClientOrderId): void {
    const run = this.running.get(id);
    if (!run) return;
    for (const timer of run.timers) this.options.scheduler.cancel(timer);
    run.timers.length = 0;
  }

  /** Parents still running, for the blotter. */
  runningIds(): ClientOrderId[] {
    return [...this.running.keys()];
  }
}

