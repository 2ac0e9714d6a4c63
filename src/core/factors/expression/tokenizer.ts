// Tokens of the factor expression language, each with its position (0-based character offset) in the source.

export type TokenKind = 'number' | 'ident' | 'string' | 'op' | 'lparen' | 'rparen' | 'comma' | 'end';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly position: number;
}

export interface SyntaxError {
  readonly code: 'PARSE_ERROR';
  readonly message: string;
  readonly position: number;
  readonly token: string;
}

const OPERATORS = ['<=', '>=', '==', '!=', '+', '-', '*', '/', '<', '>'];

export function tokenize(source: string): { ok: true; value: Token[] } | { ok: false; error: SyntaxError } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    const number = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(source.slice(i));
    if (number) {
      tokens.push({ kind: 'number', text: number[0], position: start });
      i += number[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i));
    if (ident) {
      tokens.push({ kind: 'ident', text: ident[0], position: start });
      i += ident[0].length;
      continue;
    }
    if (c === '"' || c === "'") {
      const end = source.indexOf(c, i + 1);
      if (end < 0) return { ok: false, error: { code: 'PARSE_ERROR', message: `unterminated string starting at ${start}`, position: start, token: source.slice(start) } };
      tokens.push({ kind: 'string', text: source.slice(i + 1, end), position: start });
      i = end + 1;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c === '(' ? 'lparen' : c === ')' ? 'rparen' : 'comma', text: c, position: start });
      i++;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'op', text: op, position: start });
      i += op.length;
      continue;
    }
    return { ok: false, error: { code: 'PARSE_ERROR', message: `unexpected character '${c}' at ${start}`, position: start, token: c } };
  }
  tokens.push({ kind: 'end', text: '', position: source.length });
  return { ok: true, value: tokens };
}
