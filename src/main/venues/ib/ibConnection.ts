// The IB client lifecycle: one fresh IBApi per session, the connection state table, heartbeat, backoff, faults and reconcile gating.
import { EventName, IBApi } from '@stoqey/ib';
import type { IbConnectionProfile, IbConnectionStatus } from '../../../shared/contracts/ib';
import { connectionTransition, SESSION_STATES, type IbConnectionEvent, type IbConnectionState } from './connectionStateTable';
import { classifyIbError, isOversizedFrameError } from './errorMapping';
import { CLIENT_MAX_REQ_PER_SEC, PacingLimiter, systemTimers, type PacingLane, type PacingTimers } from './pacing';
import { RawTap } from './rawTap';
import { describeTimeProblem, sessionZoneOf, type IbSessionZone } from './ibTime';

export type IbLogLevel = 'info' | 'warn' | 'error';
export type IbLog = (level: IbLogLevel, message: string) => void;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- handlers are typed by their registration site
type Handler = (...args: any[]) => void;

export interface IbConnectionOptions {
  readonly profile?: IbConnectionProfile;
  /** The one pacer every message to this gateway goes through (share it if several services talk to one gateway). */
  readonly pacer?: PacingLimiter;
  readonly timers?: PacingTimers;
  readonly heartbeatIntervalMs?: number;
  /** A heartbeat (reqCurrentTime) not answered within this long means a dead or frozen socket. */
  readonly heartbeatTimeoutMs?: number;
  readonly handshakeTimeoutMs?: number;
  readonly backoffInitialMs?: number;
  readonly backoffMaxMs?: number;
  readonly log?: IbLog;
}

export type IbLifecycleEvent = { readonly kind: 'session'; readonly epoch: number; readonly nextValidId: number } | { readonly kind: 'restored'; readonly dataLost: boolean };

export class IbConnection {
  readonly pacer: PacingLimiter;
  private readonly timers: PacingTimers;
  private readonly log: IbLog;
  private profile: IbConnectionProfile | null;
  private current: { status: IbConnectionStatus } = { status: null as unknown as IbConnectionStatus };
  private ib: IBApi | null = null;
  private tap: RawTap | null = null;
  private sessionEpoch = 0;
  private zone: IbSessionZone = sessionZoneOf(undefined);
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly statusListeners = new Set<(s: IbConnectionStatus) => void>();
  private readonly lifecycleListeners = new Set<(e: IbLifecycleEvent) => void>();
  private reconciler: (epoch: number) => Promise<void> = async () => undefined;
  private reconcileRunning = false;
  private reconcileAgain = false;
  private heartbeatTimer: unknown = null;
  private deadlineTimer: unknown = null;
  private retryTimer: unknown = null;
  private readonly o: Required<Omit<IbConnectionOptions, 'profile' | 'pacer' | 'timers' | 'log'>>;

  constructor(options: IbConnectionOptions = {}) {
    this.timers = options.timers ?? systemTimers;
    this.pacer = options.pacer ?? new PacingLimiter(undefined, this.timers);
    this.log = options.log ?? (() => undefined);
    this.profile = options.profile ?? null;
    this.o = {
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 5_000,
      heartbeatTimeoutMs: options.heartbeatTimeoutMs ?? 5_000,
      handshakeTimeoutMs: options.handshakeTimeoutMs ?? 10_000,
      backoffInitialMs: options.backoffInitialMs ?? 500,
      backoffMaxMs: options.backoffMaxMs ?? 30_000,
    };
    this.current.status = { state: 'disconnected', canTrade: false, profile: this.profile, since: this.timers.now(), reason: null, attempt: 0, nextAttemptAt: null, serverVersion: null, lastReconciledAt: null };
  }

  status(): IbConnectionStatus {
    return this.current.status;
  }

  get state(): IbConnectionState {
    return this.current.status.state;
  }

  /** New orders may go out: connected and reconciled, not degraded. */
  canTrade(): boolean {
    return this.state === 'connected';
  }

  /** A TWS session exists (requests, cancels and reconciliation can go out). */
  hasSession(): boolean {
    return SESSION_STATES.has(this.state) && this.ib !== null;
  }

