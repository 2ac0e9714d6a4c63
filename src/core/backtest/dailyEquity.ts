// Daily equity marked at the close: one row per session date (the last close of the day wins for intraday bars),
// with cash, exposure (gross market value / equity) and turnover (traded value that day / equity).
import type { Fill } from '../model/fill';
import type { Instrument } from '../model/instrument';
import type { PositionSnapshot } from '../model/position';
import type { FxRates } from '../trading/fxRates';
import type { Portfolio } from '../strategy/strategy';
import type { DailyEquity } from './backtestTypes';

const DAY_MS = 86_400_000;

export class DailyEquityRecorder {
  private time: number[] = [];
  private equity: number[] = [];
  private cash: number[] = [];
  private exposure: number[] = [];
  private turnover: number[] = [];
  private tradedToday = 0;
  private tradedDay = NaN;

  constructor(
    private readonly portfolio: Portfolio,
    private readonly positions: () => readonly PositionSnapshot[],
    private readonly instrument: (symbol: string) => Instrument | undefined,
    private readonly fx: FxRates,
  ) {}

  traded(fill: Fill): void {
    const day = Math.floor(fill.time / DAY_MS) * DAY_MS;
    if (day !== this.tradedDay) {
      this.tradedDay = day;
      this.tradedToday = 0;
    }
    const instrument = this.instrument(fill.symbol);
    if (!instrument) return;
    this.tradedToday += Math.abs(this.fx.convert(fill.quantity * fill.price * instrument.multiplier, instrument.currency) ?? NaN);
  }

  /** After a close at bar time `barTime`: the session date's row, written anew at each close of that date. */
  record(barTime: number): void {
    const day = Math.floor(barTime / DAY_MS) * DAY_MS;
    const equity = this.portfolio.equity();
    let gross = 0;
    for (const p of this.positions()) {
      if (p.quantity === 0) continue;
      const instrument = this.instrument(p.symbol);
      if (!instrument) continue;
      gross += Math.abs(this.fx.convert(p.quantity * (p.markPrice ?? p.averageCost) * instrument.multiplier, instrument.currency) ?? NaN);
    }
    const traded = this.tradedDay === day ? this.tradedToday : 0;
    const last = this.time.length - 1;
    const row = last >= 0 && this.time[last] === day ? last : this.time.length;
    this.time[row] = day;
    this.equity[row] = equity;
    this.cash[row] = this.portfolio.cash();
    this.exposure[row] = equity > 0 ? gross / equity : NaN;
    this.turnover[row] = equity > 0 ? traded / equity : NaN;
  }

  result(): DailyEquity {
    return {
      time: Float64Array.from(this.time),
      equity: Float64Array.from(this.equity),
      cash: Float64Array.from(this.cash),
      exposure: Float64Array.from(this.exposure),
      turnover: Float64Array.from(this.turnover),
    };
  }
}
