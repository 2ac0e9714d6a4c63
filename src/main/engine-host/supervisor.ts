// Starts every engine, restarts a crashed one with backoff, reports health, and routes calls to live engines.
import * as Comlink from 'comlink';
import type { EngineHealth, EngineState } from '../../shared/contracts/engines';
import { apiError, type ApiError } from '../../shared/contracts/errors';
import type { EngineBase } from '../../engines/runtime/engineContract';
import { nextEngineState, type EngineEvent } from './engineLifecycle';
import type { EngineInstance } from '../../engines/registry';
import type { EngineLauncher, LaunchedEngine } from './launcher';
import type { BusMessage, BusSubscriber } from '../../engines/runtime/busSubscriber';
import { EngineBusStream, type BusSource } from './engineBusStream';

export interface SupervisorOptions {
  launcher: EngineLauncher;
  engines: readonly EngineInstance[];
  onHealth: (health: EngineHealth) => void;
  now?: () => number;
  /** First restart delay; doubles per consecutive failure up to maxBackoffMs. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** An engine up this long has its failure count reset. */
  stableMs?: number;
  /** This many exits within crashLoopWindowMs mark it down (it still retries at the longest backoff). */
  crashLoopCount?: number;
  crashLoopWindowMs?: number;
  /** How long a start may take before it counts as a failure. */
  startTimeoutMs?: number;
  /** How long a call waits for a restarting engine. */
  callWaitMs?: number;
  /** The bus engines may follow (engines that name `busTopics`); none when absent. */
  bus?: BusSource;
  /** The current state of a followed topic, sent to a (re)started engine before the live messages. */
  busSnapshot?: (topic: string) => readonly BusMessage[];
  /** A stream to an engine failed (not a mere exit): logged by the host. */
  onBusError?: (engine: string, error: unknown) => void;
}

interface EngineSlot {
  readonly name: string;
  /** The engine module this instance runs (several instances may run one module: a pool). */
  readonly entry: string;
  state: EngineState;
  restarts: number;
  reason: string | undefined;
  since: number;
  upSince: number;
  consecutiveFailures: number;
  exits: number[];
  launched: LaunchedEngine | undefined;
  remote: Comlink.Remote<EngineBase> | undefined;
  /** Rejects the calls in flight when this instance exits. */
  exited: Promise<never>;
  rejectInFlight: (error: ApiError) => void;
  waiters: Array<() => void>;
  retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** The bus-to-engine stream of this instance, while it is up and follows topics. */
  stream: EngineBusStream | undefined;
}

/** A promise that rejects the calls in flight to one engine instance when that instance exits. */
function exitSignal(): Pick<EngineSlot, 'exited' | 'rejectInFlight'> {
  let rejectInFlight: (error: ApiError) => void = () => undefined;
  const exited = new Promise<never>((_, reject) => {
    rejectInFlight = (error) => reject(new EngineUnavailableError(error));
  });
  exited.catch(() => undefined); // only call() races on it; an exit with no call in flight is not an error
  return { exited, rejectInFlight };
}

export class EngineUnavailableError extends Error {
  constructor(readonly detail: ApiError) {
    super(detail.message);
  }
}

export class EngineSupervisor {
  private readonly slots = new Map<string, EngineSlot>();
  private readonly now: () => number;
  private readonly o: Required<Omit<SupervisorOptions, 'launcher' | 'engines' | 'onHealth' | 'now' | 'bus' | 'busSnapshot' | 'onBusError'>>;

  constructor(private readonly options: SupervisorOptions) {
    this.now = options.now ?? Date.now;
    this.o = {
      baseBackoffMs: options.baseBackoffMs ?? 250,
      maxBackoffMs: options.maxBackoffMs ?? 15_000,
      stableMs: options.stableMs ?? 30_000,
      crashLoopCount: options.crashLoopCount ?? 5,
      crashLoopWindowMs: options.crashLoopWindowMs ?? 60_000,
      startTimeoutMs: options.startTimeoutMs ?? 15_000,
      callWaitMs: options.callWaitMs ?? 10_000,
    };
    for (const { name, entry } of options.engines) this.slots.set(name, this.newSlot(name, entry));
  }

