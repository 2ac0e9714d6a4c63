// `serve --primary URL`: the address as the primary's serve printed it (or its TLS name), and the two addresses derived.
import { describe, expect, it } from 'vitest';
import { parsePrimaryUrl } from '../../../../src/main/team/primaryAddress';

describe('parsePrimaryUrl', () => {
  it('derives the API socket and the liveness probe, over TLS when the URL is https or wss', () => {
    expect(parsePrimaryUrl('http://127.0.0.1:4780/')).toEqual({ ok: true, value: { url: 'http://127.0.0.1:4780', api: 'ws://127.0.0.1:4780/api', live: 'http://127.0.0.1:4780/health/live' } });
    expect(parsePrimaryUrl('ws://[::1]:4781/api')).toEqual({ ok: true, value: { url: 'http://[::1]:4781', api: 'ws://[::1]:4781/api', live: 'http://[::1]:4781/health/live' } });
    expect(parsePrimaryUrl('https://desk.example.com')).toEqual({ ok: true, value: { url: 'https://desk.example.com', api: 'wss://desk.example.com/api', live: 'https://desk.example.com/health/live' } });
  });

  it('refuses what is not a server address, saying what is wrong', () => {
    expect(parsePrimaryUrl('localhost:4780')).toMatchObject({ ok: false, error: '"localhost:4780": the scheme must be http, https, ws or wss (http://host:port as the primary\'s serve printed it)' });
    expect(parsePrimaryUrl('127.0.0.1:4780')).toMatchObject({ ok: false, error: expect.stringContaining('is not a URL') });
    expect(parsePrimaryUrl('nonsense')).toMatchObject({ ok: false, error: '"nonsense" is not a URL (expected http://host:port, or https://name behind a TLS proxy)' });
    expect(parsePrimaryUrl('http://u:p@host:1')).toMatchObject({ ok: false, error: expect.stringContaining('no credentials in the URL') });
    expect(parsePrimaryUrl('http://host:1/desk?x=1')).toMatchObject({ ok: false, error: expect.stringContaining('no path, query or fragment') });
  });
});
