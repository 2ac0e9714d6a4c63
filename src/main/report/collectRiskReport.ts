// Collects the current risk report from the running workstation: the book, P&L and limits from the trading node, the
// performance backcast from the market store, and VaR, stress, exposures and breaches from injected sources.
import type { z } from 'zod';
import type { LimitUtilization } from '../../core/trading/risk/limits';
import type { PnlSummary, PositionSnapshot } from '../../core/model/position';
import { assembleRiskReport } from '../../core/report/riskReport';
import { backcastPerformance, describeBackcastError, type BackcastHolding } from '../../core/report/riskReportBackcast';
import { available, notAvailable, type BreachRecord, type ExposureSection, type PerformanceSection, type Section, type StressSection, type VarSection } from '../../core/report/riskReportSections';
import type { RiskReport } from '../../core/report/riskReportTypes';
import { breachesSchema, exposureSectionSchema, riskReportSchema, stressSectionSchema, tcaSummarySchema, varSectionSchema } from '../../shared/contracts/riskReport';
import type { TcaSummary } from '../../core/execution/tca';

/**
 * One async function per section the risk engine and the limit monitor provide; the integrator wires them. A source
 * left out makes its section "not available", never a made-up number.
 */
export interface RiskReportSources {
  readonly exposures?: () => Promise<ExposureSection>;
  readonly valueAtRisk?: () => Promise<VarSection>;
  readonly stress?: () => Promise<StressSection>;
  /** Breaches that started at or after `since` (epoch ms), or are still open. */
  readonly breaches?: (since: number) => Promise<readonly BreachRecord[]>;
  /** Costs of the SMART orders and algorithms created in [from, to) (epoch ms). */
  readonly tca?: (from: number, to: number) => Promise<TcaSummary>;
}

/** What the report reads from the trading node. */
export interface BookView {
  readonly account: string;
  readonly baseCurrency: string;
  venues(): string[];
  positions(): PositionSnapshot[];
  pnl(): PnlSummary;
  fxToBase(currency: string): number | undefined;
  utilization(now: number): LimitUtilization[];
  /** Capital + net P&L in the base currency: where the backcast ends. */
  equity(): number;
}

export interface CollectDeps {
  readonly book: BookView;
  readonly dailyCloses: (symbol: string) => Promise<{ times: ArrayLike<number>; closes: ArrayLike<number> }>;
  readonly sources: RiskReportSources;
  readonly dataDir: string;
  readonly now: () => number;
  /** Daily returns in the performance backcast (default 252, a year). */
  readonly performanceDays?: number;
}

export type CollectProgress = (done: number, total: number, detail: string) => void;

export const COLLECT_STEPS = 8;

const NOT_WIRED: Readonly<Record<keyof RiskReportSources, string>> = {
  exposures: 'no exposure source is connected to this workstation (the portfolio risk engine is not running)',
  valueAtRisk: 'no VaR source is connected to this workstation (the portfolio risk engine is not running)',
  stress: 'no stress-test source is connected to this workstation (the portfolio risk engine is not running)',
  breaches: 'no breach history is connected to this workstation (the limit monitor is not running)',
  tca: 'no execution desk is connected to this workstation',
};

/** Asks a source, checks its answer with the section's schema; a missing source, a failure or a refused answer says why. */
async function fromSource<T>(name: keyof RiskReportSources, source: (() => Promise<unknown>) | undefined, schema: z.ZodType<unknown>): Promise<Section<T>> {
  if (!source) return notAvailable(NOT_WIRED[name]);
  let answer: unknown;
  try {
    answer = await source();
  } catch (e) {
    return notAvailable(`the ${name} source failed: ${(e as Error)?.message ?? String(e)}`);
  }
  const parsed = schema.safeParse(answer);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return notAvailable(`the ${name} source's answer was refused: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return available(parsed.data as T);
}

async function performance(deps: CollectDeps, positions: readonly PositionSnapshot[]): Promise<Section<PerformanceSection>> {
  const holdings: BackcastHolding[] = [];
  for (const p of positions.filter((x) => x.quantity !== 0)) {
    const fx = deps.book.fxToBase(p.currency);
    if (fx === undefined) return notAvailable(`no FX rate from ${p.currency} to ${deps.book.baseCurrency} for ${p.symbol}`);
    const bars = await deps.dailyCloses(p.symbol);
    if (bars.times.length === 0) return notAvailable(`no stored daily closes for ${p.symbol}`);
    holdings.push({ symbol: p.symbol, quantity: p.quantity, fxToBase: fx, times: bars.times, closes: bars.closes });
  }
  const result = backcastPerformance(holdings, deps.book.equity(), deps.performanceDays ?? 252);
  return result.ok ? available(result.value) : notAvailable(describeBackcastError(result.error));
}

export async function collectRiskReport(deps: CollectDeps, progress: CollectProgress = () => undefined): Promise<RiskReport> {
  const { book, sources } = deps;
  const generatedAt = deps.now();
  const startOfDay = generatedAt - (generatedAt % 86_400_000);
  const step = (done: number, detail: string) => progress(done, COLLECT_STEPS, detail);
  step(0, 'positions and P&L');
  const positions = book.positions();
  const fxToBase: Record<string, number> = {};
  for (const p of positions) {
    const rate = book.fxToBase(p.currency);
    if (rate !== undefined) fxToBase[p.currency] = rate;
  }
  const pnl = book.pnl();
  step(1, 'limit utilization');
  const limits = available(book.utilization(generatedAt));
  step(2, 'exposures');
  const exposures = await fromSource<ExposureSection>('exposures', sources.exposures, exposureSectionSchema);
  step(3, 'value at risk');
  const valueAtRisk = await fromSource<VarSection>('valueAtRisk', sources.valueAtRisk, varSectionSchema);
  step(4, 'stress tests');
  const stress = await fromSource<StressSection>('stress', sources.stress, stressSectionSchema);
  step(5, "today's breaches");
  const breaches = await fromSource<readonly BreachRecord[]>('breaches', sources.breaches && (() => sources.breaches!(startOfDay)), breachesSchema);
  step(6, 'performance');
  const perf = await performance(deps, positions);
  step(7, 'transaction costs');
  const tca = await fromSource<TcaSummary>('tca', sources.tca && (() => sources.tca!(startOfDay, generatedAt + 1)), tcaSummarySchema);
  const report = assembleRiskReport({
    generatedAt,
    baseCurrency: book.baseCurrency,
    account: book.account,
    venues: book.venues(),
    dataDir: deps.dataDir,
    positions,
    fxToBase,
    pnl,
    limits,
    exposures,
    valueAtRisk,
    stress,
    breaches,
    performance: perf,
    tca,
  });
  // The report is checked as a file reader would check it: a non-finite figure is a bug here, named by its path.
  const checked = riskReportSchema.safeParse(report);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new Error(`the assembled risk report is malformed at ${issue.path.join('.')}: ${issue.message}`);
  }
  step(8, 'assembled');
  return report;
}
