// The backend boundary: unknown methods and bad input are refused with the path of the bad field, and run nothing.
import { describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../../../src/main/api/dispatcher';
import type { WorkstationApi } from '../../../../src/shared/contracts/api';
import { EngineUnavailableError } from '../../../../src/main/engine-host/supervisor';
import { apiError } from '../../../../src/shared/contracts/errors';

function apiWith(overrides: Partial<WorkstationApi>) {
  const movingAverage = vi.fn(async () => [null, 1]);
  const api = { 'features.movingAverage': movingAverage, 'system.ping': async () => ({ time: 1 }), ...overrides } as unknown as WorkstationApi;
  const internal = vi.fn();
  return { dispatch: createDispatcher(api, internal), movingAverage, internal };
}

describe('createDispatcher', () => {
  it('runs a valid call', async () => {
    const { dispatch, movingAverage } = apiWith({});
    expect(await dispatch('features.movingAverage', { kind: 'sma', period: 2, values: [1, 2] })).toEqual({ ok: true, value: [null, 1] });
    expect(movingAverage).toHaveBeenCalledWith({ kind: 'sma', period: 2, values: [1, 2] });
  });

  it('refuses an unknown method', async () => {
    const { dispatch } = apiWith({});
    expect(await dispatch('system.rm -rf', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await dispatch('toString', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('names the path of each bad field and calls nothing', async () => {
    const { dispatch, movingAverage } = apiWith({});
    const reply = await dispatch('features.movingAverage', { kind: 'wma', period: 0, values: [1, Infinity, NaN] });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('VALIDATION_FAILED');
    const paths = reply.error.issues!.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['input.kind', 'input.period', 'input.values[1]', 'input.values[2]']));
    expect(movingAverage).not.toHaveBeenCalled();
  });

  it('refuses unknown fields', async () => {
    const { dispatch } = apiWith({});
    const reply = await dispatch('features.movingAverage', { kind: 'sma', period: 2, values: [], extra: 1 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('passes an engine outage through with its code, and reports bugs as INTERNAL', async () => {
    const down = apiWith({ 'system.ping': async () => { throw new EngineUnavailableError(apiError('ENGINE_UNAVAILABLE', 'features is down')); } });
    expect(await down.dispatch('system.ping', {})).toMatchObject({ ok: false, error: { code: 'ENGINE_UNAVAILABLE', message: 'features is down' } });
    const bug = apiWith({ 'system.ping': async () => { throw new TypeError('x is undefined'); } });
    expect(await bug.dispatch('system.ping', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(bug.internal).toHaveBeenCalledOnce();
  });

  it('never sends a stack trace or a file path to the client: an incident id ties the reply to the server log', async () => {
    const failure = new Error('IO Error: cannot open /home/trader/.nautilus/market.duckdb');
    const { dispatch, internal } = apiWith({ 'system.ping': async () => { throw failure; } });
    const reply = await dispatch('system.ping', {});
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    const incident = internal.mock.calls[0]![2] as string;
    expect(incident).toMatch(/^[0-9a-f]{8}$/);
    expect(reply.error).toEqual({ name: 'ApiError', code: 'INTERNAL', message: `internal error (id ${incident})`, incident });
    const wire = JSON.stringify(reply);
    expect(wire).not.toContain('/home/');
    expect(wire).not.toMatch(/\bat .*\.(ts|js):\d+/);
    expect(internal).toHaveBeenCalledWith('system.ping', failure, incident);
  });
});
