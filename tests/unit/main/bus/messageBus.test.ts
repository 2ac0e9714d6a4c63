// The bus: reliable topics arrive in order, even when published from inside a handler; market data conflates.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MessageBus, deliveryClassOf } from '../../../../src/main/bus/messageBus';
import { compileTopicPattern } from '../../../../src/main/bus/topicPattern';

const manualScheduler = () => {
  const queue: Array<() => void> = [];
  return { schedule: (fn: () => void) => queue.push(fn), run: () => queue.splice(0).forEach((fn) => fn()) };
};

describe('topic patterns', () => {
  it('matches exact topics, one segment with *, the rest with >', () => {
    expect(compileTopicPattern('trading.orders')('trading.orders')).toBe(true);
    expect(compileTopicPattern('trading.orders')('trading.orders.x')).toBe(false);
    expect(compileTopicPattern('market.quotes.*')('market.quotes.AAPL')).toBe(true);
    expect(compileTopicPattern('market.quotes.*')('market.quotes.AAPL.x')).toBe(false);
    expect(compileTopicPattern('market.>')('market.bars.AAPL.1m')).toBe(true);
    expect(compileTopicPattern('market.>')('market')).toBe(false);
  });
});

describe('MessageBus', () => {
  it('classes market data as conflated and everything else as reliable', () => {
    expect(deliveryClassOf('market.quotes.AAPL')).toBe('conflated');
    expect(deliveryClassOf('trading.fills')).toBe('reliable');
    expect(deliveryClassOf('risk.breaches')).toBe('reliable');
  });

  it('delivers every reliable event, in publish order, to every subscriber, including re-entrant publishes', () => {
    type Event = { kind: 'value' | 'echo'; n: number };
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 50 }), (values) => {
        const bus = new MessageBus();
        const a: Event[] = [];
        const b: Event[] = [];
        bus.subscribe('trading.>', (p) => {
          const e = p as Event;
          a.push(e);
          // A handler that publishes must not let its event overtake the ones already queued.
          if (e.kind === 'value' && e.n % 7 === 0) bus.publish('trading.echo', { kind: 'echo', n: e.n });
        });
        bus.subscribe('trading.>', (p) => b.push(p as Event));
        for (const n of values) bus.publish('trading.orders', { kind: 'value', n });
        expect(a).toEqual(b);
        expect(a.filter((e) => e.kind === 'value').map((e) => e.n)).toEqual(values);
        // Each echo arrives after its own value and before the next value published after it.
        a.forEach((e, i) => {
          if (e.kind === 'echo') expect(a.slice(0, i).filter((x) => x.kind === 'value').at(-1)?.n).toBe(e.n);
        });
      }),
    );
  });

  it('keeps a throwing handler from stopping the others', () => {
    const errors: string[] = [];
    const bus = new MessageBus({ onHandlerError: (_e, topic) => errors.push(topic) });
    const got: unknown[] = [];
    bus.subscribe('risk.breaches', () => { throw new Error('boom'); });
    bus.subscribe('risk.breaches', (p) => got.push(p));
    bus.publish('risk.breaches', 1);
    expect(got).toEqual([1]);
    expect(errors).toEqual(['risk.breaches']);
  });

  it('conflates market data to the latest value per topic', () => {
    const scheduler = manualScheduler();
    const bus = new MessageBus({ schedule: scheduler.schedule });
    const got: Array<[string, unknown]> = [];
    bus.subscribe('market.quotes.*', (p, t) => got.push([t, p]));
    for (let i = 0; i < 100; i++) {
      bus.publish('market.quotes.AAPL', i);
      bus.publish('market.quotes.MSFT', 1000 + i);
    }
    scheduler.run();
    expect(got).toEqual([['market.quotes.AAPL', 99], ['market.quotes.MSFT', 1099]]);
  });

  it('delivers a conflated value published by a handler in the next drain, and nothing twice', () => {
    const scheduler = manualScheduler();
    const bus = new MessageBus({ schedule: scheduler.schedule });
    const got: string[] = [];
    bus.subscribe('market.quotes.*', (p, t) => {
      got.push(`${t.slice(14)}${String(p)}`);
      if (t === 'market.quotes.AAPL' && (p as number) < 3) bus.publish(t, (p as number) + 1);
    });
    bus.publish('market.quotes.AAPL', 0);
    bus.publish('market.quotes.MSFT', 100);
    scheduler.run();
    expect(got).toEqual(['AAPL0', 'MSFT100']);
    expect(bus.depth()).toBe(1);
    for (let i = 0; i < 5; i++) scheduler.run();
    expect(got).toEqual(['AAPL0', 'MSFT100', 'AAPL1', 'AAPL2', 'AAPL3']);
    expect(bus.depth()).toBe(0);
  });

  it('delivers re-entrant conflated publishes at once under a synchronous scheduler, each once, in order', () => {
    const bus = new MessageBus({ schedule: (fn) => fn() });
    const got: string[] = [];
    bus.subscribe('market.quotes.*', (p, t) => {
      got.push(`${t.slice(14)}${String(p)}`);
      if (t === 'market.quotes.AAPL' && (p as number) < 3) bus.publish(t, (p as number) + 1);
    });
    bus.publish('market.quotes.AAPL', 0);
    expect(got).toEqual(['AAPL0', 'AAPL1', 'AAPL2', 'AAPL3']);
    bus.publish('market.quotes.MSFT', 100);
    bus.publish('market.quotes.AAPL', 9);
    expect(got).toEqual(['AAPL0', 'AAPL1', 'AAPL2', 'AAPL3', 'MSFT100', 'AAPL9']);
    expect(bus.depth()).toBe(0);
  });

  it('holds the latest value for a consumer that is not ready, and delivers it when it is', async () => {
    const bus = new MessageBus({ retryMs: 1 });
    let ready = false;
    const got: unknown[] = [];
    bus.subscribe('market.quotes.AAPL', (p) => got.push(p), { ready: () => ready });
    for (let i = 0; i < 10; i++) bus.publish('market.quotes.AAPL', i);
    await new Promise((r) => setTimeout(r, 10));
    expect(got).toEqual([]);
    ready = true;
    await expect.poll(() => got).toEqual([9]);
  });

  it('stops delivering after unsubscribe', () => {
    const bus = new MessageBus();
    const got: unknown[] = [];
    const off = bus.subscribe('system.log', (p) => got.push(p));
    bus.publish('system.log', 1);
    off();
    bus.publish('system.log', 2);
    expect(got).toEqual([1]);
  });
});
