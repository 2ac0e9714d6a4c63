// How the Portfolio panel writes its figures: weights and annual rates as percentages of a fraction.

/** 0.1234 → "12.34%" (unsigned: a volatility or a long weight reads without a plus). */
export const percentOf = (fraction: number | null | undefined, decimals = 2): string =>
  typeof fraction === 'number' && Number.isFinite(fraction) ? `${(fraction * 100).toFixed(decimals)}%` : '—';
