// The utility-process launcher over a stand-in for Electron's fork and MessageChannelMain: the engine gets one port,
// ArrayBuffers are dropped from transfer lists (Electron copies them), exits reach the supervisor.
import { EventEmitter } from 'node:events';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import * as Comlink from 'comlink';
import { createUtilityProcessLauncher, type UtilityProcessApi } from '../../../../src/main/electron/utilityProcessLauncher';
import { messagePortMainEndpoint } from '../../../../src/engines/runtime/endpoints';
import { CONNECT_MESSAGE } from '../../../../src/engines/runtime/engineContract';

/** MessagePortMain's shape (Node-style events with { data }, start() to begin) over a real Node MessagePort. */
class FakePortMain extends EventEmitter {
  readonly transfers: unknown[][] = [];
  constructor(private readonly port: MessagePort) {
    super();
  }
  postMessage(message: unknown, transfer: unknown[] = []) {
    this.transfers.push(transfer);
    if (transfer.some((t) => t instanceof ArrayBuffer)) throw new Error('MessagePortMain cannot transfer ArrayBuffers');
    this.port.postMessage(message);
  }
  start() {
    this.port.on('message', (data) => this.emit('message', { data, ports: [] }));
  }
  close() {
    this.port.close();
  }
}

function fakeElectron() {
  const children: Array<EventEmitter & { postMessage: ReturnType<typeof vi.fn>; kill: ReturnType<typeof vi.fn> }> = [];
  const ports: FakePortMain[] = [];
  const api = {
    fork: vi.fn(() => {
      const child = Object.assign(new EventEmitter(), { postMessage: vi.fn(), kill: vi.fn() });
      children.push(child);
      return child;
    }),
    MessageChannelMain: class {
      port1: FakePortMain;
      port2: FakePortMain;
      constructor() {
        const { port1, port2 } = new MessageChannel();
        this.port1 = new FakePortMain(port1);
        this.port2 = new FakePortMain(port2);
        ports.push(this.port1, this.port2);
      }
    },
  };
  return { api: api as unknown as UtilityProcessApi, children, ports, fork: api.fork };
}

describe('createUtilityProcessLauncher', () => {
  it('forks the built entry and hands the child its port', () => {
    const electron = fakeElectron();
    const launcher = createUtilityProcessLauncher(electron.api, () => ({ file: '/app/out/main/engines/features.js', typescript: false }));
    launcher.launch('features');
    expect(electron.fork).toHaveBeenCalledWith('/app/out/main/engines/features.js', [], expect.objectContaining({ serviceName: 'Nautilus features engine' }));
    const [message, transfer] = electron.children[0]!.postMessage.mock.calls[0]!;
    expect(message).toEqual({ type: CONNECT_MESSAGE });
    expect(transfer).toEqual([electron.ports[1]]);
  });

  it('refuses to run TypeScript source in a utility process', () => {
    const launcher = createUtilityProcessLauncher(fakeElectron().api, () => ({ file: '/src/engines/x/entry.ts', typescript: true }));
    expect(() => launcher.launch('x')).toThrow(/not built/);
  });

  it('reports the exit code and can kill the child', () => {
    const electron = fakeElectron();
    const launched = createUtilityProcessLauncher(electron.api, () => ({ file: 'f.js', typescript: false })).launch('features');
    const reasons: string[] = [];
    launched.onExit((r) => reasons.push(r));
    launched.kill();
    expect(electron.children[0]!.kill).toHaveBeenCalled();
    electron.children[0]!.emit('exit', 9);
    expect(reasons).toEqual(['exited with code 9']);
  });
});

describe('messagePortMainEndpoint', () => {
  it('carries comlink calls with typed arrays, copying instead of transferring', async () => {
    const { port1, port2 } = new MessageChannel();
    const engineSide = new FakePortMain(port1);
    const hostSide = new FakePortMain(port2);
    Comlink.expose({ double: (xs: Float64Array) => xs.map((x) => x * 2) }, messagePortMainEndpoint(engineSide));
    engineSide.start();
    const remote = Comlink.wrap<{ double(xs: Float64Array): Float64Array }>(messagePortMainEndpoint(hostSide));
    const input = new Float64Array([1, 2, 3]);
    const output = await remote.double(Comlink.transfer(input, [input.buffer]));
    expect(Array.from(output)).toEqual([2, 4, 6]);
    expect(input.byteLength).toBe(24); // copied, not moved: Electron cannot transfer buffers into a utility process
    expect(hostSide.transfers.every((list) => list.every((t) => !(t instanceof ArrayBuffer)))).toBe(true);
    port1.close();
  });
});
