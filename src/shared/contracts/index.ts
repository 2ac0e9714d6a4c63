// The API between processes: contracts, schemas, wire messages and the typed client.
export * from './api';
export * from './client';
export * from './engines';
export * from './errors';
export * from './system';
export * from './topics';
export * from './wire';
export * from './messageTransport';
export * from './ipc';
