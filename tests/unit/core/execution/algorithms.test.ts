// Execution algorithms on replayed prices: TWAP's schedule and POV's participation stay within tolerance, VWAP
// follows its profile, iceberg shows only its display; pause, resume, modify and cancel; bad input names the field.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { volumeProfileFromBars, type AlgoOrderRequest } from '../../../../src/core/execution/algoSpec';
import { ExecutionDesk } from '../../../../src/core/execution/executionDesk';
import { algoDesk, MINUTE, replay, T0 } from './algoFixtures';

const twap = (quantity: number, urgency: AlgoOrderRequest['urgency'], over = 60, every = 5): AlgoOrderRequest => ({
  symbol: 'XYZ', side: 'BUY', quantity, limitPrice: null, urgency,
  spec: { kind: 'TWAP', startTime: T0, endTime: T0 + over * MINUTE, intervalMs: every * MINUTE },
});

describe('TWAP on replayed prices', () => {
  it('stays within a slice of its schedule at every interval and never runs ahead of it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 12, max: 6_000 }), fc.constantFrom('LOW', 'MEDIUM', 'HIGH' as const), fc.integer({ min: 0, max: 1_500 }), fc.constantFrom<'BUY' | 'SELL'>('BUY', 'SELL'), (quantity, urgency, offset, side) => {
        const d = algoDesk();
        for (const q of replay(offset, 1, MINUTE, 1)) d.step({ ...q, time: T0 - MINUTE });
        const started = d.algos.start({ ...twap(quantity, urgency as AlgoOrderRequest['urgency']), side });
        if (!started.ok) throw new Error(JSON.stringify(started.error));
        const id = started.value.id;
        const slice = quantity / 12;
        const scheduled = (k: number) => (k >= 12 ? quantity : Math.floor((quantity * k) / 12));
        for (const q of replay(offset, 62, MINUTE, 7)) {
          d.step(q);
          // Slices released at this step's time are still on their way to the venues (latency): judge the ones before.
          const k = Math.floor((q.time - T0) / (5 * MINUTE)) + 1;
          const sinceSlice = (q.time - T0) % (5 * MINUTE);
          const arrived = Math.min(12, sinceSlice === 0 ? k - 1 : k);
          // A catch-up that must first cancel resting children crosses once the cancels are back: a step later.
          const settled = Math.min(12, sinceSlice < 2 * MINUTE ? k - 1 : k);
          const filled = d.sor.parent(id)!.filled;
          expect(filled).toBeLessThanOrEqual(scheduled(Math.min(12, k)));
          if (urgency === 'HIGH') expect(filled).toBe(scheduled(arrived));
          if (urgency === 'MEDIUM') expect(filled).toBeGreaterThanOrEqual(scheduled(settled) - slice - 1);
        }
        const parent = d.sor.parent(id)!;
        if (urgency !== 'LOW') expect(parent.status).toBe('FILLED');
        else expect(['FILLED', 'EXPIRED']).toContain(parent.status);
        expect(d.oms.workingOrders()).toHaveLength(0);
      }),
      { seed: 42, numRuns: 25 },
    );
  });
});

describe('POV on replayed prices', () => {
  it('keeps its share of traded volume within one interval’s worth, never above the rate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 1_500 }), (percent, offset) => {
        const rate = percent / 100;
        const d = algoDesk();
        const quotes = [...replay(offset, 61, MINUTE, 11)];
        d.step({ ...quotes[0]!, time: T0 - MINUTE, volume: 0 });
        const started = d.algos.start({ symbol: 'XYZ', side: 'SELL', quantity: 1_000_000, limitPrice: null, urgency: 'HIGH', spec: { kind: 'POV', startTime: T0, endTime: T0 + 60 * MINUTE, intervalMs: MINUTE, participation: rate } });
        if (!started.ok) throw new Error(JSON.stringify(started.error));
        let previous = 0;
        for (const q of quotes) {
          d.step({ ...q, volume: q.volume - quotes[0]!.volume + 0 });
          const volume = q.volume - quotes[0]!.volume;
          const filled = d.sor.parent(started.value.id)!.filled;
          expect(filled).toBeLessThanOrEqual(rate * volume + 1e-9);
          // Each slice sells the rate of the volume seen so far; its children reach the venues by the next quote.
          expect(filled).toBeGreaterThanOrEqual(Math.floor(rate * previous) - 1);
          previous = volume;
        }
      }),
      { seed: 7, numRuns: 20 },
    );
  });
});

