// Factors benchmark: every library factor computed and IC-analysed over a universe across the factors workers; a
// 500 × 500 factor correlation matrix; and 20 library factors against pandas computing the same on the same data.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { correlationMatrix, evaluateOnPanel, FACTOR_LIBRARY, resolveFactor, type Panel } from '../../src/core/factors';
import { SeededRandom } from '../../src/core/model/clock';
import { syntheticOhlcv } from '../syntheticPanel';
import type { AnalyzedFactor, FactorsEngine } from '../../src/engines/factors/factorsEngine';
import { engineInstances } from '../../src/engines/registry';
import { runOnPool } from '../../src/main/engine-host/enginePool';
import { EngineSupervisor } from '../../src/main/engine-host/supervisor';
import { createWorkerEngineLauncher } from '../../src/main/headless/workerEngineLauncher';
import type { BenchFigure, BenchSuite } from '../harness';

const PYTHON = process.env.NAUTILUS_PYTHON ?? '/usr/bin/python3';
/** The peer script: next to the suite under tsx, from the checkout's bench/ when run from the built CLI. */
const PEER = [fileURLToPath(new URL('../peers/factors_pandas.py', import.meta.url)), resolve('bench/peers/factors_pandas.py')].find((p) => existsSync(p)) ?? 'bench/peers/factors_pandas.py';

/** The universe's size: the 3,000 × 2,520 unless NAUTILUS_BENCH_FACTORS=SYMBOLSxDATES says otherwise (a loaded machine). */
function universeSize(quick: boolean): { symbols: number; dates: number } {
  const custom = /^(\d+)x(\d+)$/.exec(process.env.NAUTILUS_BENCH_FACTORS ?? '');
  if (custom) return { symbols: Number(custom[1]), dates: Math.max(120, Number(custom[2])) };
  return quick ? { symbols: 100, dates: 300 } : { symbols: 3_000, dates: 2_520 };
}
/** The factors pandas computes too (bench/peers/factors_pandas.py spells the same formulas). */
const PEER_FACTORS = ['ROC', 'MA', 'STD', 'MAX', 'MIN', 'QTLU', 'RANK', 'RSV', 'CORR', 'CNTP'].flatMap((op) => [`${op}5`, `${op}20`]);

/** A seeded OHLCV universe on shared memory, symbol-major. */
function universe(symbols: number, dates: number): Panel {
  const panel = syntheticOhlcv(symbols, dates, 13, { shared: true });
  return { symbols: panel.symbols, times: panel.times, columns: new Map(Object.entries(panel.columns)), groups: new Map() };
}

export const factorsSuite: BenchSuite = {
  name: 'factors',
  summary: '150+ library factors × 3,000 symbols × 2,520 days computed and IC-analysed on the workers; 500 × 500 correlation; pandas peer',
  async run({ quick, progress }) {
    const { symbols, dates } = universeSize(quick);
    const workers = 2;
    const figures: BenchFigure[] = [];
    progress(`universe: ${symbols} symbols × ${dates} days`);
    const panel = universe(symbols, dates);
    const T = dates;

    // 1. Every library factor, computed and IC-analysed (IC at 1/5/20 bars, 5 quantiles) across the workers.
    const supervisor = new EngineSupervisor({ launcher: createWorkerEngineLauncher(), engines: engineInstances(['factors'], workers), onHealth: () => undefined });
    supervisor.start();
    try {
      const instances = supervisor.instancesOf('factors');
      await Promise.all(instances.map((name) => supervisor.call<FactorsEngine, unknown>(name, (e) => e.ping())));
      const message = { symbols: panel.symbols, times: panel.times, columns: Object.fromEntries(panel.columns), groups: {} };
      const t0 = performance.now();
      // CPU time of this process's threads (the workers are threads here): what the run costs whatever the load.
      const cpu0 = process.cpuUsage();
      await Promise.all(instances.map((name) => supervisor.call<FactorsEngine, unknown>(name, (e) => e.loadPanel('bench', message))));
      let done = 0;
      const options = { horizon: 5, horizons: [1, 5, 20], method: 'spearman' as const, quantiles: 5, minSymbols: 5 };
      const results = await runOnPool<FactorsEngine, string, Awaited<ReturnType<FactorsEngine['analyze']>>>(supervisor, instances, FACTOR_LIBRARY.map((f) => f.name), async (engine, name) => {
        const r = await engine.analyze('bench', { spec: { kind: 'library', name }, options });
        if (++done % 10 === 0) progress(`${done}/${FACTOR_LIBRARY.length} factors`);
        return r;
      });
      const seconds = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      const failed = results.find((r) => !r.ok);
      if (failed && !failed.ok) throw new Error(`factor failed: ${failed.error.message}`);
      const analyzed = results.map((r) => (r.ok ? r.value : undefined)).filter((r): r is AnalyzedFactor => r !== undefined);
      figures.push({ suite: 'factors', name: `${analyzed.length} factors × ${symbols} symbols × ${dates} days, computed + IC/quantiles/decay (${workers} workers)`, value: seconds, unit: 's' });
      figures.push({ suite: 'factors', name: 'factor-symbol-days per second (computed + analysed)', value: (analyzed.length * symbols * dates) / seconds, unit: 'values/s' });
      figures.push({ suite: 'factors', name: `CPU time of that run, all threads (${workers} workers + main); on ${workers} idle cores the wall time is about this / ${workers}`, value: cpuSeconds, unit: 's' });
    } finally {
      await supervisor.stop();
    }

    // 2. A 500 × 500 correlation matrix over 2,520 observations per factor.
    const k = 500;
    const rows = quick ? 500 : 2_520;
    const random = new SeededRandom(5);
    const columns = Array.from({ length: k }, () => Float64Array.from({ length: rows }, () => random.normal()));
    const c0 = performance.now();
    correlationMatrix(columns);
    figures.push({ suite: 'factors', name: `${k} × ${k} correlation matrix over ${rows} observations`, value: (performance.now() - c0) / 1000, unit: 's' });

    // 3. The same 20 factors, ours on one thread in process against pandas (also one thread) on the same panel.
    progress('20 factors: ours, then pandas');
    const o0 = performance.now();
    for (const name of PEER_FACTORS) {
      const factor = resolveFactor({ kind: 'library', name }, { dates: T, groups: [] });
      if (!factor.ok) throw new Error(factor.error.message);
      evaluateOnPanel(factor.value, panel);
    }
    const ours = (performance.now() - o0) / 1000;
    const dir = mkdtempSync(join(tmpdir(), 'nautilus-bench-factors-'));
    try {
      for (const f of ['high', 'low', 'close', 'volume']) writeFileSync(join(dir, `${f}.f64`), new Uint8Array(panel.columns.get(f)!.buffer));
      const run = spawnSync(PYTHON, [PEER, dir, String(symbols), String(dates)], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
      const peer = run.status === 0 ? (JSON.parse(run.stdout) as { seconds: number }).seconds : NaN;
      figures.push({
        suite: 'factors',
        name: `20 library factors × ${symbols} symbols × ${dates} days, one thread`,
        value: ours,
        unit: 's',
        ...(Number.isFinite(peer) ? { peer: `pandas ${PYTHON}`, peerValue: peer, ratio: peer / ours } : {}),
      });
      if (!Number.isFinite(peer)) progress(`pandas peer failed: ${run.stderr}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return figures;
  },
};
