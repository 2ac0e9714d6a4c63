// The journal's record encoding, versioned: format 1 stores a group commit's records as one JSON array of positional tuples.
//
// Why: one JSON object per row cost ~30% of the order path (keys repeated in every row, one insert and
// one index entry per record). A tuple per record without keys is ~2.5× smaller and one
// JSON.stringify per group is several times cheaper. Format 0 (one JSON object per row, table
// `journal`) is still read. Adding a field to a record type without adding it here fails to compile
// (the `Covers` checks below), so no field can be dropped silently.
import type { Liquidity } from '../../../core/model/fill';
import type { ExitTimeInForce, OrderSpec } from '../../../core/model/order';
import type { StrategyOrderRef } from '../../../core/model/strategyRef';
import type { CancelReason } from '../../../core/trading/journal';
import type { JournalRecord } from '../../../core/trading/journal';
import type { VenueEvent } from '../../../core/trading/venue';

/** The encodings a journal row can hold. */
export const JOURNAL_FORMAT = { JSON_OBJECT: 0, JSON_TUPLES: 1 } as const;

type Tuple = readonly unknown[];

/** Compile-time only: fails when T has a key not listed in K (a field the encoder below would drop). */
type Covers<T, K extends keyof T> = Exclude<keyof T, K> extends never ? true : { unencodedKeys: Exclude<keyof T, K> };
type Of<K extends string> = Extract<JournalRecord, { kind: K }>;
type EventOf<K extends string> = Extract<VenueEvent, { kind: K }>;
// Every key of every record and event shape, as encoded below (direct reads: a rest-destructuring check cost 10× the encoding).
export const COVERED: readonly true[] = [
  true satisfies Covers<OrderSpec, 'clientOrderId' | 'account' | 'symbol' | 'side' | 'type' | 'timeInForce' | 'quantity' | 'limitPrice' | 'stopPrice' | 'reduceOnly' | 'tag' | 'createdAt' | 'parentId' | 'bracketRole' | 'bracket' | 'strategy'>,
  true satisfies Covers<StrategyOrderRef, 'strategyId' | 'version'>,
  true satisfies Covers<NonNullable<OrderSpec['bracket']>, 'takeProfitPrice' | 'stopLossPrice' | 'stopLossLimitPrice' | 'exitTimeInForce'>,
  true satisfies Covers<Of<'ORDER_SUBMITTED'>, 'kind' | 'time' | 'order' | 'venue'>,
  true satisfies Covers<Of<'ORDER_MODIFY_REQUESTED'>, 'kind' | 'time' | 'clientOrderId' | 'quantity' | 'limitPrice' | 'stopPrice'>,
  true satisfies Covers<Of<'ORDER_CANCEL_REQUESTED'>, 'kind' | 'time' | 'clientOrderId' | 'reason'>,
  true satisfies Covers<Of<'ORDER_TIMED_OUT' | 'ORDER_NOT_FOUND_AT_VENUE'>, 'kind' | 'time' | 'clientOrderId'>,
  true satisfies Covers<Of<'VENUE_EVENT'>, 'kind' | 'time' | 'event'>,
  true satisfies Covers<Of<'KILL_SWITCH'>, 'kind' | 'time' | 'engaged' | 'by' | 'reason'>,
  true satisfies Covers<Of<'REDUCE_ONLY'>, 'kind' | 'time' | 'enabled' | 'by'>,
  true satisfies Covers<EventOf<'ACCEPTED'>, 'kind' | 'clientOrderId' | 'time' | 'venueOrderId'>,
  true satisfies Covers<EventOf<'REJECTED' | 'CANCEL_REJECTED' | 'REPLACE_REJECTED' | 'CANCELED'>, 'kind' | 'clientOrderId' | 'time' | 'reason'>,
  true satisfies Covers<EventOf<'FILL'>, 'kind' | 'clientOrderId' | 'time' | 'venueOrderId' | 'executionId' | 'quantity' | 'price' | 'commission' | 'commissionCurrency' | 'liquidity'>,
  true satisfies Covers<EventOf<'REPLACED'>, 'kind' | 'clientOrderId' | 'time' | 'quantity' | 'limitPrice' | 'stopPrice'>,
  true satisfies Covers<EventOf<'EXPIRED'>, 'kind' | 'clientOrderId' | 'time'>,
  true satisfies Covers<EventOf<'COMMISSION_REPORT'>, 'kind' | 'clientOrderId' | 'time' | 'executionId' | 'commission' | 'commissionCurrency'>,
];

// Tags: one number per record kind (venue events flattened into their own tags). Never reuse a tag.
const T = {
  ORDER_SUBMITTED: 0,
  ORDER_MODIFY_REQUESTED: 1,
  ORDER_CANCEL_REQUESTED: 2,
  ORDER_TIMED_OUT: 3,
  ORDER_NOT_FOUND_AT_VENUE: 4,
  KILL_SWITCH: 5,
  REDUCE_ONLY: 6,
  ACCEPTED: 10,
  REJECTED: 11,
  FILL: 12,
  CANCELED: 13,
  CANCEL_REJECTED: 14,
  REPLACED: 15,
  REPLACE_REJECTED: 16,
  EXPIRED: 17,
  COMMISSION_REPORT: 18,
} as const;

