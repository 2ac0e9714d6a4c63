// Fuzzy symbol search on ticker and name: a prefix beats a word start, which beats letters in order (subsequence).
// Pure, shared by the watchlist's add box and the ticket.

export interface Searchable {
  readonly symbol: string;
  readonly name: string;
}

export interface SymbolMatch<T extends Searchable> {
  readonly item: T;
  readonly score: number;
}

/** Letters of `query` in order inside `text`; the score falls with the gaps between them. Null when not all are found. */
function subsequence(query: string, text: string): number | null {
  let at = 0;
  let gaps = 0;
  let last = -1;
  for (const ch of query) {
    const found = text.indexOf(ch, at);
    if (found < 0) return null;
    if (last >= 0) gaps += found - last - 1;
    last = found;
    at = found + 1;
  }
  return gaps;
}

/**
 * The score of one instrument for a query, null when it does not match at all. Tiers, best first: the exact ticker,
 * a ticker prefix, a name prefix, a word of the name starting with the query, the query's letters in order in the
 * ticker, then in the name. Within a tier, shorter (closer) wins.
 */
export function scoreSymbol(query: string, item: Searchable): number | null {
  const q = query.trim().toUpperCase();
  if (!q) return null;
  const symbol = item.symbol.toUpperCase();
  const name = item.name.toUpperCase();
  if (symbol === q) return 1000;
  if (symbol.startsWith(q)) return 900 - Math.min(50, symbol.length - q.length);
  if (name.startsWith(q)) return 800 - Math.min(50, name.length - q.length) / 10;
  const words = name.split(/[^A-Z0-9]+/).filter(Boolean);
  const wordIndex = words.findIndex((w) => w.startsWith(q));
  if (wordIndex >= 0) return 700 - Math.min(50, wordIndex);
  const inSymbol = subsequence(q, symbol);
  if (inSymbol !== null) return 500 - Math.min(100, inSymbol * 5);
  const inName = subsequence(q.replace(/\s+/g, ''), name);
  if (inName !== null) return 300 - Math.min(200, inName);
  return null;
}

/** The best `limit` matches, best first; ties by ticker. */
export function searchSymbols<T extends Searchable>(query: string, items: readonly T[], limit = 8): SymbolMatch<T>[] {
  const out: SymbolMatch<T>[] = [];
  for (const item of items) {
    const score = scoreSymbol(query, item);
    if (score !== null) out.push({ item, score });
  }
  out.sort((a, b) => b.score - a.score || a.item.symbol.localeCompare(b.item.symbol));
  return out.slice(0, limit);
}
