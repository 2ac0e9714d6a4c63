// The preload: exposes exactly the WorkstationApi's call/subscribe to the page, over one IPC channel. Never ipcRenderer.
import { contextBridge, ipcRenderer } from 'electron';
import { API_IPC_CHANNEL } from '../shared/contracts/ipc';
import { createMessageTransport } from '../shared/contracts/messageTransport';
import type { ServerMessage } from '../shared/contracts/wire';

const transport = createMessageTransport({
  send: (message) => ipcRenderer.send(API_IPC_CHANNEL, message),
  onMessage: (handler) => {
    ipcRenderer.on(API_IPC_CHANNEL, (_event, message: ServerMessage) => handler(message));
  },
});

contextBridge.exposeInMainWorld('nautilus', {
  call: (method: string, input: unknown) => transport.call(method, input),
  subscribe: (topic: string, onEvent: (data: unknown) => void) => transport.subscribe(topic, onEvent),
});
