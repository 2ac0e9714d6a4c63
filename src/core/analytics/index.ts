// Performance analytics: the public surface other parts (backtest, risk, portfolio, report, CLI) import.

export * from './conventions';
export * from './descriptive';
export * from './series';
export * from './returns';
export * from './drawdown';
export * from './ratios';
export * from './distribution';
export * from './trades';
export * from './benchmark';
export * from './rolling';
export * from './periodTables';
export * from './performance';
