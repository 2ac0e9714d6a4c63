// Orders, fills, positions and P&L across the API. Business outcomes (denials, refused transitions) come back
// as Result values inside a successful call; only malformed input fails the call itself.
import { z } from 'zod';
import type { Fill } from '../../core/model/fill';
import type { Order } from '../../core/model/order';
import type { PnlSummary, PositionSnapshot } from '../../core/model/position';
import type { Result } from '../../core/model/result';
import type { OmsError } from '../../core/trading/omsTypes';
import { empty, finite } from './schemas';
import { symbolSchema } from './market';

const positive = () => finite().refine((v) => v > 0, { message: 'must be greater than 0' });
const MAX_QUANTITY = 1e9;
const MAX_PRICE = 1e9;

export const orderRequestSchema = z
  .object({
    symbol: symbolSchema,
    side: z.enum(['BUY', 'SELL']),
    type: z.enum(['MARKET', 'LIMIT', 'STOP', 'STOP_LIMIT']),
    quantity: positive().refine((v) => v <= MAX_QUANTITY, { message: `must be at most ${MAX_QUANTITY}` }),
    timeInForce: z.enum(['DAY', 'GTC', 'IOC', 'FOK']),
    limitPrice: positive().refine((v) => v <= MAX_PRICE, { message: `must be at most ${MAX_PRICE}` }).optional(),
    stopPrice: positive().refine((v) => v <= MAX_PRICE, { message: `must be at most ${MAX_PRICE}` }).optional(),
    reduceOnly: z.boolean().optional(),
    tag: z.string().max(64).optional(),
  })
  .strict();

export const bracketRequestSchema = z
  .object({
    entry: orderRequestSchema,
    takeProfitPrice: positive(),
    stopLossPrice: positive(),
    stopLossLimitPrice: positive().optional(),
    /** The exits' time in force; by default the entry's (DAY for an IOC/FOK entry). */
    exitTimeInForce: z.enum(['DAY', 'GTC']).optional(),
  })
  .strict();

export const clientOrderIdSchema = z.string().min(1).max(64);

export const modifyInput = z
  .object({
    clientOrderId: clientOrderIdSchema,
    quantity: positive().optional(),
    limitPrice: positive().optional(),
    stopPrice: positive().optional(),
  })
  .strict();

export type OrderResult = Result<Order, OmsError>;

export const tradingContract = {
  'orders.submit': { input: orderRequestSchema, output: z.custom<OrderResult>() },
  /** Places the entry; the take-profit and stop-loss are activated when it fills, and cancel each other. */
  'orders.submitBracket': { input: bracketRequestSchema, output: z.custom<OrderResult>() },
  'orders.modify': { input: modifyInput, output: z.custom<OrderResult>() },
  'orders.cancel': { input: z.object({ clientOrderId: clientOrderIdSchema }).strict(), output: z.custom<OrderResult>() },
  'orders.cancelAll': {
    input: z.object({ symbol: symbolSchema.optional() }).strict(),
    output: z.custom<{ canceled: string[]; skipped: { clientOrderId: string; error: OmsError }[] }>(),
  },
  'orders.list': { input: z.object({ scope: z.enum(['working', 'all']) }).strict(), output: z.custom<Order[]>() },
  'fills.list': { input: z.object({ limit: z.number().int().min(1).max(100_000).optional() }).strict(), output: z.custom<Fill[]>() },
  'positions.list': { input: empty, output: z.custom<PositionSnapshot[]>() },
  /**
   * Cancels the symbol's working orders and sends an opposite market order for the whole position (null
   * when flat now); orders still in flight are closed out as their fills arrive, so the symbol ends flat.
   */
  'positions.flatten': { input: z.object({ symbol: symbolSchema }).strict(), output: z.custom<Result<Order | null, OmsError>>() },
  'pnl.summary': { input: empty, output: z.custom<PnlSummary>() },
  /** The venues orders can go to, and which one new orders go to now. */
  'venues.list': { input: empty, output: z.custom<{ venues: { name: string; default: boolean }[] }>() },
  /** Sends new orders to this venue from now on (orders already working stay where they are). */
  'venues.route': {
    input: z.object({ venue: z.string().min(1).max(32) }).strict(),
    output: z.custom<Result<{ venue: string }, { code: 'UNKNOWN_VENUE'; venue: string }>>(),
  },
} as const;
