// Risk limits as data in the SQLite record: read at start, replaced as a whole when the trader edits them or the team
// publishes a set; each change is audited (limit_changes) and put in the outbox in the same transaction.
import { z } from 'zod';
import type { RiskLimit } from '../../core/trading/risk/limits';
import { riskLimitSchema } from '../../shared/contracts/risk';
import { Outbox, type LimitChange } from '../storage/outbox/outbox';
import type { SqliteDatabase } from '../storage/sqlite/database';

const KEY = 'risk.limits';
const storedLimits = z.array(riskLimitSchema);

/** Who applied a limit set: the trader at this workstation, or the team's published version. */
export type LimitChangeOrigin = { readonly source: 'trader'; readonly by: string } | { readonly source: 'team'; readonly by: string; readonly teamVersion: number };

interface ChangeRow {
  id: number;
  time: number;
  source: 'trader' | 'team';
  by_whom: string;
  team_version: number | null;
  limits: string;
}
const toChange = (r: ChangeRow): LimitChange => ({ id: r.id, time: r.time, source: r.source, by: r.by_whom, teamVersion: r.team_version, limits: JSON.parse(r.limits) as RiskLimit[] });

export class LimitStore {
  private readonly outbox: Outbox;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => number = Date.now,
  ) {
    this.outbox = new Outbox(db, now);
  }

  /** The stored limits; `fallback` when none were ever saved. A corrupt row is an error, never silently replaced. */
  load(fallback: readonly RiskLimit[]): readonly RiskLimit[] {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
    if (!row) return fallback;
    const parsed = storedLimits.safeParse(JSON.parse(row.value));
    if (!parsed.success) throw new Error(`stored risk limits are invalid: ${parsed.error.message}`);
    return parsed.data as RiskLimit[];
  }

  /** Stores the set, its audit entry and its outbox entry in one transaction; returns the audit entry. */
  save(limits: readonly RiskLimit[], origin: LimitChangeOrigin = { source: 'trader', by: 'trader' }): LimitChange {
    return this.db.transaction((): LimitChange => {
      const text = JSON.stringify(limits);
      this.db
        .prepare("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, datetime('now')) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at")
        .run(KEY, text);
      const time = this.now();
      const teamVersion = origin.source === 'team' ? origin.teamVersion : null;
      const id = Number(
        this.db.prepare('INSERT INTO limit_changes (time, source, by_whom, team_version, limits) VALUES (?, ?, ?, ?, ?)').run(time, origin.source, origin.by, teamVersion, text).lastInsertRowid,
      );
      const change: LimitChange = { id, time, source: origin.source, by: origin.by, teamVersion, limits };
      this.outbox.add({ topic: 'limits', change });
      return change;
    })();
  }

  /** The audit of limit changes, newest first. */
  changes(limit = 100): LimitChange[] {
    return (this.db.prepare('SELECT * FROM limit_changes ORDER BY id DESC LIMIT ?').all(limit) as ChangeRow[]).map(toChange);
  }

  /** Every change after audit entry `id`, oldest first. */
  changesAfter(id: number): LimitChange[] {
    return (this.db.prepare('SELECT * FROM limit_changes WHERE id > ? ORDER BY id').all(id) as ChangeRow[]).map(toChange);
  }

  /** The team version last applied here (0 when none): the pull asks only for newer ones. */
  appliedTeamVersion(): number {
    const row = this.db.prepare("SELECT MAX(team_version) AS v FROM limit_changes WHERE source = 'team'").get() as { v: number | null };
    return row.v ?? 0;
  }
}
