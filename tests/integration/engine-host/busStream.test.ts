// The bus-to-engine stream with a real worker-thread engine: it follows positions (all, in order) and quotes
// (conflated while it is busy) without polling, gets a snapshot first, and is re-attached after a restart.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { MessageBus } from '../../../src/main/bus/messageBus';
import { EngineSupervisor } from '../../../src/main/engine-host/supervisor';
import { createWorkerEngineLauncher } from '../../../src/main/headless/workerEngineLauncher';
import type { EngineBase } from '../../../src/engines/runtime/engineContract';
import type { EngineHealth } from '../../../src/shared/contracts/engines';

interface FollowerState {
  positions: Array<{ symbol: string; seq: number }>;
  quotes: Record<string, { seq: number }>;
  quoteMessages: number;
  batches: number;
}
interface Follower extends EngineBase {
  state(): Promise<FollowerState>;
  setSlow(ms: number): Promise<void>;
}

const ENTRY = join(__dirname, '../../fixtures/engines/busFollower/entry.ts');
const POLL = { timeout: 15_000 };
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('bus-to-engine stream', () => {
  let supervisor: EngineSupervisor | undefined;
  afterEach(async () => supervisor?.stop());

  it('delivers every position in order and conflates quotes for a slow engine; re-attaches after a restart', async () => {
    const bus = new MessageBus();
    const health: EngineHealth[] = [];
    const snapshot = { symbol: 'SNAP', seq: 0 };
    supervisor = new EngineSupervisor({
      launcher: createWorkerEngineLauncher(() => ({ file: ENTRY, typescript: true })),
      engines: [{ name: 'follower', entry: 'follower' }],
      onHealth: (h) => health.push(h),
      baseBackoffMs: 50,
      bus,
      busSnapshot: (topic) => (topic === 'trading.positions' ? [{ topic, payload: snapshot }] : []),
    });
    supervisor.start();
    const state = () => supervisor!.call<Follower, FollowerState>('follower', (e) => e.state());
    await expect.poll(async () => (await state()).positions, POLL).toEqual([snapshot]);

    await supervisor.call<Follower, void>('follower', (e) => e.setSlow(20));
    const POSITIONS = 200;
    const QUOTES = 1_000;
    let seq = 0;
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < QUOTES / 50; i++) bus.publish('market.quotes.AAA', { seq: round * (QUOTES / 50) + i + 1 });
      for (let i = 0; i < POSITIONS / 50; i++) bus.publish('trading.positions', { symbol: 'AAA', seq: ++seq });
      await tick();
    }
    bus.publish('market.quotes.BBB', { seq: 1 });

    await expect.poll(async () => (await state()).positions.length, POLL).toBe(POSITIONS + 1);
    const followed = await state();
    expect(followed.positions.map((p) => p.seq)).toEqual(Array.from({ length: POSITIONS + 1 }, (_, i) => i));
    await expect.poll(async () => (await state()).quotes, POLL).toEqual({ 'market.quotes.AAA': { seq: QUOTES }, 'market.quotes.BBB': { seq: 1 } });
    const final = await state();
    expect(final.quoteMessages).toBeLessThan(QUOTES); // conflated: never more than one quote per topic per batch
    expect(final.batches).toBeLessThan(POSITIONS + QUOTES);

    supervisor.kill('follower', 'killed by test');
    await expect.poll(() => health.some((h) => h.state === 'up' && h.restarts === 1), POLL).toBe(true);
    await expect.poll(async () => (await state()).positions, POLL).toEqual([snapshot]);
    bus.publish('trading.positions', { symbol: 'AAA', seq: 201 });
    await expect.poll(async () => (await state()).positions.map((p) => p.seq), POLL).toEqual([0, 201]);
  }, 60_000);
});
