// The syntax tree of a factor expression; every node keeps the position of the token it came from.

export type BinaryOp = '+' | '-' | '*' | '/' | '<' | '>' | '<=' | '>=' | '==' | '!=';

export type Expr =
  | { readonly kind: 'number'; readonly value: number; readonly position: number; readonly text: string }
  | { readonly kind: 'string'; readonly value: string; readonly position: number }
  | { readonly kind: 'name'; readonly name: string; readonly position: number }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Expr[]; readonly position: number }
  | { readonly kind: 'neg'; readonly arg: Expr; readonly position: number }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr; readonly position: number };
