// The real symbols enabled for trading, in the SQLite record (settings): read before the journal replays, so orders and
// positions in them are restored like any other; the instruments are stored as enabled, so a restart keeps their grid.
import { z } from 'zod';
import type { RealInstrument } from '../../../core/data/realInstrument';
import type { SqliteDatabase } from '../../storage/sqlite/database';

const KEY = 'desk.realInstruments';
const positive = z.number().finite().positive();

const realInstrumentSchema = z
  .object({
    symbol: z.string().min(1).max(100),
    name: z.string(),
    assetClass: z.enum(['EQUITY', 'ETF']),
    currency: z.string().regex(/^[A-Z]{3}$/),
    exchange: z.string(),
    sector: z.string().min(1),
    industry: z.string().min(1).optional(),
    tickSize: positive,
    lotSize: positive,
    multiplier: positive,
    utcOffsetMinutes: z.number().int().min(-720).max(840),
    averageDailyVolume: positive.optional(),
    source: z.literal('stored-bars'),
  })
  .strict();
const storedList = z.array(realInstrumentSchema);

export class RealInstrumentStore {
  constructor(private readonly db: SqliteDatabase) {}

  /** Every enabled real symbol; a corrupt row is an error naming the bad field, never silently dropped. */
  load(): RealInstrument[] {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
    if (!row) return [];
    const parsed = storedList.safeParse(JSON.parse(row.value));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`stored real instruments (settings ${KEY}) are invalid at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? parsed.error.message}`);
    }
    return parsed.data;
  }

  /** Adds one (replacing an earlier record of the same symbol). */
  add(instrument: RealInstrument): void {
    const all = this.load().filter((i) => i.symbol !== instrument.symbol);
    all.push(realInstrumentSchema.parse(instrument));
    this.db
      .prepare("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, datetime('now')) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at")
      .run(KEY, JSON.stringify(all));
  }
}
