// Rebalance: current positions + target weights → lot-rounded orders with estimated costs, and the risk of the book after them.
import { err, ok, type Result } from '../model/result';
import { invalidInput, type PortfolioError } from './errors';
import type { SquareMatrix } from './linalg';
import { portfolioRisk } from './riskMeasures';

export interface RebalanceInstrument {
  readonly symbol: string;
  /** Reference price (last close or mid). */
  readonly price: number;
  readonly lotSize: number;
  /** Quoted spread, ask − bid, in price units. */
  readonly spread: number;
  /** Average daily volume in shares, for the impact model. */
  readonly averageDailyVolume: number;
  /** Daily volatility of returns, for the impact model. */
  readonly dailyVolatility: number;
}

export interface CostModel {
  readonly commissionPerShare: number;
  readonly minimumCommission: number;
  /** η in impact = η·σ_daily·√(q / ADV) × notional (Almgren et al.'s square-root law; ~0.1–1). */
  readonly impactCoefficient: number;
}

export interface RebalanceRequest {
  /** The universe, in the covariance's order. */
  readonly symbols: readonly string[];
  readonly targetWeights: Float64Array;
  readonly instruments: readonly RebalanceInstrument[];
  /** Signed quantities held now; symbols not listed hold nothing. */
  readonly positions: Readonly<Record<string, number>>;
  readonly cash: number;
  /** Orders below this notional are skipped (they stay off target). */
  readonly minOrderNotional: number;
  readonly costModel: CostModel;
  /** Daily covariance over `symbols`, for the risk after the trade. */
  readonly covariance: SquareMatrix;
  readonly expectedReturns?: Float64Array;
}

export interface OrderCost {
  readonly commission: number;
  readonly halfSpread: number;
  readonly impact: number;
  readonly total: number;
}

export interface RebalanceOrder {
  readonly symbol: string;
  readonly side: 'BUY' | 'SELL';
  readonly quantity: number;
  readonly price: number;
  readonly notional: number;
  readonly currentQuantity: number;
  readonly targetQuantity: number;
  readonly cost: OrderCost;
}

export type SkipReason = 'WITHIN_ONE_LOT' | 'BELOW_MIN_NOTIONAL';

export interface SkippedTrade {
  readonly symbol: string;
  readonly quantity: number;
  readonly notional: number;
  readonly reason: SkipReason;
}

export interface RebalancePlan {
  readonly equity: number;
  readonly orders: readonly RebalanceOrder[];
  readonly skipped: readonly SkippedTrade[];
  readonly totalCost: number;
  readonly cashAfter: number;
  /** Weights of the book once every order fills at its reference price. */
  readonly weightsAfter: Float64Array;
  /** Annualized volatility and risk contributions of the book after the trade. */
  readonly volatilityAfter: number;
  readonly riskContributionsAfter: Float64Array;
}

/** Commission + half the spread + square-root impact for `quantity` shares (unsigned). */
export function estimateCost(quantity: number, instrument: RebalanceInstrument, model: CostModel): OrderCost {
  const q = Math.abs(quantity);
  const notional = q * instrument.price;
  const commission = q === 0 ? 0 : Math.max(model.minimumCommission, q * model.commissionPerShare);
  const halfSpread = (q * instrument.spread) / 2;
  const impact = instrument.averageDailyVolume > 0 ? model.impactCoefficient * instrument.dailyVolatility * Math.sqrt(q / instrument.averageDailyVolume) * notional : 0;
  return { commission, halfSpread, impact, total: commission + halfSpread + impact };
}

