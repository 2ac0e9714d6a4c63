// Risk limits, their utilization, the kill switch and reduce-only mode across the API.
import { z } from 'zod';
import type { Result } from '../../core/model/result';
import type { RiskDenial } from '../../core/trading/risk/denial';
import type { TradingHalt, KillSwitchError } from '../../core/trading/risk/killSwitch';
import type { InvalidLimit, LimitHeadroom, LimitUtilization } from '../../core/trading/risk/limits';
import { BREACH_ACTIONS, DRAWDOWN_REFERENCES, type BreachAction, type DrawdownReference, type ParamType } from '../../core/trading/risk/limitKind';
import { LIMIT_KIND_LIST, type GenericLimitKind, type RiskLimit } from '../../core/trading/risk/limitKinds';
import type { Breach } from '../../core/trading/risk/limitMonitor';
import { empty, epochMs, finite, positiveInt } from './schemas';
import { symbolSchema } from './market';
import { orderRequestSchema } from './trading';

const limitId = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1–64 letters, digits, _ . or -');

/** The zod form of each parameter type of the kinds' descriptors (the core's validParam checks the same). */
const PARAM_SCHEMAS: Readonly<Record<ParamType, z.ZodType>> = {
  positive: finite().refine((v) => v > 0, { message: 'must be greater than 0' }),
  count: z.number().int().min(1),
  confidence: finite().refine((v) => v > 0.5 && v < 1, { message: 'must be a confidence between 0.5 and 1 (exclusive)' }),
  'symbol?': symbolSchema.optional(),
  symbols: z.array(symbolSchema).max(10_000).readonly(),
  'currency?': z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code').optional(),
  drawdownFrom: z.enum(DRAWDOWN_REFERENCES as [DrawdownReference, ...DrawdownReference[]]),
};

const kindSchema = (kind: GenericLimitKind) =>
  z
    .object({
      id: limitId,
      kind: z.literal(kind.kind),
      onBreach: z.enum(BREACH_ACTIONS as [BreachAction, ...BreachAction[]]).optional(),
      ...Object.fromEntries(Object.entries(kind.params).map(([field, type]) => [field, PARAM_SCHEMAS[type]])),
    })
    .strict();

/** One schema per limit kind, derived from the kinds' table; the core's validateLimits checks what a schema cannot (duplicate ids). */
export const riskLimitSchema = z.discriminatedUnion(
  'kind',
  LIMIT_KIND_LIST.map(kindSchema) as unknown as [ReturnType<typeof kindSchema>, ...ReturnType<typeof kindSchema>[]],
) as unknown as z.ZodType<RiskLimit>;

export interface TradingStatus {
  readonly killSwitch: TradingHalt;
  readonly reduceOnly: TradingHalt;
}

/** What the pre-trade check would say of an order now, without sending it (the ticket's preview line). */
export interface OrderPreview {
  readonly denial: RiskDenial | null;
  /** In the instrument's currency. */
  readonly notional: number | null;
  readonly currency: string | null;
  /** The same notional in the base currency: what the limits were checked against, from the same run of the check. */
  readonly notionalBase: number | null;
  readonly baseCurrency: string;
  readonly commissionEstimate: number | null;
  /** Each limit's utilization as it stands now. */
  readonly limits: readonly LimitUtilization[];
  /** Each measurable limit with this order counted, from the same run of the check (empty when it stopped before pricing). */
  readonly headroom: readonly LimitHeadroom[];
}

/** A stored breach of an account limit (time and cleared-at in epoch ms). */
export type BreachRecord = Breach & { readonly id: number };

/** What `risk.breaches` on the bus carries: a breach opened or cleared. */
export interface BreachEvent {
  readonly state: 'OPENED' | 'CLEARED';
  readonly breach: BreachRecord;
}

export const breachesInput = z
  .object({
    /** Breaches that started at or after `from` or were still open then (the day's view: from = the day's start). */
    from: epochMs().optional(),
    to: epochMs().optional(),
    limit: positiveInt(10_000).optional(),
  })
  .strict();

export const riskContract = {
  'risk.limits': { input: empty, output: z.custom<RiskLimit[]>() },
  'risk.setLimits': { input: z.object({ limits: z.array(riskLimitSchema).max(500) }).strict(), output: z.custom<Result<RiskLimit[], InvalidLimit>>() },
  'risk.utilization': { input: empty, output: z.custom<LimitUtilization[]>() },
  'risk.preview': { input: orderRequestSchema, output: z.custom<OrderPreview>() },
  'risk.status': { input: empty, output: z.custom<TradingStatus>() },
  /** Engaging cancels every working order and blocks new ones except risk-reducing ones. */
  'risk.killSwitch': {
    input: z.object({ engaged: z.boolean(), reason: z.string().min(1).max(200).optional() }).strict(),
    output: z.custom<Result<TradingStatus, KillSwitchError>>(),
  },
  'risk.reduceOnly': { input: z.object({ enabled: z.boolean() }).strict(), output: z.custom<Result<TradingStatus, KillSwitchError>>() },
  /** The breach history, newest first. */
  'risk.breaches': { input: breachesInput, output: z.custom<BreachRecord[]>() },
} as const;
