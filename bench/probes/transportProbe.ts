// Before/after figures for the transport fixes of issue 10, against a server in its own process (transportServer.ts)
// built from any checkout: `npx tsx bench/probes/transportProbe.ts <checkout> memory|fanout|heavy`.
//   memory: one client pauses reading and sends 10,000 calls answered with 32 KB each; the server's RSS growth.
//   fanout: five sockets each ask for 1,000 subscriptions to market.quotes.*; order round trips on a sixth.
//   heavy:  features.movingAverage with 5,000,000 values, then with 165,150 (the new cap), beside order round trips.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import WebSocket from 'ws';

const [root, probe] = process.argv.slice(2) as [string, 'memory' | 'fanout' | 'heavy'];
const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const child = spawn(tsx, ['--expose-gc', join(process.cwd(), 'bench/probes/transportServer.ts'), root, probe === 'memory' ? 'echo' : 'workstation'], { stdio: ['pipe', 'pipe', 'pipe'], cwd: root });
let symbols: string[] = [];
child.stderr.on('data', (c: Buffer) => {
  const m = /symbols (\[.*\])/.exec(String(c));
  if (m) symbols = JSON.parse(m[1]!) as string[];
});
const lines = createInterface({ input: child.stdout });
const nextLine = () => new Promise<string>((resolve) => lines.once('line', resolve));
const { port, token } = JSON.parse(await nextLine()) as { port: number; token: string };
const rss = async () => {
  child.stdin.write('rss\n');
  return (JSON.parse(await nextLine()) as { rss: number }).rss;
};

// The new server trades the token for a session credential; the old one took ?token= on the socket.
const exchange = await fetch(`http://127.0.0.1:${port}/session`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
const session = exchange.status === 200 ? ((await exchange.json()) as { session: string }).session : undefined;
const open = () =>
  new Promise<WebSocket>((resolve, reject) => {
    const ws = session
      ? new WebSocket(`ws://127.0.0.1:${port}/api`, ['nautilus.v1', `nautilus.session.${session}`])
      : new WebSocket(`ws://127.0.0.1:${port}/api?token=${token}`);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
const replies = (ws: WebSocket) => {
  const waiting = new Map<number, (m: Record<string, unknown>) => void>();
  ws.on('message', (data) => {
    for (const m of [JSON.parse(String(data))].flat() as Array<Record<string, unknown>>) if (m.kind === 'result') waiting.get(m.id as number)?.(m);
  });
  return (id: number) => new Promise<Record<string, unknown>>((resolve) => waiting.set(id, resolve));
};
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const MB = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
let orderId = 1_000_000;
const roundTrip = async (ws: WebSocket, reply: (id: number) => Promise<Record<string, unknown>>) => {
  const id = orderId++;
  const t0 = performance.now();
  const answered = reply(id);
  ws.send(JSON.stringify({ kind: 'call', id, method: 'orders.submit', input: { symbol: symbols[id % symbols.length], side: 'BUY', type: 'MARKET', quantity: 1, timeInForce: 'DAY' } }));
  const m = await answered;
  return { ms: performance.now() - t0, ok: m.ok };
};

if (probe === 'memory') {
  const before = await rss();
  const ws = await open();
  ws.pause();
  for (let id = 1; id <= 10_000; id++) ws.send(JSON.stringify({ kind: 'call', id, method: 'system.ping', input: {} }));
  await new Promise((r) => setTimeout(r, 5_000));
  const during = await rss();
  console.log(`memory: server RSS ${MB(before)} → ${MB(during)} with 10,000 unread 32 KB replies (+${MB(during - before)}); socket ${ws.readyState === ws.OPEN ? 'open' : 'closed'}`);
  ws.terminate();
} else if (probe === 'fanout') {
  const order = await open();
  const reply = replies(order);
  const idle: number[] = [];
  for (let i = 0; i < 200; i++) idle.push((await roundTrip(order, reply)).ms);
  const flooders = await Promise.all(Array.from({ length: 5 }, open));
  let accepted = 0;
  for (const ws of flooders) {
    ws.on('message', (data) => {
      for (const m of [JSON.parse(String(data))].flat() as Array<Record<string, unknown>>) if (m.kind === 'subscribed' && !m.error) accepted++;
    });
    for (let id = 1; id <= 1_000; id++) ws.send(JSON.stringify({ kind: 'subscribe', id, topic: 'market.quotes.*' }));
  }
  await new Promise((r) => setTimeout(r, 2_000));
  const loaded: number[] = [];
  for (let i = 0; i < 200; i++) loaded.push((await roundTrip(order, reply)).ms);
  console.log(`fanout: ${accepted} of 5,000 subscriptions accepted; order round trip p50/p99 ${pct(idle, 0.5).toFixed(2)}/${pct(idle, 0.99).toFixed(2)} ms idle → ${pct(loaded, 0.5).toFixed(2)}/${pct(loaded, 0.99).toFixed(2)} ms under fan-out`);
  for (const ws of flooders) ws.terminate();
  order.terminate();
} else {
  let heavyWs = await open();
  let heavyReply = replies(heavyWs);
  const order = await open();
  const reply = replies(order);
  for (let i = 0; i < 20; i++) await roundTrip(order, reply);
  // Five million small integers fit the old 64 MB frame limit (the case); then the new cap, at long numbers.
  for (const [count, value] of [[5_000_000, (i: number) => i % 100], [165_150, (i: number) => 100 + Math.sin(i / 50)]] as const) {
    const values = Array.from({ length: count }, (_, i) => value(i));
    const text = JSON.stringify({ kind: 'call', id: count, method: 'features.movingAverage', input: { kind: 'ema', period: 200, values } });
    const t0 = performance.now();
    const heavy = heavyReply(count);
    const closed = new Promise<string>((resolve) => heavyWs.once('close', (code) => resolve(`socket closed (${code})`)));
    heavyWs.send(text);
    await new Promise((r) => setTimeout(r, 5)); // the heavy frame is on its way
    const trips: number[] = [];
    let settled = false;
    const outcome = Promise.race([heavy.then((m) => (m.ok ? 'computed' : `refused: ${(m.error as { message: string }).message.slice(0, 80)}`)), closed]).then((o) => {
      settled = true;
      return o;
    });
    while (!settled) trips.push((await roundTrip(order, reply)).ms);
    const what = await outcome;
    console.log(`heavy: ${count.toLocaleString()} values (${MB(text.length)} frame): ${what} after ${(performance.now() - t0).toFixed(0)} ms; concurrent order round trips n=${trips.length} max ${Math.max(...trips).toFixed(1)} ms p50 ${pct(trips, 0.5).toFixed(2)} ms`);
    if (heavyWs.readyState !== heavyWs.OPEN) {
      heavyWs = await open();
      heavyReply = replies(heavyWs);
    }
  }
  heavyWs.terminate();
  order.terminate();
}
child.stdin.write('quit\n');
await new Promise((r) => child.once('exit', r));
