// The live order path's VaR/ES estimator: a ScenarioBook over the desk's stored daily returns, kept in step with the book.
import type { Instrument } from '../../core/model/instrument';
import { alignCloses, returnWindow, type DailyCloses } from '../../core/risk/scenarioHistory';
import { ScenarioBook } from '../../core/risk/scenarioBook';
import type { RiskInstrument } from '../../core/risk/bookValuation';
import { describeRiskError } from '../../core/risk/riskErrors';
import type { TradingCore } from '../../core/trading/tradingCore';
import type { MessageBus } from '../bus/messageBus';
import type { MarketStore } from '../storage/market/marketStore';
import { netBySymbol } from './riskBookSource';

export interface LiveRiskEstimatorOptions {
  readonly store: MarketStore;
  readonly core: TradingCore;
  readonly instruments: readonly Instrument[];
  readonly bus: MessageBus;
  /** Daily returns in the scenario window (the risk report's and `risk var`'s default: 500). */
  readonly window?: number;
  /** How often every holding is marked again at its latest price (positions also resync on every change). */
  readonly remarkMs?: number;
  readonly log: (level: 'info' | 'warn', message: string) => void;
}

export interface LiveRiskEstimator {
  readonly book: ScenarioBook;
  stop(): void;
}

/**
 * Reads the desk instruments' stored daily closes, builds the scenario window and hands the trading core's pre-trade
 * risk the ScenarioBook as its estimator. Without enough history it logs why and leaves no estimator: VaR and ES limits
 * then refuse orders that add risk (RISK_ESTIMATE_UNAVAILABLE) rather than pass them unchecked.
 */
export async function startLiveRiskEstimator(options: LiveRiskEstimatorOptions): Promise<LiveRiskEstimator | undefined> {
  const { store, core, bus, log } = options;
  const window = options.window ?? 500;
  const series: DailyCloses[] = [];
  const lastClose = new Map<string, number>();
  for (const instrument of options.instruments) {
    const bars = await store.readBars(instrument.symbol, '1D');
    if (bars.close.length <= window) continue;
    series.push({ symbol: instrument.symbol, time: bars.time, close: bars.close });
    lastClose.set(instrument.symbol, bars.close[bars.close.length - 1]!);
  }
  if (series.length === 0) {
    log('warn', `pre-trade VaR/ES: no symbol has ${window + 1} daily closes; VaR and ES limits will refuse orders that add risk`);
    return undefined;
  }
  const aligned = alignCloses(series);
  const returns = aligned.ok ? returnWindow(aligned.value, window) : aligned;
  if (!returns.ok) {
    log('warn', `pre-trade VaR/ES unavailable: ${describeRiskError(returns.error)}`);
    return undefined;
  }
  const riskInstruments = new Map<string, RiskInstrument>(
    options.instruments.map((i) => [i.symbol, { symbol: i.symbol, currency: i.currency, multiplier: i.multiplier, sector: i.sector ?? 'Unclassified' }]),
  );
  const book = new ScenarioBook(returns.value, riskInstruments, core.fx);
  const held = new Set<string>();
  const sync = () => {
    const now = netBySymbol(core.positions.positions());
    const seen = new Set<string>();
    for (const p of now) {
      const price = p.price ?? lastClose.get(p.symbol);
      if (price === undefined) continue;
      book.setPosition(p.symbol, p.quantity, price);
      seen.add(p.symbol);
    }
    for (const symbol of held) if (!seen.has(symbol)) book.setPosition(symbol, 0, 0);
    held.clear();
    for (const symbol of seen) held.add(symbol);
  };
  sync();
  const unsubscribe = bus.subscribe('trading.positions', () => sync());
  const remark = setInterval(() => {
    sync();
    book.rebuild();
  }, options.remarkMs ?? 5_000);
  remark.unref();
  core.risk.estimator = book;
  log('info', `pre-trade VaR/ES: ${returns.value.symbols.length} symbols × ${returns.value.days} daily returns`);
  return {
    book,
    stop() {
      unsubscribe();
      clearInterval(remark);
      if (core.risk.estimator === book) core.risk.estimator = undefined;
    },
  };
}
