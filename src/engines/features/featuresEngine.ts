// The features engine: indicator math over Float64Array columns, run off the backend's thread.
import type { EngineBase } from '../runtime/engineContract';

export interface FeaturesEngine extends EngineBase {
  movingAverage(kind: 'sma' | 'ema', period: number, values: Float64Array): Promise<Float64Array>;
}

// Provisional: replaced by src/core/indicators once that lands.
function sma(values: Float64Array, period: number): Float64Array {
  const out = new Float64Array(values.length).fill(NaN);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i] as number;
    if (i >= period) sum -= values[i - period] as number;
    if (i >= period - 1) out[i] = sum / period;
  }
  return out;
}

function ema(values: Float64Array, period: number): Float64Array {
  const out = new Float64Array(values.length).fill(NaN);
  const alpha = 2 / (period + 1);
  let prev = NaN;
  let seed = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    if (i < period) {
      seed += x;
      if (i === period - 1) out[i] = prev = seed / period;
      continue;
    }
    out[i] = prev = prev + alpha * (x - prev);
  }
  return out;
}

export function createFeaturesEngine(processId: number): FeaturesEngine {
  return {
    async ping() {
      return { pid: processId, name: 'features' };
    },
    async movingAverage(kind, period, values) {
      return kind === 'sma' ? sma(values, period) : ema(values, period);
    },
  };
}