  start(): void {
    for (const slot of this.slots.values()) this.launch(slot);
  }

  health(): EngineHealth[] {
    return [...this.slots.values()].map((slot) => this.healthOf(slot));
  }

  healthOf(slot: EngineSlot | string): EngineHealth {
    const s = typeof slot === 'string' ? this.slotOf(slot) : slot;
    return { name: s.name, state: s.state, restarts: s.restarts, since: s.since, ...(s.reason ? { reason: s.reason } : {}) };
  }

  /** Calls into an engine; waits for it if it is restarting, fails if it dies mid-call or stays down. */
  async call<T extends EngineBase, R>(name: string, fn: (engine: Comlink.Remote<T>) => Promise<R>): Promise<R> {
    const slot = this.slotOf(name);
    await this.whenUp(slot);
    const remote = slot.remote as unknown as Comlink.Remote<T>;
    return Promise.race([fn(remote), slot.exited]);
  }

  /** Ends an engine as a crash would (the command palette's "Restart engine", and crash tests). */
  kill(name: string, reason = 'killed on request'): void {
    const slot = this.slotOf(name);
    slot.reason = reason;
    slot.launched?.kill();
  }

  async stop(): Promise<void> {
    for (const slot of this.slots.values()) {
      clearTimeout(slot.retryTimer);
      slot.stream?.stop();
      slot.stream = undefined;
      const launched = slot.launched;
      this.transition(slot, 'stop', 'stopped');
      launched?.kill();
    }
  }

  has(name: string): boolean {
    return this.slots.has(name);
  }

  /** Instance names running one engine module, e.g. every features worker. */
  instancesOf(entry: string): string[] {
    return [...this.slots.values()].filter((s) => s.entry === entry).map((s) => s.name);
  }

  private slotOf(name: string): EngineSlot {
    const slot = this.slots.get(name);
    if (!slot) throw new EngineUnavailableError(apiError('UNKNOWN_ENGINE', `no engine named ${name}`, { engine: name }));
    return slot;
  }

  private newSlot(name: string, entry: string): EngineSlot {
    return {
      name,
      entry,
      state: 'starting',
      restarts: 0,
      reason: undefined,
      since: this.now(),
      upSince: 0,
      consecutiveFailures: 0,
      exits: [],
      launched: undefined,
      remote: undefined,
      waiters: [],
      retryTimer: undefined,
      stream: undefined,
      ...exitSignal(),
    };
  }