describe('VWAP and iceberg', () => {
  it('VWAP releases along a volume profile built from stored bars', () => {
    const bars = [0, 1, 2, 3].flatMap((dayIndex) =>
      [1, 3].map((w, i) => ({ time: T0 - (dayIndex + 1) * 86_400_000 + i * 30 * MINUTE, open: 1, high: 1, low: 1, close: 1, volume: w * 1_000 })),
    );
    const profile = volumeProfileFromBars(bars, T0, T0 + 60 * MINUTE, 30 * MINUTE);
    expect(profile).toEqual([0.25, 0.75]);
    const d = algoDesk();
    const quotes = [...replay(100, 70, MINUTE, 3)];
    d.step({ ...quotes[0]!, time: T0 - MINUTE });
    const started = d.algos.start({ symbol: 'XYZ', side: 'BUY', quantity: 1_000, limitPrice: null, urgency: 'HIGH', spec: { kind: 'VWAP', startTime: T0, endTime: T0 + 60 * MINUTE, intervalMs: 30 * MINUTE, volumeProfile: profile! } });
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    for (const q of quotes.slice(0, 29)) d.step(q);
    expect(d.sor.parent(started.value.id)!.filled).toBe(250);
    for (const q of quotes.slice(29, 35)) d.step(q);
    expect(d.sor.parent(started.value.id)!.filled).toBe(1_000);
  });

  it('iceberg never shows more than its display and shows the next as soon as one is taken', () => {
    const d = algoDesk();
    const quotes = [...replay(0, 40, MINUTE, 3)];
    d.step({ ...quotes[0]!, time: T0 - MINUTE });
    const limit = Math.round((quotes[0]!.bid - 0.5) * 100) / 100;
    const started = d.algos.start({ symbol: 'XYZ', side: 'BUY', quantity: 1_000, limitPrice: limit, urgency: 'LOW', spec: { kind: 'ICEBERG', startTime: T0, endTime: T0 + 60 * MINUTE, intervalMs: MINUTE, displayQuantity: 200 } });
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    const id = started.value.id;
    const shown = () => d.oms.workingOrders().filter((o) => o.parentId === id).reduce((s, o) => s + o.quantity - o.filledQuantity, 0);
    d.step(quotes[1]!);
    expect(shown()).toBe(200);
    // The market trades down through the limit: each display fills and the next one goes up at once.
    const low = limit - 0.05;
    for (let i = 0; i < 8; i++) {
      d.step({ ...quotes[2 + i]!, bid: Math.round((low - 0.02) * 100) / 100, ask: Math.round(low * 100) / 100 });
      expect(shown()).toBeLessThanOrEqual(200);
    }
    expect(d.sor.parent(id)!.filled).toBe(1_000);
    expect(d.sor.parent(id)!.status).toBe('FILLED');
  });
});

describe('algorithm controls', () => {
  it('pause stops trading and cancels working children, resume catches up, cancel leaves nothing working', () => {
    const d = algoDesk();
    const quotes = [...replay(10, 70, MINUTE, 3)];
    d.step({ ...quotes[0]!, time: T0 - MINUTE });
    const started = d.algos.start(twap(1_200, 'HIGH'));
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    const id = started.value.id;
    for (const q of quotes.slice(0, 7)) d.step(q);
    expect(d.sor.parent(id)!.filled).toBe(200);
    expect(d.algos.pause(id).ok).toBe(true);
    d.oms.flush();
    for (const q of quotes.slice(7, 20)) d.step(q);
    expect(d.sor.parent(id)!.filled).toBe(200);
    // Resumed at 19 minutes: four slices due, then the fifth at 20 minutes.
    expect(d.algos.resume(id).ok).toBe(true);
    d.oms.flush();
    d.step(quotes[20]!);
    expect(d.sor.parent(id)!.filled).toBe(400);
    d.step(quotes[21]!);
    expect(d.sor.parent(id)!.filled).toBe(500);
    // Twice the quantity: five slices of 200 due now.
    expect(d.algos.modify(id, { quantity: 2_400 }).ok).toBe(true);
    d.oms.flush();
    d.step(quotes[22]!);
    expect(d.sor.parent(id)!.filled).toBe(1_000);
    expect(d.algos.cancel(id).ok).toBe(true);
    d.oms.flush();
    for (const q of quotes.slice(23, 30)) d.step(q);
    expect(d.sor.parent(id)!.status).toBe('CANCELED');
    expect(d.oms.workingOrders()).toHaveLength(0);
  });

  it('refuses bad input naming the field, and sends nothing', () => {
    const d = algoDesk();
    for (const q of replay(0, 1, MINUTE, 1)) d.step({ ...q, time: T0 - MINUTE });
    const base = twap(1_000, 'MEDIUM');
    const cases: [AlgoOrderRequest, string, string][] = [
      [{ ...base, spec: { kind: 'TWAP', startTime: T0 - 90 * MINUTE, endTime: T0 - 2 * MINUTE, intervalMs: MINUTE } }, 'WINDOW_IN_PAST', 'endTime'],
      [{ ...base, spec: { kind: 'TWAP', startTime: T0, endTime: T0 + 4 * MINUTE, intervalMs: 5 * MINUTE } }, 'WINDOW_SHORTER_THAN_INTERVAL', 'endTime'],
      [{ ...base, spec: { kind: 'POV', startTime: T0, endTime: T0 + 60 * MINUTE, intervalMs: MINUTE, participation: 0.6 } }, 'PARTICIPATION_OUT_OF_RANGE', 'participation'],
      [{ ...base, spec: { kind: 'POV', startTime: T0, endTime: T0 + 60 * MINUTE, intervalMs: MINUTE, participation: 0 } }, 'PARTICIPATION_OUT_OF_RANGE', 'participation'],
      [{ ...base, limitPrice: 100, spec: { kind: 'ICEBERG', startTime: T0, endTime: T0 + 60 * MINUTE, intervalMs: MINUTE, displayQuantity: 1_001 } }, 'DISPLAY_EXCEEDS_ORDER', 'displayQuantity'],
      [{ ...base, spec: { kind: 'VWAP', startTime: T0, endTime: T0 + 60 * MINUTE, intervalMs: 30 * MINUTE, volumeProfile: [1] } }, 'BAD_VOLUME_PROFILE', 'volumeProfile'],
    ];
    for (const [request, code, field] of cases) expect(d.algos.start(request)).toEqual({ ok: false, error: expect.objectContaining({ code, field }) });
    for (const p of ['SIM', 'SIM-B', 'SIM-C', 'SIM-D', 'SIM-E']) d.market.setStatus(p, 'DOWN');
    expect(d.algos.start(base)).toEqual({ ok: false, error: expect.objectContaining({ code: 'NO_AVAILABLE_VENUE', field: 'destination' }) });
    d.oms.flush();
    expect(d.journal.committed.filter((r) => r.kind === 'ORDER_SUBMITTED')).toHaveLength(0);
    expect(d.sor.parents()).toHaveLength(0);
  });
});

