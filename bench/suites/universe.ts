// Universe batch: 5,000 symbols × 2,520 daily bars × 25 indicators across the features workers (worker threads),
// against the same work on one thread in this process (the ceiling one core reaches; ratio = parallel speed-up).
import { SeededRandom } from '../../src/core/model/clock';
import { computeIndicators, parseIndicatorSpecs } from '../../src/core/indicators';
import { FeatureSlab } from '../../src/engines/features/featureSlab';
import type { FeaturesEngine } from '../../src/engines/features/featuresEngine';
import { engineInstances } from '../../src/engines/registry';
import { inGroups, runOnPool } from '../../src/main/engine-host/enginePool';
import { EngineSupervisor } from '../../src/main/engine-host/supervisor';
import { createWorkerEngineLauncher } from '../../src/main/headless/workerEngineLauncher';
import type { BenchFigure, BenchSuite } from '../harness';

/** 25 indicators (some with several outputs), a typical research set. */
const SPECS = [
  'sma:20', 'sma:50', 'ema:12', 'ema:26', 'wma:20', 'dema:20', 'tema:20', 'kama:10', 'rsi:14', 'macd:12:26:9',
  'bbands:20:2', 'atr:14', 'natr:14', 'adx:14', 'cci:20', 'stoch:14:3:3', 'willr:14', 'roc:10', 'mom:10', 'obv',
  'mfi:14', 'ad', 'cmf:20', 'aroon:25', 'stddev:20',
].join(',');

/** Symbols per call to a worker (see the pooled run below). */
const SYMBOLS_PER_CALL = 8;

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
    // Both runs read the shared series as they are: computing never writes its input, and the pool copies each
    // group into its slab (that copy is part of its transport, timed). Copying every symbol's columns first, as
    // this bench used to do for transfers, only added garbage to both runs.
    const columnsFor = (i: number) => series[i % series.length]!;

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
      // Symbols go in groups, each worker has a second group queued while it computes one (a round trip cost about
      // as much as computing a symbol), and each lane's columns and results travel in one reused slab (see
      // featureSlab.ts): the same path as the universe job.
      const idle: FeatureSlab[] = [];
      await runOnPool<FeaturesEngine, number[], number>(
        supervisor,
        supervisor.instancesOf('features'),
        inGroups(Array.from({ length: symbols }, (_, i) => i), SYMBOLS_PER_CALL),
        async (engine, group) => {
          let slab = idle.pop();
          if (!slab) {
            const created = FeatureSlab.forSpecs(SPECS);
            if (!created.ok) throw new Error(created.error.message);
            slab = created.value;
          }
          try {
            const results = await slab.compute(engine, group.map(columnsFor));
            let outputs = 0;
            for (const result of results) {
              if (!result.ok) throw new Error(JSON.stringify(result.error));
              outputs += result.value.length;
            }
            return outputs;
          } finally {
            idle.push(slab);
          }
        },
        { inFlight: 2 },
      );
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
