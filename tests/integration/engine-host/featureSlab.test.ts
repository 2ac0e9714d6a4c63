// Groups of symbols through features workers in a reused slab, spread by the pool: values identical to computing
// in process, a bad symbol fails alone, and every lane runs one task at a time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeIndicators, parseIndicatorSpecs } from '../../../src/core/indicators';
import { SeededRandom } from '../../../src/core/model/clock';
import { FeatureSlab, type SlabInput } from '../../../src/engines/features/featureSlab';
import { createFeaturesEngine, type FeaturesEngine } from '../../../src/engines/features/featuresEngine';
import { engineInstances } from '../../../src/engines/registry';
import { inGroups, runOnPool } from '../../../src/main/engine-host/enginePool';
import { EngineSupervisor } from '../../../src/main/engine-host/supervisor';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';

const SPECS = 'sma:5,ema:12,rsi:14,macd:12:26:9,bbands:20:2,atr:14,adx:14,stoch:14:3:3,obv,mfi:14,aroon:25,kama:10';

function walk(rows: number, random: SeededRandom): SlabInput {
  const columns = { time: new Float64Array(rows), open: new Float64Array(rows), high: new Float64Array(rows), low: new Float64Array(rows), close: new Float64Array(rows), volume: new Float64Array(rows) };
  let price = 50 + 50 * random.next();
  for (let i = 0; i < rows; i++) {
    const next = price * (1 + 0.02 * random.normal());
    columns.time[i] = Date.UTC(2020, 0, 1) + i * 86_400_000;
    columns.open[i] = price;
    columns.close[i] = next;
    columns.high[i] = Math.max(price, next) * (1 + 0.004 * random.next());
    columns.low[i] = Math.min(price, next) * (1 - 0.004 * random.next());
    columns.volume[i] = Math.round(1e4 + 1e5 * random.next());
    price = next;
  }
  return columns;
}

/** name → values, computed directly in this thread. */
function direct(input: SlabInput): Array<[string, number[]]> {
  const specs = parseIndicatorSpecs(SPECS);
  if (!specs.ok) throw new Error('specs');
  const computed = computeIndicators(input, specs.value);
  if (!computed.ok) throw new Error(computed.error.message);
  return computed.value.map((c) => [c.name, Array.from(c.values)]);
}

const slabFor = (specs = SPECS) => {
  const slab = FeatureSlab.forSpecs(specs);
  if (!slab.ok) throw new Error(slab.error.message);
  return slab.value;
};

describe('features slab', () => {
  it('in process: groups of different sizes reuse one slab and equal computeIndicators exactly', async () => {
    const engine = createFeaturesEngine(0);
    const random = new SeededRandom(3);
    const slab = slabFor();
    for (const sizes of [[300, 40, 1], [80], [500, 500, 35, 200]]) {
      const inputs = sizes.map((rows) => walk(rows, random));
      const results = await slab.compute(engine, inputs);
      results.forEach((result, k) => {
        expect(result.ok).toBe(true);
        if (result.ok) expect(result.value.map((f): [string, number[]] => [f.name, Array.from(f.values)])).toEqual(direct(inputs[k]!));
      });
    }
  });

  it('reports a bad symbol alone, and a bad spec before sending anything', async () => {
    const engine = createFeaturesEngine(0);
    const random = new SeededRandom(4);
    const good = walk(60, random);
    const bad = walk(60, random);
    bad.close[10] = NaN;
    const results = await slabFor().compute(engine, [good, bad, good]);
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    expect(results[1]).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(FeatureSlab.forSpecs('rsi:14,nope')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_INDICATOR' } });
  });

  describe('through two worker threads', () => {
    let supervisor: EngineSupervisor;
    beforeAll(async () => {
      supervisor = new EngineSupervisor({ launcher: createWorkerEngineLauncher(), engines: engineInstances(['features'], 2), onHealth: () => undefined });
      supervisor.start();
      await Promise.all(supervisor.instancesOf('features').map((name) => supervisor.call<FeaturesEngine, unknown>(name, (e) => e.ping())));
    });
    afterAll(() => supervisor.stop());

    it('spreads groups over both workers, two in flight each, one task per lane, values identical to in process', async () => {
      const random = new SeededRandom(5);
      const inputs = Array.from({ length: 37 }, (_, i) => walk(100 + ((i * 53) % 400), random));
      const expected = inputs.map(direct);
      const slabs = new Map<number, FeatureSlab>();
      const busy = new Set<number>();
      const groups = inGroups([...inputs.keys()], 3);
      const answers = await runOnPool<FeaturesEngine, number[], Array<Array<[string, number[]]>>>(
        supervisor,
        supervisor.instancesOf('features'),
        groups,
        async (engine, group, lane) => {
          expect(busy.has(lane)).toBe(false);
          busy.add(lane);
          try {
            if (!slabs.has(lane)) slabs.set(lane, slabFor());
            const results = await slabs.get(lane)!.compute(engine, group.map((i) => inputs[i]!));
            // Copied out here: the views are valid only until this lane's next group.
            return results.map((r) => (r.ok ? r.value.map((f): [string, number[]] => [f.name, Array.from(f.values)]) : []));
          } finally {
            busy.delete(lane);
          }
        },
        { inFlight: 2 },
      );
      expect(answers.flat()).toEqual(expected);
      expect([...slabs.keys()].sort()).toEqual([0, 1, 2, 3]); // lanes 0–1 call 'features', 2–3 'features-2'
      expect(inputs.every((input) => input.close.length > 0)).toBe(true); // the caller's columns are copied, not moved
    });
  });
});

describe('inGroups', () => {
  it('cuts consecutive groups, the last one shorter, and refuses a size below one', () => {
    expect(inGroups([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(inGroups([], 3)).toEqual([]);
    expect(() => inGroups([1], 0)).toThrow();
  });
});
