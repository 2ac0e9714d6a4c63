// Monthly and yearly returns tables: daily returns compounded within each UTC calendar month and year.

export interface PeriodReturn {
  readonly year: number;
  /** 1–12 for months; absent for years. */
  readonly month?: number;
  readonly value: number;
}

function compoundBy(returnTimes: Float64Array, returns: Float64Array, keyOf: (d: Date) => { year: number; month?: number }): PeriodReturn[] {
  const out: PeriodReturn[] = [];
  let current: { year: number; month?: number } | undefined;
  let growth = 1;
  const flush = (): void => {
    if (current) out.push({ ...current, value: growth - 1 });
  };
  for (let i = 0; i < returns.length; i++) {
    const key = keyOf(new Date(returnTimes[i]!));
    if (!current || key.year !== current.year || key.month !== current.month) {
      flush();
      current = key;
      growth = 1;
    }
    growth *= 1 + returns[i]!;
  }
  flush();
  return out;
}

/** One row per month that has a daily return, in time order. */
export function monthlyReturns(returnTimes: Float64Array, returns: Float64Array): PeriodReturn[] {
  return compoundBy(returnTimes, returns, (d) => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 }));
}

/** One row per year that has a daily return, in time order. */
export function yearlyReturns(returnTimes: Float64Array, returns: Float64Array): PeriodReturn[] {
  return compoundBy(returnTimes, returns, (d) => ({ year: d.getUTCFullYear() }));
}