function encodeSubmitted(r: Of<'ORDER_SUBMITTED'>): Tuple {
  const o = r.order;
  const b = o.bracket;
  const tuple: unknown[] = [
    T.ORDER_SUBMITTED, r.time, r.venue,
    o.clientOrderId, o.account, o.symbol, o.side, o.type, o.timeInForce, o.quantity, o.limitPrice, o.stopPrice, o.reduceOnly, o.tag, o.createdAt, o.parentId, o.bracketRole,
    b === null ? null : b.exitTimeInForce === undefined ? [b.takeProfitPrice, b.stopLossPrice, b.stopLossLimitPrice] : [b.takeProfitPrice, b.stopLossPrice, b.stopLossLimitPrice, b.exitTimeInForce],
  ];
  // The sending strategy version, a trailing [strategyId, version] only when there is one: the trader's own orders
  // encode as before, and records written before strategies traded decode as the trader's.
  const s = o.strategy;
  if (s) tuple.push([s.strategyId, s.version]);
  return tuple;
}

function decodeOrder(t: Tuple, at: number): OrderSpec {
  const b = t[at + 14] as [number, number, number | null, ExitTimeInForce?] | null;
  const s = t[at + 15] as [string, string] | undefined;
  return {
    clientOrderId: t[at] as string,
    account: t[at + 1] as string,
    symbol: t[at + 2] as string,
    side: t[at + 3] as OrderSpec['side'],
    type: t[at + 4] as OrderSpec['type'],
    timeInForce: t[at + 5] as OrderSpec['timeInForce'],
    quantity: t[at + 6] as number,
    limitPrice: t[at + 7] as number | null,
    stopPrice: t[at + 8] as number | null,
    reduceOnly: t[at + 9] as boolean,
    tag: t[at + 10] as string | null,
    createdAt: t[at + 11] as number,
    parentId: t[at + 12] as string | null,
    bracketRole: t[at + 13] as OrderSpec['bracketRole'],
    // A bracket without a fourth item predates exits taking the entry's time in force (absent = GTC).
    bracket: b === null ? null : b[3] === undefined ? { takeProfitPrice: b[0], stopLossPrice: b[1], stopLossLimitPrice: b[2] } : { takeProfitPrice: b[0], stopLossPrice: b[1], stopLossLimitPrice: b[2], exitTimeInForce: b[3] },
    strategy: s === undefined ? null : { strategyId: s[0], version: s[1] },
  };
}

/** [tag, recordTime, clientOrderId, eventTime, ...fields of the event kind] */
function encodeVenueEvent(time: number, e: VenueEvent): Tuple {
  switch (e.kind) {
    case 'ACCEPTED':
      return [T.ACCEPTED, time, e.clientOrderId, e.time, e.venueOrderId];
    case 'REJECTED':
    case 'CANCEL_REJECTED':
    case 'REPLACE_REJECTED':
    case 'CANCELED':
      return [T[e.kind], time, e.clientOrderId, e.time, e.reason];
    case 'FILL':
      return [T.FILL, time, e.clientOrderId, e.time, e.venueOrderId, e.executionId, e.quantity, e.price, e.commission, e.commissionCurrency, e.liquidity];
    case 'REPLACED':
      return [T.REPLACED, time, e.clientOrderId, e.time, e.quantity, e.limitPrice, e.stopPrice];
    case 'EXPIRED':
      return [T.EXPIRED, time, e.clientOrderId, e.time];
    case 'COMMISSION_REPORT':
      return [T.COMMISSION_REPORT, time, e.clientOrderId, e.time, e.executionId, e.commission, e.commissionCurrency];
    default: {
      const never: never = e;
      throw new Error(`unencodable venue event ${JSON.stringify(never)}`);
    }
  }
}

export function encodeRecord(r: JournalRecord): Tuple {
  switch (r.kind) {
    case 'ORDER_SUBMITTED':
      return encodeSubmitted(r);
    case 'ORDER_MODIFY_REQUESTED':
      return [T.ORDER_MODIFY_REQUESTED, r.time, r.clientOrderId, r.quantity, r.limitPrice, r.stopPrice];
    case 'ORDER_CANCEL_REQUESTED':
      return r.reason === undefined ? [T.ORDER_CANCEL_REQUESTED, r.time, r.clientOrderId] : [T.ORDER_CANCEL_REQUESTED, r.time, r.clientOrderId, r.reason];
    case 'ORDER_TIMED_OUT':
    case 'ORDER_NOT_FOUND_AT_VENUE':
      return [T[r.kind], r.time, r.clientOrderId];
    case 'VENUE_EVENT':
      return encodeVenueEvent(r.time, r.event);
    case 'KILL_SWITCH':
      return [T.KILL_SWITCH, r.time, r.engaged, r.by, r.reason];
    case 'REDUCE_ONLY':
      return [T.REDUCE_ONLY, r.time, r.enabled, r.by];
    default: {
      const never: never = r;
      throw new Error(`unencodable journal record ${JSON.stringify(never)}`);
    }
  }
}

