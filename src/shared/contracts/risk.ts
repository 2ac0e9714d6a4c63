// Risk limits, their utilization, the kill switch and reduce-only mode across the API.
import { z } from 'zod';
import type { Result } from '../../core/model/result';
import type { RiskDenial } from '../../core/trading/risk/denial';
import type { TradingHalt, KillSwitchError } from '../../core/trading/risk/killSwitch';
import type { InvalidLimit, LimitUtilization, RiskLimit } from '../../core/trading/risk/limits';
import { empty, finite } from './schemas';
import { symbolSchema } from './market';
import { orderRequestSchema } from './trading';

const positive = () => finite().refine((v) => v > 0, { message: 'must be greater than 0' });
const limitId = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1–64 letters, digits, _ . or -');
const base = { id: limitId };
const optionalSymbol = { symbol: symbolSchema.optional() };

/** One schema per limit kind; the core's validateLimits checks what a schema cannot (duplicate ids). */
export const riskLimitSchema = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('MAX_ORDER_QUANTITY'), max: positive(), ...optionalSymbol }).strict(),
  z.object({ ...base, kind: z.literal('MAX_ORDER_NOTIONAL'), max: positive(), ...optionalSymbol }).strict(),
  z.object({ ...base, kind: z.literal('PRICE_COLLAR_PERCENT'), maxPercent: positive() }).strict(),
  z.object({ ...base, kind: z.literal('PRICE_COLLAR_TICKS'), maxTicks: positive() }).strict(),
  z.object({ ...base, kind: z.literal('FAT_FINGER_ADV'), maxFraction: positive() }).strict(),
  z.object({ ...base, kind: z.literal('DUPLICATE_ORDER_WINDOW'), windowMs: positive() }).strict(),
  z.object({ ...base, kind: z.literal('ALLOWED_SYMBOLS'), symbols: z.array(symbolSchema).max(10_000).readonly() }).strict(),
  z.object({ ...base, kind: z.literal('RESTRICTED_SYMBOLS'), symbols: z.array(symbolSchema).max(10_000).readonly() }).strict(),
  z.object({ ...base, kind: z.literal('MAX_POSITION'), max: positive(), ...optionalSymbol }).strict(),
  z.object({ ...base, kind: z.literal('MAX_GROSS_EXPOSURE'), max: positive() }).strict(),
  z.object({ ...base, kind: z.literal('MAX_NET_EXPOSURE'), max: positive() }).strict(),
  z.object({ ...base, kind: z.literal('MAX_LEVERAGE'), max: positive() }).strict(),
  z.object({ ...base, kind: z.literal('MAX_SYMBOL_CONCENTRATION'), maxFraction: positive() }).strict(),
  z.object({ ...base, kind: z.literal('MAX_SECTOR_CONCENTRATION'), maxFraction: positive() }).strict(),
  z.object({ ...base, kind: z.literal('MAX_CURRENCY_EXPOSURE'), max: positive(), currency: z.string().regex(/^[A-Z]{3}$/).optional() }).strict(),
  z.object({ ...base, kind: z.literal('MAX_DAILY_LOSS'), max: positive() }).strict(),
  z.object({ ...base, kind: z.literal('ORDER_RATE'), max: z.number().int().min(1), windowMs: positive() }).strict(),
  z.object({ ...base, kind: z.literal('MESSAGE_RATE'), max: z.number().int().min(1), windowMs: positive() }).strict(),
]);

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
}

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
} as const;
