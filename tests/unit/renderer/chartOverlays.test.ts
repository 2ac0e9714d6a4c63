// Chart overlays: presets are valid specs, each engine column maps back to its output, what draws where, and the
// typed spec command (the backend's refusal is shown and nothing is added; accepted specs are added once).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ok, err } from '../../../src/core/model/result';
import { INDICATORS } from '../../../src/core/indicators/registry';
import { outputColumnName, parseIndicatorSpecs } from '../../../src/core/indicators/spec';
import type { WorkstationClient } from '../../../src/shared/contracts/client';
import { ApiCallError } from '../../../src/shared/contracts/errors';
import { INDICATOR_PRESETS, isDrawn, onPricePane, outputOf, overlayTitle, splitSpecs } from '../../../src/renderer/panels/chart/overlays';
import { addIndicatorSpec } from '../../../src/renderer/panels/chart/addIndicatorSpec';
import { MAX_OVERLAYS, useChartOverlays } from '../../../src/renderer/state/chartOverlayStore';

describe('overlay catalog', () => {
  it('offers only specs the indicator parser accepts, each titled', () => {
    for (const preset of INDICATOR_PRESETS) {
      expect(parseIndicatorSpecs(preset.spec).ok, preset.spec).toBe(true);
      expect(overlayTitle(preset.spec)).toBe(preset.title);
    }
    expect(INDICATOR_PRESETS.filter((p) => onPricePane(p.spec)).map((p) => p.title)).toEqual(['SMA 20', 'SMA 50', 'SMA 200', 'EMA 12', 'EMA 26', 'Bollinger 20/2', 'VWAP', 'Keltner 20/10/2', 'Donchian 20', 'Ichimoku 9/26/52']);
  });

  it('maps every column name the engine produces back to its output, for every indicator', () => {
    for (const def of INDICATORS) {
      for (const params of [[], def.params.map((p) => (p.integer ? p.default : p.default + 0.5))]) {
        const text = [def.id, ...params.map(String)].join(':');
        const parsed = parseIndicatorSpecs(text);
        if (!parsed.ok) continue; // e.g. a default + 0.5 past a parameter's bound
        const spec = parsed.value[0]!;
        for (const output of def.outputs) expect(outputOf(text, outputColumnName(spec, output)), `${text} ${output}`).toBe(output);
      }
    }
  });

  it('keeps Bollinger %B and width off the price pane; titles specs it has no preset for', () => {
    expect(['middle', 'upper', 'lower', 'percent_b', 'width'].filter((o) => isDrawn('bbands:20:2', `bbands_20_2_${o}`))).toEqual(['middle', 'upper', 'lower']);
    expect(isDrawn('rsi:14', 'rsi_14')).toBe(true);
    expect(overlayTitle('bbands:10:1.5')).toBe('BB 10/1.5');
    expect(overlayTitle('cci:30')).toBe('CCI 30');
    expect(onPricePane('cci:30')).toBe(false);
  });

  it('tidies typed text into one spec per indicator', () => {
    expect(splitSpecs(' SMA: 20, ema:50 ,, Bbands:20:2 ')).toEqual(['sma:20', 'ema:50', 'bbands:20:2']);
    expect(splitSpecs(' , ')).toEqual([]);
  });
});

