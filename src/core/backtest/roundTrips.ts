// Round-trip trades from fills: a trip opens when a symbol's position leaves flat and closes when it returns to (or
// crosses) flat; its P&L is the realized P&L over the trip less its commissions.
import type { Fill } from '../model/fill';
import type { BacktestTrade } from './backtestTypes';

interface OpenTrip {
  direction: 1 | -1;
  entryTime: number;
  quantity: number;
  maxQuantity: number;
  averageCost: number;
  entryValue: number;
  entryQuantity: number;
  exitValue: number;
  exitQuantity: number;
  realized: number;
  commission: number;
}

/** `toBase(amount, currency)`: converts a P&L amount to the base currency (identity in a single-currency run). */
export function roundTripsOf(fills: readonly Fill[], multiplierOf: (symbol: string) => number, toBase: (amount: number, symbol: string) => number = (a) => a): BacktestTrade[] {
  const open = new Map<string, OpenTrip>();
  const trips: BacktestTrade[] = [];
  for (const fill of fills) {
    const m = multiplierOf(fill.symbol);
    const direction: 1 | -1 = fill.side === 'BUY' ? 1 : -1;
    let remaining = fill.quantity;
    while (remaining > 1e-9) {
      let trip = open.get(fill.symbol);
      if (!trip) {
        trip = { direction, entryTime: fill.time, quantity: 0, maxQuantity: 0, averageCost: 0, entryValue: 0, entryQuantity: 0, exitValue: 0, exitQuantity: 0, realized: 0, commission: 0 };
        open.set(fill.symbol, trip);
      }
      const adding = direction === trip.direction;
      // A fill that crosses flat closes the trip with part of its quantity and opens the next with the rest.
      const size = adding ? remaining : Math.min(remaining, trip.quantity);
      trip.commission += (fill.commission * size) / fill.quantity;
      remaining -= size;
      if (adding) {
        trip.averageCost = (trip.averageCost * trip.quantity + fill.price * size) / (trip.quantity + size);
        trip.quantity += size;
        trip.entryValue += fill.price * size;
        trip.entryQuantity += size;
        trip.maxQuantity = Math.max(trip.maxQuantity, trip.quantity);
        continue;
      }
      trip.realized += size * (fill.price - trip.averageCost) * trip.direction * m;
      trip.quantity -= size;
      trip.exitValue += fill.price * size;
      trip.exitQuantity += size;
      if (trip.quantity > 1e-9) continue;
      open.delete(fill.symbol);
      const commission = toBase(trip.commission, fill.symbol);
      trips.push({
        symbol: fill.symbol,
        direction: trip.direction,
        entryTime: trip.entryTime,
        exitTime: fill.time,
        maxQuantity: trip.maxQuantity,
        entryPrice: trip.entryValue / trip.entryQuantity,
        exitPrice: trip.exitValue / trip.exitQuantity,
        pnl: toBase(trip.realized, fill.symbol) - commission,
        commission,
      });
    }
  }
  return trips;
}
