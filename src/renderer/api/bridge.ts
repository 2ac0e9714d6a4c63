// The preload's bridge as the page sees it (Electron only): a small function API, never ipcRenderer itself.
import type { CallReply } from '../../shared/contracts/wire';

export interface NautilusBridge {
  call(method: string, input: unknown): Promise<CallReply>;
  subscribe(topic: string, onEvent: (data: unknown) => void): () => void;
}

declare global {
  interface Window {
    nautilus?: NautilusBridge;
  }
}
