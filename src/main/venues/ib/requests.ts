// Request/reply over the IB client: request ids, replies gathered until their end marker, errors by request id, time-outs.
import { EventName, type IBApi } from '@stoqey/ib';
import type { IbConnection } from './ibConnection';
import { RequestIdSource } from './orderIds';
import type { PacingLane, PacingTimers } from './pacing';
import { systemTimers } from './pacing';

export interface IbRequestError {
  readonly code: 'IB_NOT_CONNECTED' | 'IB_SESSION_ENDED' | 'IB_REQUEST_TIMEOUT' | 'IB_REQUEST_FAILED';
  readonly message: string;
  readonly ibCode?: number;
}

export class IbRequestFailed extends Error {
  constructor(readonly detail: IbRequestError) {
    super(detail.message);
    this.name = 'IbRequestFailed';
  }
}

export interface RequestSpec<T> {
  readonly lane: PacingLane;
  readonly name: string;
  /** Replies without a request id (open orders, completed orders, positions) must not overlap: one at a time per key. */
  readonly serialKey?: string;
  readonly timeoutMs?: number;
  /** Registers reply handlers; call `finish` at the end marker. Returns the unsubscribe function. */
  listen(reqId: number, finish: (value: T) => void): Array<() => void>;
  /** The one client call that asks. */
  send(ib: IBApi, reqId: number): void;
}

interface Pending {
  readonly epoch: number;
  readonly fail: (error: IbRequestError) => void;
}

export class IbRequests {
  readonly ids = new RequestIdSource();
  private readonly pending = new Map<number, Pending>();
  private readonly serial = new Map<string, Promise<unknown>>();

  constructor(
    private readonly connection: IbConnection,
    private readonly timers: PacingTimers = systemTimers,
    private readonly defaultTimeoutMs = 15_000,
  ) {
    connection.on(EventName.error, (error: Error, code: number, reqId: number) => {
      const p = this.pending.get(reqId);
      if (p) p.fail({ code: 'IB_REQUEST_FAILED', message: `IB ${code}: ${error?.message ?? ''}`, ibCode: code });
    });
    connection.onStatus(() => {
      for (const [, p] of this.pending) if (p.epoch !== connection.epoch || !connection.hasSession()) p.fail({ code: 'IB_SESSION_ENDED', message: 'IB session ended before the reply' });
    });
  }

  /** True when a request with this id is waiting for replies (errors for it are not order errors). */
  owns(reqId: number): boolean {
    return this.pending.has(reqId);
  }

  run<T>(spec: RequestSpec<T>): Promise<T> {
    if (!spec.serialKey) return this.start(spec);
    const before = this.serial.get(spec.serialKey) ?? Promise.resolve();
    const mine = before.catch(() => undefined).then(() => this.start(spec));
    this.serial.set(spec.serialKey, mine);
    return mine;
  }

  private start<T>(spec: RequestSpec<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (!this.connection.hasSession()) {
        reject(new IbRequestFailed({ code: 'IB_NOT_CONNECTED', message: `${spec.name}: IB not connected (${this.connection.state})` }));
        return;
      }
      const reqId = this.ids.next();
      let settled = false;
      let timer: unknown = null;
      let offs: Array<() => void> = [];
      const settle = (act: () => void) => {
        if (settled) return;
        settled = true;
        if (timer !== null) this.timers.clearTimeout(timer);
        this.pending.delete(reqId);
        for (const off of offs) off();
        act();
      };
      const fail = (e: IbRequestError) => settle(() => reject(new IbRequestFailed({ ...e, message: `${spec.name}: ${e.message}` })));
      const timeout = spec.timeoutMs ?? this.defaultTimeoutMs;
      this.pending.set(reqId, { epoch: this.connection.epoch, fail });
      offs = spec.listen(reqId, (value) => settle(() => resolve(value)));
      this.connection.send(
        spec.lane,
        (ib) => {
          // The clock starts when the request leaves the pacer, not while it waits its turn.
          if (!settled) timer = this.timers.setTimeout(() => fail({ code: 'IB_REQUEST_TIMEOUT', message: `no complete answer within ${timeout} ms` }), timeout);
          spec.send(ib, reqId);
        },
        (reason) => fail({ code: 'IB_SESSION_ENDED', message: reason }),
      );
    });
  }
}
