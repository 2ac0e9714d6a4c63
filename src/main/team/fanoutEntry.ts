// What the team server fans out through Redis Streams and how one stream entry is written and read back: the topics
// that leave the primary, the entry's fields, and the schemas every entry read from Redis is checked against.
import { z } from 'zod';
import { err, ok, type Result } from '../../core/model/result';
import { epochMs, finite } from '../../shared/contracts/schemas';
import { STREAM_TOPICS } from '../../shared/contracts/topics';

/** The stream every replica reads (one stream: its order is the primary's bus order across all topics). */
export const FANOUT_STREAM = 'nautilus:fanout';

/**
 * Entries kept in the stream (MAXLEN ~, so Redis trims whole nodes and may keep a few hundred more): a replica that
 * falls further behind than this loses the oldest; at the primary's own market pace (4 quotes a second per symbol,
 * conflated) that is minutes of history for a large watchlist.
 */
export const FANOUT_MAXLEN = 100_000;

/**
 * The client topics each replica serves from its own process: engine health, logs, research progress and the IB
 * connection describe each replica's own process and stay local.
 */
export const REPLICA_LOCAL_TOPICS = ['engine.health', 'research.progress', 'system.log', 'ib.connection'] as const;

/**
 * The primary's bus topics that replicas' clients see: every other client topic (STREAM_TOPICS, their one home), i.e.
 * market data and the trading and risk events the desk's state is made of.
 */
export const FANOUT_PATTERNS: readonly string[] = STREAM_TOPICS.filter((topic) => !(REPLICA_LOCAL_TOPICS as readonly string[]).includes(topic));

const QUOTE_TOPIC = /^market\.quotes\.([A-Z0-9][A-Z0-9._\-/]{0,23})$/;

/** One bus event as it travels: who published it (a primary's run), its place in that run, its topic and payload. */
export interface FanoutEvent {
  /** The publishing primary's run id: sequence numbers count within one run. */
  readonly publisher: string;
  readonly seq: number;
  readonly topic: string;
  readonly data: unknown;
}

/** The stream entry's field list for XADD (p publisher, s sequence, t topic, d payload as JSON), or why it has none. */
export function encodeFanoutEntry(event: FanoutEvent): Result<string[], string> {
  let data: string | undefined;
  try {
    data = JSON.stringify(event.data) as string | undefined;
  } catch (error) {
    return err(`payload is not JSON: ${(error as Error).message}`);
  }
  if (data === undefined) return err(`payload is not JSON: ${typeof event.data}`);
  return ok(['p', event.publisher, 's', String(event.seq), 't', event.topic, 'd', data]);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const symbol = z.string().min(1).max(24);
const quoteSchema = z
  .object({ symbol, time: epochMs(), bid: finite(), ask: finite(), bidSize: finite(), askSize: finite(), last: finite(), volume: finite() })
  .passthrough();
const orderSchema = z.object({ clientOrderId: z.string().min(1), symbol, status: z.string().min(1), quantity: finite(), filledQuantity: finite(), updatedAt: epochMs() }).passthrough();
const positionSchema = z.object({ account: z.string().min(1), symbol, quantity: finite(), averageCost: finite() }).passthrough();
const fillSchema = z
  .object({
    fill: z.object({ executionId: z.string().min(1), clientOrderId: z.string().min(1), symbol, quantity: finite(), price: finite(), time: epochMs() }).passthrough(),
    position: positionSchema,
  })
  .passthrough();

/** The payload schema of a fanned-out topic (the parts clients rely on; other fields pass through as sent). */
function payloadSchema(topic: string): z.ZodTypeAny | undefined {
  if (QUOTE_TOPIC.test(topic)) return quoteSchema;
  switch (topic) {
    case 'trading.orders':
      return orderSchema;
    case 'trading.fills':
      return fillSchema;
    case 'trading.positions':
      return positionSchema;
    case 'risk.limits':
      return z.array(z.record(z.string(), z.unknown()));
    case 'trading.status':
    case 'risk.breaches':
    case 'strategies.events':
      return z.record(z.string(), z.unknown());
    default:
      return undefined;
  }
}

const fieldsSchema = z
  .object({
    p: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a publisher run id'),
    s: z.string().regex(/^\d{1,15}$/, 'must be a sequence number'),
    t: z.string().min(1).max(64),
    d: z.string().max(4_000_000),
  })
  .strict();

/** A stream entry read back from Redis, checked: a FanoutEvent, or what is wrong with it (never thrown). */
export function decodeFanoutEntry(fields: readonly string[]): Result<FanoutEvent, string> {
  if (fields.length % 2 !== 0) return err(`odd field list (${fields.length} items)`);
  const record: Record<string, string> = {};
  for (let i = 0; i < fields.length; i += 2) record[fields[i] as string] = fields[i + 1] as string;
  const parsed = fieldsSchema.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return err(`field ${issue?.path.join('.') || '(entry)'}: ${issue?.message ?? 'invalid'}`);
  }
  const { p, s, t, d } = parsed.data;
  const schema = payloadSchema(t);
  if (schema === undefined) return err(`topic "${t}" is not fanned out`);
  let data: unknown;
  try {
    data = JSON.parse(d);
  } catch (error) {
    return err(`field d of ${t}: not JSON (${(error as Error).message})`);
  }
  const payload = schema.safeParse(data);
  if (!payload.success) {
    const issue = payload.error.issues[0];
    return err(`payload of ${t} at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  const quote = QUOTE_TOPIC.exec(t);
  if (quote && isRecord(data) && data.symbol !== quote[1]) return err(`payload of ${t}: symbol ${String(data.symbol)} is not the topic's`);
  return ok({ publisher: p, seq: Number(s), topic: t, data });
}

/** A stream id's milliseconds part (Redis ids are `<ms>-<n>`). */
export const streamIdMs = (id: string): number => Number(id.slice(0, id.indexOf('-')));
