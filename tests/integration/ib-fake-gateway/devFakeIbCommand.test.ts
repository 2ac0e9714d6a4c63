// `nautilus dev fake-ib`: argument validation, and a run that a real client can connect to until it is stopped.
import { describe, expect, it } from 'vitest';
import { EventName, IBApi } from '@stoqey/ib';
import { devFakeIbCommand, parseFakeIbArgs, runFakeIb } from '../../../src/cli/commands/devFakeIb';
import { Recorder } from './helpers';

const captureIo = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
};

describe('nautilus dev fake-ib', () => {
  it('validates the port and other options with a clear message and exit code 2', async () => {
    for (const bad of [['--port', '70000'], ['--port', 'abc'], ['--port'], ['--port=-1'], ['--bogus']]) {
      const { io, err } = captureIo();
      expect(await devFakeIbCommand.run(bad, io)).toBe(2);
      expect(err.join('\n')).toMatch(/--port must be an integer from 0 to 65535|unknown option/);
    }
    expect(parseFakeIbArgs(['--port=4002', '--seed', '7'])).toEqual({ ok: true, args: { port: 4002, host: '127.0.0.1', seed: 7, tickMs: 500, firstOrderId: 1 } });
    const { io, out } = captureIo();
    expect(await devFakeIbCommand.run(['--help'], io)).toBe(0);
    expect(out.join('')).toContain('usage: nautilus dev fake-ib');
  });

  it('serves a real client until stopped', async () => {
    const { io, out } = captureIo();
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    const running = runFakeIb(['--port', '0', '--tick-ms', '0', '--first-order-id', '500'], io, stopped);
    while (!out.some((l) => l.includes('listening'))) await new Promise((r) => setTimeout(r, 10));
    const port = Number(/:(\d+) /.exec(out.find((l) => l.includes('listening')) ?? '')?.[1]);
    const ib = new IBApi({ host: '127.0.0.1', port, clientId: 1 });
    const rec = new Recorder(ib);
    const id = rec.waitFor(EventName.nextValidId);
    ib.connect();
    expect((await id)[0]).toBe(500);
    ib.disconnect();
    stop();
    expect(await running).toBe(0);
  });
});