  private launch(slot: EngineSlot): void {
    let launched: LaunchedEngine;
    try {
      launched = this.options.launcher.launch(slot.entry);
    } catch (error) {
      this.onExit(slot, undefined, `failed to start: ${(error as Error).message}`);
      return;
    }
    slot.launched = launched;
    slot.remote = Comlink.wrap<EngineBase>(launched.endpoint);
    launched.onExit((reason) => this.onExit(slot, launched, reason));
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer within ${this.o.startTimeoutMs} ms`)), this.o.startTimeoutMs).unref?.(),
    );
    Promise.race([slot.remote.ping(), timeout, slot.exited]).then(
      () => {
        if (slot.launched !== launched || slot.state !== 'starting') return;
        slot.upSince = this.now();
        slot.reason = undefined;
        this.transition(slot, 'ready');
        for (const wake of slot.waiters.splice(0)) wake();
        this.attachBus(slot, launched);
      },
      (error: Error) => {
        if (slot.launched !== launched || slot.state !== 'starting') return;
        slot.reason = `did not start: ${error.message}`;
        launched.kill();
      },
    );
  }

  private onExit(slot: EngineSlot, launched: LaunchedEngine | undefined, reason: string): void {
    if (launched && slot.launched !== launched) return; // an older instance
    if (slot.state === 'stopped') return;
    slot.launched = undefined;
    slot.stream?.stop();
    slot.stream = undefined;
    slot.remote?.[Comlink.releaseProxy]?.();
    slot.remote = undefined;
    const failure = slot.reason ?? reason;
    slot.rejectInFlight(apiError('ENGINE_UNAVAILABLE', `engine ${slot.name} stopped: ${failure}`, { engine: slot.name }));
    Object.assign(slot, exitSignal());

    const now = this.now();
    if (slot.upSince && now - slot.upSince >= this.o.stableMs) slot.consecutiveFailures = 0;
    slot.upSince = 0;
    slot.consecutiveFailures += 1;
    slot.exits = [...slot.exits.filter((t) => now - t < this.o.crashLoopWindowMs), now];
    const crashLoop = slot.exits.length >= this.o.crashLoopCount;
    slot.reason = crashLoop ? `crash loop (${slot.exits.length} exits in ${this.o.crashLoopWindowMs / 1000}s): ${failure}` : failure;
    this.transition(slot, crashLoop ? 'exitCrashLoop' : 'exit');

    const delay = crashLoop
      ? this.o.maxBackoffMs
      : Math.min(this.o.maxBackoffMs, this.o.baseBackoffMs * 2 ** (slot.consecutiveFailures - 1));
    slot.retryTimer = setTimeout(() => {
      slot.restarts += 1;
      if (this.transition(slot, 'retry')) this.launch(slot);
    }, delay);
    slot.retryTimer.unref?.();
  }

  /** Opens the bus-to-engine stream of an engine that names the topics it follows. */
  private attachBus(slot: EngineSlot, launched: LaunchedEngine): void {
    const { bus, busSnapshot } = this.options;
    if (!bus) return;
    const remote = slot.remote as unknown as Comlink.Remote<EngineBase & Partial<BusSubscriber>>;
    const topicsOf = remote.busTopics as unknown as Promise<unknown>;
    Promise.race([topicsOf, slot.exited]).then(
      (topics) => {
        if (slot.launched !== launched || slot.state !== 'up' || !Array.isArray(topics) || topics.length === 0) return;
        const names = topics.filter((t): t is string => typeof t === 'string');
        const exited = slot.exited;
        const stream = new EngineBusStream(
          (batch) => Promise.race([(remote.deliverBus as (b: BusMessage[]) => Promise<void>)(batch), exited]),
          (error) => {
            if (slot.launched === launched) this.options.onBusError?.(slot.name, error);
          },
        );
        slot.stream = stream;
        stream.start(bus, names, busSnapshot ? names.flatMap((t) => busSnapshot(t)) : []);
      },
      () => undefined, // exited before answering: the next start attaches again
    );
  }

  private async whenUp(slot: EngineSlot): Promise<void> {
    if (slot.state === 'up') return;
    if (slot.state === 'stopped' || slot.state === 'down') {
      throw new EngineUnavailableError(
        apiError('ENGINE_UNAVAILABLE', `engine ${slot.name} is ${slot.state}${slot.reason ? `: ${slot.reason}` : ''}`, {
          engine: slot.name,
          state: slot.state,
        }),
      );
    }
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        slot.waiters.splice(slot.waiters.indexOf(wake), 1);
        reject(new EngineUnavailableError(apiError('ENGINE_UNAVAILABLE', `engine ${slot.name} did not come up in time`, { engine: slot.name })));
      }, this.o.callWaitMs);
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      slot.waiters.push(wake);
    });
  }

  private transition(slot: EngineSlot, event: EngineEvent, expected?: EngineState): boolean {
    const next = nextEngineState(slot.state, event);
    if (!next || (expected && next !== expected)) return false;
    slot.state = next;
    slot.since = this.now();
    this.options.onHealth(this.healthOf(slot));
    return true;
  }
}
