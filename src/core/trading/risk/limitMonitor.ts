// The limit monitor: compares the book's measures with every account limit on a period, on every position change
// and (throttled) on quotes; opens a breach when a measure goes over its threshold, clears it when it comes back,
// and switches the account to reduce-only when the breached limit asks for it.
import type { Clock, EpochMs } from '../../model/clock';
import type { Scheduler, TimerId } from '../../model/scheduler';
import type { BreachAction } from './limitKind';
import { kindOf, type RiskLimitKind } from './limitKinds';
import type { PreTradeRisk } from './preTradeRisk';

export interface Breach {
  readonly limitId: string;
  readonly kind: RiskLimitKind;
  /** The measure and the threshold when the breach was detected. */
  readonly value: number;
  readonly threshold: number;
  /** What the measure refers to (a symbol, a sector, 'account'…). */
  readonly scope: string;
  readonly action: BreachAction;
  readonly time: EpochMs;
  readonly clearedAt: EpochMs | null;
}

/** Where breaches go (the live host: SQLite, the bus, the system log; a backtest: its report). */
export interface BreachSink {
  opened(breach: Breach): void;
  cleared(breach: Breach): void;
}

export interface LimitMonitorOptions {
  readonly risk: PreTradeRisk;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly sink: BreachSink;
  /** Switches the account to reduce-only (the OMS's journaled mechanism); `by` names the limit. */
  readonly engageReduceOnly: (by: string) => void;
  /** The periodic recomputation (default 5 s). */
  readonly intervalMs?: number;
  /** Quotes re-evaluate at most this often (default 250 ms): a breach a quote causes is seen within it. */
  readonly quoteThrottleMs?: number;
  /** Breaches still open when the host last stopped: not raised again while they persist. */
  readonly openBreaches?: readonly Breach[];
}

export const DEFAULT_MONITOR_INTERVAL_MS = 5_000;
export const DEFAULT_QUOTE_THROTTLE_MS = 250;

export class LimitMonitor {
  private readonly open = new Map<string, Breach>();
  private periodic: TimerId | null = null;
  private pendingQuote: TimerId | null = null;
  private lastEvaluation = -Infinity;
  private readonly throttleMs: number;

  constructor(private readonly options: LimitMonitorOptions) {
    this.throttleMs = options.quoteThrottleMs ?? DEFAULT_QUOTE_THROTTLE_MS;
    for (const b of options.openBreaches ?? []) this.open.set(b.limitId, b);
  }

  start(): void {
    if (this.periodic !== null) return;
    this.periodic = this.options.scheduler.every(this.options.intervalMs ?? DEFAULT_MONITOR_INTERVAL_MS, () => this.evaluate());
    this.evaluate();
  }

  stop(): void {
    if (this.periodic !== null) this.options.scheduler.cancel(this.periodic);
    if (this.pendingQuote !== null) this.options.scheduler.cancel(this.pendingQuote);
    this.periodic = null;
    this.pendingQuote = null;
  }

  /** A fill, an order change or new limits: evaluated at once. */
  onBookChange(): void {
    if (this.periodic !== null) this.evaluate();
  }

  /** A quote: evaluated at once unless an evaluation ran within the throttle, else once the throttle has passed. */
  onQuote(): void {
    if (this.periodic === null || this.pendingQuote !== null) return;
    const now = this.options.clock.now();
    const due = this.lastEvaluation + this.throttleMs;
    if (now >= due) {
      this.evaluate();
      return;
    }
    this.pendingQuote = this.options.scheduler.at(due, () => {
      this.pendingQuote = null;
      this.evaluate();
    });
  }

  /** Breaches open now, oldest first. */
  openBreaches(): Breach[] {
    return [...this.open.values()];
  }

  /** Compares every account limit with its measure now; returns the breaches this evaluation opened. */
  evaluate(): Breach[] {
    const { risk, clock, sink } = this.options;
    const now = clock.now();
    this.lastEvaluation = now;
    const opened: Breach[] = [];
    const seen = new Set<string>();
    const limits = new Map(risk.limits.map((l) => [l.id, l]));
    for (const u of risk.utilization(now)) {
      const limit = limits.get(u.id);
      if (!limit || kindOf(limit).scope !== 'ACCOUNT') continue;
      seen.add(u.id);
      // Not measurable now (no VaR estimate yet): neither a new breach nor the end of an open one.
      if (u.ratio === null) continue;
      const current = this.open.get(u.id);
      const over = u.used > u.limit;
      if (over && current === undefined) {
        const breach: Breach = { limitId: u.id, kind: u.kind, value: u.used, threshold: u.limit, scope: u.scope, action: limit.onBreach ?? 'ALERT', time: now, clearedAt: null };
        this.open.set(u.id, breach);
        opened.push(breach);
        sink.opened(breach);
        if (breach.action === 'REDUCE_ONLY' && !risk.killSwitch.reduceOnly) this.options.engageReduceOnly(`risk monitor: limit ${u.id} breached`);
      } else if (!over && current !== undefined) {
        this.clear(current, now);
      }
    }
    // A limit removed (or no longer an account limit) has no breach to keep open.
    for (const breach of [...this.open.values()]) if (!seen.has(breach.limitId)) this.clear(breach, now);
    return opened;
  }

  private clear(breach: Breach, now: EpochMs): void {
    this.open.delete(breach.limitId);
    this.options.sink.cleared({ ...breach, clearedAt: now });
  }
}