function validate(req: RebalanceRequest): Result<Map<string, RebalanceInstrument>, PortfolioError> {
  const n = req.symbols.length;
  if (req.targetWeights.length !== n) return err(invalidInput('targetWeights', `${req.targetWeights.length} weights for ${n} symbols`));
  if (req.covariance.n !== n) return err(invalidInput('covariance', `${req.covariance.n}×${req.covariance.n} for ${n} symbols`));
  for (let i = 0; i < n; i++) if (!Number.isFinite(req.targetWeights[i])) return err(invalidInput(`targetWeights[${i}]`, 'must be finite'));
  if (!Number.isFinite(req.cash)) return err(invalidInput('cash', 'must be finite'));
  if (!Number.isFinite(req.minOrderNotional) || req.minOrderNotional < 0) return err(invalidInput('minOrderNotional', 'must be a finite number ≥ 0'));
  const m = req.costModel;
  for (const [k, v] of Object.entries(m)) if (!Number.isFinite(v) || v < 0) return err(invalidInput(`costModel.${k}`, `must be a finite number ≥ 0, got ${v}`));
  const bySymbol = new Map<string, RebalanceInstrument>();
  for (const ins of req.instruments) {
    for (const k of ['price', 'lotSize'] as const) if (!Number.isFinite(ins[k]) || ins[k] <= 0) return err(invalidInput(`instruments.${ins.symbol}.${k}`, `must be a finite number > 0, got ${ins[k]}`));
    for (const k of ['spread', 'averageDailyVolume', 'dailyVolatility'] as const) if (!Number.isFinite(ins[k]) || ins[k] < 0) return err(invalidInput(`instruments.${ins.symbol}.${k}`, `must be a finite number ≥ 0, got ${ins[k]}`));
    bySymbol.set(ins.symbol, ins);
  }
  for (const s of req.symbols) if (!bySymbol.has(s)) return err(invalidInput(`instruments.${s}`, 'no price, lot and liquidity for this symbol'));
  for (const [s, q] of Object.entries(req.positions)) {
    if (!Number.isFinite(q)) return err(invalidInput(`positions.${s}`, `must be a finite quantity, got ${q}`));
    if (q !== 0 && !req.symbols.includes(s)) return err(invalidInput(`positions.${s}`, `a position in ${s} but ${s} is not in the universe being rebalanced`));
  }
  return ok(bySymbol);
}

/**
 * Target quantity = weight × equity / price, rounded to the nearest lot; the difference from the held quantity
 * is an order unless it is less than a lot or below the minimum notional. Sells come first (they fund the buys).
 */
export function planRebalance(req: RebalanceRequest): Result<RebalancePlan, PortfolioError> {
  const valid = validate(req);
  if (!valid.ok) return valid;
  const instruments = valid.value;
  const n = req.symbols.length;
  let equity = req.cash;
  for (const s of req.symbols) equity += (req.positions[s] ?? 0) * instruments.get(s)!.price;
  if (!(equity > 0)) return err(invalidInput('equity', `cash plus positions must be positive to size targets, got ${equity}`));
  const orders: RebalanceOrder[] = [];
  const skipped: SkippedTrade[] = [];
  const after = new Float64Array(n);
  let cashAfter = req.cash;
  let totalCost = 0;
  for (let i = 0; i < n; i++) {
    const symbol = req.symbols[i]!;
    const ins = instruments.get(symbol)!;
    const current = req.positions[symbol] ?? 0;
    const exact = (req.targetWeights[i]! * equity) / ins.price;
    const target = Math.round(exact / ins.lotSize) * ins.lotSize;
    const delta = target - current;
    const notional = Math.abs(delta) * ins.price;
    let held = current;
    if (Math.abs(delta) < ins.lotSize * (1 - 1e-9)) {
      if (delta !== 0) skipped.push({ symbol, quantity: delta, notional, reason: 'WITHIN_ONE_LOT' });
    } else if (notional < req.minOrderNotional) {
      skipped.push({ symbol, quantity: delta, notional, reason: 'BELOW_MIN_NOTIONAL' });
    } else {
      const cost = estimateCost(delta, ins, req.costModel);
      orders.push({ symbol, side: delta > 0 ? 'BUY' : 'SELL', quantity: Math.abs(delta), price: ins.price, notional, currentQuantity: current, targetQuantity: target, cost });
      held = target;
      cashAfter -= delta * ins.price + cost.total;
      totalCost += cost.total;
    }
    after[i] = (held * ins.price) / equity;
  }
  orders.sort((a, b) => (a.side === b.side ? b.notional - a.notional : a.side === 'SELL' ? -1 : 1));
  const risk = portfolioRisk(after, req.covariance, req.expectedReturns ?? new Float64Array(n));
  return ok({ equity, orders, skipped, totalCost, cashAfter, weightsAfter: after, volatilityAfter: risk.volatility, riskContributionsAfter: risk.riskContributions });
}
