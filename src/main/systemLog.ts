// The backend's log: every entry goes to the `system.log` topic and a ring of recent entries for late joiners.
import type { LogEntry } from '../shared/contracts/system';
import type { MessageBus } from './bus/messageBus';

const RING_SIZE = 500;

export class SystemLog {
  private readonly ring: LogEntry[] = [];

  constructor(
    private readonly bus: MessageBus,
    private readonly now: () => number = Date.now,
    private readonly echo: (entry: LogEntry) => void = () => undefined,
  ) {}

  write(level: LogEntry['level'], source: string, message: string): void {
    const entry: LogEntry = { time: this.now(), level, source, message };
    this.ring.push(entry);
    if (this.ring.length > RING_SIZE) this.ring.shift();
    this.echo(entry);
    this.bus.publish('system.log', entry);
  }

  info = (source: string, message: string) => this.write('info', source, message);
  warn = (source: string, message: string) => this.write('warn', source, message);
  error = (source: string, message: string) => this.write('error', source, message);

  recent(): LogEntry[] {
    return [...this.ring];
  }
}
