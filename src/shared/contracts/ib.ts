// The Interactive Brokers connection across the API: connection profiles, status, ib.* methods and the ib.connection stream.
import { z } from 'zod';
import { empty } from './schemas';

/** The ports TWS and IB Gateway listen on by default. */
export const IB_DEFAULT_PORTS = {
  TWS_PAPER: 7497,
  TWS_LIVE: 7496,
  GATEWAY_PAPER: 4002,
  GATEWAY_LIVE: 4001,
} as const;
export type IbPlatformMode = keyof typeof IB_DEFAULT_PORTS;

const hostname = z
  .string()
  .min(1)
  .max(253)
  .regex(/^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$|^\[?[0-9A-Fa-f:.]+\]?$/, 'must be a host name or an IP address');

/** Where to connect: always explicit, so no environment variable or .env file can redirect the client. */
export const ibConnectionProfileSchema = z
  .object({
    name: z.string().min(1).max(64),
    host: hostname,
    port: z.number().int().min(1).max(65_535),
    /** TWS allows one connection per client id; 0 is the id that also sees orders placed in TWS itself. */
    clientId: z.number().int().min(0).max(2_147_483_647),
  })
  .strict();
export type IbConnectionProfile = z.infer<typeof ibConnectionProfileSchema>;

export const IB_CONNECTION_STATES = ['disconnected', 'connecting', 'reconciling', 'connected', 'degraded', 'backoff'] as const;
export type IbConnectionState = (typeof IB_CONNECTION_STATES)[number];

export const ibConnectionStatusSchema = z.object({
  state: z.enum(IB_CONNECTION_STATES),
  /** True only when connected and reconciled: new orders are refused otherwise. */
  canTrade: z.boolean(),
  profile: ibConnectionProfileSchema.nullable(),
  /** When the state was entered, epoch ms. */
  since: z.number(),
  /** Why the connection is in this state (the last fault, notice or request). */
  reason: z.string().nullable(),
  /** Reconnect attempts since the last successful reconciliation. */
  attempt: z.number().int(),
  /** When the next reconnect attempt is due (backoff only), epoch ms. */
  nextAttemptAt: z.number().nullable(),
  serverVersion: z.number().int().nullable(),
  lastReconciledAt: z.number().nullable(),
});
export type IbConnectionStatus = z.infer<typeof ibConnectionStatusSchema>;

export const ibConnectInput = z.object({ profile: ibConnectionProfileSchema }).strict();

export const ibWatchInput = z.object({ symbols: z.array(z.string().regex(/^[A-Z0-9][A-Z0-9._\-/ ]{0,23}$/)).min(1).max(100) }).strict();
export const ibBackfillInput = z
  .object({
    symbol: z.string().regex(/^[A-Z0-9][A-Z0-9._\-/ ]{0,23}$/),
    timeframe: z.enum(['1m', '5m', '15m', '1h', '1D']),
    /** IB duration: "1 D", "2 W", "6 M", "1 Y". */
    duration: z.string().regex(/^[1-9]\d{0,3} [SDWMY]$/, 'must be an IB duration such as "1 D", "2 W" or "1 Y"'),
  })
  .strict();

export const ibContract = {
  'ib.status': { input: empty, output: ibConnectionStatusSchema },
  /** Connects (or reconnects with a new profile); answers at once with the connecting status. */
  'ib.connect': { input: ibConnectInput, output: ibConnectionStatusSchema },
  'ib.disconnect': { input: empty, output: ibConnectionStatusSchema },
  /** Learns the symbols' contracts and streams their quotes (market.quotes.<symbol>). */
  'ib.watch': { input: ibWatchInput, output: z.custom<{ watching: string[]; failed: { symbol: string; reason: string }[] }>() },
  /** Loads IB history into the store; answers with the number of bars written. */
  'ib.backfill': { input: ibBackfillInput, output: z.custom<{ bars: number }>() },
} as const;

/** Stream topic carrying every connection status change. */
export const IB_CONNECTION_TOPIC = 'ib.connection';
export interface IbStreamTopics {
  'ib.connection': IbConnectionStatus;
}
