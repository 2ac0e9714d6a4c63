// Risk limits as data in the SQLite record: read at start, replaced as a whole when the trader edits them.
import { z } from 'zod';
import type { RiskLimit } from '../../core/trading/risk/limits';
import { riskLimitSchema } from '../../shared/contracts/risk';
import type { SqliteDatabase } from '../storage/sqlite/database';

const KEY = 'risk.limits';
const storedLimits = z.array(riskLimitSchema);

export class LimitStore {
  constructor(private readonly db: SqliteDatabase) {}

  /** The stored limits; `fallback` when none were ever saved. A corrupt row is an error, never silently replaced. */
  load(fallback: readonly RiskLimit[]): readonly RiskLimit[] {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
    if (!row) return fallback;
    const parsed = storedLimits.safeParse(JSON.parse(row.value));
    if (!parsed.success) throw new Error(`stored risk limits are invalid: ${parsed.error.message}`);
    return parsed.data as RiskLimit[];
  }

  save(limits: readonly RiskLimit[]): void {
    this.db
      .prepare("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, datetime('now')) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at")
      .run(KEY, JSON.stringify(limits));
  }
}