  /** The TWS session's time zone, from the connection time of its handshake (TWS prints execution times in it). */
  sessionZone(): IbSessionZone {
    return this.zone;
  }

  get epoch(): number {
    return this.sessionEpoch;
  }

  /** Registers a handler for a client event; it stays registered across sessions. */
  on(event: EventName | string, handler: Handler): () => void {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }

  onStatus(listener: (s: IbConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  onLifecycle(listener: (e: IbLifecycleEvent) => void): () => void {
    this.lifecycleListeners.add(listener);
    return () => this.lifecycleListeners.delete(listener);
  }

  /** Runs after every session start and every 1101/1102; trading stays blocked until it resolves. */
  setReconciler(reconciler: (epoch: number) => Promise<void>): void {
    this.reconciler = reconciler;
  }

  connect(profile?: IbConnectionProfile): IbConnectionStatus {
    if (profile) this.profile = profile;
    if (!this.profile) throw new Error('IB connect without a connection profile');
    this.teardown('connect requested');
    this.apply('CONNECT', `connecting to ${this.profile.host}:${this.profile.port} as client ${this.profile.clientId}`);
    this.startSession();
    return this.status();
  }

  disconnect(reason = 'disconnect requested'): IbConnectionStatus {
    this.teardown(reason);
    this.apply('DISCONNECT', reason);
    return this.status();
  }

  /** One client call through the pacer, only within the current session; `drop` when it cannot be sent. */
  send(lane: PacingLane, call: (ib: IBApi) => void, drop?: (reason: string) => void): void {
    const epoch = this.sessionEpoch;
    if (!this.hasSession()) {
      drop?.(`IB not connected (${this.state})`);
      return;
    }
    this.pacer.submit({
      lane,
      tag: epoch,
      drop,
      run: () => {
        if (epoch !== this.sessionEpoch || !this.ib || !this.ib.isConnected) {
          drop?.('IB session ended before the request could be sent');
          return false;
        }
        call(this.ib);
        return true;
      },
    });
  }

  /** A fault the caller detected (bad message, failed reconciliation): drop the session, back off, reconnect, reconcile. */
  fault(reason: string, event: IbConnectionEvent = 'PROTOCOL_FAULT'): void {
    if (this.state === 'disconnected' || this.state === 'backoff') return;
    this.log('warn', `IB session reset: ${reason}`);
    this.teardown(reason);
    if (this.apply(event, reason)) this.scheduleRetry();
  }

  close(): void {
    this.disconnect('closed');
    this.pacer.close();
  }

  // ---- session ---------------------------------------------------------------------------------

  private startSession(): void {
    const profile = this.profile as IbConnectionProfile;
    const epoch = ++this.sessionEpoch;
    // Host, port and client id always explicit; a fresh client per session leaves no stale queue behind.
    const ib = new IBApi({ host: profile.host, port: profile.port, clientId: profile.clientId, maxReqPerSec: CLIENT_MAX_REQ_PER_SEC });
    this.zone = sessionZoneOf(undefined);
    const tap = new RawTap((problem, bytes) => {
      this.log('error', `IB malformed bytes (${problem}): ${bytes}`);
      queueMicrotask(() => epoch === this.sessionEpoch && this.fault(`malformed frame: ${problem}`));
    });
    this.ib = ib;
    this.tap = tap;
    ib.on(EventName.all, (name: string, args: unknown[]) => {
      if (epoch === this.sessionEpoch) this.dispatch(name, args);
    });
    this.deadline(this.o.handshakeTimeoutMs, 'no nextValidId after connecting');
    // START_API is a message too: it waits for a pacing slot like everything else.
    this.pacer.submit({
      lane: 'control',
      tag: epoch,
      run: () => {
        if (epoch !== this.sessionEpoch) return false;
        ib.connect(profile.clientId);
        if (!tap.attach(ib, (error, frame) => this.onClientThrow(epoch, error, frame))) this.log('warn', 'IB raw-bytes tap unavailable (client internals changed)');
        return true;
      },
    });
  }

  private dispatch(name: string, args: unknown[]): void {
    this.observe(name, args);
    const set = this.handlers.get(name);
    if (!set) return;
    for (const handler of [...set]) {
      try {
        handler(...args);
      } catch (e) {
        // A bug in a handler must not tear through the client's decoder.
        this.log('error', `IB ${name} handler failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      }
    }
  }

  /** The connection's own view of client events: handshake, heartbeat, connectivity, faults. */
  private observe(name: string, args: unknown[]): void {
    switch (name) {
      case EventName.received:
        this.tap?.onReceived();
        return;
      case EventName.nextValidId:
        if (this.state === 'connecting') this.onSessionStarted(args[0] as number);
        return;
      case EventName.currentTime:
        this.clearDeadline();
        return;
      case EventName.server:
        this.onServerHello(String(args[1] ?? ''));
        return;
      case EventName.disconnected:
        this.fault('socket closed', 'SOCKET_CLOSED');
        return;
      case EventName.info:
        return this.onNotice(args[1] as number, String(args[0]), -1);
      case EventName.error: {
        const [error, code, reqId] = args as [Error, number, number];
        if (reqId === undefined || reqId < 0) this.onNotice(code, error?.message ?? '', reqId ?? -1);
        return;
      }
      default:
        return;
    }
  }

  private onNotice(code: number, message: string, reqId: number): void {
    const c = classifyIbError(code, message);
    switch (c.kind) {
      case 'CONNECTIVITY_LOST':
        this.log('warn', `IB ${code}: ${message}`);
        this.apply('CONNECTIVITY_LOST', `IB ${code}: ${message}`);
        return;
      case 'CONNECTIVITY_RESTORED':
        this.log('info', `IB ${code}: ${message}`);
        for (const l of this.lifecycleListeners) l({ kind: 'restored', dataLost: c.dataLost });
        if (this.apply('CONNECTIVITY_RESTORED', `IB ${code}: ${message}`)) this.runReconcile();
        return;
      case 'PROTOCOL_FAULT': {
        const bytes = this.tap?.describeCurrent() ?? '';
        this.log('error', `IB ${code} (${message}); frame: ${bytes}`);
        queueMicrotask(() => this.fault(`IB ${code}: ${message}`));
        return;
      }
      case 'CONNECT_FAILED':
        if (isOversizedFrameError(message)) this.log('error', `IB stream unusable (${message}); recent frames: ${this.tap?.describeRecent() ?? ''}`);
        else this.log('warn', `IB ${code}: ${message}`);
        return; // the socket close that follows moves the state
      case 'PACING_VIOLATION':
        this.log('error', `IB pacing violation: ${message}`);
        return;
      default:
        this.log(c.kind === 'WARNING' ? 'warn' : 'info', `IB ${code}${reqId >= 0 ? ` (id ${reqId})` : ''}: ${message}`);
    }
  }

  private onServerHello(connectionTime: string): void {
    this.zone = sessionZoneOf(connectionTime);
    if (this.zone.ok) this.log('info', `IB session time zone ${this.zone.value.id} (connection time "${connectionTime}")`);
    else this.log('error', `IB session time zone: ${describeTimeProblem(this.zone.error)}; execution times without a zone will be READ AS UTC and each flagged`);
  }

  private onClientThrow(epoch: number, error: unknown, frame: string): void {
    this.log('error', `IB client failed to decode a message (${error instanceof Error ? error.message : String(error)}); frame: ${frame}`);
    queueMicrotask(() => epoch === this.sessionEpoch && this.fault('client decoder threw'));
  }

  private onSessionStarted(nextValidId: number): void {
    this.clearDeadline();
    const version = this.ib?.serverVersion ?? null;
    this.patch({ serverVersion: version });
    if (!this.apply('SESSION_STARTED', `session ${this.sessionEpoch} started; nextValidId ${nextValidId}`)) return;
    this.startHeartbeat();
    for (const l of this.lifecycleListeners) l({ kind: 'session', epoch: this.sessionEpoch, nextValidId });
    this.runReconcile();
  }

  private runReconcile(): void {
    if (this.reconcileRunning) {
      this.reconcileAgain = true;
      return;
    }
    const epoch = this.sessionEpoch;
    this.reconcileRunning = true;
    this.reconcileAgain = false;
    this.reconciler(epoch).then(
      () => {
        this.reconcileRunning = false;
        if (epoch !== this.sessionEpoch) return;
        if (this.reconcileAgain) return this.runReconcile();
        if (this.state === 'reconciling' && this.apply('RECONCILED', 'reconciled')) this.patch({ attempt: 0, lastReconciledAt: this.timers.now() });
      },
      (e: unknown) => {
        this.reconcileRunning = false;
        if (epoch === this.sessionEpoch) this.fault(`reconciliation failed: ${e instanceof Error ? e.message : String(e)}`);
      },
    );
  }

  // ---- heartbeat, deadlines, backoff ---------------------------------------------------------

  private startHeartbeat(): void {
    this.stopHeartbeat();
    const tick = () => {
      this.heartbeatTimer = this.timers.setTimeout(tick, this.o.heartbeatIntervalMs);
      if (!this.hasSession() || this.deadlineTimer !== null) return;
      // The deadline starts when the request leaves the pacer, not while it waits in the queue.
      this.send('control', (ib) => {
        this.deadline(this.o.heartbeatTimeoutMs, `no heartbeat answer within ${this.o.heartbeatTimeoutMs} ms`);
        ib.reqCurrentTime();
      });
    };
    this.heartbeatTimer = this.timers.setTimeout(tick, this.o.heartbeatIntervalMs);
  }

  private deadline(ms: number, reason: string): void {
    this.clearDeadline();
    const epoch = this.sessionEpoch;
    this.deadlineTimer = this.timers.setTimeout(() => {
      this.deadlineTimer = null;
      if (epoch === this.sessionEpoch) this.fault(reason, 'HEARTBEAT_TIMEOUT');
    }, ms);
  }

  private clearDeadline(): void {
    if (this.deadlineTimer !== null) this.timers.clearTimeout(this.deadlineTimer);
    this.deadlineTimer = null;
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer !== null) this.timers.clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = null;
  }

  private scheduleRetry(): void {
    const attempt = this.current.status.attempt;
    const delay = Math.min(this.o.backoffMaxMs, this.o.backoffInitialMs * 2 ** Math.min(attempt, 20));
    const at = this.timers.now() + delay;
    this.patch({ attempt: attempt + 1, nextAttemptAt: at });
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      if (this.state !== 'backoff') return;
      if (this.apply('RETRY', `reconnect attempt ${attempt + 1}`)) this.startSession();
    }, delay);
  }

  /** Ends the current session's client, timers and queued messages (their `drop` callbacks run). */
  private teardown(reason: string): void {
    const epoch = this.sessionEpoch;
    this.sessionEpoch += 1; // anything still addressed to the old session is now stale
    this.stopHeartbeat();
    this.clearDeadline();
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const ib = this.ib;
    this.ib = null;
    this.tap = null;
    if (ib) {
      ib.removeAllListeners();
      ib.on(EventName.error, () => undefined); // late socket errors of the dead client go nowhere
      try {
        ib.disconnect();
      } catch (e) {
        this.log('warn', `IB disconnect failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    this.pacer.dropWhere((job) => job.tag !== undefined && job.tag <= epoch, reason);
  }

  private apply(event: IbConnectionEvent, reason: string): boolean {
    const from = this.state;
    const next = connectionTransition(from, event);
    if (!next.ok) {
      this.log('warn', `IB connection: ${event} refused in state ${from}`);
      return false;
    }
    const to = next.value;
    const changes: Partial<IbConnectionStatus> = { state: to, canTrade: to === 'connected', reason };
    if (to !== from) changes.since = this.timers.now();
    if (to !== 'backoff') changes.nextAttemptAt = null;
    if (to === 'disconnected') changes.attempt = 0;
    this.patch(changes);
    if (to !== from) this.log('info', `IB connection ${from} → ${to} (${event}: ${reason})`);
    return true;
  }

  private patch(changes: Partial<IbConnectionStatus>): void {
    this.current.status = { ...this.current.status, ...changes, profile: this.profile };
    for (const l of [...this.statusListeners]) {
      try {
        l(this.current.status);
      } catch (e) {
        this.log('error', `IB status listener failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
}
