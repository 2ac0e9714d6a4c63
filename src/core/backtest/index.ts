// Backtests on the trading node: types, the bar replay and the round trips it yields.
export * from './backtestTypes';
export * from './backtestRunner';
export * from './barTimeline';
export * from './roundTrips';
export * from './dailyEquity';
export * from './barReplay';
export * from './executionRecord';
export { executionRecord } from './backtestExecutions';
