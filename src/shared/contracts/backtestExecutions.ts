// A stored backtest run's executions across the API: the schema of core's ExecutionRecord (parent, TCA, children),
// checked when a run is read back from the store, and the shape `backtest.equity` and `backtest show --json` return.
import { z } from 'zod';
import { ALGO_KINDS, PARENT_STATUSES } from '../../core/execution/parentOrder';
import type { ExecutionRecord } from '../../core/backtest/executionRecord';
import type { TcaReport } from '../../core/execution/tca';
import { epochMs, finite } from './schemas';

const SIDES = ['BUY', 'SELL'] as const;

const nonNegative = () => finite().refine((v) => v >= 0, { message: 'must be 0 or more' });
const positive = () => finite().refine((v) => v > 0, { message: 'must be greater than 0' });
const cost = z.object({ amount: finite(), bps: finite() }).strict();

export const tcaReportSchema: z.ZodType<TcaReport> = z
  .object({
    parentId: z.string().min(1),
    symbol: z.string().min(1),
    side: z.enum(SIDES),
    algo: z.enum(ALGO_KINDS),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code'),
    quantity: positive(),
    filledQuantity: nonNegative(),
    arrivalPrice: positive(),
    averageFillPrice: positive().nullable(),
    shortfall: cost,
    spread: cost,
    impact: cost,
    timing: cost,
    fees: cost,
    intervalVwap: positive().nullable(),
    vsIntervalVwapBps: finite().nullable(),
  })
  .strict();

export const executionRecordSchema: z.ZodType<ExecutionRecord> = z
  .object({
    parent: z
      .object({
        parentId: z.string().min(1),
        symbol: z.string().min(1),
        side: z.enum(SIDES),
        algo: z.enum(ALGO_KINDS),
        status: z.enum(PARENT_STATUSES),
        quantity: positive(),
        limitPrice: positive().nullable(),
        filled: nonNegative(),
        averagePrice: positive().nullable(),
        fees: finite(),
        createdAt: epochMs(),
        endedAt: epochMs().nullable(),
        arrivalMid: positive(),
      })
      .strict(),
    tca: tcaReportSchema.nullable(),
    children: z.array(
      z
        .object({
          childId: z.string().min(1),
          venue: z.string().min(1),
          liquidity: z.enum(['TAKE', 'REST']),
          sentAt: epochMs(),
          quantity: positive(),
          limitPrice: positive().nullable(),
          filled: nonNegative(),
          averagePrice: positive().nullable(),
        })
        .strict(),
    ),
  })
  .strict()
  .refine((e) => e.tca === null || e.tca.parentId === e.parent.parentId, { message: 'must be the TCA of this parent', path: ['tca', 'parentId'] });

export const executionRecordsSchema = z.array(executionRecordSchema);
