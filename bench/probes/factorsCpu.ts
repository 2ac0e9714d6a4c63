// Before/after figures for the factor speed work of issue 13, one thread in process, from any checkout:
// `npx tsx bench/probes/factorsCpu.ts <checkout> cpu [SYMBOLSxDATES] [NAME_REGEX]`: CPU seconds (process.cpuUsage)
// for every library factor evaluated and analysed as `bench factors` does (IC at 1/5/20, 5 quantiles), per value;
// `npx tsx bench/probes/factorsCpu.ts <checkout> dump <file>`: every library factor's values and analysis (and four
// expressions) on a small seeded panel with missing bars, as JSON with each float's bytes, to `cmp` two checkouts.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LibraryFactor } from '../../src/core/factors';
import { syntheticOhlcv } from '../syntheticPanel';
import type { FactorsEngine } from '../../src/engines/factors/factorsEngine';

interface Checkout {
  readonly library: readonly LibraryFactor[];
  readonly engine: FactorsEngine;
}

async function load(root: string): Promise<Checkout> {
  const factors = (await import(resolve(root, 'src/core/factors/index.ts'))) as { FACTOR_LIBRARY: readonly LibraryFactor[] };
  const engines = (await import(resolve(root, 'src/engines/factors/factorsEngine.ts'))) as { createFactorsEngine: (pid: number) => FactorsEngine };
  return { library: factors.FACTOR_LIBRARY, engine: engines.createFactorsEngine(process.pid) };
}

/** The bench's synthetic panel, as the engine's loadPanel takes it. */
const panel = (symbols: number, dates: number, seed: number, gaps: boolean) => ({ ...syntheticOhlcv(symbols, dates, seed, { gaps }), groups: {} });

const OPTIONS = { horizon: 5, horizons: [1, 5, 20], method: 'spearman' as const, quantiles: 5, minSymbols: 5 };
const EXPRESSIONS = ['rank(close) - rank(volume)', 'ts_rank(close, 10) * ts_quantile(volume, 7, 0.5)', 'ts_corr(close, volume, 12) + ts_slope(close, 9)', 'ts_std(delta(close, 1), 15) / ts_mean(abs(delta(close, 1)), 15)'];

/** Floats as their bytes (NaN payloads and −0 included), so equal output means bit-for-bit equal values. */
const bytes = (x: unknown): unknown =>
  x instanceof Float64Array ? Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('base64') : Array.isArray(x) ? x.map(bytes) : x && typeof x === 'object' ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, bytes(v)])) : typeof x === 'number' ? Buffer.from(Float64Array.of(x).buffer).toString('hex') : x;

async function main(): Promise<void> {
  const [root = '.', mode = 'cpu', arg, only] = process.argv.slice(2);
  const { library, engine } = await load(root);
  if (mode === 'dump') {
    await engine.loadPanel('probe', panel(150, 220, 7, true));
    const out: Record<string, unknown> = {};
    const specs = [...library.map((f) => ({ kind: 'library' as const, name: f.name })), ...EXPRESSIONS.map((expression) => ({ kind: 'expression' as const, expression }))];
    for (const spec of specs) {
      const withValues = await engine.analyze('probe', { spec, options: OPTIONS, returnValues: true });
      const dateMajor = await engine.analyze('probe', { spec, options: OPTIONS });
      if (!withValues.ok || !dateMajor.ok) throw new Error(`factor failed: ${JSON.stringify(spec)}`);
      out[spec.kind === 'library' ? spec.name : spec.expression] = bytes({ values: withValues.value.values, analysis: withValues.value.analysis, dateMajor: dateMajor.value.analysis });
    }
    const text = JSON.stringify(out);
    writeFileSync(arg ?? 'factors-dump.json', text);
    process.stdout.write(`${createHash('sha1').update(text).digest('hex')} ${specs.length} factors\n`);
    return;
  }
  const [symbols, dates] = (arg ?? '3000x252').split('x').map(Number) as [number, number];
  const factors = library.filter((f) => !only || new RegExp(only).test(f.name));
  await engine.loadPanel('probe', panel(symbols, dates, 13, false));
  // The forward returns and their ranks are computed once per panel: outside the measured run, as in a long run.
  await engine.analyze('probe', { spec: { kind: 'library', name: 'KMID' }, options: OPTIONS });
  const before = process.cpuUsage();
  let check = 0;
  for (const f of factors) {
    const r = await engine.analyze('probe', { spec: { kind: 'library', name: f.name }, options: OPTIONS });
    if (!r.ok) throw new Error(r.error.message);
    check += r.value.analysis.meanIC;
  }
  const used = process.cpuUsage(before);
  const seconds = (used.user + used.system) / 1e6;
  process.stdout.write(`${JSON.stringify({ root, symbols, dates, factors: factors.length, cpuSeconds: seconds, nsPerValue: (seconds * 1e9) / (factors.length * symbols * dates), check })}\n`);
}

await main();
