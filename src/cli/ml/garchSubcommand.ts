// `nautilus ml garch`: GARCH(1,1) on a return series as given (CSV) or on a stored symbol's percent log returns.
import { ewmaVolatility } from '../../core/ml/ewma';
import { fitGarch, forecastGarchSd, type GarchDistribution } from '../../core/ml/garch';
import { parseCommandArgs } from '../args';
import { EXIT_OK, EXIT_USAGE, type CliCommand, type CliIO } from '../command';
import { describeModelError, intOption, toJson } from './mlOutput';
import { loadReturnSeries } from './returnSeriesInput';

export const GARCH_USAGE = `usage: nautilus ml garch (--symbol X | --input <returns.csv>) [--dist normal|t] [--horizon 5] [--data-dir DIR] [--json]

  --input     a CSV with a header: a return column (ret, return, returns, r, log_return) and optionally date;
              the returns are used as given (percent returns keep omega away from tiny numbers)
  --symbol    daily log returns × 100 of the symbol's stored daily closes
  --dist      conditional distribution: normal (default) or t (standardized Student-t, fitted nu)
  --horizon   days of conditional standard deviation forecasts (default 5, at most 250)
  --json      one object: mu, omega, alpha, beta, (nu), logLikelihood (full, constants included, as fGarch),
              forecast (σ for horizons 1…h, in the returns' units), persistence, observations, ewmaSd`;

const DISTRIBUTIONS: Record<string, GarchDistribution> = { normal: 'normal', norm: 'normal', t: 't', std: 't' };

async function runGarch(argv: readonly string[], io: CliIO): Promise<number> {
  const fail = (message: string): number => (io.err(`nautilus ml garch: ${message}\n`), EXIT_USAGE);
  const parsed = parseCommandArgs(argv, {
    symbol: { type: 'string' },
    input: { type: 'string' },
    dist: { type: 'string' },
    horizon: { type: 'string' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (!parsed.ok) return fail(`${parsed.error}\n\n${GARCH_USAGE}`);
  const v = parsed.value.values;
  if (v.help) return io.out(`${GARCH_USAGE}\n`), EXIT_OK;
  const distribution = DISTRIBUTIONS[(v.dist as string | undefined) ?? 'normal'];
  if (!distribution) return fail(`--dist must be normal or t, got '${String(v.dist)}'`);
  const horizon = intOption(v.horizon as string | undefined, '--horizon', 5, 1, 250);
  if (!horizon.ok) return fail(horizon.error);
  const series = await loadReturnSeries({ symbol: v.symbol as string | undefined, input: v.input as string | undefined, dataDir: v['data-dir'] as string | undefined });
  if (!series.ok) return fail(series.error);
  const fit = fitGarch(series.value.returns, { distribution });
  if (!fit.ok) return fail(describeModelError(fit.error, series.value));
  const m = fit.value;
  const forecast = forecastGarchSd(m, horizon.value);
  const ewma = ewmaVolatility(series.value.returns);
  const result = {
    distribution,
    mu: m.mu,
    omega: m.omega,
    alpha: m.alpha,
    beta: m.beta,
    ...(m.nu === undefined ? {} : { nu: m.nu }),
    logLikelihood: m.logLikelihood,
    forecast: Array.from(forecast),
    persistence: m.persistence,
    observations: m.observations,
    ewmaSd: ewma.ok ? ewma.value.nextSd : null,
  };
  if (v.json) {
    io.out(`${toJson(result)}\n`);
    return EXIT_OK;
  }
  const f = (x: number, d = 6) => x.toFixed(d);
  const lines = [
    `GARCH(1,1), ${distribution === 't' ? 'Student-t' : 'normal'} errors, ${m.observations} returns of ${series.value.source}`,
    `  mu ${f(m.mu)}  omega ${f(m.omega)}  alpha ${f(m.alpha)}  beta ${f(m.beta)}${m.nu === undefined ? '' : `  nu ${f(m.nu, 3)}`}`,
    `  persistence ${f(m.persistence, 4)}  log-likelihood ${f(m.logLikelihood, 4)}`,
    `  σ forecast: ${Array.from(forecast, (s, k) => `T+${k + 1} ${f(s, 4)}`).join('  ')}`,
    `  EWMA (λ 0.94) next-day σ: ${result.ewmaSd === null ? 'n/a' : f(result.ewmaSd, 4)}`,
  ];
  io.out(`${lines.join('\n')}\n`);
  return EXIT_OK;
}

export const mlGarchCommand: CliCommand = {
  name: 'ml garch',
  summary: 'GARCH(1,1) volatility (normal or t) on a return CSV or a stored symbol, with σ forecasts',
  usage: GARCH_USAGE,
  run: runGarch,
};