const venueEvent = (t: Tuple, event: VenueEvent): JournalRecord => ({ kind: 'VENUE_EVENT', time: t[1] as number, event });

/** Decodes one tuple of format 1; throws on a tag it does not know (a newer writer), never guesses. */
export function decodeRecord(t: Tuple): JournalRecord {
  const time = t[1] as number;
  const id = t[2] as string;
  switch (t[0]) {
    case T.ORDER_SUBMITTED:
      return { kind: 'ORDER_SUBMITTED', time, venue: t[2] as string, order: decodeOrder(t, 3) };
    case T.ORDER_MODIFY_REQUESTED:
      return { kind: 'ORDER_MODIFY_REQUESTED', time, clientOrderId: id, quantity: t[3] as number, limitPrice: t[4] as number | null, stopPrice: t[5] as number | null };
    case T.ORDER_CANCEL_REQUESTED:
      return t[3] === undefined ? { kind: 'ORDER_CANCEL_REQUESTED', time, clientOrderId: id } : { kind: 'ORDER_CANCEL_REQUESTED', time, clientOrderId: id, reason: t[3] as CancelReason };
    case T.ORDER_TIMED_OUT:
      return { kind: 'ORDER_TIMED_OUT', time, clientOrderId: id };
    case T.ORDER_NOT_FOUND_AT_VENUE:
      return { kind: 'ORDER_NOT_FOUND_AT_VENUE', time, clientOrderId: id };
    case T.KILL_SWITCH:
      return { kind: 'KILL_SWITCH', time, engaged: t[2] as boolean, by: t[3] as string, reason: t[4] as string };
    case T.REDUCE_ONLY:
      return { kind: 'REDUCE_ONLY', time, enabled: t[2] as boolean, by: t[3] as string };
    case T.ACCEPTED:
      return venueEvent(t, { kind: 'ACCEPTED', clientOrderId: id, time: t[3] as number, venueOrderId: t[4] as string });
    case T.REJECTED:
      return venueEvent(t, { kind: 'REJECTED', clientOrderId: id, time: t[3] as number, reason: t[4] as string });
    case T.CANCEL_REJECTED:
      return venueEvent(t, { kind: 'CANCEL_REJECTED', clientOrderId: id, time: t[3] as number, reason: t[4] as string });
    case T.REPLACE_REJECTED:
      return venueEvent(t, { kind: 'REPLACE_REJECTED', clientOrderId: id, time: t[3] as number, reason: t[4] as string });
    case T.CANCELED:
      return venueEvent(t, { kind: 'CANCELED', clientOrderId: id, time: t[3] as number, reason: t[4] as string | null });
    case T.FILL:
      return venueEvent(t, {
        kind: 'FILL',
        clientOrderId: id,
        time: t[3] as number,
        venueOrderId: t[4] as string,
        executionId: t[5] as string,
        quantity: t[6] as number,
        price: t[7] as number,
        commission: t[8] as number,
        commissionCurrency: t[9] as string,
        liquidity: t[10] as Liquidity,
      });
    case T.REPLACED:
      return venueEvent(t, { kind: 'REPLACED', clientOrderId: id, time: t[3] as number, quantity: t[4] as number, limitPrice: t[5] as number | null, stopPrice: t[6] as number | null });
    case T.EXPIRED:
      return venueEvent(t, { kind: 'EXPIRED', clientOrderId: id, time: t[3] as number });
    case T.COMMISSION_REPORT:
      return venueEvent(t, { kind: 'COMMISSION_REPORT', clientOrderId: id, time: t[3] as number, executionId: t[4] as string, commission: t[5] as number, commissionCurrency: t[6] as string });
    default:
      throw new Error(`journal record tag ${String(t[0])} is not known to this version (format ${JOURNAL_FORMAT.JSON_TUPLES})`);
  }
}

/** One group's records in format 1. */
export function encodeGroup(records: readonly JournalRecord[]): string {
  const tuples = new Array<Tuple>(records.length);
  for (let i = 0; i < records.length; i++) tuples[i] = encodeRecord(records[i] as JournalRecord);
  return JSON.stringify(tuples);
}

export function decodeGroup(format: number, body: string): JournalRecord[] {
  if (format !== JOURNAL_FORMAT.JSON_TUPLES) throw new Error(`journal group format ${format} is not known to this version`);
  return (JSON.parse(body) as Tuple[]).map(decodeRecord);
}
