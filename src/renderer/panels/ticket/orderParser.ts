// The order ticket's one-line grammar: turns `buy 100 NVTX lmt 187.5 gtc` into a parsed order, or says where and why not.
import type { OrderSide, OrderType, TimeInForce } from '../../../core/model/order';
import { EXECUTION_WORDS, readExecutionWord, URGENCY_WORDS, type ExecutionUrgency, type ExecutionWordCode, type ParsedExecution } from './executionWords';

/** Character range [start, end) in the input line, for underlining the culprit. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Intent = 'buy' | 'sell' | 'short' | 'cover';

export type ParsedQuantity = { readonly kind: 'units'; readonly value: number } | { readonly kind: 'percent'; readonly value: number };

export interface ParsedOrder {
  readonly intent: Intent;
  readonly side: OrderSide;
  readonly quantity: ParsedQuantity;
  readonly symbol: string;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  readonly limitPrice: number | null;
  readonly stopPrice: number | null;
  readonly reduceOnly: boolean;
  readonly bracket: { readonly takeProfitPrice: number; readonly stopLossPrice: number } | null;
  /** How it is worked: SMART routing or an algorithm; null for the venue the ticket routes to. */
  readonly execution: ParsedExecution | null;
  /** An algorithm's urgency (`low`, `medium`, `high`); null when not given. */
  readonly urgency: ExecutionUrgency | null;
  /** Where each part was written, so later checks (unknown symbol, off-tick price) can point at it. */
  readonly spans: { readonly [K in 'side' | 'quantity' | 'symbol' | 'limitPrice' | 'stopPrice' | 'takeProfit' | 'stopLoss' | 'execution']?: Span };
}

export type ParseErrorCode =
  | 'EMPTY'
  | 'EXPECTED_SIDE'
  | 'EXPECTED_QUANTITY'
  | 'BAD_QUANTITY'
  | 'BAD_PERCENT'
  | 'EXPECTED_SYMBOL'
  | 'BAD_SYMBOL'
  | 'EXPECTED_PRICE'
  | 'PRICE_REQUIRED'
  | 'BAD_PRICE'
  | 'DUPLICATE'
  | 'CONFLICT'
  | 'UNKNOWN_WORD'
  | 'BRACKET_INCOMPLETE'
  | 'EXIT_WITHOUT_BRACKET'
  | ExecutionWordCode;

export interface ParseError extends Span {
  readonly code: ParseErrorCode;
  readonly reason: string;
  /** The line ends before the order is complete: a hint to keep typing rather than a mistake. */
  readonly incomplete: boolean;
}

export type ParseResult = { readonly ok: true; readonly value: ParsedOrder } | { readonly ok: false; readonly error: ParseError };

interface Token extends Span {
  readonly text: string;
  readonly lower: string;
}

const INTENTS: Readonly<Record<string, Intent>> = { buy: 'buy', b: 'buy', sell: 'sell', s: 'sell', short: 'short', cover: 'cover' };
const SIDE_OF: Readonly<Record<Intent, OrderSide>> = { buy: 'BUY', cover: 'BUY', sell: 'SELL', short: 'SELL' };
const TIFS: Readonly<Record<string, TimeInForce>> = { day: 'DAY', gtc: 'GTC', ioc: 'IOC', fok: 'FOK' };
const MARKET_WORDS = new Set(['mkt', 'market']);
const LIMIT_WORDS = new Set(['lmt', 'limit', '@']);
const STOP_WORDS = new Set(['stp', 'stop']);
const REDUCE_WORDS = new Set(['ro', 'reduce']);
const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)$/;
const SYMBOL = /^[A-Za-z0-9][A-Za-z0-9._\-/]{0,23}$/;

