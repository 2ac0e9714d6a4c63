// Persistence before transport: what the OMS publishes or answers is held until the group commit that contains it.
//
// The OMS appends journal records and emits events in the same synchronous step, and a group commit
// covers everything appended before it. So events held when a commit starts belong to records in
// that commit: released after it returns, never before (LMAX and NautilusTrader do the same). A
// caller that answers a client waits on `whenDurable()`, which settles with the first commit after
// the call. If a commit throws, nothing it held is ever released: held events are dropped, waiters
// are rejected, and the gate stays failed (fail-stop: a journal that refused a write is not trusted
// with the next one; the process is restarted and replays what is durable).

export class JournalFailedError extends Error {
  readonly code = 'JOURNAL_FAILED';
  constructor(override readonly cause: unknown) {
    super(`the order journal could not be written (${(cause as Error)?.message ?? String(cause)}); nothing since the last durable write was sent or published`);
    this.name = 'JournalFailedError';
  }
}

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

export class CommitGate<E> {
  private held: E[] = [];
  private waiters: Waiter[] = [];
  private open = false;
  private failure: JournalFailedError | null = null;

  /** Something was appended to the journal and is not yet committed. */
  opened(): void {
    this.open = true;
  }

  /** Holds an event until the next successful commit; dropped if that commit fails. */
  hold(event: E): void {
    if (this.failure) return;
    this.held.push(event);
    this.open = true;
  }

  /** Anything appended or held and not yet committed. */
  get pending(): boolean {
    return this.open;
  }

  get failed(): JournalFailedError | null {
    return this.failure;
  }

  /** Settles once everything appended before this call is durable (at once when nothing is pending). */
  whenDurable(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (!this.open) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /**
   * Runs one commit; on success delivers the events held before it (in order) and settles the waiters
   * registered before it. Events and waiters added during delivery wait for the next commit. Returns
   * false when the journal has failed (now or before). A throwing listener does not stop delivery:
   * the first error is rethrown once everything is released.
   */
  commit(commit: () => void, deliver: (event: E) => void): boolean {
    const events = this.held;
    const waiters = this.waiters;
    this.held = [];
    this.waiters = [];
    this.open = false;
    if (this.failure) {
      for (const waiter of waiters) waiter.reject(this.failure);
      return false;
    }
    try {
      commit();
    } catch (error) {
      this.failure = new JournalFailedError(error);
      for (const waiter of waiters) waiter.reject(this.failure);
      return false;
    }
    let thrown: { error: unknown } | null = null;
    for (const event of events) {
      try {
        deliver(event);
      } catch (error) {
        thrown ??= { error };
      }
    }
    for (const waiter of waiters) waiter.resolve();
    if (thrown) throw thrown.error;
    return true;
  }
}
