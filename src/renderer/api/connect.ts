// Picks the transport: the preload's bridge inside Electron, a WebSocket when served to a browser.
import { createWorkstationClient, type WorkstationClient } from '../../shared/contracts/client';
import './bridge';
import { openBrowserSession } from './browserSession';
import { createWebSocketTransport, type ConnectionState } from './webSocketTransport';

export function connectWorkstation(onState: (state: ConnectionState, detail?: string) => void): WorkstationClient {
  if (window.nautilus) {
    onState('connected');
    return createWorkstationClient(window.nautilus);
  }
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api`;
  return createWorkstationClient(createWebSocketTransport(url, openBrowserSession(), onState));
}
