// On-disk cache of raw provider responses keyed by request (secrets stripped); only bodies that parsed as data are put.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface CachedEntry {
  readonly key: string;
  readonly storedAt: number;
  readonly body: string;
}

export interface CacheHit {
  readonly body: string;
  readonly storedAt: number;
}

export class ResponseCache {
  constructor(private readonly dir: string) {}

  private fileOf(key: string): string {
    return join(this.dir, `${createHash('sha256').update(key).digest('hex')}.json`);
  }

  /** The body stored under `key` no earlier than `now - maxAgeMs`, or undefined. A corrupt entry is a miss. */
  get(key: string, now: number, maxAgeMs: number): CacheHit | undefined {
    let entry: CachedEntry;
    try {
      entry = JSON.parse(readFileSync(this.fileOf(key), 'utf8')) as CachedEntry;
    } catch {
      return undefined;
    }
    if (entry.key !== key || typeof entry.body !== 'string' || !(now - entry.storedAt <= maxAgeMs)) return undefined;
    return { body: entry.body, storedAt: entry.storedAt };
  }

  /** Stores a body that has parsed as data. Written to a temporary file then renamed: a crash never leaves half an entry. */
  put(key: string, body: string, now: number): void {
    mkdirSync(this.dir, { recursive: true });
    const file = this.fileOf(key);
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ key, storedAt: now, body } satisfies CachedEntry));
    renameSync(temporary, file);
  }
}
