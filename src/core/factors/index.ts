// Factor research math: operators, the expression language, the factor library and cross-sectional analytics.
export * from './panel';
export * from './timeSeries';
export * from './crossSection';
export * from './library';
export * from './expression/operators';
export * from './expression/validate';
export { evaluateExpression, type EvaluationInput } from './expression/evaluate';
export { parseExpression } from './expression/parser';
export type { Expr } from './expression/ast';
export * from './analytics/forwardReturns';
export { dateRanks, type DateRanks } from './analytics/crossSectionPairs';
export * from './analytics/informationCoefficient';
export * from './analytics/quantiles';
export * from './analytics/correlation';
export * from './analytics/composite';
export * from './analytics/factorAnalysis';
export * from './factorSpec';
export * from './libraryDoc';