export function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  // `@187.5` is one word for the trader but two tokens for the grammar.
  const re = /@|[^\s@]+/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    tokens.push({ text: m[0], lower: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

const fail = (code: ParseErrorCode, reason: string, span: Span, incomplete = false): ParseResult => ({
  ok: false,
  error: { code, reason, start: span.start, end: span.end, incomplete },
});

const endSpan = (line: string): Span => ({ start: line.length, end: line.length });
const spanOf = (t: Span): Span => ({ start: t.start, end: t.end });

function parseNumber(token: Token): number | null {
  if (!NUMBER.test(token.text)) return null;
  const value = Number(token.text);
  return Number.isFinite(value) ? value : null;
}

export function parseOrderLine(line: string): ParseResult {
  const tokens = tokenize(line);
  if (tokens.length === 0) return fail('EMPTY', 'type an order, e.g. buy 100 NVTX lmt 182.4', endSpan(line), true);
  let i = 0;
  let isBracket = false;
  const bracketWord = tokens[0]!;
  if (bracketWord.lower === 'bracket') {
    isBracket = true;
    i = 1;
  }

  const sideToken = tokens[i];
  if (!sideToken) return fail('EXPECTED_SIDE', 'expected buy, sell, short or cover', endSpan(line), true);
  const intent = INTENTS[sideToken.lower];
  if (!intent) return fail('EXPECTED_SIDE', `“${sideToken.text}” is not a side: expected buy, sell, short or cover`, sideToken);
  i += 1;

  const qtyToken = tokens[i];
  if (!qtyToken) return fail('EXPECTED_QUANTITY', 'expected a quantity, e.g. 100 or 50%', endSpan(line), true);
  let quantity: ParsedQuantity;
  if (qtyToken.text.endsWith('%')) {
    const value = parseNumber({ ...qtyToken, text: qtyToken.text.slice(0, -1) });
    if (value === null || value <= 0 || value > 100) return fail('BAD_PERCENT', 'a percentage of the position must be above 0 and at most 100', qtyToken);
    quantity = { kind: 'percent', value };
  } else {
    const value = parseNumber(qtyToken);
    if (value === null) return fail('BAD_QUANTITY', `“${qtyToken.text}” is not a quantity`, qtyToken);
    if (value <= 0) return fail('BAD_QUANTITY', 'the quantity must be greater than 0', qtyToken);
    quantity = { kind: 'units', value };
  }
  i += 1;

  const symbolToken = tokens[i];
  if (!symbolToken) return fail('EXPECTED_SYMBOL', 'expected a symbol', endSpan(line), true);
  if (!SYMBOL.test(symbolToken.text)) return fail('BAD_SYMBOL', `“${symbolToken.text}” is not a symbol`, symbolToken);
  i += 1;

  const spans: Record<string, Span> = { side: spanOf(sideToken), quantity: spanOf(qtyToken), symbol: spanOf(symbolToken) };
  let market: Token | null = null;
  let limitPrice: number | null = null;
  let stopPrice: number | null = null;
  let tif: { value: TimeInForce; token: Token } | null = null;
  let reduceOnly = false;
  let takeProfit: number | null = null;
  let stopLoss: number | null = null;
  let execution: ParsedExecution | null = null;
  let urgency: { value: ExecutionUrgency; token: Token } | null = null;

  /** Reads the price after a keyword; `what` names it in the message. */
  const priceAfter = (keyword: Token, what: string): { price: number; span: Span } | ParseResult => {
    const token = tokens[i + 1];
    if (!token) return fail('EXPECTED_PRICE', `expected the ${what} after “${keyword.text}”`, endSpan(line), true);
    const value = parseNumber(token);
    if (value === null) return fail('BAD_PRICE', `“${token.text}” is not a price`, token);
    if (value <= 0) return fail('BAD_PRICE', `the ${what} must be greater than 0`, token);
    i += 2;
    return { price: value, span: spanOf(token) };
  };
  const duplicate = (token: Token) => fail('DUPLICATE', `“${token.text}” is given twice`, token);

  while (i < tokens.length) {
    const token = tokens[i]!;
    const word = token.lower;
    if (MARKET_WORDS.has(word)) {
      if (market) return duplicate(token);
      if (limitPrice !== null || stopPrice !== null) return fail('CONFLICT', 'a market order takes no limit or stop price', token);
      market = token;
      i += 1;
    } else if (LIMIT_WORDS.has(word)) {
      if (limitPrice !== null) return duplicate(token);
      if (market) return fail('CONFLICT', 'a market order takes no limit price', token);
      const read = priceAfter(token, 'limit price');
      if ('ok' in read) return read;
      limitPrice = read.price;
      spans.limitPrice = read.span;
    } else if (STOP_WORDS.has(word)) {
      if (stopPrice !== null) return duplicate(token);
      if (market) return fail('CONFLICT', 'a market order takes no stop price', token);
      const read = priceAfter(token, 'stop price');
      if ('ok' in read) return read;
      stopPrice = read.price;
      spans.stopPrice = read.span;
    } else if (word in TIFS) {
      if (tif) return fail('DUPLICATE', `time in force given twice (${tif.token.text} and ${token.text})`, token);
      tif = { value: TIFS[word]!, token };
      i += 1;
    } else if (REDUCE_WORDS.has(word)) {
      if (reduceOnly) return duplicate(token);
      reduceOnly = true;
      i += 1;
    } else if (word === 'tp' || word === 'sl') {
      if (!isBracket) return fail('EXIT_WITHOUT_BRACKET', `“${token.text}” belongs to a bracket: start the line with “bracket”`, token);
      if ((word === 'tp' ? takeProfit : stopLoss) !== null) return duplicate(token);
      const read = priceAfter(token, word === 'tp' ? 'take-profit price' : 'stop-loss price');
      if ('ok' in read) return read;
      if (word === 'tp') {
        takeProfit = read.price;
        spans.takeProfit = read.span;
      } else {
        stopLoss = read.price;
        spans.stopLoss = read.span;
      }
    } else if (EXECUTION_WORDS.has(word)) {
      if (execution) return fail('DUPLICATE', `one way of working the order: “${token.text}” comes after another`, token);
      if (isBracket) return fail('CONFLICT', 'a bracket goes to one venue: no smart routing or algorithm', token);
      const read = readExecutionWord(token, tokens[i + 1], endSpan(line));
      if (!read.ok) return fail(read.code, read.reason, read.span, read.incomplete);
      execution = read.execution;
      spans.execution = read.span;
      i += read.consumed;
    } else if (word in URGENCY_WORDS) {
      if (urgency) return duplicate(token);
      urgency = { value: URGENCY_WORDS[word]!, token };
      i += 1;
    } else {
      return fail('UNKNOWN_WORD', `“${token.text}” is not understood here: expected mkt, lmt, stp, day, gtc, ioc, fok${isBracket ? ', tp, sl' : ', smart, twap, vwap, pov, iceberg'} or ro`, token);
    }
  }

  if (isBracket && (takeProfit === null || stopLoss === null)) {
    const missing = takeProfit === null ? 'tp <price>' : 'sl <price>';
    return fail('BRACKET_INCOMPLETE', `a bracket needs both a take-profit and a stop-loss: add ${missing}`, endSpan(line), true);
  }

  const checked = checkExecution(execution, urgency?.token ?? null, quantity, limitPrice, stopPrice, spans.execution);
  if (checked) return checked;
  // A missing price is never a market order: a line sent too early must not trade at whatever the market is. Naming
  // how it is worked (smart, twap, vwap, pov) is the trader's explicit choice of working it at the market.
  if (!market && limitPrice === null && stopPrice === null && (execution === null || execution.kind === 'ICEBERG')) {
    return fail('PRICE_REQUIRED', 'price or mkt required', spanOf(symbolToken), true);
  }
  const type: OrderType = limitPrice !== null && stopPrice !== null ? 'STOP_LIMIT' : limitPrice !== null ? 'LIMIT' : stopPrice !== null ? 'STOP' : 'MARKET';
  return {
    ok: true,
    value: {
      intent,
      side: SIDE_OF[intent],
      quantity,
      symbol: symbolToken.text.toUpperCase(),
      type,
      timeInForce: tif?.value ?? 'DAY',
      limitPrice,
      stopPrice,
      reduceOnly,
      bracket: isBracket ? { takeProfitPrice: takeProfit!, stopLossPrice: stopLoss! } : null,
      execution,
      urgency: urgency?.value ?? null,
      spans,
    },
  };
}

/** What the execution words cannot be combined with: stops, an iceberg without its limit or larger than the order, a stray urgency. */
function checkExecution(execution: ParsedExecution | null, urgency: Token | null, quantity: ParsedQuantity, limitPrice: number | null, stopPrice: number | null, span: Span | undefined): ParseResult | null {
  if (urgency && (execution === null || execution.kind === 'SMART')) return fail('CONFLICT', 'an urgency belongs to an algorithm (twap, vwap, pov, iceberg)', urgency);
  if (!execution || !span) return null;
  if (stopPrice !== null) return fail('CONFLICT', 'smart routing and algorithms take limit or market orders, not stops', span);
  if (execution.kind !== 'ICEBERG') return null;
  if (limitPrice === null) return fail('PRICE_REQUIRED', 'an iceberg rests at its limit: add lmt <price>', span, true);
  if (quantity.kind === 'units' && execution.displayQuantity > quantity.value) {
    return fail('BAD_DISPLAY', `the display (${execution.displayQuantity}) is larger than the order (${quantity.value})`, span);
  }
  return null;
}
