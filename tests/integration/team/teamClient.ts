// Test helpers for the team server: a temp renderer, and a socket client that makes calls and awaits their answers.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type WebSocket from 'ws';
import { collect, openSocket } from '../headless/headlessClient';

/** A stand-in renderer (the probes and the API do not need the built app). */
export function fakeRenderer(dir: string): string {
  mkdirSync(join(dir, 'renderer'), { recursive: true });
  writeFileSync(join(dir, 'renderer', 'index.html'), '<html>app</html>');
  return join(dir, 'renderer');
}

export interface ApiClient {
  readonly ws: WebSocket;
  /** Every message the server sent this socket, in order (events too). */
  readonly messages: ReadonlyArray<Record<string, unknown>>;
  call(method: string, input?: unknown): Promise<Record<string, unknown>>;
  close(): void;
}

/** A socket presenting `credential`, or the HTTP status that refused it. */
export async function connectClient(port: number, credential: string): Promise<ApiClient | { status: number }> {
  const opened = await openSocket(`ws://127.0.0.1:${port}/api`, { session: credential });
  if (!opened.ws) return { status: opened.status ?? 0 };
  const ws = opened.ws;
  const messages = collect(ws);
  let nextId = 1;
  return {
    ws,
    messages,
    async call(method, input = {}) {
      const id = nextId++;
      ws.send(JSON.stringify({ kind: 'call', id, method, input }));
      for (let i = 0; i < 600; i++) {
        const reply = messages.find((m) => m.kind === 'result' && m.id === id);
        if (reply) return reply;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`no answer to ${method} within 15 s`);
    },
    close: () => ws.close(),
  };
}

export function expectClient(client: ApiClient | { status: number }): ApiClient {
  if (!('ws' in client)) throw new Error(`socket refused with ${client.status}`);
  return client;
}
