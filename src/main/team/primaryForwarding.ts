// A replica's forwarding to the team's primary: one link per client socket (its user's own credential), what /metrics
// counts (calls forwarded, failures by code) and whether the primary answers, for /health: learned from every link's
// attempts and, between them, from a light probe of the primary's /health/live.
import { get as httpGet, type ClientRequest } from 'node:http';
import { get as httpsGet } from 'node:https';
import type { Dispatch } from '../api/dispatcher';
import type { PrimaryAddress } from './primaryAddress';
import { createPrimaryLink, type PrimaryLinkOptions } from './primaryLink';

/** How often the primary's liveness is probed while no call tells (a call's outcome tells at once). */
export const PRIMARY_PROBE_INTERVAL_MS = 5_000;
const PROBE_TIMEOUT_MS = 3_000;

/** The failures that are the forwarding's own (the primary's own refusals are its answers, relayed as they are). */
export const FORWARDING_FAILURES = ['PRIMARY_UNAVAILABLE', 'PRIMARY_OUTCOME_UNKNOWN', 'PRIMARY_BAD_REPLY'] as const;
export type ForwardingFailure = (typeof FORWARDING_FAILURES)[number];
const isForwardingFailure = (code: string): code is ForwardingFailure => (FORWARDING_FAILURES as readonly string[]).includes(code);

export interface ForwardingStatus {
  /** The primary, as --primary named it. */
  readonly url: string;
  /** Whether it answered its latest contact (null before the first). */
  readonly up: boolean | null;
  /** Why the latest contact failed (null while up). */
  readonly reason: string | null;
  /** Calls sent on to the primary since start. */
  readonly forwarded: number;
  readonly failures: Readonly<Record<ForwardingFailure, number>>;
  /** Client sockets with a link open or opening. */
  readonly links: number;
}

export interface ForwardingOptions {
  log(level: 'info' | 'warn', message: string): void;
  probeIntervalMs?: number;
  connectTimeoutMs?: number;
  heartbeatMs?: number;
}

/** One client socket's forwarding: the dispatch its unanswered-here calls go to, closed with the socket. */
export interface ClientForwarding {
  readonly forward: Dispatch;
  close(): void;
}

export class PrimaryForwarding {
  private up: boolean | null = null;
  private reason: string | null = null;
  private forwarded = 0;
  private readonly failures: Record<ForwardingFailure, number> = { PRIMARY_UNAVAILABLE: 0, PRIMARY_OUTCOME_UNKNOWN: 0, PRIMARY_BAD_REPLY: 0 };
  private readonly open = new Set<{ state(): string }>();
  private readonly probeTimer: NodeJS.Timeout;
  private stopped = false;
  private probing: ClientRequest | null = null;

  constructor(
    readonly primary: PrimaryAddress,
    private readonly options: ForwardingOptions,
  ) {
    this.probe();
    this.probeTimer = setInterval(() => this.probe(), options.probeIntervalMs ?? PRIMARY_PROBE_INTERVAL_MS);
    this.probeTimer.unref();
  }

  /** Forwarding for a client that presented `credential`; `onPolicyClose` closes its socket when the primary closes the link so. */
  openClient(credential: string, onPolicyClose: PrimaryLinkOptions['onPolicyClose']): ClientForwarding {
    const link = createPrimaryLink({
      primary: this.primary,
      credential,
      log: this.options.log,
      onReachability: (up, reason) => this.reached(up, reason),
      ...(onPolicyClose ? { onPolicyClose } : {}),
      ...(this.options.connectTimeoutMs !== undefined ? { connectTimeoutMs: this.options.connectTimeoutMs } : {}),
      ...(this.options.heartbeatMs !== undefined ? { heartbeatMs: this.options.heartbeatMs } : {}),
    });
    this.open.add(link);
    return {
      forward: async (method, input) => {
        this.forwarded += 1;
        const reply = await link.call(String(method), input);
        if (!reply.ok && isForwardingFailure(reply.error.code)) this.failures[reply.error.code] += 1;
        return reply;
      },
      close: () => {
        link.close();
        this.open.delete(link);
      },
    };
  }

  status(): ForwardingStatus {
    const links = [...this.open].filter((l) => l.state() === 'open' || l.state() === 'connecting').length;
    return { url: this.primary.url, up: this.up, reason: this.reason, forwarded: this.forwarded, failures: { ...this.failures }, links };
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.probeTimer);
    this.probing?.destroy();
  }

  private reached(up: boolean, reason?: string): void {
    if (this.stopped) return;
    if (up !== this.up) this.options.log(up ? 'info' : 'warn', up ? `the primary ${this.primary.url} answers` : `the primary ${this.primary.url} cannot be reached: ${reason ?? 'no answer'}`);
    this.up = up;
    this.reason = up ? null : (reason ?? 'no answer');
  }

  private probe(): void {
    if (this.probing !== null) return; // the previous one is still waiting: its timeout will tell
    const get = this.primary.live.startsWith('https:') ? httpsGet : httpGet;
    const request = get(this.primary.live, { timeout: PROBE_TIMEOUT_MS }, (response) => {
      response.resume();
      this.reached(response.statusCode === 200, `its /health/live answered HTTP ${response.statusCode}`);
    });
    this.probing = request;
    request.on('timeout', () => request.destroy(new Error(`its /health/live did not answer within ${PROBE_TIMEOUT_MS} ms`)));
    request.on('error', (error) => this.reached(false, error.message));
    request.on('close', () => {
      if (this.probing === request) this.probing = null;
    });
  }
}
