// The ticket's line, parsed and resolved on every keystroke (pure and synchronous, so typing never waits).
import { useMemo } from 'react';
import { useInstruments } from '../../state/instrumentStore';
import { useTrading } from '../../state/tradingStore';
import { parseOrderLine, type ParsedOrder, type Span } from './orderParser';
import { resolveOrder, type TicketRequest } from './orderResolver';

export type TicketDraft =
  | { readonly state: 'empty' }
  | { readonly state: 'incomplete' | 'invalid'; readonly reason: string; readonly span: Span; readonly parsed?: ParsedOrder }
  | { readonly state: 'ready'; readonly parsed: ParsedOrder; readonly request: TicketRequest };

export function useTicketDraft(line: string): TicketDraft {
  const bySymbol = useInstruments((s) => s.bySymbol);
  const positions = useTrading((s) => s.positions);
  return useMemo(() => {
    const parsed = parseOrderLine(line);
    if (!parsed.ok) {
      if (parsed.error.code === 'EMPTY') return { state: 'empty' };
      return { state: parsed.error.incomplete ? 'incomplete' : 'invalid', reason: parsed.error.reason, span: parsed.error };
    }
    const resolved = resolveOrder(parsed.value, {
      instrument: (symbol) => bySymbol[symbol],
      position: (symbol) => positions[symbol]?.quantity ?? 0,
    });
    if (!resolved.ok) return { state: 'invalid', reason: resolved.error.reason, span: resolved.error, parsed: parsed.value };
    return { state: 'ready', parsed: parsed.value, request: resolved.value };
  }, [line, bySymbol, positions]);
}
