// Which strategy version sent an order: the one field the OMS, the journal, the API and the blotter all carry.

/** A strategy version: its name and the content hash of its code plus canonical parameters (see strategyVersion.ts). */
export interface StrategyOrderRef {
  readonly strategyId: string;
  readonly version: string;
}

/** How many hex digits of a version a person reads (the full hash stays on the record). */
export const SHORT_VERSION_LENGTH = 10;

export const shortVersion = (version: string): string => version.slice(0, SHORT_VERSION_LENGTH);

/** "sma-cross@3f2a9c01de": the strategy and its short version, as the blotter and the log show it. */
export function describeStrategyRef(ref: StrategyOrderRef | null | undefined): string {
  return ref ? `${ref.strategyId}@${shortVersion(ref.version)}` : '';
}

export const sameStrategyRef = (a: StrategyOrderRef | null | undefined, b: StrategyOrderRef | null | undefined): boolean =>
  !!a && !!b && a.strategyId === b.strategyId && a.version === b.version;
