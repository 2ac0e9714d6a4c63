// Portfolio construction: covariance estimators, optimizers, efficient frontier and rebalancing (pure; no I/O).
export * from './errors';
export * from './linalg';
export * from './returns';
export * from './covariance';
export * from './constraints';
export * from './meanVariance';
export * from './riskParity';
export * from './hierarchicalRiskParity';
export * from './blackLitterman';
export * from './riskMeasures';
export * from './methods';
export * from './optimize';
export * from './efficientFrontier';
export * from './rebalance';
