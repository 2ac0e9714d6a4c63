// The portfolio job: request + daily bars + instrument facts → optimized weights or a rebalance plan (pure; runs in the portfolio engine or the CLI).
import { err, ok, type Result } from '../../core/model/result';
import {
  estimateCovariance,
  invalidInput,
  meanReturns,
  optimizePortfolio,
  planRebalance,
  returnsPanel,
  TRADING_DAYS_PER_YEAR,
  type CloseSeries,
  efficientFrontier,
  type GroupCap,
  type OptimizationRequest,
  type PortfolioError,
  type PortfolioSolution,
  type RebalanceInstrument,
  type ReturnPanel,
  type SquareMatrix,
  type View,
  type WeightConstraints,
} from '../../core/portfolio';
import type { FrontierRequest, OptimizeRequest, PortfolioFrontier, PortfolioOptimization, PortfolioRebalance, RebalanceRequestInput } from '../../shared/contracts/portfolio';

/** One symbol's stored daily bars: what the job needs of them. */
export interface DailyBars {
  readonly symbol: string;
  readonly time: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

/** The instrument facts constraints and lots come from. */
export interface InstrumentFacts {
  readonly symbol: string;
  readonly sector: string;
  readonly currency: string;
  readonly lotSize: number;
}

/** Everything the job reads, gathered by the backend from the market store. */
export interface PortfolioInputs {
  /** In the request's symbol order; a symbol without bars has empty columns. */
  readonly bars: readonly DailyBars[];
  readonly instruments: readonly InstrumentFacts[];
}

/** Days of volume averaged for the impact model's ADV. */
const ADV_DAYS = 20;

interface Estimation {
  readonly panel: ReturnPanel;
  readonly covariance: SquareMatrix;
  readonly shrinkage: number;
  readonly bars: ReadonlyMap<string, DailyBars>;
  readonly instruments: ReadonlyMap<string, InstrumentFacts>;
}

const toRecord = (symbols: readonly string[], values: ArrayLike<number>): Record<string, number> => Object.fromEntries(symbols.map((s, i) => [s, values[i]!]));

function estimate(inputs: PortfolioInputs, req: OptimizeRequest): Result<Estimation, PortfolioError> {
  const bars = new Map<string, DailyBars>();
  const series: CloseSeries[] = [];
  for (const symbol of req.symbols) {
    const b = inputs.bars.find((x) => x.symbol === symbol);
    if (!b || b.close.length === 0) {
      return err({ code: 'INSUFFICIENT_HISTORY', symbol, observations: 0, required: req.window + 1, message: `${symbol} has no daily bars in the store; a ${req.window}-day window needs ${req.window + 1} closes` });
    }
    bars.set(symbol, b);
    series.push({ symbol, time: b.time, close: b.close });
  }
  const panel = returnsPanel(series, req.window);
  if (!panel.ok) return panel;
  const cov = estimateCovariance(panel.value, req.covariance);
  const instruments = new Map(inputs.instruments.map((i) => [i.symbol, i]));
  return ok({ panel: panel.value, covariance: cov.matrix, shrinkage: cov.shrinkage, bars, instruments });
}

function groupCaps(kind: 'sector' | 'currency', caps: Readonly<Record<string, number>> | undefined, symbols: readonly string[], instruments: ReadonlyMap<string, InstrumentFacts>): Result<GroupCap[], PortfolioError> {
  const out: GroupCap[] = [];
  for (const [name, max] of Object.entries(caps ?? {})) {
    const members = symbols.flatMap((s, i) => ((kind === 'sector' ? instruments.get(s)?.sector : instruments.get(s)?.currency) === name ? [i] : []));
    if (members.length === 0) return err(invalidInput(`${kind}Caps.${name}`, `no symbol in the request has ${kind} '${name}' in the stored instruments`));
    out.push({ kind, name, members, max });
  }
  return ok(out);
}

function vectorFrom(path: string, record: Readonly<Record<string, number>>, symbols: readonly string[], fill: number | 'required'): Result<Float64Array, PortfolioError> {
  for (const key of Object.keys(record)) if (!symbols.includes(key)) return err(invalidInput(`${path}.${key}`, `${key} is not one of the symbols`));
  const out = new Float64Array(symbols.length);
  for (let i = 0; i < symbols.length; i++) {
    const v = record[symbols[i]!];
    if (v === undefined && fill === 'required') return err(invalidInput(`${path}.${symbols[i]}`, 'missing: give a value for every symbol'));
    out[i] = v ?? (fill === 'required' ? 0 : fill);
  }
  return ok(out);
}

/** The optimizer's request from the API's: constraints, expected returns and views resolved against the window's symbols. */
function problemFor(req: OptimizeRequest, est: Estimation, currentWeights: Float64Array | undefined): Result<OptimizationRequest, PortfolioError> {
  const { symbols } = est.panel;
  const sectors = groupCaps('sector', req.sectorCaps, symbols, est.instruments);
  if (!sectors.ok) return sectors;
  const currencies = groupCaps('currency', req.currencyCaps, symbols, est.instruments);
  if (!currencies.ok) return currencies;
  let mu = meanReturns(est.panel);
  if (req.expectedReturns) {
    const given = vectorFrom('expectedReturns', req.expectedReturns, symbols, 'required');
    if (!given.ok) return given;
    mu = given.value.map((v) => v / TRADING_DAYS_PER_YEAR);
  }
  if (req.maxTurnover !== undefined && !currentWeights) return err(invalidInput('maxTurnover', 'a turnover cap needs the current weights (currentWeights, or positions and cash for a rebalance)'));
  const constraints: WeightConstraints = {
    longOnly: req.longOnly,
    minWeight: req.minWeight,
    maxWeight: req.maxWeight,
    groups: [...sectors.value, ...currencies.value],
    turnover: req.maxTurnover !== undefined && currentWeights ? { current: currentWeights, max: req.maxTurnover } : undefined,
    grossLeverage: req.grossLeverage,
  };
  const views: View[] = [];
  for (const [k, v] of (req.views ?? []).entries()) {
    const assets: View['assets'][number][] = [];
    for (const [symbol, weight] of Object.entries(v.assets)) {
      const index = symbols.indexOf(symbol);
      if (index < 0) return err(invalidInput(`views[${k}].assets.${symbol}`, `${symbol} is not one of the symbols`));
      assets.push({ index, weight });
    }
    views.push({ assets, expectedReturn: v.expectedReturn, variance: v.variance });
  }
  let marketWeights: Float64Array | undefined;
  if (req.marketWeights) {
    const m = vectorFrom('marketWeights', req.marketWeights, symbols, 0);
    if (!m.ok) return m;
    marketWeights = m.value;
  }
  return ok({
    method: req.method,
    symbols,
    covariance: est.covariance,
    expectedReturns: mu,
    constraints,
    riskAversion: req.riskAversion,
    targetReturn: req.targetReturn,
    riskFreeRate: req.riskFreeRate,
    blackLitterman: { marketWeights, tau: req.tau, views },
  });
}

function solve(req: OptimizeRequest, est: Estimation, currentWeights: Float64Array | undefined): Result<PortfolioSolution, PortfolioError> {
  const problem = problemFor(req, est, currentWeights);
  return problem.ok ? optimizePortfolio(problem.value) : problem;
}

function describe(req: OptimizeRequest, est: Estimation, s: PortfolioSolution): PortfolioOptimization {
  return {
    method: s.method,
    symbols: s.symbols,
    weights: toRecord(s.symbols, s.weights),
    expectedReturn: s.expectedReturn,
    volatility: s.volatility,
    riskContributions: toRecord(s.symbols, s.riskContributions),
    covariance: req.covariance,
    shrinkage: est.shrinkage,
    window: req.window,
    from: est.panel.time[0]!,
    to: est.panel.time[est.panel.time.length - 1]!,
  };
}

/** The request's current weights over the panel's symbols (missing ones 0), or none given. */
function currentWeightsOf(req: { readonly currentWeights?: OptimizeRequest['currentWeights'] }, symbols: readonly string[]): Result<Float64Array | undefined, PortfolioError> {
  if (!req.currentWeights) return ok(undefined);
  return vectorFrom('currentWeights', req.currentWeights, symbols, 0);
}

export function optimizePortfolioJob(inputs: PortfolioInputs, req: OptimizeRequest): Result<PortfolioOptimization, PortfolioError> {
  const est = estimate(inputs, req);
  if (!est.ok) return est;
  const current = currentWeightsOf(req, est.value.panel.symbols);
  if (!current.ok) return current;
  const solved = solve(req, est.value, current.value);
  return solved.ok ? ok(describe(req, est.value, solved.value)) : solved;
}

/**
 * The efficient frontier under the request's constraints (mean-variance points from the minimum-variance one up),
 * with each asset's own return and volatility.
 */
export function frontierPortfolioJob(inputs: PortfolioInputs, req: FrontierRequest): Result<PortfolioFrontier, PortfolioError> {
  const optimizeReq: OptimizeRequest = { ...req, method: 'mean-variance' };
  const est = estimate(inputs, optimizeReq);
  if (!est.ok) return est;
  const current = currentWeightsOf(req, est.value.panel.symbols);
  if (!current.ok) return current;
  const problem = problemFor(optimizeReq, est.value, current.value);
  if (!problem.ok) return problem;
  const { symbols, covariance, expectedReturns, constraints } = problem.value;
  const curve = efficientFrontier(covariance, expectedReturns, symbols, constraints, req.points);
  if (!curve.ok) return curve;
  const n = symbols.length;
  return ok({
    points: curve.value.map((p) => ({ expectedReturn: p.expectedReturn, volatility: p.volatility, weights: toRecord(symbols, p.weights) })),
    assets: symbols.map((symbol, i) => ({
      symbol,
      expectedReturn: expectedReturns[i]! * TRADING_DAYS_PER_YEAR,
      volatility: Math.sqrt(covariance.values[i * n + i]! * TRADING_DAYS_PER_YEAR),
    })),
  });
}

/** Optimizes (or takes the given target weights), then sizes lot-rounded orders from the positions at the last closes. */
export function rebalancePortfolioJob(inputs: PortfolioInputs, req: RebalanceRequestInput): Result<PortfolioRebalance, PortfolioError> {
  const optimizeReq: OptimizeRequest = { ...req, method: req.method ?? 'min-variance' };
  const est = estimate(inputs, optimizeReq);
  if (!est.ok) return est;
  const { symbols } = est.value.panel;
  const instruments: RebalanceInstrument[] = symbols.map((symbol, i) => {
    const b = est.value.bars.get(symbol)!;
    const last = b.close.length - 1;
    const price = b.close[last]!;
    let volume = 0;
    const days = Math.min(ADV_DAYS, b.volume.length);
    for (let k = b.volume.length - days; k < b.volume.length; k++) volume += b.volume[k]!;
    const stored = est.value.instruments.get(symbol);
    return {
      symbol,
      price,
      lotSize: stored?.lotSize ?? 1,
      spread: (price * req.spreadBps) / 10_000,
      averageDailyVolume: days > 0 ? volume / days : 0,
      dailyVolatility: Math.sqrt(est.value.covariance.values[i * symbols.length + i]!),
    };
  });
  for (const key of Object.keys(req.positions)) if (!symbols.includes(key)) return err(invalidInput(`positions.${key}`, `a position in ${key}, which is not one of the symbols being rebalanced`));
  let equity = req.cash;
  instruments.forEach((ins) => (equity += (req.positions[ins.symbol] ?? 0) * ins.price));
  const current = Float64Array.from(instruments, (ins) => (equity > 0 ? ((req.positions[ins.symbol] ?? 0) * ins.price) / equity : 0));
  let target: PortfolioOptimization | null = null;
  let weights: Float64Array;
  if (req.targetWeights) {
    const w = vectorFrom('targetWeights', req.targetWeights, symbols, 0);
    if (!w.ok) return w;
    weights = w.value;
  } else {
    const solved = solve(optimizeReq, est.value, current);
    if (!solved.ok) return solved;
    target = describe(optimizeReq, est.value, solved.value);
    weights = solved.value.weights;
  }
  const plan = planRebalance({
    symbols,
    targetWeights: weights,
    instruments,
    positions: req.positions,
    cash: req.cash,
    minOrderNotional: req.minOrderNotional,
    costModel: { commissionPerShare: req.commissionPerShare, minimumCommission: req.minimumCommission, impactCoefficient: req.impactCoefficient },
    covariance: est.value.covariance,
  });
  if (!plan.ok) return plan;
  const p = plan.value;
  return ok({
    target,
    equity: p.equity,
    orders: p.orders.map((o) => ({ ...o, cost: { ...o.cost } })),
    skipped: p.skipped.map((s) => ({ ...s })),
    totalCost: p.totalCost,
    cashAfter: p.cashAfter,
    weightsAfter: toRecord(symbols, p.weightsAfter),
    volatilityAfter: p.volatilityAfter,
    riskContributionsAfter: toRecord(symbols, p.riskContributionsAfter),
  });
}
