// The host side of the bus-to-engine stream: one batch in flight; reliable topics queued in order, never dropped;
// market data conflated per topic while the engine is busy; nothing after stop.
import { describe, expect, it } from 'vitest';
import { MessageBus } from '../../../../src/main/bus/messageBus';
import { EngineBusStream } from '../../../../src/main/engine-host/engineBusStream';
import type { BusMessage } from '../../../../src/engines/runtime/busSubscriber';

function harness() {
  const bus = new MessageBus({ schedule: (fn) => fn() }); // conflated topics delivered at once: only the stream conflates
  const batches: BusMessage[][] = [];
  const pending: Array<() => void> = [];
  const stream = new EngineBusStream(
    (batch) => {
      batches.push(batch);
      return new Promise<void>((resolve) => pending.push(resolve));
    },
    (error) => {
      throw error;
    },
  );
  const settle = async () => {
    pending.shift()?.();
    await Promise.resolve();
    await Promise.resolve();
  };
  return { bus, stream, batches, settle };
}

describe('EngineBusStream', () => {
  it('sends the snapshot first, then queues reliable messages in order and keeps only the latest quote per symbol', async () => {
    const { bus, stream, batches, settle } = harness();
    stream.start(bus, ['trading.>', 'market.quotes.*'], [{ topic: 'trading.positions', payload: 'snapshot' }]);
    expect(batches).toEqual([[{ topic: 'trading.positions', payload: 'snapshot' }]]);
    bus.publish('market.quotes.AAA', 1);
    bus.publish('trading.fills', 'f1');
    bus.publish('market.quotes.BBB', 1);
    bus.publish('market.quotes.AAA', 2);
    bus.publish('trading.positions', 'p1');
    bus.publish('market.quotes.AAA', 3);
    bus.publish('risk.breaches', 'not followed');
    expect(stream.backlog).toBe(4);
    await settle();
    expect(batches[1]).toEqual([
      { topic: 'trading.fills', payload: 'f1' },
      { topic: 'trading.positions', payload: 'p1' },
      { topic: 'market.quotes.BBB', payload: 1 },
      { topic: 'market.quotes.AAA', payload: 3 },
    ]);
    await settle();
    expect(batches).toHaveLength(2); // nothing new: no empty batch
    bus.publish('trading.positions', 'p2');
    expect(batches[2]).toEqual([{ topic: 'trading.positions', payload: 'p2' }]);
    stream.stop();
    await settle();
    bus.publish('trading.positions', 'p3');
    expect(batches).toHaveLength(3);
  });
});