describe('a window that began a moment ago', () => {
  it('releases its first slice at once rather than at the second interval', () => {
    const d = algoDesk();
    const quotes = [...replay(200, 5, MINUTE, 3)];
    d.step({ ...quotes[0]!, time: T0 });
    d.scheduler.advanceTo(T0 + 1);
    // Started 1 ms into its window (the clock moved between the request and the start).
    const started = d.algos.start({ symbol: 'XYZ', side: 'BUY', quantity: 100, limitPrice: null, urgency: 'HIGH', spec: { kind: 'TWAP', startTime: T0, endTime: T0 + 10 * MINUTE, intervalMs: MINUTE } });
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    d.scheduler.advanceTo(T0 + 1);
    d.oms.flush();
    expect(d.sor.parent(started.value.id)!.released).toBe(10);
  });
});

describe('VWAP from stored history when the request brings no profile', () => {
  const request = (durationMs: number) => ({ symbol: 'XYZ', side: 'BUY' as const, quantity: 1_000, limitPrice: null, urgency: 'HIGH' as const, style: { kind: 'VWAP' as const, durationMs, intervalMs: 30 * MINUTE } });
  const deskOf = (d: ReturnType<typeof algoDesk>) =>
    new ExecutionDesk({ oms: d.oms, venues: d.market, clock: d.scheduler, scheduler: d.scheduler, instrument: d.instrument, sessionVolume: () => d.volume });

  it('builds the profile from the days before and follows it', async () => {
    const d = algoDesk();
    const quotes = [...replay(100, 70, MINUTE, 3)];
    d.step({ ...quotes[0]!, time: T0 - MINUTE });
    d.scheduler.advanceTo(T0);
    const bars = [1, 2].flatMap((day) => [1, 3].map((w, i) => ({ time: T0 - day * 86_400_000 + i * 30 * MINUTE, open: 1, high: 1, low: 1, close: 1, volume: w * 500 })));
    let asked: [number, number] | null = null;
    const desk = deskOf(d);
    const started = await desk.submitWithHistory(request(60 * MINUTE), async (_s, from, to) => ((asked = [from, to]), bars));
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    expect(asked).toEqual([T0 - 20 * 86_400_000, T0]);
    expect(started.value.algo).toBe('VWAP');
    for (const q of quotes.slice(1, 29)) d.step(q);
    expect(desk.router.parent(started.value.id)!.filled).toBe(250);
  });

  it('refuses naming volumeProfile when the history traded nothing at those times of day', async () => {
    const d = algoDesk();
    d.step({ ...[...replay(100, 1, MINUTE, 3)][0]!, time: T0 - MINUTE });
    const desk = deskOf(d);
    const refused = await desk.submitWithHistory(request(60 * MINUTE), async () => []);
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_VOLUME_PROFILE', field: 'volumeProfile' } });
    expect(desk.router.parents()).toHaveLength(0);
  });
});
