// Universe batch: 5,000 symbols × 2,520 daily bars × 25 indicators across the features workers (worker threads),
// against the same work on one thread in this process (the ceiling one core reaches; ratio = parallel speed-up).
import * as Comlink from 'comlink';
import { SeededRandom } from '../../src/core/model/clock';
import { computeIndicators, parseIndicatorSpecs } from '../../src/core/indicators';
import type { FeaturesEngine } from '../../src/engines/features/featuresEngine';
import { engineInstances } from '../../src/engines/registry';
import { runOnPool } from '../../src/main/engine-host/enginePool';
import { EngineSupervisor } from '../../src/main/engine-host/supervisor';
import { createWorkerEngineLauncher } from '../../src/main/headless/workerEngineLauncher';
import type { BenchFigure, BenchSuite } from '../harness';

/** 25 indicators (some with several outputs), a typical research set. */
const SPECS = [
  'sma:20', 'sma:50', 'ema:12', 'ema:26', 'wma:20', 'dema:20', 'tema:20', 'kama:10', 'rsi:14', 'macd:12:26:9',
  'bbands:20:2', 'atr:14', 'natr:14', 'adx:14', 'cci:20', 'stoch:14:3:3', 'willr:14', 'roc:10', 'mom:10', 'obv',
  'mfi:14', 'ad', 'cmf:20', 'aroon:25', 'stddev:20',
].join(',');

function randomWalk(n: number, random: SeededRandom) {
  const time = new Float64Array(n), open = new Float64Array(n), high = new Float64Array(n), low = new Float64Array(n), close = new Float64Array(n), volume = new Float64Array(n);
  let price = 100;
  for (let i = 0; i < n; i++) {
    const next = price * (1 + 0.02 * random.normal());
    time[i] = i * 86_400_000;
    open[i] = price;
    close[i] = next;
    high[i] = Math.max(price, next) * (1 + 0.005 * random.next());
    low[i] = Math.min(price, next) * (1 - 0.005 * random.next());
    volume[i] = 1e5 + 1e5 * random.next();
    price = next;
  }
  return { time, open, high, low, close, volume };
}

export const universeSuite: BenchSuite = {
  name: 'universe',
  summary: 'universe batch: 5,000 symbols × 2,520 days × 25 indicators across the features workers',
  async run({ quick, progress }) {
    const symbols = quick ? 200 : 5_000;
    const days = 2_520;
    const parsed = parseIndicatorSpecs(SPECS);
    if (!parsed.ok) throw new Error(`bad bench specs: ${JSON.stringify(parsed.error)}`);
    const random = new SeededRandom(7);
    // A few distinct series reused: generating 5,000 would dominate the run, and the work per symbol is the same.
    const series = Array.from({ length: 16 }, () => randomWalk(days, random));
    const columnsFor = (i: number) => {
      const s = series[i % series.length]!;
      return { time: s.time.slice(), open: s.open.slice(), high: s.high.slice(), low: s.low.slice(), close: s.close.slice(), volume: s.volume.slice() };
    };

    progress(`one thread, in process: ${symbols} symbols`);
    let t0 = performance.now();
    let values = 0;
    for (let i = 0; i < symbols; i++) {
      const out = computeIndicators(columnsFor(i), parsed.value);
      if (!out.ok) throw new Error(out.error.message);
      values += out.value.length * days;
    }
    const single = performance.now() - t0;

    const workers = 2;
    const supervisor = new EngineSupervisor({ launcher: createWorkerEngineLauncher(), engines: engineInstances(['features'], workers), onHealth: () => undefined });
    supervisor.start();
    try {
      await Promise.all(supervisor.instancesOf('features').map((name) => supervisor.call<FeaturesEngine, unknown>(name, (e) => e.ping())));
      progress(`${workers} features workers: ${symbols} symbols`);
      t0 = performance.now();
      await runOnPool<FeaturesEngine, number, number>(supervisor, supervisor.instancesOf('features'), Array.from({ length: symbols }, (_, i) => i), async (engine, i) => {
        const columns = columnsFor(i);
        const result = await engine.compute(SPECS, Comlink.transfer(columns, Object.values(columns).map((c) => c.buffer as ArrayBuffer)));
        if (!result.ok) throw new Error(JSON.stringify(result.error));
        return result.value.length;
      });
      const pooled = performance.now() - t0;
      const figures: BenchFigure[] = [
        { suite: 'universe', name: `${symbols} symbols × ${days} days × 25 indicators (${workers} workers)`, value: pooled / 1000, unit: 's', peer: 'same work on one thread in process', peerValue: single / 1000, ratio: single / pooled },
        { suite: 'universe', name: 'indicator values per second (workers)', value: (values / pooled) * 1000, unit: 'values/s' },
      ];
      return figures;
    } finally {
      await supervisor.stop();
    }
  },
};
