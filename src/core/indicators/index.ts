// Public surface of the technical indicators library: streaming classes, batch forms, registry and specs.

export * from './types';
export * from './window';
export * from './movingAverages';
export * from './momentum';
export * from './oscillators';
export * from './volatility';
export * from './volume';
export * from './trend';
export * from './statistics';
export * from './fundamentals';
export * from './hygiene';
export * from './registry';
export * from './spec';
export * from './compute';
export { batchViaStream } from './indicatorDef';
