// The universe batch with real worker threads and a real DuckDB store: every symbol's indicators land in the
// features table, equal to computing them directly, spread across both workers; bad specs are refused up front.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeIndicators, parseIndicatorSpecs } from '../../../src/core/indicators';
import { Workstation } from '../../../src/main/workstation';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import type { ResearchProgress } from '../../../src/shared/contracts/engines';
import { waitFor } from '../../support/waitFor';

describe('universe features batch', () => {
  let ws: Workstation;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'nautilus-universe-'));
    ws = await Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), poolSize: 2, engines: ['features'], syntheticHistory: { seed: 5, years: 1, minuteDays: 1 } });
    await waitFor(() => ws.supervisor.health().every((h) => h.state === 'up'), 'every engine up');
  });
  afterAll(async () => {
    await ws?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('computes every symbol across both workers and stores values equal to a direct computation', async () => {
    const progress: ResearchProgress[] = [];
    ws.bus.subscribe('research.progress', (p) => progress.push(p as ResearchProgress));
    const reply = await ws.dispatch('features.computeUniverse', { indicators: 'rsi:14,macd:12:26:9,atr:14', timeframe: '1D' });
    expect(reply.ok).toBe(true);
    const result = reply.ok ? (reply.value as { ok: boolean; value?: { symbols: number; features: string[]; rows: number } }) : undefined;
    expect(result?.ok).toBe(true);
    const symbols = await ws.market.listSymbols('1D');
    expect(result?.value?.symbols).toBe(symbols.length);
    expect(result?.value?.features).toEqual(['atr_14', 'macd_12_26_9', 'macd_12_26_9_hist', 'macd_12_26_9_signal', 'rsi_14']);
    expect(progress.at(-1)).toMatchObject({ done: symbols.length, total: symbols.length });

    const symbol = symbols[3]!;
    const bars = await ws.market.readBars(symbol, '1D');
    const specs = parseIndicatorSpecs('rsi:14');
    if (!specs.ok) throw new Error('spec');
    const direct = computeIndicators(bars, specs.value);
    expect(direct.ok).toBe(true);
    const stored = await ws.market.readFeature(symbol, '1D', 'rsi_14');
    expect(Array.from(stored.time)).toEqual(Array.from(bars.time));
    const expected = direct.ok ? Array.from(direct.value[0]!.values) : [];
    expect(Array.from(stored.value)).toEqual(expected);
  });

  it('stores every output of every symbol exactly as computeIndicators gives it in process', async () => {
    const indicators = 'sma:20,stoch:14:3:3,bbands:20:2,obv,adx:14';
    const reply = await ws.dispatch('features.computeUniverse', { indicators, timeframe: '1D' });
    expect(reply).toMatchObject({ ok: true, value: { ok: true } });
    const specs = parseIndicatorSpecs(indicators);
    if (!specs.ok) throw new Error('spec');
    const symbols = await ws.market.listSymbols('1D');
    expect(symbols.length).toBeGreaterThan(8); // several groups per worker call
    for (const symbol of symbols) {
      const bars = await ws.market.readBars(symbol, '1D');
      const direct = computeIndicators(bars, specs.value);
      if (!direct.ok) throw new Error(direct.error.message);
      for (const column of direct.value) {
        const stored = await ws.market.readFeature(symbol, '1D', column.name);
        expect(Array.from(stored.time)).toEqual(Array.from(bars.time));
        // Warm-up values are stored as NULL and read back as NaN, like the direct NaN.
        expect(Array.from(stored.value), `${symbol} ${column.name}`).toEqual(Array.from(column.values));
      }
    }
    // Hundreds of store reads: a shared, loaded CI machine needs more than the default 20 s.
  }, 60_000);

  it('computes indicators over one symbol for a chart, aligned with its bars, warm-up as null', async () => {
    const [symbol] = await ws.market.listSymbols('1D');
    const reply = await ws.dispatch('features.compute', { symbol: symbol!, timeframe: '1D', indicators: 'sma:20,bbands:20:2', limit: 100 });
    const value = reply.ok ? (reply.value as { ok: boolean; value: { time: number[]; columns: { name: string; values: (number | null)[] }[] } }) : undefined;
    expect(value?.ok).toBe(true);
    const bars = await ws.dispatch('market.bars', { symbol: symbol!, timeframe: '1D', limit: 100 });
    expect(value!.value.time).toEqual((bars as { value: { time: number[] } }).value.time);
    expect(value!.value.columns.map((c) => c.name)).toEqual(['sma_20', 'bbands_20_2_middle', 'bbands_20_2_upper', 'bbands_20_2_lower', 'bbands_20_2_percent_b', 'bbands_20_2_width']);
    // With a year of history before the window, the last 100 values are past the warm-up.
    expect(value!.value.columns[0]!.values.every((v) => typeof v === 'number')).toBe(true);
    expect(await ws.dispatch('features.compute', { symbol: symbol!, timeframe: '1D', indicators: 'nope' })).toMatchObject({ ok: true, value: { ok: false, error: { code: 'UNKNOWN_INDICATOR' } } });
  });

  it('uses every features worker', () => {
    expect(ws.supervisor.instancesOf('features')).toEqual(['features', 'features-2']);
  });

  it('refuses a bad spec before doing any work, naming it', async () => {
    const reply = await ws.dispatch('features.computeUniverse', { indicators: 'rsi:14,nope:3', timeframe: '1D' });
    expect(reply).toMatchObject({ ok: true, value: { ok: false, error: { code: 'UNKNOWN_INDICATOR', id: 'nope' } } });
    const bad = await ws.dispatch('features.computeUniverse', { indicators: 'rsi:0', timeframe: '1D' });
    expect(bad).toMatchObject({ ok: true, value: { ok: false, error: { code: 'BAD_PARAMETER' } } });
  });
});
