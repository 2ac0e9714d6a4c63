// A backend process for the crash test: starts the Workstation on a data directory, then a client bursts orders
// and cancels through the API as fast as replies come back, until the process is killed. The client writes down
// what it was shown (acknowledged orders, order updates, fills) as it is shown, one line each, so the test can
// hold the journal to it after the kill. Run with `node --import tsx`.
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { Workstation } from '../../../src/main/workstation';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import type { RiskLimit } from '../../../src/core/trading/risk/limits';
import type { Fill } from '../../../src/core/model/fill';
import type { Order } from '../../../src/core/model/order';
import { restoredView, type ClientSaw } from './journalAudit';

const [dataDir, auditFile, clientFile, restoredFile] = process.argv.slice(2);
if (!dataDir || !auditFile || !clientFile || !restoredFile) throw new Error('usage: crashChild <dataDir> <auditFile> <clientFile> <restoredFile>');

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
// What a client reconnecting after the restart is shown: every order and fill, through the API.
writeFileSync(restoredFile, JSON.stringify(await restoredView(ws.dispatch)));
const symbols = ws.desk.equities.filter((i) => i.currency === 'USD' && i.lotSize === 1).map((i) => i.symbol).slice(0, 5);

// The client's notebook: written synchronously when something is shown, as a socket write would be.
const fd = openSync(clientFile, 'a');
const saw = (line: ClientSaw) => writeSync(fd, `${JSON.stringify(line)}\n`);
ws.bus.subscribe('trading.orders', (o) => {
  const order = o as Order;
  saw({ t: 'order', id: order.clientOrderId, status: order.status, filled: order.filledQuantity });
});
ws.bus.subscribe('trading.fills', (f) => {
  const { fill } = f as { fill: Fill };
  saw({ t: 'fill', id: fill.clientOrderId, exec: fill.executionId, qty: fill.quantity, price: fill.price });
});
process.on('exit', () => closeSync(fd));
process.stdout.write('READY\n');

let n = 0;
const submit = async (k: number) => {
  const symbol = symbols[k % symbols.length]!;
  const quote = ws.live.quote(symbol)!;
  const side = k % 3 === 0 ? 'SELL' : 'BUY';
  const limit = k % 2 === 0;
  const away = side === 'BUY' ? quote.bid * 0.99 : quote.ask * 1.01;
  const quantity = 1 + (k % 7);
  const reply = await ws.dispatch('orders.submit', {
    symbol,
    side,
    type: limit ? 'LIMIT' : 'MARKET',
    quantity,
    timeInForce: 'GTC',
    ...(limit ? { limitPrice: Math.round(away * 100) / 100 } : {}),
  });
  if (reply.ok && (reply.value as { ok: boolean }).ok) {
    const order = (reply.value as { value: Order }).value;
    saw({ t: 'ack', id: order.clientOrderId, symbol: order.symbol, side: order.side, qty: order.quantity, status: order.status });
  }
};
const cancelOne = async () => {
  const working = ws.trading.core.oms.workingOrders().filter((o) => o.status === 'Accepted');
  if (working.length === 0) return;
  const reply = await ws.dispatch('orders.cancel', { clientOrderId: working[0]!.clientOrderId });
  if (reply.ok && (reply.value as { ok: boolean }).ok) {
    const order = (reply.value as { value: Order }).value;
    saw({ t: 'order', id: order.clientOrderId, status: order.status, filled: order.filledQuantity });
  }
};
// Twenty requests in flight at a time, as a client pipelining over one socket would have.
const burst = async () => {
  const calls: Promise<void>[] = [];
  for (let i = 0; i < 20; i++, n++) {
    calls.push(submit(n));
    if (n % 5 === 0) calls.push(cancelOne());
  }
  await Promise.all(calls);
  setImmediate(burst);
};
void burst();

