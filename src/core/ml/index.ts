// The public face of src/core/ml: volatility (GARCH, EWMA), regime, linear and tree models, pure and seeded.
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
export { fitDecisionTree, predictTree, predictTreeRow, type DecisionTree, type TreeOptions, type TreeTask } from './trees/decisionTree';
export { fitRandomForest, predictForest, predictForestRow, type ForestOptions, type RandomForest } from './trees/randomForest';
export { binFeatures, MAX_BINS, type FeatureBins } from './trees/featureBins';
export { boostedMarginRow, fitGradientBoosting, predictBoosted, type BoostedTrees, type BoostingLoss, type BoostingOptions } from './trees/gradientBoosting';
export { permutationImportance, type PermutationImportance } from './permutationImportance';
export { predictionMetrics, type PredictionMetrics } from './predictionMetrics';
export { checkKindForTask, fitTabular, impurityImportance, predictTabular, predictTabularRow, TABULAR_KINDS, type FittedTabular, type TabularKind, type TabularParams } from './tabularModel';
export { trainWalkForward, type FoldResult, type TrainingControl, type TrainingSet, type WalkForwardSpec, type WalkForwardTraining } from './walkForwardTraining';
