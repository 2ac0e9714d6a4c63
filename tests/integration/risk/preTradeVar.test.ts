// Pre-trade VaR in the live backend: the order path's ScenarioBook (built from the store at start) agrees with the
// risk engine's full historical VaR, and a MAX_VAR limit passes an order within it, refuses one beyond, and lets the
// trader reduce.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workstation } from '../../../src/main/workstation';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import { waitFor } from '../../support/waitFor';
import type { MethodInput, MethodName, MethodOutput } from '../../../src/shared/contracts/api';

// Three years of daily bars: more than the 500 returns of the default window.
const HISTORY = { seed: 5, years: 3, minuteDays: 1 };

describe('pre-trade VaR in the live backend', () => {
  let dataDir: string;
  let ws: Workstation;
  let symbol: string;

  async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const reply = await ws.dispatch(method, input);
    if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
    return reply.value as MethodOutput<M>;
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'nautilus-pretrade-var-'));
    ws = await Workstation.start({ dataDir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), engines: ['risk'], syntheticHistory: HISTORY, marketIntervalMs: 10 });
    const instruments = await call('market.instruments', {});
    symbol = instruments.find((i) => i.currency === 'USD' && i.lotSize === 1 && i.assetClass === 'EQUITY')!.symbol;
    await waitFor(() => ws.trading.core.risk.estimator !== undefined, 'the pre-trade VaR estimator', 60_000);
  }, 120_000);

  afterAll(async () => {
    await ws?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("the order path's estimate of a one-position book equals the risk engine's historical VaR and ES", async () => {
    const estimator = ws.trading.core.risk.estimator!;
    for (const quantity of [100, -250]) {
      const price = 123.45;
      const fast = estimator.measureAfter({ symbol, quantity, price }, 0.95)!;
      const full = await call('risk.var', { positions: [{ symbol, quantity, price }], methods: ['historical'], confidences: [0.95] });
      if (!full.ok) throw new Error(JSON.stringify(full.error));
      expect(fast.var).toBeGreaterThan(0);
      expect(fast.var).toBeCloseTo(full.value.historical!.var95!, 6);
      expect(fast.es).toBeCloseTo(full.value.historical!.es95!, 6);
    }
  });

  it('passes an order within MAX_VAR, refuses one that would take the book beyond it, and lets the trader reduce', async () => {
    const quote = (await call('market.quotes', {})).find((q) => q.symbol === symbol)!;
    const estimator = ws.trading.core.risk.estimator!;
    const one = estimator.measureAfter({ symbol, quantity: 100, price: quote.ask }, 0.95)!.var;
    const defaults = await call('risk.limits', {});
    const set = await call('risk.setLimits', { limits: [...defaults, { id: 'var95', kind: 'MAX_VAR', max: one * 1.5, confidence: 0.95 }] });
    expect(set.ok).toBe(true);

    const first = await call('orders.submit', { symbol, side: 'BUY', type: 'MARKET', quantity: 100, timeInForce: 'DAY' });
    expect(first.ok).toBe(true);
    await expect.poll(() => ws.trading.core.risk.book.symbols.get(symbol)?.position, { timeout: 10_000 }).toBe(100);

    // Three times the position is about three times the VaR: beyond 1.5× the first one's.
    const second = await call('orders.submit', { symbol, side: 'BUY', type: 'MARKET', quantity: 200, timeInForce: 'DAY' });
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.error).toMatchObject({ code: 'VAR_EXCEEDS_MAX', limitId: 'var95', confidence: 0.95 });
    if (!second.ok && second.error.code === 'VAR_EXCEEDS_MAX') expect(second.error.valueAtRisk).toBeGreaterThan(one * 1.5);

    const reduce = await call('orders.submit', { symbol, side: 'SELL', type: 'MARKET', quantity: 50, timeInForce: 'DAY' });
    expect(reduce.ok).toBe(true);
  });

  it('asks for GARCH σ only where an ML engine runs: without one, risk.var says so and names the symbol', async () => {
    const reply = await ws.dispatch('risk.var', { positions: [{ symbol, quantity: 100 }], methods: ['parametric'], volatility: 'garch' });
    expect(reply).toMatchObject({ ok: true, value: { ok: false, error: { code: 'VOLATILITY_FORECAST_FAILED', symbol } } });
  });
});
