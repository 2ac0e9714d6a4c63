// bench serve against real servers, tiny: each server starts in its own process, its clients authenticate and
// subscribe, quotes arrive with their publish stamps, and the server reports its window (no timing asserted).
import { describe, expect, it } from 'vitest';
import { SERVE_BENCH_QUICK } from '../../../bench/serve/serveBenchConfig';
import { measureServer } from '../../../bench/suites/serve';
import { SERVER_KINDS } from '../../../bench/serve/hostProtocol';

const config = { ...SERVE_BENCH_QUICK, clients: 3, seconds: 1, warmupSeconds: 1 };

describe('bench serve on real servers', () => {
  it.each(SERVER_KINDS)('measures the %s server: every client subscribed and receiving stamped quotes', async (kind) => {
    const progress: string[] = [];
    const window = await measureServer(kind, config, (m) => progress.push(m));
    expect(window.serverClients).toBe(3);
    expect(window.closed).toBe(0);
    expect(window.published).toBeGreaterThan(0);
    expect(window.events).toBeGreaterThan(0);
    expect(window.frames).toBeGreaterThan(0);
    expect(window.latencies.length).toBeGreaterThan(0);
    // Stamped by the server's wall clock at publish, read by the clients' at receipt: one machine, one clock.
    expect([...window.latencies].every((ms) => ms > -50 && ms < 60_000)).toBe(true);
    expect(window.heapIdle).toBeGreaterThan(0);
    expect(window.rssLoaded).toBeGreaterThan(0);
    expect(window.cpuMs).toBeGreaterThan(0);
    expect(progress.join('\n')).toContain(`${kind}:`);
  }, 180_000);
});
