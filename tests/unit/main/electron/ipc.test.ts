// IPC: a message from a frame that is not the app is refused before anything else; the app's frames get the API.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { IpcMain } from 'electron';
import { registerApiIpc } from '../../../../src/main/electron/ipc';
import { MessageBus } from '../../../../src/main/bus/messageBus';
import { API_IPC_CHANNEL } from '../../../../src/shared/contracts/ipc';

const APP = 'app://nautilus/index.html';

function fakeSender(id: number) {
  const sender = new EventEmitter() as EventEmitter & { id: number; send: ReturnType<typeof vi.fn>; isDestroyed(): boolean };
  sender.id = id;
  sender.send = vi.fn();
  sender.isDestroyed = () => false;
  return sender;
}

function setup() {
  const ipcMain = new EventEmitter();
  const dispatch = vi.fn(async (method: unknown) => ({ ok: true as const, value: `ran ${String(method)}` }));
  const refused: string[] = [];
  const bus = new MessageBus();
  const dispose = registerApiIpc(ipcMain as unknown as IpcMain, { dispatch, bus, appUrl: () => APP, onRefused: (r) => refused.push(r) });
  const send = (sender: ReturnType<typeof fakeSender>, frameUrl: string | undefined, message: unknown) =>
    ipcMain.emit(API_IPC_CHANNEL, { sender, senderFrame: frameUrl === undefined ? null : { url: frameUrl } }, message);
  return { ipcMain, dispatch, refused, bus, dispose, send };
}

describe('registerApiIpc', () => {
  it('answers calls from the app frame', async () => {
    const { send, dispatch } = setup();
    const sender = fakeSender(1);
    send(sender, APP, { kind: 'call', id: 7, method: 'system.ping', input: {} });
    await vi.waitFor(() => expect(sender.send).toHaveBeenCalledWith(API_IPC_CHANNEL, { kind: 'result', id: 7, ok: true, value: 'ran system.ping' }));
    expect(dispatch).toHaveBeenCalledWith('system.ping', {});
  });

  it('refuses messages from foreign or missing frames, and dispatches nothing', async () => {
    const { send, dispatch, refused } = setup();
    const sender = fakeSender(2);
    send(sender, 'https://evil.example/', { kind: 'call', id: 1, method: 'system.ping', input: {} });
    send(sender, undefined, { kind: 'call', id: 2, method: 'system.ping', input: {} });
    send(sender, 'file:///app/out/renderer/index.html', { kind: 'call', id: 3, method: 'system.ping', input: {} });
    await new Promise((r) => setTimeout(r, 10));
    expect(dispatch).not.toHaveBeenCalled();
    expect(sender.send).not.toHaveBeenCalled();
    expect(refused).toHaveLength(3);
    expect(refused[0]).toContain('evil.example');
  });

  it('streams subscribed topics to the window and stops when it is destroyed', async () => {
    const { send, bus } = setup();
    const sender = fakeSender(3);
    send(sender, APP, { kind: 'subscribe', id: 4, topic: 'engine.health' });
    bus.publish('engine.health', { name: 'features', state: 'up' });
    expect(sender.send).toHaveBeenCalledWith(API_IPC_CHANNEL, { kind: 'event', id: 4, topic: 'engine.health', data: { name: 'features', state: 'up' } });
    sender.emit('destroyed');
    sender.send.mockClear();
    bus.publish('engine.health', { name: 'features', state: 'down' });
    expect(sender.send).not.toHaveBeenCalled();
  });

  it('stops listening when disposed', () => {
    const { ipcMain, dispose } = setup();
    expect(ipcMain.listenerCount(API_IPC_CHANNEL)).toBe(1);
    dispose();
    expect(ipcMain.listenerCount(API_IPC_CHANNEL)).toBe(0);
  });
});
