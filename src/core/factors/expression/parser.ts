// Recursive-descent parser of the factor expression language:
//   compare := sum (('<'|'>'|'<='|'>='|'=='|'!=') sum)?
//   sum     := product (('+'|'-') product)*
//   product := unary (('*'|'/') unary)*
//   unary   := '-' unary | primary
//   primary := number | string | name | name '(' [compare (',' compare)*] ')' | '(' compare ')'
import { err, ok, type Result } from '../../model/result';
import type { BinaryOp, Expr } from './ast';
import { tokenize, type SyntaxError, type Token } from './tokenizer';

export type { SyntaxError } from './tokenizer';

class Parser {
  private i = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  private peek(): Token {
    return this.tokens[this.i]!;
  }

  private fail(text: string, token = this.peek()): never {
    const message = `${text} (at ${token.position})`;
    throw Object.assign(new Error(message), { syntax: { code: 'PARSE_ERROR', message, position: token.position, token: token.text } satisfies SyntaxError });
  }

  private describe(token: Token): string {
    return token.kind === 'end' ? 'the end of the expression' : `'${token.text}'`;
  }

  parse(): Expr {
    const expr = this.compare();
    const next = this.peek();
    if (next.kind !== 'end') this.fail(`unexpected ${this.describe(next)}: expected an operator or the end`);
    return expr;
  }

  private compare(): Expr {
    const left = this.sum();
    const t = this.peek();
    if (t.kind === 'op' && ['<', '>', '<=', '>=', '==', '!='].includes(t.text)) {
      this.i++;
      return { kind: 'binary', op: t.text as BinaryOp, left, right: this.sum(), position: t.position };
    }
    return left;
  }

  private sum(): Expr {
    let left = this.product();
    for (let t = this.peek(); t.kind === 'op' && (t.text === '+' || t.text === '-'); t = this.peek()) {
      this.i++;
      left = { kind: 'binary', op: t.text, left, right: this.product(), position: t.position };
    }
    return left;
  }

  private product(): Expr {
    let left = this.unary();
    for (let t = this.peek(); t.kind === 'op' && (t.text === '*' || t.text === '/'); t = this.peek()) {
      this.i++;
      left = { kind: 'binary', op: t.text, left, right: this.unary(), position: t.position };
    }
    return left;
  }

  private unary(): Expr {
    const t = this.peek();
    if (t.kind === 'op' && t.text === '-') {
      this.i++;
      return { kind: 'neg', arg: this.unary(), position: t.position };
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.peek();
    switch (t.kind) {
      case 'number':
        this.i++;
        return { kind: 'number', value: Number(t.text), position: t.position, text: t.text };
      case 'string':
        this.i++;
        return { kind: 'string', value: t.text, position: t.position };
      case 'ident': {
        this.i++;
        if (this.peek().kind !== 'lparen') return { kind: 'name', name: t.text, position: t.position };
        this.i++;
        const args: Expr[] = [];
        if (this.peek().kind !== 'rparen') {
          args.push(this.compare());
          while (this.peek().kind === 'comma') {
            this.i++;
            args.push(this.compare());
          }
        }
        if (this.peek().kind !== 'rparen') this.fail(`expected ',' or ')' in the call of ${t.text}, found ${this.describe(this.peek())}`);
        this.i++;
        return { kind: 'call', name: t.text, args, position: t.position };
      }
      case 'lparen': {
        this.i++;
        const inner = this.compare();
        if (this.peek().kind !== 'rparen') this.fail(`expected ')' to close '(' at ${t.position}, found ${this.describe(this.peek())}`);
        this.i++;
        return inner;
      }
      case 'op':
      case 'rparen':
      case 'comma':
      case 'end':
        return this.fail(`expected a number, field or call, found ${this.describe(t)}`);
      default: {
        const never: never = t.kind;
        throw new Error(`unknown token kind ${String(never)}`);
      }
    }
  }
}

export function parseExpression(source: string): Result<Expr, SyntaxError> {
  const tokens = tokenize(source);
  if (!tokens.ok) return err(tokens.error);
  try {
    return ok(new Parser(tokens.value).parse());
  } catch (e) {
    const syntax = (e as { syntax?: SyntaxError }).syntax;
    if (syntax) return err(syntax);
    throw e;
  }
}
