// The synthetic market's public surface: universe, FX, factor model, live feed and history.
export * from './universe';
export * from './fxRates';
export * from './factorModel';
export * from './microstructure';
export * from './sessionCalendar';
export * from './syntheticFeed';
export * from './syntheticHistory';
export * from './barBuilder';
