// The system log's memory of recent entries: a flood of transport noise never evicts a trading or risk record.
import { describe, expect, it } from 'vitest';
import { MessageBus } from '../../../src/main/bus/messageBus';
import { RECORD_RING_SIZE, SystemLog, TRANSPORT_RING_SIZE } from '../../../src/main/systemLog';

describe('SystemLog', () => {
  it('keeps a kill-switch entry through 600 refused-connection warnings', () => {
    let t = 0;
    const log = new SystemLog(new MessageBus(), () => t++);
    log.warn('risk', 'kill switch engaged by trader: test');
    for (let i = 0; i < 600; i++) log.warn('http', `websocket refused (401): Unauthorized #${i}`);
    const recent = log.recent();
    expect(recent).toContainEqual(expect.objectContaining({ source: 'risk', message: 'kill switch engaged by trader: test' }));
    expect(recent.filter((e) => e.source === 'http')).toHaveLength(TRANSPORT_RING_SIZE);
    expect(recent.at(-1)!.message).toBe('websocket refused (401): Unauthorized #599');
  });

  it('returns entries in the order written across both rings, each ring keeping its newest', () => {
    const log = new SystemLog(new MessageBus(), () => 0);
    for (let i = 0; i < RECORD_RING_SIZE + 3; i++) {
      log.info('trading', `t${i}`);
      if (i % 100 === 0) log.warn('http', `h${i}`);
    }
    const messages = log.recent().map((e) => e.message);
    expect(messages[0]).toBe('h0'); // its ring is not full: it outlives t0…t2
    expect(messages.filter((m) => m.startsWith('t'))[0]).toBe('t3');
    expect(messages.filter((m) => m.startsWith('t'))).toHaveLength(RECORD_RING_SIZE);
    expect(messages.indexOf('h100')).toBe(messages.indexOf('t100') + 1);
    expect(messages.at(-1)).toBe(`t${RECORD_RING_SIZE + 2}`);
  });

  it('sends a detail (a stack trace) only to the host output, never onto the bus', () => {
    const bus = new MessageBus();
    const published: unknown[] = [];
    bus.subscribe('system.log', (entry) => published.push(entry));
    const echoed: Array<string | undefined> = [];
    const log = new SystemLog(bus, () => 1, (_e, detail) => echoed.push(detail));
    log.error('api', 'market.bars failed (id 0a1b2c3d): boom', 'Error: boom\n    at /src/x.ts:1:1');
    expect(published).toEqual([{ time: 1, level: 'error', source: 'api', message: 'market.bars failed (id 0a1b2c3d): boom' }]);
    expect(echoed).toEqual(['Error: boom\n    at /src/x.ts:1:1']);
  });
});
