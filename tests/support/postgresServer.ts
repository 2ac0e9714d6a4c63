// A real PostgreSQL 15 server for tests: initdb in a temp dir, 127.0.0.1 on a free port, stop / kill -9 / restart.
// Runs as the `postgres` user when the test runs as root (postgres refuses root). Tests skip when the binaries are absent.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './freePort';
import pg from 'pg';

const BIN_DIRS = [process.env.NAUTILUS_PG_BIN, '/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/17/bin'];

/** The directory holding initdb and postgres, or undefined (then tests skip, saying so). */
export function postgresBinDir(): string | undefined {
  return BIN_DIRS.find((dir): dir is string => dir !== undefined && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres')));
}

export const POSTGRES_SKIP_REASON = 'PostgreSQL binaries not found (install Debian `postgresql`, or set NAUTILUS_PG_BIN)';

/** Who the server runs as: the `postgres` account when we are root, else ourselves. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) throw new Error('running as root needs a `postgres` account to start PostgreSQL');
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export class PostgresServer {
  private child: ChildProcess | undefined;
  private log = '';

  private constructor(
    private readonly bin: string,
    readonly dir: string,
    readonly port: number,
    private readonly user: { uid: number; gid: number } | undefined,
    private readonly maxConnections: number,
    private readonly settings: Readonly<Record<string, string>>,
  ) {}

  /** Runs one of the server's own binaries (pg_basebackup, …) as the server's user. */
  run(binary: string, args: readonly string[], env: Readonly<Record<string, string>> = {}): string {
    const result = spawnSync(join(this.bin, binary), args, { encoding: 'utf8', env: { ...process.env, ...env }, ...(this.user ?? {}) });
    if (result.status !== 0) throw new Error(`${binary} failed: ${result.stderr || result.stdout}`);
    return result.stdout;
  }

  /** A directory the server's user can write (an archive, a backup target). */
  static ownedDir(prefix: string): string {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    chmodSync(dir, 0o700);
    const user = serverUser();
    if (user) chownSync(dir, user.uid, user.gid);
    return dir;
  }

  /**
   * A new server on `dir`, whose `data/` the server's user owns (a restored base backup, say): a restore drill. On
   * `port` it takes the place of a stopped server at the same address.
   */
  async startOn(dir: string, options: { readonly settings?: Readonly<Record<string, string>>; readonly port?: number } = {}): Promise<PostgresServer> {
    const server = new PostgresServer(this.bin, dir, options.port ?? (await freePort()), this.user, this.maxConnections, options.settings ?? {});
    await server.launch();
    return server;
  }

  /** initdb + start. The database `nautilus` exists, owned by user `nautilus` with password `secret`. */
  static async start(options: { readonly maxConnections?: number; readonly settings?: Readonly<Record<string, string>> } = {}): Promise<PostgresServer> {
    const bin = postgresBinDir();
    if (!bin) throw new Error(POSTGRES_SKIP_REASON);
    const dir = mkdtempSync(join(tmpdir(), 'nautilus-pg-'));
    const user = serverUser();
    chmodSync(dir, 0o700);
    if (user) chownSync(dir, user.uid, user.gid);
    const pwfile = join(dir, 'pw');
    writeFileSync(pwfile, 'secret\n', { mode: 0o600 });
    if (user) chownSync(pwfile, user.uid, user.gid);
    const init = spawnSync(join(bin, 'initdb'), ['-D', join(dir, 'data'), '-U', 'nautilus', '--pwfile', pwfile, '-A', 'scram-sha-256', '-E', 'UTF8', '--no-sync'], {
      encoding: 'utf8',
      ...(user ?? {}),
    });
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
    const server = new PostgresServer(bin, dir, await freePort(), user, options.maxConnections ?? 50, options.settings ?? {});
    await server.launch();
    const admin = new pg.Client({ connectionString: server.url('postgres') });
    await admin.connect();
    await admin.query('CREATE DATABASE nautilus');
    await admin.end();
    return server;
  }

  /** A connection string with the password in it (tests only). */
  url(database = 'nautilus'): string {
    return `postgres://nautilus:secret@127.0.0.1:${this.port}/${database}`;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  private async launch(): Promise<void> {
    this.log = '';
    const args = ['-D', join(this.dir, 'data'), '-h', '127.0.0.1', '-p', String(this.port), '-k', this.dir, '-c', 'fsync=off', '-c', `max_connections=${this.maxConnections}`];
    for (const [name, value] of Object.entries(this.settings)) args.push('-c', `${name}=${value}`);
    const child = spawn(join(this.bin, 'postgres'), args, { stdio: ['ignore', 'pipe', 'pipe'], ...(this.user ?? {}) });
    this.child = child;
    child.stdout?.on('data', (d: Buffer) => (this.log += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.log += d.toString()));
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (!this.running) throw new Error(`postgres exited: ${this.log}`);
      const client = new pg.Client({ connectionString: this.url('postgres'), connectionTimeoutMillis: 1_000 });
      try {
        await client.connect();
        await client.end();
        return;
      } catch {
        await client.end().catch(() => undefined);
        if (Date.now() > deadline) throw new Error(`postgres did not accept connections: ${this.log}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  private async exited(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => child.once('exit', () => resolve()));
  }

  /** A fast shutdown (SIGINT): clients are disconnected, the server stops cleanly. */
  async stop(): Promise<void> {
    this.child?.kill('SIGINT');
    await this.exited();
  }

  /** The database goes away without warning: SIGKILL of the postmaster (its backends lose their parent and exit). */
  async kill(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited();
    // Orphaned backends hold the shared memory; wait until the data directory's lock is free for a restart.
    const pidFile = join(this.dir, 'data', 'postmaster.pid');
    if (existsSync(pidFile)) rmSync(pidFile);
  }

  /** Starts again on the same data directory and port. */
  async restart(): Promise<void> {
    if (this.running) await this.stop();
    await this.launch();
  }

  /** Stops the server and deletes its files. */
  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
