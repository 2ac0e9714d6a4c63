// The API over IPC: one session per window, and every message checked for its sender frame before anything else.
import type { IpcMain, IpcMainEvent, WebContents } from 'electron';
import { API_IPC_CHANNEL } from '../../shared/contracts/ipc';
import { createApiSession, type ApiSession } from '../api/apiSession';
import type { Dispatch } from '../api/dispatcher';
import type { MessageBus } from '../bus/messageBus';
import { isAppUrl } from './security';

export interface IpcApiOptions {
  dispatch: Dispatch;
  bus: MessageBus;
  appUrl: () => string;
  onRefused?: (reason: string) => void;
}

export function registerApiIpc(ipcMain: IpcMain, options: IpcApiOptions): () => void {
  const sessions = new Map<number, ApiSession>();

  const sessionFor = (sender: WebContents): ApiSession => {
    let session = sessions.get(sender.id);
    if (!session) {
      const created = createApiSession({
        dispatch: options.dispatch,
        bus: options.bus,
        send: (message) => {
          if (!sender.isDestroyed()) sender.send(API_IPC_CHANNEL, message);
        },
        onBadMessage: (reason) => options.onRefused?.(`bad IPC message: ${reason}`),
      });
      sessions.set(sender.id, created);
      sender.once('destroyed', () => {
        created.close();
        sessions.delete(sender.id);
      });
      session = created;
    }
    return session;
  };

  const onMessage = (event: IpcMainEvent, message: unknown) => {
    const frameUrl = event.senderFrame?.url;
    if (!frameUrl || !isAppUrl(frameUrl, options.appUrl())) {
      options.onRefused?.(`IPC from an untrusted frame refused: ${frameUrl ?? '(no frame)'}`);
      return;
    }
    sessionFor(event.sender).receive(message);
  };

  ipcMain.on(API_IPC_CHANNEL, onMessage);
  return () => {
    ipcMain.removeListener(API_IPC_CHANNEL, onMessage);
    for (const session of sessions.values()) session.close();
    sessions.clear();
  };
}
