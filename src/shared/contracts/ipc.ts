// The one IPC channel between a window's preload and the main process; it carries the same wire messages as the WebSocket.
export const API_IPC_CHANNEL = 'nautilus:api';
