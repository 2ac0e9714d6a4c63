// `nautilus portfolio optimize|rebalance`: weights or rebalance orders from the daily closes in the data directory's store.
import { join, resolve } from 'node:path';
import { err, ok, type Result } from '../../core/model/result';
import { defaultDataDir } from '../../main/dataDir';
import { optimizeFromHistory, rebalanceFromHistory } from '../../main/portfolio/portfolioService';
import { MarketStore } from '../../main/storage/market/marketStore';
import { DUCKDB_FILE } from '../../main/workstation';
import { validationError } from '../../shared/contracts/errors';
import { optimizeRequestSchema, rebalanceRequestSchema } from '../../shared/contracts/portfolio';
import { parseCommandArgs } from '../args';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand, type CliIO } from '../command';

const USAGE = `usage: nautilus portfolio optimize --method METHOD --symbols A,B,… [options] [--json]
       nautilus portfolio rebalance (--method METHOD | --target-weights A=0.5,B=0.5) --symbols A,B,… --cash N
                                    [--positions A=100,B=-20] [options] [--json]

  --method           min-variance | mean-variance | max-sharpe | risk-parity | hrp | black-litterman
  --window 500       daily returns in the estimation window (window + 1 common closes)
  --covariance       sample (N − 1, default) | ledoit-wolf (shrunk to a scaled identity, as sklearn's LedoitWolf)
  --long-only        weights ≥ 0 (without it the book may be long-short)
  --min-weight W --max-weight W        bounds on every weight
  --sector-cap NAME=W --currency-cap CCY=W   caps on the net weight per stored sector / currency (repeatable)
  --max-turnover T   Σ|w − w_now| ≤ T (rebalance: w_now from the positions; optimize: --current-weights)
  --gross-leverage L Σ|w| ≤ L (long-short)
  --risk-aversion λ  mean-variance (default 1) and black-litterman (δ, default 2.5)
  --target-return R  mean-variance at this annual return instead of a risk aversion
  --risk-free R      annual risk-free rate for max-sharpe (default 0)
  --expected-returns A=0.08,B=0.05   annual expected returns instead of the window's mean
  --view 'A=0.10' | --view 'A-B=0.02'   black-litterman views, annual (repeatable); --market-weights, --tau 0.05
  rebalance: --cash N, --positions A=100,…, --min-notional 0, --commission-per-share 0.005, --min-commission 1,
             --impact 0.1 (η of the square-root model), --spread-bps 5
  --data-dir DIR     the data directory (default: the app's); bars are read from its market store (1D)
  --json             print one JSON object (weights, expectedReturn, volatility, riskContributions / orders)

Bad input exits 2 with the cause: unknown options, too little history, singular covariance, infeasible constraints.`;

const OPTIONS = {
  method: { type: 'string' },
  symbols: { type: 'string' },
  window: { type: 'string' },
  covariance: { type: 'string' },
  'long-only': { type: 'boolean' },
  'min-weight': { type: 'string' },
  'max-weight': { type: 'string' },
  'sector-cap': { type: 'string', multiple: true },
  'currency-cap': { type: 'string', multiple: true },
  'max-turnover': { type: 'string' },
  'current-weights': { type: 'string' },
  'gross-leverage': { type: 'string' },
  'risk-aversion': { type: 'string' },
  'target-return': { type: 'string' },
  'risk-free': { type: 'string' },
  'expected-returns': { type: 'string' },
  view: { type: 'string', multiple: true },
  'market-weights': { type: 'string' },
  tau: { type: 'string' },
  'target-weights': { type: 'string' },
  positions: { type: 'string' },
  cash: { type: 'string' },
  'min-notional': { type: 'string' },
  'commission-per-share': { type: 'string' },
  'min-commission': { type: 'string' },
  impact: { type: 'string' },
  'spread-bps': { type: 'string' },
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** A number flag; non-numbers stay strings so the schema names the field that is wrong. */
const num = (text: string | undefined): number | string | undefined => (text === undefined ? undefined : text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text);

/** "A=1,B=2" (or repeated "A=1" flags) → { A: 1, B: 2 }. */
function pairs(flag: string, items: readonly string[] | undefined): Result<Record<string, number | string> | undefined, string> {
  if (!items) return ok(undefined);
  const out: Record<string, number | string> = {};
  for (const item of items.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean)) {
    const at = item.lastIndexOf('=');
    if (at <= 0) return err(`${flag}: '${item}' is not NAME=VALUE`);
    out[item.slice(0, at).trim()] = num(item.slice(at + 1).trim())!;
  }
  return ok(out);
}

