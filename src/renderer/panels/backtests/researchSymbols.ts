// What a research run can pick: the desk's instruments and every symbol with stored daily bars from a provider
// (a fetched Yahoo symbol need not be on the desk to be backtested).
import type { Instrument } from '../../../core/model/instrument';
import type { DataSourceView } from '../../../shared/contracts/data';

export interface ResearchSymbol {
  readonly symbol: string;
  readonly name: string;
}

export function researchSymbols(instruments: readonly Instrument[], sources: readonly DataSourceView[]): ResearchSymbol[] {
  const out: ResearchSymbol[] = instruments.map((i) => ({ symbol: i.symbol, name: i.name }));
  const seen = new Set(out.map((s) => s.symbol));
  for (const s of sources) {
    if (s.kind !== 'bars' || seen.has(s.storedAs)) continue;
    seen.add(s.storedAs);
    out.push({ symbol: s.storedAs, name: `stored ${s.timeframe} bars from ${s.provider}` });
  }
  return out;
}
