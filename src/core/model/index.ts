// The domain model's public surface.
export * from './result';
export * from './assert';
export * from './clock';
export * from './instrument';
export * from './instrumentRegistry';
export * from './marketData';
export * from './ids';
export * from './order';
export * from './strategyRef';
export * from './fill';
export * from './position';
