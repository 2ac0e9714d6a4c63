// `nautilus ml hmm`: market regimes of a return series (CSV) or a stored symbol, by a Gaussian hidden Markov model.
import { expectedDurations, fitGaussianHmm, HMM_MAX_STATES, HMM_MIN_STATES, type HmmFit } from '../../core/ml/hmm';
import { SeededRandom } from '../../core/model/clock';
import { parseCommandArgs } from '../args';
import { EXIT_OK, EXIT_USAGE, type CliCommand, type CliIO } from '../command';
import { describeModelError, intOption, toJson } from './mlOutput';
import { loadReturnSeries, type ReturnSeries } from './returnSeriesInput';

export const HMM_USAGE = `usage: nautilus ml hmm (--symbol X | --input <returns.csv>) [--states 2] [--starts 10] [--seed 1] [--days] [--data-dir DIR] [--json]

  --states    hidden states, ${HMM_MIN_STATES}–${HMM_MAX_STATES} (default 2); reported calmest first (ascending variance)
  --starts    Baum-Welch starts, the best likelihood kept (default 10); --seed makes them reproducible (default 1)
  --days      also print every day: date (when known), Viterbi state, filtered and smoothed probabilities
  --json      one object: regimes (mean, sd, expected duration in days, share of days), transition (row = from),
              logLikelihood, converged, the last day's probabilities (and days with --days)`;

const rows = (flat: Float64Array, k: number, t: number): number[] => Array.from(flat.subarray(t * k, t * k + k));

function report(m: HmmFit, series: ReturnSeries, withDays: boolean): unknown {
  const k = m.states;
  const n = m.observations;
  const durations = expectedDurations(m);
  const counts = new Array<number>(k).fill(0);
  for (const s of m.path) counts[s]!++;
  return {
    states: k,
    observations: n,
    logLikelihood: m.logLikelihood,
    converged: m.converged,
    iterations: m.iterations,
    starts: m.starts,
    regimes: Array.from({ length: k }, (_, j) => ({ state: j, mean: m.means[j], sd: Math.sqrt(m.variances[j]!), expectedDuration: durations[j], share: counts[j]! / n })),
    transition: Array.from({ length: k }, (_, i) => rows(m.transition, k, i)),
    initial: Array.from(m.initial),
    last: { state: m.path[n - 1], filtered: rows(m.filtered, k, n - 1), smoothed: rows(m.smoothed, k, n - 1) },
    ...(withDays
      ? {
          days: Array.from({ length: n }, (_, t) => ({
            ...(series.times ? { date: new Date(series.times[t]!).toISOString().slice(0, 10) } : {}),
            state: m.path[t],
            filtered: rows(m.filtered, k, t),
            smoothed: rows(m.smoothed, k, t),
          })),
        }
      : {}),
  };
}

async function runHmm(argv: readonly string[], io: CliIO): Promise<number> {
  const fail = (message: string): number => (io.err(`nautilus ml hmm: ${message}\n`), EXIT_USAGE);
  const parsed = parseCommandArgs(argv, {
    symbol: { type: 'string' },
    input: { type: 'string' },
    states: { type: 'string' },
    starts: { type: 'string' },
    seed: { type: 'string' },
    days: { type: 'boolean' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (!parsed.ok) return fail(`${parsed.error}\n\n${HMM_USAGE}`);
  const v = parsed.value.values;
  if (v.help) return io.out(`${HMM_USAGE}\n`), EXIT_OK;
  const states = intOption(v.states as string | undefined, '--states', 2, HMM_MIN_STATES, HMM_MAX_STATES);
  const starts = intOption(v.starts as string | undefined, '--starts', 10, 1, 1000);
  const seed = intOption(v.seed as string | undefined, '--seed', 1, 0, 2 ** 32 - 1);
  for (const o of [states, starts, seed]) if (!o.ok) return fail(o.error);
  if (!states.ok || !starts.ok || !seed.ok) return EXIT_USAGE;
  const series = await loadReturnSeries({ symbol: v.symbol as string | undefined, input: v.input as string | undefined, dataDir: v['data-dir'] as string | undefined });
  if (!series.ok) return fail(series.error);
  const fit = fitGaussianHmm(series.value.returns, { states: states.value, starts: starts.value, random: new SeededRandom(seed.value) });
  if (!fit.ok) return fail(describeModelError(fit.error, series.value));
  const m = fit.value;
  if (v.json) {
    io.out(`${toJson(report(m, series.value, v.days === true))}\n`);
    return EXIT_OK;
  }
  const durations = expectedDurations(m);
  const k = m.states;
  const last = rows(m.smoothed, k, m.observations - 1);
  const lines = [
    `Gaussian HMM, ${k} states, ${m.observations} returns of ${series.value.source}: log-likelihood ${m.logLikelihood.toFixed(4)}${m.converged ? '' : ' (NOT CONVERGED: more --starts or check the data)'}`,
    ...Array.from({ length: k }, (_, j) => `  state ${j}: mean ${m.means[j]!.toFixed(4)}  sd ${Math.sqrt(m.variances[j]!).toFixed(4)}  stays ${durations[j]!.toFixed(1)} days  P(now) ${(100 * last[j]!).toFixed(1)}%`),
  ];
  if (v.days) {
    lines.push(`day,${series.value.times ? 'date,' : ''}state,${Array.from({ length: k }, (_, j) => `smoothed_${j}`).join(',')}`);
    for (let t = 0; t < m.observations; t++) {
      const date = series.value.times ? `${new Date(series.value.times[t]!).toISOString().slice(0, 10)},` : '';
      lines.push(`${t},${date}${m.path[t]},${rows(m.smoothed, k, t).map((p) => p.toFixed(6)).join(',')}`);
    }
  }
  io.out(`${lines.join('\n')}\n`);
  return EXIT_OK;
}

export const mlHmmCommand: CliCommand = {
  name: 'ml hmm',
  summary: 'market regimes (Gaussian HMM, 2–4 states) of a return CSV or a stored symbol',
  usage: HMM_USAGE,
  run: runHmm,
};
