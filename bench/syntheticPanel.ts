// A seeded OHLCV panel, symbol-major, for the factor benchmark and the factor speed probe: a random walk per symbol
// with its own drift; with `gaps`, missing bars (a late listing, a delisting, random holes) and flat volume runs.
import { SeededRandom } from '../src/core/model/clock';

export interface SyntheticPanelOptions {
  readonly gaps?: boolean;
  /** Columns on SharedArrayBuffers (handed to worker threads without a copy). */
  readonly shared?: boolean;
}

export function syntheticOhlcv(symbols: number, dates: number, seed: number, options: SyntheticPanelOptions = {}) {
  const random = new SeededRandom(seed);
  const size = symbols * dates;
  const column = () => (options.shared ? new Float64Array(new SharedArrayBuffer(size * 8)) : new Float64Array(size));
  const [open, high, low, close, volume] = [column(), column(), column(), column(), column()];
  const gaps = options.gaps === true;
  for (let s = 0; s < symbols; s++) {
    let price = 20 + 100 * random.next();
    const drift = 0.0004 * random.normal();
    for (let t = 0; t < dates; t++) {
      const i = s * dates + t;
      const next = price * Math.exp(drift + 0.02 * random.normal());
      open[i] = price;
      close[i] = next;
      high[i] = Math.max(price, next) * (1 + 0.005 * random.next());
      low[i] = Math.min(price, next) * (1 - 0.005 * random.next());
      volume[i] = gaps && s % 17 === 0 && t % 5 === 0 ? 1e5 : Math.round(1e5 * (0.5 + random.next()));
      if (gaps && (random.next() < 0.03 || (s < 10 && t < 40) || (s % 23 === 0 && t > dates - 20))) open[i] = high[i] = low[i] = close[i] = volume[i] = NaN;
      else price = next;
    }
  }
  return {
    symbols: Array.from({ length: symbols }, (_, s) => `S${s}`),
    times: Float64Array.from({ length: dates }, (_, t) => t * 86_400_000),
    columns: { open, high, low, close, volume },
  };
}
