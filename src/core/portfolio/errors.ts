// The closed union of portfolio outcomes that are not weights: each names its cause and where it was found.

export type PortfolioError =
  | { readonly code: 'INSUFFICIENT_HISTORY'; readonly symbol: string; readonly observations: number; readonly required: number; readonly message: string }
  | { readonly code: 'SINGULAR_COVARIANCE'; readonly pivot: number; readonly symbol: string; readonly message: string }
  | { readonly code: 'INFEASIBLE_CONSTRAINTS'; readonly constraint: string; readonly message: string }
  | { readonly code: 'NO_POSITIVE_EXCESS_RETURN'; readonly riskFreeRate: number; readonly message: string }
  | { readonly code: 'INVALID_INPUT'; readonly path: string; readonly message: string };

export type PortfolioErrorCode = PortfolioError['code'];

export const invalidInput = (path: string, message: string): PortfolioError => ({ code: 'INVALID_INPUT', path, message: `${path}: ${message}` });

export const infeasible = (constraint: string, message: string): PortfolioError => ({ code: 'INFEASIBLE_CONSTRAINTS', constraint, message });
