import { describe, expect, it } from 'vitest';
import { RateLimiter, type Timer } from '../../../../src/main/data/http/rateLimiter';
import { PROVIDER_DEFAULTS, parseBaseUrl } from '../../../../src/main/data/providers';

/** A clock that advances only when slept on, recording each start. */
function fakeTimer(): Timer & { starts: number[] } {
  let now = 1_000;
  return {
    starts: [],
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  };
}

describe('RateLimiter', () => {
  it('keeps SEC requests at most 10 per second, in the order asked', async () => {
    expect(PROVIDER_DEFAULTS.edgar.intervalMs).toBeGreaterThanOrEqual(100);
    const timer = fakeTimer();
    const limiter = new RateLimiter(PROVIDER_DEFAULTS.edgar.intervalMs, timer);
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        limiter.acquire().then(() => {
          order.push(i);
          timer.starts.push(timer.now());
        }),
      ),
    );
    expect(order).toEqual(Array.from({ length: 25 }, (_, i) => i));
    for (let i = 10; i < timer.starts.length; i++) expect(timer.starts[i]! - timer.starts[i - 10]!).toBeGreaterThanOrEqual(1000);
    expect(timer.starts[1]! - timer.starts[0]!).toBe(100);
  });

  it('does not wait when requests are already spaced', async () => {
    const timer = fakeTimer();
    const limiter = new RateLimiter(500, timer);
    await limiter.acquire();
    await timer.sleep(800);
    const before = timer.now();
    await limiter.acquire();
    expect(timer.now()).toBe(before);
  });
});

describe('parseBaseUrl', () => {
  it('takes scheme, host and port only', () => {
    expect(parseBaseUrl('http://127.0.0.1:8080/')).toEqual({ ok: true, value: 'http://127.0.0.1:8080' });
    expect(parseBaseUrl('https://data.sec.gov')).toEqual({ ok: true, value: 'https://data.sec.gov' });
    expect(parseBaseUrl('http://127.0.0.1:8080/fred')).toMatchObject({ ok: false });
    expect(parseBaseUrl('ftp://x')).toMatchObject({ ok: false });
    expect(parseBaseUrl('http://u:p@x')).toMatchObject({ ok: false });
    expect(parseBaseUrl('nope')).toMatchObject({ ok: false });
  });
});
