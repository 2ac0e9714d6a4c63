// The public face of src/core/ml: volatility (GARCH, EWMA) and regime models, pure and seeded.
export { ewmaVolatility, EWMA_SEED_DAYS, RISKMETRICS_LAMBDA, type EwmaVolatility } from './ewma';
export { fitGarch, forecastGarchSd, garchHorizonSd, GARCH_MIN_OBSERVATIONS, type GarchDistribution, type GarchFit, type GarchModel, type GarchOptions } from './garch';
export { checkSeries, type MlInputError, type MlInputErrorCode } from './mlInputError';
export { simulateGarch, simulateHmm, type GarchProcess } from './simulate';
export { percentLogReturns, simpleReturnSd } from './returnSeries';
export { expectedDurations, fitGaussianHmm, HMM_MAX_STATES, HMM_MIN_STATES, type GaussianHmmParameters, type HmmFit, type HmmOptions } from './hmm';
export { forwardBackward, viterbi } from './hmmInference';
export { walkForwardFolds, type Fold, type FoldOptions, type WindowMode } from './walkForwardFolds';
export { checkDesign, fitLasso, fitRidge, type Design, type LinearFit } from './linearModels';
export { fitLogistic } from './logisticRegression';
