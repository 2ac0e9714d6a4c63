// GARCH(1,1) against R's fGarch (garchFit ~garch(1,1), include.mean = TRUE) on real series: fGarch's benchmark
// DEM/GBP returns and the DAX's daily log returns × 100, normal and Student-t errors, run by Rscript in the same test.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fitGarch, forecastGarchSd, type GarchDistribution } from '../../../../src/core/ml/garch';

const RSCRIPT = process.env.NAUTILUS_RSCRIPT ?? 'Rscript';
const REFERENCE = fileURLToPath(new URL('../../../reference/garch_reference.R', import.meta.url));
const REAL = fileURLToPath(new URL('../../../fixtures/real/', import.meta.url));
const HORIZON = 10;
/**
 * Tolerances. Both fits maximise the same likelihood (same recursion start, same constants), so the log-likelihoods
 * agree to float noise of the optimum; parameters agree to the flatness of the likelihood around it, which nlminb's
 * stopping rule and ours leave at ~1e-5 relative; the forecasts inherit that.
 */
const LLH_ABS = 1e-6;
const PARAM_REL = 1e-4;
const FORECAST_REL = 1e-5;
/** Each case starts R and loads fGarch (seconds each, and far more on a loaded two-core machine). */
const R_CASE_TIMEOUT_MS = 180_000;

const probe = spawnSync(RSCRIPT, ['-e', 'suppressMessages(library(fGarch))'], { encoding: 'utf8' });
const rReady = probe.status === 0;

interface Reference {
  mu: number;
  omega: number;
  alpha: number;
  beta: number;
  nu: number | null;
  llh: number;
  forecast: number[];
  lastSigma: number;
}

function reference(file: string, dist: 'norm' | 'std'): Reference {
  const run = spawnSync(RSCRIPT, [REFERENCE, file, dist, String(HORIZON)], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`fGarch reference failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Reference;
}

const readColumn = (file: string, column: number): number[] =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => Number(line.split(',')[column]));

const dir = mkdtempSync(join(tmpdir(), 'nautilus-garch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function daxReturnsFile(): string {
  const closes = readColumn(join(REAL, 'EuStockMarkets.csv'), 1);
  const returns = closes.slice(1).map((c, i) => 100 * Math.log(c / closes[i]!));
  const file = join(dir, 'dax.csv');
  writeFileSync(file, `ret\n${returns.map((r) => r.toPrecision(17)).join('\n')}\n`);
  return file;
}

const rel = (ours: number, theirs: number): number => Math.abs(ours - theirs) / Math.abs(theirs);

describe.runIf(rReady)('GARCH(1,1) against fGarch', () => {
  const series = [
    ['DEM/GBP (fGarch dem2gbp)', join(REAL, 'dem2gbp.csv')],
    ['DAX log returns × 100', ''],
  ] as const;
  for (const [name, path] of series) {
    for (const [dist, rDist] of [['normal', 'norm'], ['t', 'std']] as Array<[GarchDistribution, 'norm' | 'std']>) {
      it(`${name}, ${dist} errors: parameters, log-likelihood and the ${HORIZON}-day σ forecasts`, () => {
        const file = path || daxReturnsFile();
        const ref = reference(file, rDist);
        const fit = fitGarch(readColumn(file, 0), { distribution: dist });
        if (!fit.ok) throw new Error(fit.error.message);
        const m = fit.value;
        expect(Math.abs(m.logLikelihood + ref.llh), `log-likelihood ${m.logLikelihood} vs fGarch −${ref.llh}`).toBeLessThan(LLH_ABS);
        for (const key of ['mu', 'omega', 'alpha', 'beta'] as const) expect(rel(m[key], ref[key]), `${key}: ours ${m[key]}, fGarch ${ref[key]}`).toBeLessThan(PARAM_REL);
        if (dist === 't') expect(rel(m.nu!, ref.nu!), `nu: ours ${m.nu}, fGarch ${ref.nu}`).toBeLessThan(PARAM_REL);
        else expect(m.nu).toBeUndefined();
        expect(rel(m.conditionalSd[m.conditionalSd.length - 1]!, ref.lastSigma)).toBeLessThan(FORECAST_REL);
        const forecast = forecastGarchSd(m, HORIZON);
        ref.forecast.forEach((sd, k) => expect(rel(forecast[k]!, sd), `σ(T+${k + 1}): ours ${forecast[k]}, fGarch ${sd}`).toBeLessThan(FORECAST_REL));
      }, R_CASE_TIMEOUT_MS);
    }
  }
});

describe.skipIf(rReady)('GARCH(1,1) against fGarch (skipped)', () => {
  it.skip(`needs ${RSCRIPT} with fGarch (r-cran-fgarch): ${(probe.stderr || String(probe.error ?? '')).trim()}`, () => {});
});
