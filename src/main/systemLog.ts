// The backend's log: every entry goes to the `system.log` topic and to a ring of recent entries for late joiners.
// Transport noise (refused connections, bad frames) has its own ring, so no flood can evict a trading record.
import type { LogEntry } from '../shared/contracts/system';
import type { MessageBus } from './bus/messageBus';

/** Recent entries kept for everything that is not transport noise: trading, risk, venues, engines, storage. */
export const RECORD_RING_SIZE = 500;
/** Recent entries kept from the doors to the outside world. */
export const TRANSPORT_RING_SIZE = 200;
/** Sources whose entries are about who knocked, not about what the workstation did. */
export const TRANSPORT_SOURCES: ReadonlySet<string> = new Set(['http', 'ipc']);

interface Kept {
  readonly seq: number;
  readonly entry: LogEntry;
}

/** A fixed-size ring: pushing past its size overwrites the oldest. */
class Ring {
  private readonly items: Kept[] = [];
  private start = 0;
  constructor(private readonly size: number) {}
  push(item: Kept): void {
    if (this.items.length < this.size) this.items.push(item);
    else {
      this.items[this.start] = item;
      this.start = (this.start + 1) % this.size;
    }
  }
  *[Symbol.iterator](): Iterator<Kept> {
    for (let i = 0; i < this.items.length; i++) yield this.items[(this.start + i) % this.items.length]!;
  }
}

export class SystemLog {
  private readonly records = new Ring(RECORD_RING_SIZE);
  private readonly transport = new Ring(TRANSPORT_RING_SIZE);
  private seq = 0;

  constructor(
    private readonly bus: MessageBus,
    private readonly now: () => number = Date.now,
    private readonly echo: (entry: LogEntry, detail?: string) => void = () => undefined,
  ) {}

  /** `detail` (a stack trace, say) goes only to the host's own output, never onto the bus that clients follow. */
  write(level: LogEntry['level'], source: string, message: string, detail?: string): void {
    const entry: LogEntry = { time: this.now(), level, source, message };
    (TRANSPORT_SOURCES.has(source) ? this.transport : this.records).push({ seq: this.seq++, entry });
    this.echo(entry, detail);
    this.bus.publish('system.log', entry);
  }

  info = (source: string, message: string) => this.write('info', source, message);
  warn = (source: string, message: string) => this.write('warn', source, message);
  error = (source: string, message: string, detail?: string) => this.write('error', source, message, detail);

  /** Both rings, merged in the order the entries were written. */
  recent(): LogEntry[] {
    return [...this.records, ...this.transport].sort((a, b) => a.seq - b.seq).map((k) => k.entry);
  }
}
