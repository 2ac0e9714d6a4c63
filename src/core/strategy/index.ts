// The strategy API, its parameters, module loading and the host that runs a strategy on a trading node.
export * from './strategy';
export * from './params';
export * from './strategyModule';
export * from './strategyHost';
