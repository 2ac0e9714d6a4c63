// risk.var / risk.stress / risk.exposures through the workstation's dispatcher, computed on the risk engine in a worker thread.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import { Workstation } from '../../../src/main/workstation';

let ws: Workstation;
let dataDir = '';
let symbols: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'nautilus-risk-api-'));
  ws = await Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), engines: ['risk'], syntheticHistory: { seed: 7, years: 1, minuteDays: 1 } });
  for (let i = 0; i < 300 && !ws.supervisor.health().every((h) => h.state === 'up'); i++) await new Promise((r) => setTimeout(r, 50));
  symbols = (await ws.market.listSymbols('1D')).filter((s) => !/^[A-Z]{6}$/.test(s)).slice(0, 3);
}, 60_000);

afterAll(async () => {
  await ws?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('portfolio risk over the API', () => {
  it('risk.var measures a what-if book on the engine: every method, components summing to the total', async () => {
    const positions = symbols.map((symbol, i) => ({ symbol, quantity: i === 1 ? -100 : 200 }));
    const r = await ws.dispatch('risk.var', { positions, window: 120, seed: 5 });
    expect(r.ok).toBe(true);
    const result = (r as { ok: true; value: { ok: true; value: { historical: Record<string, number>; parametric: Record<string, number>; monteCarlo: Record<string, number>; components: Record<string, Record<string, number>>[] } } }).value;
    expect(result.ok).toBe(true);
    const report = result.value;
    for (const m of ['historical', 'parametric', 'monteCarlo'] as const) {
      for (const k of ['var95', 'es95', 'var99', 'es99']) {
        const total = report[m][k]!;
        expect(total).toBeGreaterThan(0);
        const sum = report.components.reduce((s, c) => s + c[m]![k]!, 0);
        expect(Math.abs(sum / total - 1), `${m} ${k}`).toBeLessThan(1e-9);
      }
    }
    // the same request and seed give the same Monte Carlo figures
    const again = (await ws.dispatch('risk.var', { positions, window: 120, seed: 5 })) as typeof r;
    expect(again).toEqual(r);
  });

  it('refuses bad input: a schema error names the field; an unknown symbol names its row; the empty current book says so', async () => {
    const bad = await ws.dispatch('risk.var', { positions: [{ symbol: symbols[0], quantity: Number.NaN }] } as never);
    expect(bad.ok).toBe(false);
    expect(JSON.stringify(bad)).toMatch(/positions\[0\]\.quantity/);
    const unknown = await ws.dispatch('risk.var', { positions: [{ symbol: 'NOPE', quantity: 1, row: 7 }] });
    expect(unknown).toMatchObject({ ok: true, value: { ok: false, error: { code: 'UNKNOWN_SYMBOL', symbol: 'NOPE', row: 7, message: 'row 7: NOPE: unknown symbol (no stored daily closes)' } } });
    expect(await ws.dispatch('risk.var', {})).toMatchObject({ ok: true, value: { ok: false, error: { code: 'EMPTY_BOOK' } } });
  });

  it('risk.stress and risk.exposures answer for the same book', async () => {
    const positions = symbols.map((symbol) => ({ symbol, quantity: 10 }));
    const s = await ws.dispatch('risk.stress', { positions, horizons: [5], top: 3, shocks: [{ kind: 'symbol', key: symbols[0]!, move: -0.5 }] });
    expect(s).toMatchObject({ ok: true, value: { ok: true, value: { historical: [{ horizonDays: 5 }, { horizonDays: 5 }, { horizonDays: 5 }] } } });
    const e = await ws.dispatch('risk.exposures', { positions, benchmark: symbols[1] });
    expect(e).toMatchObject({ ok: true, value: { ok: true, value: { total: { positions: 3 }, beta: { benchmark: symbols[1] } } } });
  });
});
