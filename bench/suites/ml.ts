// ML benchmark: GARCH(1,1) fits on 5,000 simulated daily returns against R's fGarch on the same series in the same
// run, a 2-state HMM fit, the latency of one σ forecast from a fitted model, and gradient-boosted trees on 1,000,000
// rows × 50 features against XGBoost's hist on the same rows, with one prediction's latency.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { gbtFigures } from './mlTrees';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fitGarch, fitGaussianHmm, forecastGarchSd, simulateGarch, type GarchDistribution, type GarchModel } from '../../src/core/ml';
import { SeededRandom } from '../../src/core/model';
import { percentile, type BenchFigure, type BenchOptions, type BenchSuite } from '../harness';

const RSCRIPT = process.env.NAUTILUS_RSCRIPT ?? 'Rscript';
/** Written next to the data at run time: the built CLI bundles this suite into a chunk, so no path to a script file holds. */
const R_TIMING_SCRIPT = String.raw`# Peer timing for 'nautilus bench ml': fGarch's garchFit(~garch(1,1)) on a one-column return CSV, 'reps' timed fits
# after one warm-up, inside one R process (R's start-up is not counted). Prints JSON: ms per fit (each) and the fit.
# usage: Rscript garch_timing.R <file.csv> <norm|std> <reps>
suppressMessages(library(fGarch))
args <- commandArgs(trailingOnly = TRUE)
x <- read.csv(args[1])[[1]]
fit1 <- function() garchFit(~garch(1, 1), data = x, cond.dist = args[2], include.mean = TRUE, trace = FALSE)
fit <- fit1()
ms <- numeric(as.integer(args[3]))
for (i in seq_along(ms)) {
  t0 <- proc.time()[["elapsed"]]
  fit <- fit1()
  ms[i] <- 1000 * (proc.time()[["elapsed"]] - t0)
}
cat(sprintf('{"ms":[%s],"llh":%.17g}\n', paste(sprintf("%.6g", ms), collapse = ","), fit@fit$llh))
`;

function timeMs(reps: number, fn: () => void): Float64Array {
  fn(); // warm-up: JIT, as R's first fit is excluded too
  const out = new Float64Array(reps);
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    out[i] = performance.now() - t0;
  }
  return out.sort();
}

function rFgarchMs(script: string, file: string, dist: 'norm' | 'std', reps: number): { p50: number; p99: number; llh: number } | string {
  const run = spawnSync(RSCRIPT, [script, file, dist, String(reps)], { encoding: 'utf8', timeout: 600_000 });
  if (run.status !== 0) return `fGarch peer unavailable (exit ${run.status}): ${(run.stderr || String(run.error ?? '')).trim().split('\n').slice(-3).join(' ')}`;
  const parsed = JSON.parse(run.stdout) as { ms: number[]; llh: number };
  const ms = Float64Array.from(parsed.ms).sort();
  return { p50: percentile(ms, 50), p99: percentile(ms, 99), llh: parsed.llh };
}

async function run(options: BenchOptions): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const n = 5000;
  const reps = options.quick ? 3 : 30;
  const dir = mkdtempSync(join(tmpdir(), 'nautilus-bench-ml-'));
  const script = join(dir, 'garch_timing.R');
  writeFileSync(script, R_TIMING_SCRIPT);
  try {
    for (const distribution of ['normal', 't'] as GarchDistribution[]) {
      const x = simulateGarch({ distribution, mu: 0.03, omega: 0.02, alpha: 0.08, beta: 0.9, nu: 6 }, n, new SeededRandom(42));
      const file = join(dir, `${distribution}.csv`);
      writeFileSync(file, `ret\n${Array.from(x, (v) => v.toPrecision(17)).join('\n')}\n`);
      let fitted: GarchModel | undefined;
      let logLikelihood = NaN;
      const ms = timeMs(reps, () => {
        const fit = fitGarch(x, { distribution });
        if (!fit.ok) throw new Error(fit.error.message);
        fitted = fit.value;
        logLikelihood = fit.value.logLikelihood;
      });
      options.progress(`GARCH ${distribution}: ours p50 ${percentile(ms, 50).toFixed(2)} ms; fGarch running…`);
      const peer = rFgarchMs(script, file, distribution === 't' ? 'std' : 'norm', options.quick ? 2 : 10);
      const p50 = percentile(ms, 50);
      const figure: BenchFigure = { suite: 'ml', name: `GARCH(1,1) ${distribution} fit, ${n.toLocaleString('en-US')} daily returns (ms)`, value: p50, unit: 'ms', p50, p99: percentile(ms, 99) };
      if (typeof peer === 'string') {
        options.progress(peer);
        figures.push(figure);
      } else {
        figures.push({ ...figure, peer: 'R fGarch garchFit (nlminb), in-process timing', peerValue: peer.p50, ratio: peer.p50 / p50 });
        options.progress(`  log-likelihood ours ${logLikelihood.toFixed(6)}, fGarch ${(-peer.llh).toFixed(6)}`);
      }
      if (fitted && distribution === 'normal') {
        const model = fitted;
        const batch = 10_000;
        const perCallUs = timeMs(options.quick ? 5 : 50, () => {
          let sink = 0;
          for (let i = 0; i < batch; i++) sink += forecastGarchSd(model, 1)[0]!;
          if (!(sink > 0)) throw new Error('forecast not positive');
        }).map((t) => (t * 1000) / batch);
        figures.push({ suite: 'ml', name: 'one-day σ forecast from a fitted GARCH (µs per request)', value: percentile(perCallUs, 50), unit: 'µs', p50: percentile(perCallUs, 50), p99: percentile(perCallUs, 99) });
      }
    }
    const hmmX = simulateGarch({ distribution: 'normal', mu: 0.03, omega: 0.02, alpha: 0.08, beta: 0.9 }, n, new SeededRandom(7));
    const hmmMs = timeMs(options.quick ? 1 : 5, () => {
      const fit = fitGaussianHmm(hmmX, { states: 2, random: new SeededRandom(1), starts: 10 });
      if (!fit.ok) throw new Error(fit.error.message);
    });
    figures.push({ suite: 'ml', name: `2-state Gaussian HMM, 10 Baum-Welch starts, ${n.toLocaleString('en-US')} returns (ms)`, value: percentile(hmmMs, 50), unit: 'ms', p50: percentile(hmmMs, 50), p99: percentile(hmmMs, 99) });
    figures.push(...gbtFigures(options, dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

export const mlSuite: BenchSuite = { name: 'ml', summary: 'GARCH(1,1) fit vs R fGarch, HMM fit, forecast latency, gradient-boosted trees vs XGBoost hist', run };
