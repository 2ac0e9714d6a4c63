// The public face of src/core/ml: volatility (GARCH, EWMA) and regime models, pure and seeded.
export { ewmaVolatility, EWMA_SEED_DAYS, RISKMETRICS_LAMBDA, type EwmaVolatility } from './ewma';
export { fitGarch, forecastGarchSd, garchHorizonSd, GARCH_MIN_OBSERVATIONS, type GarchDistribution, type GarchFit, type GarchModel, type GarchOptions } from './garch';
export { checkSeries, type MlInputError, type MlInputErrorCode } from './mlInputError';
export { simulateGarch, type GarchProcess } from './simulate';
export { percentLogReturns, simpleReturnSd } from './returnSeries';
