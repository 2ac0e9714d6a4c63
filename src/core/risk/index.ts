// Portfolio risk math: the public surface the risk service, the risk engine, limits and reports import.
export * from './riskErrors';
export * from './riskConventions';
export * from './normalQuantile';
export * from './scenarioHistory';
export * from './bookValuation';
export * from './varFigures';
export * from './historicalVar';
export * from './parametricVar';
export * from './cholesky';
export * from './monteCarloVar';
export * from './bookVar';
export * from './scenarioBook';
export * from './stress';
export * from './exposures';
export * from './riskInputs';
export * from './varReport';
export * from './stressExposureReports';
