// Starts serveBenchHost.ts in a child process (TypeScript through tsx, from the checkout, as the engines are run from
// source) and asks it for its memory, its CPU time and its quote count over the IPC channel.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findAppRoot } from '../../src/main/appRoot';
import { hostReplySchema, type HostReply, type HostRequest, type ServerKind } from './hostProtocol';
import type { ServeBenchConfig } from './serveBenchConfig';

/** How long a started server may take to listen: a whole workstation with its engines, on a loaded machine. */
const READY_TIMEOUT_MS = 120_000;
const REPLY_TIMEOUT_MS = 30_000;
const EXIT_TIMEOUT_MS = 15_000;

type Reply<T extends HostReply['type']> = Extract<HostReply, { type: T }>;

export class ServerProcess {
  private stderr = '';
  private waiting: ((reply: HostReply) => void) | undefined;
  private exited: string | undefined;

  private constructor(
    private readonly child: ChildProcess,
    readonly kind: ServerKind,
  ) {
    child.stderr?.setEncoding('utf8').on('data', (text: string) => (this.stderr = (this.stderr + text).slice(-4_000)));
    child.on('message', (raw) => {
      const parsed = hostReplySchema.safeParse(raw);
      if (!parsed.success) return void (this.stderr += `\nbad reply from the ${kind} server: ${parsed.error.message}`);
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting?.(parsed.data);
    });
    child.once('exit', (code, signal) => (this.exited = `exited (${signal ?? code})`));
  }

  /** Forks the server and waits until it listens. */
  static async start(kind: ServerKind, config: ServeBenchConfig): Promise<{ server: ServerProcess; ready: Reply<'ready'> }> {
    const root = findAppRoot();
    const entry = join(root, 'bench', 'serve', 'serveBenchHost.ts');
    if (!existsSync(entry)) throw new Error(`the bench server ${entry} is missing: run the bench from a checkout`);
    const tsx = import.meta.resolve('tsx');
    const child = fork(entry, [kind, String(config.rate), String(config.tickMs)], {
      cwd: root,
      execArgv: ['--import', tsx, '--expose-gc'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const server = new ServerProcess(child, kind);
    try {
      return { server, ready: await server.next('ready', READY_TIMEOUT_MS) };
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
  }

  ask<T extends HostReply['type']>(request: HostRequest, expect: T): Promise<Reply<T>> {
    const reply = this.next(expect, REPLY_TIMEOUT_MS);
    this.child.send(request);
    return reply;
  }

  private next<T extends HostReply['type']>(expect: T, timeoutMs: number): Promise<Reply<T>> {
    return new Promise((resolve, reject) => {
      const failed = (why: string) => {
        clearTimeout(timer);
        this.child.off('exit', onExit);
        reject(new Error(`the ${this.kind} bench server ${why}${this.stderr ? `:\n${this.stderr}` : ''}`));
      };
      const onExit = () => failed(this.exited ?? 'exited');
      const timer = setTimeout(() => failed(`did not answer "${expect}" within ${timeoutMs / 1_000} s`), timeoutMs);
      if (this.exited) return failed(this.exited);
      this.child.once('exit', onExit);
      this.waiting = (reply) => {
        clearTimeout(timer);
        this.child.off('exit', onExit);
        if (reply.type === expect) resolve(reply as Reply<T>);
        else reject(new Error(`the ${this.kind} bench server answered "${reply.type}", expected "${expect}"`));
      };
    });
  }

  /** Asks the server to stop and waits for it to exit (killing it if it does not). */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exit = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ type: 'quit' } satisfies HostRequest);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), EXIT_TIMEOUT_MS);
    await exit;
    clearTimeout(timer);
  }
}
