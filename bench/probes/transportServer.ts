// The server half of transportProbe.ts, in its own process so its memory and event loop are its own. Given the
// source tree to load (this checkout or an older one), it starts either a bare server whose every call answers
// 32 KB (`echo`) or a whole workstation (`workstation`), prints {port, token} and answers "rss" on stdin.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, mode] = process.argv.slice(2) as [string, 'echo' | 'workstation'];
const load = (path: string) => import(pathToFileURL(join(root, path)).href);
const dir = mkdtempSync(join(tmpdir(), 'nautilus-probe-'));
mkdirSync(join(dir, 'renderer'));
writeFileSync(join(dir, 'renderer', 'index.html'), '<html></html>');
const token = 'probe-token-0123456789abcdef';
const { startHeadlessServer } = await load('src/main/headless/httpServer.ts');
const { MessageBus } = await load('src/main/bus/messageBus.ts');
let stop = async () => undefined as unknown;
let dispatch: unknown;
let bus: unknown;
if (mode === 'echo') {
  const reply = 'x'.repeat(32 * 1024);
  dispatch = async () => ({ ok: true, value: reply });
  bus = new MessageBus();
} else {
  const { Workstation } = await load('src/main/workstation.ts');
  const { createWorkerEngineLauncher } = await load('src/main/headless/workerEngineLauncher.ts');
  const ws = await Workstation.start({ dataDir: join(dir, 'data'), host: 'headless', engineLauncher: createWorkerEngineLauncher(), engines: ['features'], syntheticHistory: false, marketIntervalMs: 10 });
  await ws.dispatch('risk.setLimits', { limits: [] });
  for (let i = 0; i < 200 && ws.supervisor.healthOf('features').state !== 'up'; i++) await new Promise((r) => setTimeout(r, 50));
  dispatch = ws.dispatch;
  bus = ws.bus;
  stop = () => ws.stop();
  process.stderr.write(`symbols ${JSON.stringify(ws.desk.equities.filter((i: { currency: string; lotSize: number }) => i.currency === 'USD' && i.lotSize === 1).map((i: { symbol: string }) => i.symbol).slice(0, 3))}\n`);
}
const server = await startHeadlessServer({ host: '127.0.0.1', port: 0, token, sessionFile: join(dir, 'sessions.json'), rendererDir: join(dir, 'renderer'), dispatch, bus });
process.stdout.write(`${JSON.stringify({ port: server.port, token })}\n`);
process.stdin.setEncoding('utf8');
process.stdin.on('data', async (line: string) => {
  if (line.trim() === 'rss') {
    global.gc?.();
    process.stdout.write(`${JSON.stringify({ rss: process.memoryUsage().rss })}\n`);
  } else if (line.trim() === 'quit') {
    await server.close();
    await stop();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }
});