describe('add indicator spec', () => {
  const calls: unknown[] = [];
  const client = (reply: (input: { indicators: string }) => unknown): WorkstationClient => ({
    call: (async (method: string, input: { indicators: string }) => {
      calls.push({ method, input });
      return reply(input);
    }) as WorkstationClient['call'],
    subscribe: () => () => undefined,
  });
  const target = { chartId: 'test', symbol: 'NVTX', timeframe: '5m' as const };

  beforeEach(() => {
    calls.length = 0;
    useChartOverlays.setState({ byChart: {} });
  });

  it('shows the backend code and reason and adds nothing when it refuses', async () => {
    const api = client(() => err({ code: 'BAD_PARAMETER', message: "sma: parameter period = 'x' is not a number" }));
    expect(await addIndicatorSpec(api, 'sma:x', target)).toBe("BAD_PARAMETER: sma: parameter period = 'x' is not a number");
    expect(calls).toEqual([{ method: 'features.compute', input: { symbol: 'NVTX', timeframe: '5m', indicators: 'sma:x', limit: 1 } }]);
    expect(useChartOverlays.getState().byChart.test).toBeUndefined();
  });

  it('shows a failed call (validation, engine down) the same way', async () => {
    const api = client(() => {
      throw new ApiCallError({ name: 'ApiError', code: 'ENGINE_UNAVAILABLE', message: 'features is restarting' });
    });
    expect(await addIndicatorSpec(api, 'sma:20', target)).toBe('ENGINE_UNAVAILABLE: features is restarting');
    expect(useChartOverlays.getState().byChart.test).toBeUndefined();
  });

  it('asks nothing of the backend for empty text or without a symbol', async () => {
    const api = client(() => ok({ symbol: 'NVTX', time: [], columns: [] }));
    expect(await addIndicatorSpec(api, ' , ', target)).toMatch(/^Type an indicator spec/);
    expect(await addIndicatorSpec(api, 'sma:20', { ...target, symbol: null })).toMatch(/^Select a symbol first/);
    expect(calls).toEqual([]);
  });

  it('checks the whole text at once and adds each indicator once', async () => {
    const api = client(() => ok({ symbol: 'NVTX', time: [], columns: [] }));
    expect(await addIndicatorSpec(api, 'SMA:20, rsi:14', target)).toBeNull();
    expect(calls).toEqual([{ method: 'features.compute', input: { symbol: 'NVTX', timeframe: '5m', indicators: 'sma:20,rsi:14', limit: 1 } }]);
    expect(await addIndicatorSpec(api, 'rsi:14,atr:14', target)).toBeNull();
    expect(useChartOverlays.getState().byChart.test).toEqual(['sma:20', 'rsi:14', 'atr:14']);
  });
});

describe('chart overlay store', () => {
  beforeEach(() => useChartOverlays.setState({ byChart: {} }));

  it('keeps each chart its own list, without duplicates, up to a cap', () => {
    const { add, remove } = useChartOverlays.getState();
    expect(add('a', ['sma:20', 'sma:20', 'rsi:14'])).toEqual(['sma:20', 'rsi:14']);
    expect(add('b', ['sma:20'])).toEqual(['sma:20']);
    remove('a', 'sma:20');
    expect(useChartOverlays.getState().byChart).toEqual({ a: ['rsi:14'], b: ['sma:20'] });
    add('c', Array.from({ length: MAX_OVERLAYS + 5 }, (_, i) => `sma:${i + 2}`));
    expect(useChartOverlays.getState().byChart.c).toHaveLength(MAX_OVERLAYS);
  });
});

describe('chart overlay persistence', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('saves each change and loads it back in a new session, ignoring junk', async () => {
    const saved = new Map<string, string>();
    vi.stubGlobal('localStorage', { getItem: (k: string) => saved.get(k) ?? null, setItem: (k: string, v: string) => void saved.set(k, v) });
    vi.resetModules();
    const first = await import('../../../src/renderer/state/chartOverlayStore');
    first.useChartOverlays.getState().add('chart', ['sma:20', 'rsi:14']);
    first.useChartOverlays.getState().remove('chart', 'sma:20');
    vi.resetModules();
    const second = await import('../../../src/renderer/state/chartOverlayStore');
    expect(second.useChartOverlays.getState().byChart).toEqual({ chart: ['rsi:14'] });

    saved.set('nautilus.chartOverlays', JSON.stringify({ chart: ['ema:12', 7, ''], other: 'nope' }));
    vi.resetModules();
    const third = await import('../../../src/renderer/state/chartOverlayStore');
    expect(third.useChartOverlays.getState().byChart).toEqual({ chart: ['ema:12'] });
  });
});
