// A backend process for the crash test: starts the Workstation on a data directory, then submits orders as
// fast as the event loop allows until it is killed. Run with `node --import tsx`.
import { Workstation } from '../../../src/main/workstation';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import type { RiskLimit } from '../../../src/core/trading/risk/limits';

const [dataDir, auditFile] = process.argv.slice(2);
if (!dataDir || !auditFile) throw new Error('usage: crashChild <dataDir> <auditFile>');

// Wide limits: this test is about durability, not denials; throttles would stop the burst.
const LIMITS: RiskLimit[] = [{ id: 'order-qty', kind: 'MAX_ORDER_QUANTITY', max: 1_000_000 }];

const ws = await Workstation.start({
  dataDir,
  host: 'headless',
  engineLauncher: createWorkerEngineLauncher(),
  engines: [],
  syntheticHistory: { seed: 3, years: 1, minuteDays: 1 },
  venueAuditFile: auditFile,
  marketIntervalMs: 5,
});
await ws.dispatch('risk.setLimits', { limits: LIMITS });
const symbols = ws.desk.equities.filter((i) => i.currency === 'USD' && i.lotSize === 1).map((i) => i.symbol).slice(0, 5);
process.stdout.write('READY\n');

let n = 0;
const burst = async () => {
  for (let i = 0; i < 20; i++, n++) {
    const symbol = symbols[n % symbols.length]!;
    const quote = ws.live.quote(symbol)!;
    const side = n % 3 === 0 ? 'SELL' : 'BUY';
    const limit = n % 2 === 0;
    const away = side === 'BUY' ? quote.bid * 0.99 : quote.ask * 1.01;
    await ws.dispatch('orders.submit', {
      symbol,
      side,
      type: limit ? 'LIMIT' : 'MARKET',
      quantity: 1 + (n % 7),
      timeInForce: 'GTC',
      ...(limit ? { limitPrice: Math.round(away * 100) / 100 } : {}),
    });
    if (n % 5 === 0) {
      const working = ws.trading.core.oms.workingOrders();
      if (working.length > 0) await ws.dispatch('orders.cancel', { clientOrderId: working[0]!.clientOrderId });
    }
  }
  setImmediate(burst);
};
void burst();
