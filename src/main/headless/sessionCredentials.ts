// Who may use the headless host: a one-time launch token (printed in the URL) is exchanged once for a session
// credential that the page keeps in its sessionStorage and presents on the WebSocket. Never a cookie: cookies do not
// isolate ports, so every other server on 127.0.0.1 would receive it. Credentials are stored only as SHA-256
// hashes, in a 0600 file in the data directory, so a page reconnects by itself after a restart on the same data.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export const SESSIONS_FILE = 'headless-sessions.json';
/** Sessions kept (least recently used dropped first): one per browser tab lineage is plenty. */
export const MAX_SESSIONS = 32;
/** A session unused this long is forgotten. */
export const SESSION_IDLE_MS = 30 * 24 * 3600_000;
/** How stale a session's last-use time may get before it is written again (not on every connect). */
const TOUCH_INTERVAL_MS = 3600_000;

export const newSecret = (): string => randomBytes(32).toString('base64url');

const hashOf = (secret: string): string => createHash('sha256').update(secret).digest('hex');

function equalSecrets(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

interface StoredSession {
  hash: string;
  createdAt: number;
  lastUsedAt: number;
}

export interface SessionCredentialsOptions {
  /** The token printed in the launch URL; accepted once. */
  launchToken: string;
  /** Where hashed sessions persist across restarts; none keeps them in memory only. */
  file?: string;
  now?: () => number;
  onError?: (message: string) => void;
}

export class SessionCredentials {
  private launchTokenUsed = false;
  private sessions: StoredSession[];
  private readonly now: () => number;

  constructor(private readonly options: SessionCredentialsOptions) {
    this.now = options.now ?? Date.now;
    this.sessions = this.load();
  }

  /** The launch token, once: a new session credential. Any later exchange is refused. */
  exchange(launchToken: string): string | undefined {
    if (this.launchTokenUsed || !equalSecrets(launchToken, this.options.launchToken)) return undefined;
    this.launchTokenUsed = true;
    const secret = newSecret();
    const now = this.now();
    this.sessions = [...this.live(now), { hash: hashOf(secret), createdAt: now, lastUsedAt: now }]
      .sort((a, b) => b.lastUsedAt - a.lastUsedAt)
      .slice(0, MAX_SESSIONS);
    this.save();
    return secret;
  }

  verify(secret: string | undefined): boolean {
    if (!secret) return false;
    const hash = hashOf(secret);
    const now = this.now();
    const session = this.live(now).find((s) => equalSecrets(s.hash, hash));
    if (!session) return false;
    if (now - session.lastUsedAt > TOUCH_INTERVAL_MS) {
      session.lastUsedAt = now;
      this.save();
    }
    return true;
  }

  private live(now: number): StoredSession[] {
    return this.sessions.filter((s) => now - s.lastUsedAt <= SESSION_IDLE_MS);
  }

  private load(): StoredSession[] {
    if (!this.options.file) return [];
    let text: string;
    try {
      text = readFileSync(this.options.file, 'utf8');
    } catch {
      return [];
    }
    try {
      const parsed = JSON.parse(text) as { sessions?: unknown };
      if (!Array.isArray(parsed.sessions)) throw new Error('no sessions array');
      return parsed.sessions.filter(
        (s): s is StoredSession =>
          typeof s === 'object' && s !== null && /^[0-9a-f]{64}$/.test(String(s.hash)) && Number.isFinite(s.createdAt) && Number.isFinite(s.lastUsedAt),
      );
    } catch (error) {
      this.options.onError?.(`${this.options.file} unreadable (${(error as Error).message}): earlier browser sessions must open the launch URL again`);
      return [];
    }
  }

  private save(): void {
    const file = this.options.file;
    if (!file) return;
    try {
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify({ version: 1, sessions: this.sessions }), { mode: 0o600 });
      chmodSync(temp, 0o600);
      renameSync(temp, file);
    } catch (error) {
      this.options.onError?.(`browser sessions not saved to ${file}: ${(error as Error).message}`);
    }
  }
}