/** "A=0.1" is an absolute view; "A-B=0.02" says A outperforms B by 2% a year. */
function views(items: readonly string[] | undefined): Result<unknown[] | undefined, string> {
  if (!items) return ok(undefined);
  const out: unknown[] = [];
  for (const item of items) {
    const m = /^\s*([^=\s-]+)\s*(?:-\s*([^=\s]+)\s*)?=\s*(.+)$/.exec(item);
    if (!m) return err(`--view: '${item}' is not SYMBOL=RETURN or LONG-SHORT=RETURN`);
    out.push({ assets: m[2] ? { [m[1]!]: 1, [m[2]]: -1 } : { [m[1]!]: 1 }, expectedReturn: num(m[3]) });
  }
  return ok(out);
}

function fail(io: CliIO, message: string): number {
  io.err(`nautilus portfolio: ${message}\n`);
  return EXIT_USAGE;
}

const pct = (v: number): string => `${(v * 100).toFixed(2)}%`;

export const portfolioCommand: CliCommand = {
  name: 'portfolio',
  summary: 'optimize portfolio weights or plan a rebalance from stored daily closes',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub === '--help' || sub === '-h' || sub === undefined) return sub === undefined ? fail(io, `optimize or rebalance?\n\n${USAGE}`) : (io.out(`${USAGE}\n`), EXIT_OK);
    if (sub !== 'optimize' && sub !== 'rebalance') return fail(io, `unknown subcommand "${sub}" (optimize or rebalance)\n\n${USAGE}`);
    const parsed = parseCommandArgs(rest, OPTIONS);
    if (!parsed.ok) return fail(io, `${parsed.error}\n\n${USAGE}`);
    const v = parsed.value.values as Record<string, string | boolean | string[] | undefined>;
    if (v.help) return io.out(`${USAGE}\n`), EXIT_OK;
    const s = (k: string): string | undefined => v[k] as string | undefined;
    const list = (k: string): string[] | undefined => (v[k] === undefined ? undefined : typeof v[k] === 'string' ? [v[k]] : (v[k] as string[]));
    const maps: Record<string, Result<Record<string, number | string> | undefined, string>> = {
      sectorCaps: pairs('--sector-cap', list('sector-cap')),
      currencyCaps: pairs('--currency-cap', list('currency-cap')),
      currentWeights: pairs('--current-weights', list('current-weights')),
      expectedReturns: pairs('--expected-returns', list('expected-returns')),
      marketWeights: pairs('--market-weights', list('market-weights')),
      targetWeights: pairs('--target-weights', list('target-weights')),
      positions: pairs('--positions', list('positions')),
    };
    const mapped: Record<string, unknown> = {};
    for (const [k, r] of Object.entries(maps)) {
      if (!r.ok) return fail(io, r.error);
      if (r.value !== undefined) mapped[k] = r.value;
    }
    const viewList = views(list('view'));
    if (!viewList.ok) return fail(io, viewList.error);
    const common = {
      method: s('method'),
      symbols: s('symbols')?.split(',').map((x) => x.trim()).filter(Boolean),
      window: num(s('window')),
      covariance: s('covariance'),
      longOnly: v['long-only'] === true,
      minWeight: num(s('min-weight')),
      maxWeight: num(s('max-weight')),
      maxTurnover: num(s('max-turnover')),
      grossLeverage: num(s('gross-leverage')),
      riskAversion: num(s('risk-aversion')),
      targetReturn: num(s('target-return')),
      riskFreeRate: num(s('risk-free')),
      tau: num(s('tau')),
      views: viewList.value,
      ...mapped,
    };
    const undefinedDropped = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined));
    if (!common.symbols) return fail(io, `--symbols is required\n\n${USAGE}`);

    const dir = resolve(s('data-dir') ?? defaultDataDir());
    if (sub === 'optimize') {
      const { targetWeights, positions, ...optimizeFields } = common as typeof common & { targetWeights?: unknown; positions?: unknown };
      if (targetWeights !== undefined || positions !== undefined || s('cash') !== undefined) return fail(io, '--target-weights, --positions and --cash belong to rebalance');
      const req = optimizeRequestSchema.safeParse(undefinedDropped(optimizeFields));
      if (!req.success) return fail(io, validationError(req.error, 'options').message);
      return withStore(io, dir, async (store) => {
        const r = await optimizeFromHistory(store, req.data);
        if (!r.ok) return fail(io, `${r.error.code}: ${r.error.message}`);
        const o = r.value;
        if (v.json) io.out(`${JSON.stringify({ weights: o.weights, expectedReturn: o.expectedReturn, volatility: o.volatility, riskContributions: o.riskContributions, method: o.method, covariance: o.covariance, shrinkage: o.shrinkage, window: o.window, from: new Date(o.from).toISOString().slice(0, 10), to: new Date(o.to).toISOString().slice(0, 10) })}\n`);
        else {
          io.out(`${o.method} over ${o.window} days (${o.covariance} covariance): expected return ${pct(o.expectedReturn)}, volatility ${pct(o.volatility)} a year\n`);
          for (const sym of o.symbols) io.out(`  ${sym.padEnd(12)} ${pct(o.weights[sym]!).padStart(9)}   risk ${pct(o.riskContributions[sym]!).padStart(8)}\n`);
        }
        return EXIT_OK;
      });
    }
    const req = rebalanceRequestSchema.safeParse(
      undefinedDropped({
        ...common,
        cash: num(s('cash')),
        minOrderNotional: num(s('min-notional')),
        commissionPerShare: num(s('commission-per-share')),
        minimumCommission: num(s('min-commission')),
        impactCoefficient: num(s('impact')),
        spreadBps: num(s('spread-bps')),
      }),
    );
    if (!req.success) return fail(io, validationError(req.error, 'options').message);
    return withStore(io, dir, async (store) => {
      const r = await rebalanceFromHistory(store, req.data);
      if (!r.ok) return fail(io, `${r.error.code}: ${r.error.message}`);
      const p = r.value;
      if (v.json) io.out(`${JSON.stringify(p)}\n`);
      else {
        io.out(`equity ${p.equity.toFixed(2)}; ${p.orders.length} orders, estimated cost ${p.totalCost.toFixed(2)}; volatility after ${pct(p.volatilityAfter)}\n`);
        for (const o of p.orders) io.out(`  ${o.side.padEnd(4)} ${String(o.quantity).padStart(10)} ${o.symbol.padEnd(10)} @ ${o.price.toFixed(4)}  cost ${o.cost.total.toFixed(2)}\n`);
        for (const k of p.skipped) io.out(`  skipped ${k.symbol}: ${k.quantity} (${k.reason})\n`);
      }
      return EXIT_OK;
    });
  },
};

async function withStore(io: CliIO, dir: string, fn: (store: MarketStore) => Promise<number>): Promise<number> {
  let store: MarketStore;
  try {
    store = await MarketStore.open(join(dir, DUCKDB_FILE));
  } catch (error) {
    io.err(`nautilus portfolio: cannot open the market store in ${dir}: ${(error as Error).message}\n`);
    return EXIT_FAILURE;
  }
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}
