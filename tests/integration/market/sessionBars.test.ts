// Today's daily candle (and today's 5-minute bars) come from the intraday store: the whole session recorded so far,
// including minutes recorded by an earlier run of the backend, not just the time since this process started.
import { describe, expect, it } from 'vitest';
import type { BarColumns } from '../../../src/core/model/marketData';
import { MessageBus } from '../../../src/main/bus/messageBus';
import { BarRecorder } from '../../../src/main/market/barRecorder';
import { SessionBars } from '../../../src/main/market/sessionBars';
import { SystemLog } from '../../../src/main/systemLog';
import { minuteBars, toRows, useFreshStore } from '../market-store/helpers';

const DAY = 86_400_000;
const MIN = 60_000;
const TODAY = Date.UTC(2026, 11, 1); // a Tuesday; New York opens 09:30 = 14:30 UTC
const OPEN = TODAY + 14.5 * 3_600_000;

const daily = (days: number[], base: number): BarColumns => ({
  time: Float64Array.from(days),
  open: Float64Array.from(days, (_, i) => base + i),
  high: Float64Array.from(days, (_, i) => base + i + 2),
  low: Float64Array.from(days, (_, i) => base + i - 2),
  close: Float64Array.from(days, (_, i) => base + i + 1),
  volume: Float64Array.from(days, () => 1_000_000),
});

describe('session bars', () => {
  const fresh = useFreshStore();

  async function setup() {
    await fresh.store.upsertInstruments([{ symbol: 'NVTX', name: 'Novatex', assetClass: 'EQUITY', currency: 'USD', exchange: 'NASDAQ', sector: 'Tech', tickSize: 0.01, lotSize: 1, multiplier: 1, utcOffsetMinutes: -300 }]);
    // History to yesterday's close, as seeded; today's first hour recorded by a previous run of the backend.
    expect((await fresh.store.writeBars('NVTX', '1D', daily([TODAY - 4 * DAY, TODAY - DAY], 100), 'append')).ok).toBe(true);
    const earlier = minuteBars(OPEN, 60, 101);
    expect((await fresh.store.writeBars('NVTX', '1m', earlier, 'append')).ok).toBe(true);
    const log = new SystemLog(new MessageBus());
    const recorder = new BarRecorder(fresh.store, log, 60_000);
    // This run: quotes for three more minutes, not yet flushed by the recorder's timer.
    let volume = 0;
    for (let i = 0; i <= 3 * 60; i += 10) {
      volume += 50;
      recorder.onQuote({ symbol: 'NVTX', time: OPEN + 60 * MIN + i * 1000, bid: 104, ask: 104.02, bidSize: 1, askSize: 1, last: 104 + (i % 30) / 100, volume });
    }
    return { earlier, sessions: new SessionBars(fresh.store, recorder) };
  }

  it("builds today's daily bar from every recorded minute of the session", async () => {
    const { earlier, sessions } = await setup();
    // The stored daily series alone ends yesterday: the bug, a candle from this process's quotes only.
    expect(Array.from((await fresh.store.readBars('NVTX', '1D')).time)).toEqual([TODAY - 4 * DAY, TODAY - DAY]);
    const bars = await sessions.readBars('NVTX', '1D');
    expect(Array.from(bars.time)).toEqual([TODAY - 4 * DAY, TODAY - DAY, TODAY]);
    const minutes = await fresh.store.readBars('NVTX', '1m');
    expect(minutes.time.length).toBe(60 + 3); // the recorder's completed minutes were flushed for this read
    const today = toRows(bars).at(-1)!;
    expect(today[1]).toBe(earlier.open[0]); // opens at the session's first minute, recorded before this process
    expect(today[2]).toBe(Math.max(...minutes.high));
    expect(today[3]).toBe(Math.min(...minutes.low));
    expect(today[4]).toBe(minutes.close[minutes.close.length - 1]);
    expect(today[5]).toBe(minutes.volume.reduce((a, b) => a + b, 0));
    // History is untouched.
    expect(toRows(bars).slice(0, 2)).toEqual(toRows(daily([TODAY - 4 * DAY, TODAY - DAY], 100)));
  });

  it('extends intraday series past their stored end the same way, bucket by bucket', async () => {
    const { sessions } = await setup();
    const bars = await sessions.readBars('NVTX', '5m');
    expect(bars.time.length).toBe(13); // 63 minutes from 09:30 = 12 full buckets and the 10:30 one
    expect(bars.time[0]).toBe(OPEN);
    expect(bars.time[12]).toBe(OPEN + 60 * MIN);
  });

  it('leaves 1-minute bars as stored, and a range ending before today unextended', async () => {
    const { sessions } = await setup();
    expect((await sessions.readBars('NVTX', '1m')).time.length).toBe(63);
    const past = await sessions.readBars('NVTX', '1D', { to: TODAY - DAY + 1 });
    expect(Array.from(past.time)).toEqual([TODAY - 4 * DAY, TODAY - DAY]);
  });
});
