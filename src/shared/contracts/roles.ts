// Who may call what: the roles a team server's users hold, and the least role each API method needs (one table,
// checked by the compiler to name every method, so a new method cannot ship without a decision).
import type { MethodName } from './api';

/** viewer: reads and research that changes nothing; trader: also orders, halts and stored research; admin: everything. */
export const ROLES = ['viewer', 'trader', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 0, trader: 1, admin: 2 };

export const roleAllows = (held: Role, needed: Role): boolean => RANK[held] >= RANK[needed];

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

export const METHOD_ROLES = {
  'system.info': 'viewer',
  'system.ping': 'viewer',
  'system.recentLog': 'viewer',
  'engines.list': 'viewer',
  'engines.restart': 'admin',
  'features.movingAverage': 'viewer',
  'features.compute': 'viewer',
  'features.computeUniverse': 'trader',
  'market.instruments': 'viewer',
  'market.bars': 'viewer',
  'market.quotes': 'viewer',
  'orders.submit': 'trader',
  'orders.submitBracket': 'trader',
  'orders.modify': 'trader',
  'orders.cancel': 'trader',
  'orders.cancelAll': 'trader',
  'orders.list': 'viewer',
  'fills.list': 'viewer',
  'positions.list': 'viewer',
  'positions.flatten': 'trader',
  'pnl.summary': 'viewer',
  'venues.list': 'viewer',
  // Where every user's orders go: the desk's decision, not one trader's.
  'venues.route': 'admin',
  'risk.limits': 'viewer',
  // Limits are the firm's; a trader may not widen his own.
  'risk.setLimits': 'admin',
  'risk.utilization': 'viewer',
  'risk.preview': 'viewer',
  'risk.status': 'viewer',
  // Halting is a safety action: whoever trades must be able to stop trading.
  'risk.killSwitch': 'trader',
  'risk.reduceOnly': 'trader',
  'risk.breaches': 'viewer',
  'ib.status': 'viewer',
  'ib.connect': 'admin',
  'ib.disconnect': 'admin',
  'ib.watch': 'trader',
  'ib.backfill': 'trader',
  'journal.events': 'viewer',
  'backtest.strategies': 'viewer',
  'backtest.run': 'trader',
  'backtest.sweep': 'trader',
  'backtest.walkForward': 'trader',
  'backtest.cancel': 'trader',
  'backtest.runs': 'viewer',
  'backtest.equity': 'viewer',
  'report.risk': 'trader',
  'report.download': 'viewer',
  'risk.var': 'viewer',
  'risk.stress': 'viewer',
  'risk.exposures': 'viewer',
  'data.sources': 'viewer',
  'data.fetch': 'trader',
  'data.refresh': 'trader',
  'portfolio.optimize': 'viewer',
  'portfolio.rebalance': 'trader',
  'ml.garch': 'viewer',
  'ml.volatility': 'viewer',
  'ml.regimes': 'viewer',
  'factors.list': 'viewer',
  'factors.check': 'viewer',
  'factors.analyze': 'viewer',
  'factors.compute': 'trader',
  'factors.save': 'trader',
  'factors.saveComposite': 'trader',
  'factors.cancel': 'trader',
  // Puts an instrument on the desk every user trades from: the desk's decision.
  'data.enableTrading': 'admin',
  'portfolio.frontier': 'viewer',
  'portfolio.sendRebalance': 'trader',
  'portfolio.cancelBasket': 'trader',
  'ml.models': 'viewer',
  // The production model is what the team's strategies read; rolling back is a safety action, like halting.
  'ml.promote': 'admin',
  'ml.rollback': 'trader',
  'ml.train': 'trader',
  'ml.cancel': 'trader',
  'ml.compare': 'viewer',
  'ml.predict': 'viewer',
  // Shadow changes no served prediction, only what a comparison by name scores: stored research.
  'ml.shadow': 'trader',
  'strategies.list': 'viewer',
  'strategies.gate': 'viewer',
  // The gate: the trader approves each stage (live still needs its capital limit).
  'strategies.deploy': 'trader',
  'strategies.promote': 'trader',
  'strategies.pause': 'trader',
  'strategies.resume': 'trader',
  'strategies.stop': 'trader',
  'strategies.rollback': 'trader',
  'sync.status': 'viewer',
  'sync.firmPositions': 'viewer',
  // Where the shared record lives, and the firm's limits: not one trader's to change.
  'sync.configure': 'admin',
  'sync.publishLimits': 'admin',
  'sync.publishStrategy': 'admin',
  'backup.list': 'viewer',
  'backup.now': 'trader',
  'execution.submit': 'trader',
  'execution.cancel': 'trader',
  'execution.pause': 'trader',
  'execution.resume': 'trader',
  'execution.modify': 'trader',
  'execution.parents': 'viewer',
  'execution.detail': 'viewer',
  'execution.venueStats': 'viewer',
  'execution.venues': 'viewer',
  'tca.report': 'viewer',
  'tca.rollup': 'viewer',
} as const satisfies Record<MethodName, Role>;

/** The least role `method` needs; admin for a name the table does not know (refused by the dispatcher anyway). */
export const roleNeededFor = (method: string): Role =>
  Object.prototype.hasOwnProperty.call(METHOD_ROLES, method) ? METHOD_ROLES[method as MethodName] : 'admin';
