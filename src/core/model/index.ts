// The domain model's public surface.
export * from './result';
export * from './assert';
export * from './clock';
export * from './instrument';
export * from './marketData';
