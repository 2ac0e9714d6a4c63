// Edits of the ticket line that hotkeys make: start a buy or sell, nudge the working price by ticks.
import { roundToIncrement, decimalsOf } from '../../../core/model/instrument';
import { parseOrderLine, tokenize, type Span } from './orderParser';

/** The line the buy and sell hotkeys start: side, a default quantity and the selected symbol, waiting for a price or mkt. */
export function startOrderLine(side: 'buy' | 'sell', symbol: string, quantity: number): string {
  return `${side} ${quantity} ${symbol} `;
}

/**
 * Moves the limit price (or the stop price when there is no limit) by `ticks`; a line without a price gets
 * `lmt <reference ± ticks>` when a reference price is known, so + and - also turn a market order into a limit.
 */
export function nudgePrice(line: string, ticks: number, tickSize: number, referencePrice?: number): string {
  const parsed = parseOrderLine(line);
  const decimals = decimalsOf(tickSize);
  const step = (price: number) => Math.max(tickSize, roundToIncrement(price + ticks * tickSize, tickSize)).toFixed(decimals);
  if (!parsed.ok) {
    // A line that only lacks its price (what B and S start) gets a limit at the reference.
    if (parsed.error.code === 'PRICE_REQUIRED' && referencePrice !== undefined && !/\b(?:tp|sl)\b/i.test(line)) return `${line.trimEnd()} lmt ${step(referencePrice)}`;
    // Only the end of the line is missing (e.g. `buy 100 NVTX lmt`): nothing we can safely move.
    return line;
  }
  const span = parsed.value.spans.limitPrice ?? parsed.value.spans.stopPrice;
  const price = parsed.value.limitPrice ?? parsed.value.stopPrice;
  if (span && price !== null) return line.slice(0, span.start) + step(price) + line.slice(span.end);
  if (referencePrice === undefined || parsed.value.bracket) return line;
  const withoutMarket = tokenize(line)
    .filter((t) => t.lower !== 'mkt' && t.lower !== 'market')
    .map((t) => t.text)
    .join(' ');
  return `${withoutMarket} lmt ${step(referencePrice)}`;
}

/** The word in the symbol's place (third, or fourth after `bracket`), even before the line parses; null when not typed yet. */
export function symbolWordOf(line: string): (Span & { readonly text: string }) | null {
  const tokens = tokenize(line);
  const at = tokens[0]?.lower === 'bracket' ? 3 : 2;
  const token = tokens[at];
  return token ? { text: token.text, start: token.start, end: token.end } : null;
}

/** The line with the symbol word replaced (Tab takes the first suggestion). */
export function replaceSymbolWord(line: string, symbol: string): string {
  const word = symbolWordOf(line);
  return word ? `${line.slice(0, word.start)}${symbol}${line.slice(word.end)}` : line;
}
