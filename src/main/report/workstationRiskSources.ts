// The risk report's VaR, stress, exposure and breach sections from the workstation's own services: the same figures
// `risk var|stress|exposures` and `risk.breaches` give.
import { DEFAULT_VAR_WINDOW } from '../../core/risk/riskConventions';
import { confidenceKey } from '../../core/risk/bookVar';
import type { VarReport } from '../../core/risk/varReport';
import type { ExposureBucket } from '../../core/risk/exposures';
import {
  VAR_METHODS,
  type ComponentVarFigure,
  type ExposureDimension,
  type ExposureRow,
  type VarFigure,
  type VarSection,
} from '../../core/report/riskReportSections';
import { riskExposuresRequestSchema, riskStressRequestSchema, riskVarRequestSchema } from '../../shared/contracts/portfolioRisk';
import type { BreachStore } from '../trading/breachStore';
import type { TradingService } from '../trading/tradingService';
import { tcaSummary } from '../../core/execution/tca';
import type { PortfolioRiskService } from '../risk/portfolioRiskService';
import type { RiskReportSources } from './collectRiskReport';

const CONFIDENCES = [0.95, 0.99] as const;

/** Throws with the service's own message: the report marks the section "not available: <message>". */
function value<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

export function varSection(report: VarReport): VarSection {
  const figures: VarFigure[] = [];
  const components: ComponentVarFigure[] = [];
  for (const method of VAR_METHODS) {
    const total = report[method];
    if (!total) continue;
    for (const confidence of CONFIDENCES) {
      const key = confidenceKey(confidence);
      const valueAtRisk = total[`var${key}`];
      const expectedShortfall = total[`es${key}`];
      if (valueAtRisk === undefined || expectedShortfall === undefined) continue;
      figures.push({ method, confidence, valueAtRisk, expectedShortfall });
      for (const c of report.components) {
        const figuresOf = c[method];
        const component = figuresOf?.[`var${key}`];
        if (component === undefined) continue;
        components.push({ symbol: c.symbol, method, confidence, component, marginal: figuresOf?.[`marginalVar${key}`] ?? null });
      }
    }
  }
  return { bookValue: report.value, window: report.window, horizonDays: 1, figures, components, conventions: report.conventions };
}

const rowsOf = (dimension: ExposureDimension, buckets: readonly ExposureBucket[]): ExposureRow[] =>
  buckets.map((b) => ({ dimension, key: b.key, long: b.long, short: b.short, gross: b.gross, net: b.net }));

const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

export function workstationRiskSources(risk: PortfolioRiskService, breaches: BreachStore, trading: Pick<TradingService, 'tcaParents'>): RiskReportSources {
  return {
    valueAtRisk: async () => varSection(value(await risk.var(riskVarRequestSchema.parse({ window: DEFAULT_VAR_WINDOW, confidences: [...CONFIDENCES] })))),
    stress: async () => {
      const report = value(await risk.stress(riskStressRequestSchema.parse({})));
      const fraction = (pnl: number) => (report.value === 0 ? 0 : pnl / Math.abs(report.value));
      return {
        results: [
          ...report.historical.map((w) => ({
            scenario: `worst ${w.horizonDays}-day window`,
            kind: 'historical' as const,
            description: `${isoDay(w.start)} to ${isoDay(w.end)}`,
            pnl: w.pnl,
            pnlFraction: fraction(w.pnl),
          })),
          ...(report.shocks ? [{ scenario: report.shocks.name, kind: 'shock' as const, description: `${report.shocks.positions.length} positions shocked`, pnl: report.shocks.pnl, pnlFraction: fraction(report.shocks.pnl) }] : []),
        ],
        conventions: report.conventions,
      };
    },
    exposures: async () => {
      const report = value(await risk.exposures(riskExposuresRequestSchema.parse({})));
      return {
        rows: [...rowsOf('symbol', report.bySymbol), ...rowsOf('sector', report.bySector), ...rowsOf('industry', report.byIndustry), ...rowsOf('currency', report.byCurrency)],
        beta: report.beta ? { benchmark: report.beta.benchmark, value: report.beta.book } : null,
        liquidity: report.liquidity.positions.flatMap((p) => (p.daysToLiquidate === null ? [] : [{ symbol: p.symbol, daysToLiquidate: p.daysToLiquidate }])),
        conventions: report.conventions,
      };
    },
    tca: async (from, to) => {
      const parents = trading.tcaParents();
      if (!parents.ok) throw new Error(`the TCA log is unreadable at line ${parents.error.line} (${parents.error.path || 'record'}): ${parents.error.message}`);
      return tcaSummary(parents.value, from, to);
    },
    breaches: async (since) => breaches.list({ from: since }).map((b) => ({ time: b.time, limitId: b.limitId, kind: b.kind, value: b.value, threshold: b.threshold, clearedAt: b.clearedAt })),
  };
}
