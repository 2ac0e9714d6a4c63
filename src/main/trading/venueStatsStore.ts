// The smart router's per-venue statistics in the SQLite record (settings), so what it learned survives a restart.
import { VenueStatistics } from '../../core/execution/venueStats';
import type { SqliteDatabase } from '../storage/sqlite/database';

const KEY = 'execution.venueStats';

export class VenueStatsStore {
  constructor(private readonly db: SqliteDatabase) {}

  /** The stored statistics; empty ones when none were saved. A corrupt row is an error, never silently replaced. */
  load(): VenueStatistics {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
    if (!row) return new VenueStatistics();
    const restored = VenueStatistics.restore(JSON.parse(row.value));
    if (!restored.ok) throw new Error(`stored venue statistics are invalid at ${restored.error.path}: ${restored.error.message}`);
    return restored.value;
  }

  save(stats: VenueStatistics): void {
    this.db
      .prepare("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, datetime('now')) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at")
      .run(KEY, JSON.stringify(stats.snapshot()));
  }
}
