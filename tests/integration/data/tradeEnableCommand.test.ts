// `nautilus data trade-enable`: from the CLI, a fetched Yahoo symbol is recorded as a desk instrument (real DuckDB and
// SQLite files); the next workstation start lists it, quotes it and trades it. Unstored and synthetic symbols are refused.
import { describe, expect, it } from 'vitest';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import { Workstation } from '../../../src/main/workstation';
import { useDataCli } from '../../support/dataCli';

describe('nautilus data trade-enable', () => {
  const cli = useDataCli('nautilus-trade-enable-');
  const run = cli.run;

  it('refuses a symbol that is not stored, and a synthetic desk symbol, with exit 1 and the reason', async () => {
    const missing = await run('trade-enable', 'AAPL');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('AAPL has no stored daily bars: fetch them first (nautilus data fetch yahoo AAPL');
    const synthetic = await run('trade-enable', 'NVTX');
    expect(synthetic.code).toBe(1);
    expect(synthetic.stderr).toContain('NVTX is already a desk instrument');
    expect((await run('trade-enable')).code).toBe(2);
  });

  it('records a fetched symbol; the next workstation start trades it on the simulated exchange', async () => {
    expect((await run('fetch', 'yahoo', 'AAPL', '--to', '2020-11-06', '--base-url', cli.server.baseUrl)).code).toBe(0);
    const enabled = await run('trade-enable', 'AAPL', '--json');
    expect(enabled.stderr).toBe('');
    expect(enabled.code).toBe(0);
    expect(JSON.parse(enabled.stdout)).toMatchObject({ symbol: 'AAPL', currency: 'USD', exchange: 'NMS', utcOffsetMinutes: -300, tickSize: 0.01, lotSize: 1 });
    const again = await run('trade-enable', 'AAPL');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('enabled already');

    const ws = await Workstation.start({ dataDir: cli.dir, host: 'headless', engineLauncher: createWorkerEngineLauncher(), engines: [], syntheticHistory: false });
    try {
      const quotes = await ws.dispatch('market.quotes', { symbols: ['AAPL'] });
      expect(quotes).toMatchObject({ ok: true, value: [{ symbol: 'AAPL', last: 118.69000244140625, bid: 118.63, ask: 118.75 }] });
      // A market order: the live fill model's random partial fills (seeded by the clock) can leave part of a limit at the
      // ask resting, and a marked symbol's quote never trades through it; a market order takes the rest on the next quote.
      const order = await ws.dispatch('orders.submit', { symbol: 'AAPL', side: 'BUY', type: 'MARKET', quantity: 3, timeInForce: 'DAY' });
      expect(order).toMatchObject({ ok: true, value: { ok: true } });
      await expect.poll(() => ws.trading.core.positions.positions().find((p) => p.symbol === 'AAPL')?.quantity, { timeout: 15_000 }).toBe(3);
    } finally {
      await ws.stop();
    }
  });
});
