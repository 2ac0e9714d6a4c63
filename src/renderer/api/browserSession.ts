// The browser's credential for the headless host: the one-time launch token from the URL fragment is exchanged
// once for a session credential, kept in sessionStorage (per tab, per origin: never sent to another port, unlike a
// cookie) and presented on the WebSocket as a subprotocol.
import { LAUNCH_URL_SPENT, REOPEN_LAUNCH_URL, SESSION_PATH } from '../../shared/contracts/wire';

/** Where the page keeps its session credential (tests read it to open sockets of their own). */
export const SESSION_STORAGE_KEY = 'nautilus.session';

export type CredentialCheck = 'valid' | 'refused' | 'unreachable';

export type Credential = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly check: Exclude<CredentialCheck, 'valid'>; readonly detail: string };

export interface BrowserSession {
  /** The credential to present: the stored one, or the launch token's exchange if the URL carried one. */
  credential(): Promise<Credential>;
  /** After a socket failed to open: was the credential refused, or is the backend simply not there? */
  check(): Promise<CredentialCheck>;
}

/** Takes `#token=…` out of the address bar (and history) and returns it. */
function takeLaunchToken(): string | undefined {
  const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? undefined;
  if (token) history.replaceState(history.state, '', location.pathname + location.search);
  return token;
}

/** The page's surroundings; tests outside a browser pass their own. */
export interface BrowserSessionEnv {
  readonly storage: Pick<Storage, 'getItem' | 'setItem'>;
  readonly launchToken: string | undefined;
  /** Prefix for SESSION_PATH: empty in the page (same origin). */
  readonly origin: string;
}

export function openBrowserSession(env: BrowserSessionEnv = { storage: sessionStorage, launchToken: takeLaunchToken(), origin: '' }): BrowserSession {
  const { storage } = env;
  let launchToken = env.launchToken;

  async function exchange(token: string): Promise<Credential | undefined> {
    let response: Response;
    try {
      response = await fetch(env.origin + SESSION_PATH, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' });
    } catch {
      return { ok: false, check: 'unreachable', detail: 'backend unreachable' };
    }
    if (!response.ok) return undefined; // used or wrong: a stored session may still serve
    const { session } = (await response.json()) as { session: string };
    storage.setItem(SESSION_STORAGE_KEY, session);
    return { ok: true, value: session };
  }

  return {
    async credential() {
      let spent = false;
      if (launchToken) {
        const exchanged = await exchange(launchToken);
        if (exchanged?.ok === false) return exchanged; // keep the token for the next attempt
        launchToken = undefined;
        if (exchanged) return exchanged;
        spent = true;
      }
      const stored = storage.getItem(SESSION_STORAGE_KEY);
      if (stored) return { ok: true, value: stored };
      return { ok: false, check: 'refused', detail: spent ? LAUNCH_URL_SPENT : REOPEN_LAUNCH_URL };
    },
    async check() {
      const stored = storage.getItem(SESSION_STORAGE_KEY);
      if (!stored) return 'refused';
      try {
        const response = await fetch(env.origin + SESSION_PATH, { headers: { Authorization: `Bearer ${stored}` }, cache: 'no-store' });
        if (response.status === 401) return 'refused';
        return response.ok ? 'valid' : 'unreachable';
      } catch {
        return 'unreachable';
      }
    },
  };
}
