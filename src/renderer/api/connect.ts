// Picks the transport: the preload's bridge inside Electron, a WebSocket when served to a browser.
import { createWorkstationClient, type WorkstationClient } from '../../shared/contracts/client';
import './bridge';
import { createWebSocketTransport, type ConnectionState } from './webSocketTransport';

export function connectWorkstation(onState: (state: ConnectionState, detail?: string) => void): WorkstationClient {
  if (window.nautilus) {
    onState('connected');
    return createWorkstationClient(window.nautilus);
  }
  // The access token arrived once in the URL and now travels as an HttpOnly cookie with the upgrade.
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api`;
  return createWorkstationClient(createWebSocketTransport(url, onState));
}
