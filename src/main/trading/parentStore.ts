// Execution parents in the SQLite record (execution_parents): each one's ParentRecord rewritten on its changes, so
// working SMART orders and algorithms are taken back after a restart. A stored row is checked before it is used.
import { z } from 'zod';
import { ALGO_KINDS, PARENT_STATUSES } from '../../core/execution/parentOrder';
import type { ClientOrderId } from '../../core/model/ids';
import type { ParentRecord } from '../../core/execution/parentRecord';
import type { SqliteDatabase } from '../storage/sqlite/database';

const num = z.number().finite();
const price = num.positive().nullable();
const pricing = z.discriminatedUnion('style', [
  z.object({ style: z.literal('LIMIT'), limitPrice: price, mayRest: z.boolean() }).strict(),
  z.object({ style: z.literal('JOIN'), cap: price }).strict(),
  z.object({ style: z.literal('CROSS'), cap: price, throughTicks: num }).strict(),
]);
const window = { startTime: num, endTime: num, intervalMs: num.positive() };
const spec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('TWAP'), ...window }).strict(),
  z.object({ kind: z.literal('VWAP'), ...window, volumeProfile: z.array(num.nonnegative()) }).strict(),
  z.object({ kind: z.literal('POV'), ...window, participation: num.positive().max(0.5) }).strict(),
  z.object({ kind: z.literal('ICEBERG'), ...window, displayQuantity: num.positive() }).strict(),
]);
const side = z.enum(['BUY', 'SELL']);
const parentSchema = z
  .object({
    id: z.string().min(1),
    symbol: z.string().min(1),
    side,
    algo: z.enum(ALGO_KINDS),
    // A strategy's parent keeps its deployment's version and venue across a restart.
    owner: z
      .object({ strategy: z.object({ strategyId: z.string().min(1), version: z.string().min(1) }).strict().nullable(), venue: z.string().min(1).nullable() })
      .strict()
      .nullable(),
    createdAt: num,
    // NaN (no two-sided market at arrival) is stored by JSON as null.
    arrivalMid: num.nullable().transform((v) => v ?? Number.NaN),
    status: z.enum(PARENT_STATUSES),
    quantity: num.positive(),
    limitPrice: price,
    released: num.nonnegative(),
    pricing,
    filled: num.nonnegative(),
    filledNotional: num,
    fees: num,
    children: z.array(z.string().min(1)),
    updatedAt: num,
  })
  .strict();
const childSchema = z
  .object({ clientOrderId: z.string().min(1), venue: z.string().min(1), quantity: num.positive(), limitPrice: price, liquidity: z.enum(['TAKE', 'REST']), sentAt: num, releaseMid: num.nullable().transform((v) => v ?? Number.NaN) })
  .strict();
const fillSchema = z
  .object({ parentId: z.string().min(1), clientOrderId: z.string().min(1), venue: z.string().min(1), time: num, quantity: num.positive(), price: num.positive(), fee: num, liquidity: z.enum(['MAKER', 'TAKER']), releaseMid: num.nullable().transform((v) => v ?? Number.NaN), fillMid: num.nullable().transform((v) => v ?? Number.NaN) })
  .strict();
const recordSchema = z
  .object({
    parent: parentSchema,
    children: z.array(childSchema),
    fills: z.array(fillSchema),
    algo: z
      .object({
        request: z.object({ symbol: z.string().min(1), side, quantity: num.positive(), limitPrice: price, urgency: z.enum(['LOW', 'MEDIUM', 'HIGH']), spec }).strict(),
        quantity: num.positive(),
        limitPrice: price,
        volumeSeen: num.nonnegative(),
      })
      .strict()
      .nullable(),
  })
  .strict();

const DONE = ['FILLED', 'CANCELED', 'EXPIRED'] as const;

export class ParentStore {
  constructor(private readonly db: SqliteDatabase) {}

  /** Writes the given parents' records in one transaction. */
  save(records: readonly ParentRecord[], now: number): void {
    const upsert = this.db.prepare(
      'INSERT INTO execution_parents (id, status, record, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET status = excluded.status, record = excluded.record, updated_at = excluded.updated_at',
    );
    this.db.transaction(() => {
      for (const r of records) upsert.run(r.parent.id, r.parent.status, JSON.stringify(r), now);
    })();
  }

  /** Parents not yet done, oldest first. A corrupt row is an error naming the parent and field, never skipped. */
  unfinished(): ParentRecord[] {
    const rows = this.db.prepare(`SELECT id, record FROM execution_parents WHERE status NOT IN (${DONE.map(() => '?').join(', ')}) ORDER BY rowid`).all(...DONE) as { id: string; record: string }[];
    return rows.map((row) => {
      const parsed = recordSchema.safeParse(JSON.parse(row.record));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`stored execution parent ${row.id} is invalid at ${issue ? issue.path.join('.') : ''}: ${issue?.message ?? 'invalid'}`);
      }
      return parsed.data as ParentRecord;
    });
  }

  status(id: ClientOrderId): string | undefined {
    return (this.db.prepare('SELECT status FROM execution_parents WHERE id = ?').get(id) as { status: string } | undefined)?.status;
  }
}
