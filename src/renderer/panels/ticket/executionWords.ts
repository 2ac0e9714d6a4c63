// The ticket grammar's execution words: `smart`, `twap 30m`, `vwap 2h`, `pov 10%`, `iceberg 200`, and an urgency.
import type { Span } from './orderParser';

export type ParsedExecution =
  | { readonly kind: 'SMART' }
  | { readonly kind: 'TWAP' | 'VWAP'; readonly durationMs: number }
  /** Participation as a fraction, in (0, 0.5]. */
  | { readonly kind: 'POV'; readonly participation: number }
  | { readonly kind: 'ICEBERG'; readonly displayQuantity: number };

export type ExecutionUrgency = 'LOW' | 'MEDIUM' | 'HIGH';

export const EXECUTION_WORDS: ReadonlySet<string> = new Set(['smart', 'twap', 'vwap', 'pov', 'iceberg']);
export const URGENCY_WORDS: Readonly<Record<string, ExecutionUrgency>> = { low: 'LOW', medium: 'MEDIUM', med: 'MEDIUM', high: 'HIGH' };

const DURATION = /^(\d+(?:\.\d+)?)(s|m|h)$/;
const UNIT_MS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000 };
const MAX_PARTICIPATION_PERCENT = 50;

export type ExecutionWordCode = 'EXPECTED_DURATION' | 'BAD_DURATION' | 'EXPECTED_PARTICIPATION' | 'BAD_PARTICIPATION' | 'EXPECTED_DISPLAY' | 'BAD_DISPLAY';

export type ExecutionRead =
  | { readonly ok: true; readonly execution: ParsedExecution; readonly consumed: number; readonly span: Span }
  | { readonly ok: false; readonly code: ExecutionWordCode; readonly reason: string; readonly span: Span; readonly incomplete: boolean };

interface Word extends Span {
  readonly text: string;
  readonly lower: string;
}

/** Reads the execution word at `word` and its argument (`next`, when it takes one). */
export function readExecutionWord(word: Word, next: Word | undefined, lineEnd: Span): ExecutionRead {
  const missing = (code: ExecutionWordCode, what: string): ExecutionRead => ({ ok: false, code, reason: `expected ${what} after “${word.text}”`, span: lineEnd, incomplete: true });
  const span = (end: Span): Span => ({ start: word.start, end: end.end });
  switch (word.lower) {
    case 'smart':
      return { ok: true, execution: { kind: 'SMART' }, consumed: 1, span: span(word) };
    case 'twap':
    case 'vwap': {
      if (!next) return missing('EXPECTED_DURATION', 'a duration such as 30m, 2h or 90s');
      const m = DURATION.exec(next.lower);
      const ms = m ? Number(m[1]) * (UNIT_MS[m[2] as string] as number) : NaN;
      if (!(ms > 0)) return { ok: false, code: 'BAD_DURATION', reason: `“${next.text}” is not a duration: write 30m, 2h or 90s`, span: next, incomplete: false };
      return { ok: true, execution: { kind: word.lower === 'twap' ? 'TWAP' : 'VWAP', durationMs: ms }, consumed: 2, span: span(next) };
    }
    case 'pov': {
      if (!next) return missing('EXPECTED_PARTICIPATION', 'a participation rate such as 10%');
      const text = next.text.endsWith('%') ? next.text.slice(0, -1) : '';
      const percent = /^\d+(?:\.\d+)?$/.test(text) ? Number(text) : NaN;
      if (!(percent > 0 && percent <= MAX_PARTICIPATION_PERCENT)) {
        return { ok: false, code: 'BAD_PARTICIPATION', reason: `participation must be above 0% and at most ${MAX_PARTICIPATION_PERCENT}%, e.g. 10%`, span: next, incomplete: false };
      }
      return { ok: true, execution: { kind: 'POV', participation: percent / 100 }, consumed: 2, span: span(next) };
    }
    case 'iceberg': {
      if (!next) return missing('EXPECTED_DISPLAY', 'the display quantity');
      const display = /^\d+(?:\.\d+)?$/.test(next.text) ? Number(next.text) : NaN;
      if (!(display > 0)) return { ok: false, code: 'BAD_DISPLAY', reason: `“${next.text}” is not a display quantity`, span: next, incomplete: false };
      return { ok: true, execution: { kind: 'ICEBERG', displayQuantity: display }, consumed: 2, span: span(next) };
    }
    default:
      throw new Error(`not an execution word: ${word.text}`);
  }
}
