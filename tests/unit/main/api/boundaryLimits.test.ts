// Inputs the schemas must refuse before any handler runs: times outside any market's history, and arrays larger
// than one socket frame can carry.
import { describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../../../src/main/api/dispatcher';
import type { WorkstationApi } from '../../../../src/shared/contracts/api';
import { MAX_CLIENT_FRAME_BYTES, MAX_SERIES_VALUES } from '../../../../src/shared/contracts/wire';

function dispatcherWith() {
  const bars = vi.fn(async () => ({ symbol: 'ABC', timeframe: '1D', time: [], open: [], high: [], low: [], close: [], volume: [] }));
  const movingAverage = vi.fn(async () => []);
  const api = { 'market.bars': bars, 'features.movingAverage': movingAverage } as unknown as WorkstationApi;
  return { dispatch: createDispatcher(api, () => undefined), bars, movingAverage };
}

describe('market.bars time range', () => {
  it.each([1e308, -1e308, Date.UTC(2300, 0, 1), Date.UTC(1800, 0, 1)])('refuses from/to = %d naming the field, and reads nothing', async (t) => {
    const { dispatch, bars } = dispatcherWith();
    for (const field of ['from', 'to'] as const) {
      const reply = await dispatch('market.bars', { symbol: 'ABC', timeframe: '1D', [field]: t });
      expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', issues: [{ path: `input.${field}` }] } });
    }
    expect(bars).not.toHaveBeenCalled();
  });

  it('accepts real instants', async () => {
    const { dispatch, bars } = dispatcherWith();
    const reply = await dispatch('market.bars', { symbol: 'ABC', timeframe: '1D', from: Date.UTC(1990, 0, 1), to: Date.UTC(2030, 0, 1) });
    expect(reply.ok).toBe(true);
    expect(bars).toHaveBeenCalledOnce();
  });
});

describe('features.movingAverage input cap', () => {
  it('any accepted call fits in one frame even with the longest JSON numbers', () => {
    const longest = -2.2250738585072014e-308;
    const frame = JSON.stringify({ kind: 'call', id: Number.MAX_SAFE_INTEGER, method: 'features.movingAverage', input: { kind: 'ema', period: 10_000, values: new Array(MAX_SERIES_VALUES).fill(longest) } });
    expect(Buffer.byteLength(frame)).toBeLessThanOrEqual(MAX_CLIENT_FRAME_BYTES);
  });

  it('refuses one value over the cap naming input.values, and computes nothing', async () => {
    const { dispatch, movingAverage } = dispatcherWith();
    const reply = await dispatch('features.movingAverage', { kind: 'sma', period: 2, values: new Array(MAX_SERIES_VALUES + 1).fill(1) });
    expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', issues: [{ path: 'input.values' }] } });
    expect(movingAverage).not.toHaveBeenCalled();
  });
});
