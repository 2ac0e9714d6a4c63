// `nautilus bench serve`: its flags are checked before anything starts, and its figures have DESIGN.md's shape with
// the ceiling's value and the right ratio direction beside each (no timing here: the figures come from fixed windows).
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import { SERVE_BENCH_DEFAULTS, SERVE_BENCH_QUICK, serveBenchConfig } from '../../../bench/serve/serveBenchConfig';
import { CEILING, serveFigures, type ServerWindow } from '../../../bench/serve/serveFigures';

function capture() {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

describe('bench serve flags', () => {
  it('takes the defaults, or the quick run’s, for absent flags', () => {
    expect(serveBenchConfig({}, false)).toEqual({ ok: true, value: SERVE_BENCH_DEFAULTS });
    expect(serveBenchConfig({}, true)).toEqual({ ok: true, value: SERVE_BENCH_QUICK });
    expect(SERVE_BENCH_DEFAULTS.clients).toBe(1_000);
  });

  it('takes whole numbers within each flag’s limits', () => {
    expect(serveBenchConfig({ clients: '250', seconds: '5', rate: '400' }, false)).toEqual({ ok: true, value: { ...SERVE_BENCH_DEFAULTS, clients: 250, seconds: 5, rate: 400 } });
    expect(serveBenchConfig({ clients: '10000' }, true)).toMatchObject({ ok: true, value: { clients: 10_000, seconds: SERVE_BENCH_QUICK.seconds } });
    expect(serveBenchConfig({ clients: '1', seconds: '600', rate: '1' }, false)).toMatchObject({ ok: true, value: { clients: 1, seconds: 600, rate: 1 } });
  });

  it.each([
    ['clients', '0', '--clients must be from 1 to 10,000, got 0'],
    ['clients', '10001', '--clients must be from 1 to 10,000, got 10001'],
    ['clients', '1e3', '--clients must be a whole number from 1 to 10,000, got "1e3"'],
    ['clients', '-5', '--clients must be a whole number'],
    ['clients', '12.5', '--clients must be a whole number'],
    ['clients', 'Infinity', '--clients must be a whole number'],
    ['clients', 'NaN', '--clients must be a whole number'],
    ['clients', '', '--clients must be a whole number'],
    ['clients', ' 100', '--clients must be a whole number'],
    ['clients', '0x10', '--clients must be a whole number'],
    ['clients', '99999999999999999999', '--clients must be a whole number'],
    ['seconds', '0', '--seconds must be from 1 to 600, got 0'],
    ['seconds', '601', '--seconds must be from 1 to 600'],
    ['rate', '0', '--rate must be from 1 to 10,000'],
    ['rate', '20000', '--rate must be from 1 to 10,000, got 20000'],
  ])('refuses --%s %j, naming the flag', (flag, text, message) => {
    const result = serveBenchConfig({ [flag]: text }, false);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
  });

  it('refuses a flag it does not take', () => {
    expect(serveBenchConfig({ clients: '10', threads: '4' }, false)).toEqual({ ok: false, error: 'bench serve takes --clients, --seconds, --rate; not --threads' });
  });
});

describe('nautilus bench with suite flags', () => {
  it('refuses a bad --clients before starting anything, naming it', async () => {
    const io = capture();
    expect(await runCli(['bench', 'serve', '--clients', '0'], io)).toBe(2);
    expect(io.stderr).toContain('nautilus bench serve: --clients must be from 1 to 10,000, got 0');
    expect(io.stderr).not.toContain('running serve');
  });

  it('refuses a suite flag given to a suite that does not take it', async () => {
    const io = capture();
    expect(await runCli(['bench', 'oms', '--clients', '10'], io)).toBe(2);
    expect(io.stderr).toContain('nautilus bench: oms takes no --clients (a flag of serve)');
    expect(io.stderr).not.toContain('running oms');
  });

  it('still refuses flags no suite takes', async () => {
    const io = capture();
    expect(await runCli(['bench', 'serve', '--threads', '4'], io)).toBe(2);
    expect(io.stderr).toContain("Unknown option '--threads'");
  });
});

const window = (over: Partial<ServerWindow>): ServerWindow => ({
  seconds: 10,
  events: 900_000,
  frames: 180_000,
  latencies: Float64Array.from({ length: 100 }, (_, i) => i + 1),
  closed: 0,
  serverClients: 1_000,
  loopDelayP99Ms: 12,
  loopDelayMaxMs: 40,
  published: 1_000,
  cpuMs: 6_000,
  serverMs: 10_000,
  rssIdle: 100 * 1024 * 1024,
  rssLoaded: 150 * 1024 * 1024,
  clientCpuMs: 8_000,
  heapIdle: 40 * 1024 * 1024,
  heapLoaded: 50 * 1024 * 1024,
  ...over,
});

describe('bench serve figures', () => {
  const config = { ...SERVE_BENCH_DEFAULTS, clients: 1_000, rate: 100 };
  const ours = window({});
  const bare = window({
    events: 1_000_000,
    frames: 200_000,
    latencies: Float64Array.from({ length: 100 }, (_, i) => (i + 1) / 4),
    cpuMs: 3_000,
    loopDelayP99Ms: 3,
    rssLoaded: 130 * 1024 * 1024,
    heapLoaded: 45 * 1024 * 1024,
  });
  const figures = serveFigures(config, ours, bare);
  const named = (start: string) => figures.find((f) => f.name.startsWith(start))!;

  it('has DESIGN.md’s shape: suite, name, finite value, unit, the ceiling beside each', () => {
    expect(figures.map((f) => f.unit)).toEqual(['msg/s', 'ms', 'ms', 'fraction', 'frames/s', 'KiB', 'KiB', '% of a core', '% of a core', 'clients']);
    for (const f of figures) {
      expect(f.suite).toBe('serve');
      expect(Number.isFinite(f.value)).toBe(true);
      expect(f.peer).toBe(CEILING);
      expect(Number.isFinite(f.peerValue)).toBe(true);
      expect(Object.keys(f).every((k) => ['suite', 'name', 'value', 'unit', 'p50', 'p99', 'peer', 'peerValue', 'ratio'].includes(k))).toBe(true);
    }
    expect(JSON.parse(JSON.stringify(figures))).toEqual(figures);
  });

  it('computes each figure from the window, with ratios above 1 meaning we are ahead', () => {
    expect(named('quotes delivered per second')).toMatchObject({ name: expect.stringContaining('1000 clients'), value: 90_000, peerValue: 100_000, ratio: 0.9 });
    // Latency: p99 of 1..100 ms is 99; the ceiling's is 24.75; less is better, so the ratio is theirs / ours.
    expect(named('delivery latency p99')).toMatchObject({ value: 99, p50: 50, p99: 99, peerValue: 24.75, ratio: 0.25 });
    expect(named('server event-loop delay p99')).toMatchObject({ value: 12, peerValue: 3, ratio: 0.25 });
    expect(named('quotes delivered / offered')).toMatchObject({ value: 0.9, peerValue: 1, ratio: 0.9 });
    expect(named('frames delivered per second')).toMatchObject({ value: 18_000, peerValue: 20_000, ratio: 0.9 });
    expect(named('server RSS per client')).toMatchObject({ value: 51.2, peerValue: 30.7, ratio: 0.6 });
    expect(named('server heap per client')).toMatchObject({ value: 10.2, peerValue: 5.1, ratio: 0.5 });
    expect(named('server CPU while streaming')).toMatchObject({ value: 60, peerValue: 30, ratio: 0.5 });
    expect(named('the clients’ own process CPU')).toMatchObject({ value: 80, peerValue: 80, ratio: 1 });
    expect(named('clients still connected')).toMatchObject({ value: 1_000, peerValue: 1_000, ratio: 1 });
  });

  it('leaves out a ratio that would not be a finite positive number', () => {
    const none = serveFigures(config, window({ events: 0, frames: 0 }), window({ events: 0, frames: 0, rssLoaded: 100 * 1024 * 1024 }));
    expect(none.find((f) => f.unit === 'msg/s')).not.toHaveProperty('ratio');
    expect(none.find((f) => f.unit === 'KiB')).not.toHaveProperty('ratio');
    expect(none.find((f) => f.unit === 'msg/s')).toMatchObject({ value: 0, peerValue: 0 });
  });
});
