// `nautilus serve`: the headless host, serving the workstation to a browser on 127.0.0.1.
import { resolve } from 'node:path';
import { defaultDataDir } from '../../main/dataDir';
import { builtRendererDir } from '../../main/appRoot';
import { startHeadlessHost, type HeadlessHost } from '../../main/headless/headlessHost';
import { queueStoreOf } from '../../main/team/researchQueue';
import { parsePrimaryUrl } from '../../main/team/primaryAddress';
import type { FanoutRole } from '../../main/team/streamFanout';
import { postgresUrlProblem } from '../../main/team/openUserTokenStore';
import { parseCommandArgs, parsePort } from '../args';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand, type CliIO } from '../command';

export const DEFAULT_PORT = 4780;
const PORT_ATTEMPTS = 10;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

const usage = `nautilus serve [--host 127.0.0.1] [--port ${DEFAULT_PORT}] [--data-dir DIR] [--redis URL] [--role primary|replica] [--primary URL] [--postgres URL] [--public-host NAME] [--json]

Starts the workstation's backend under plain Node and serves its window to a browser.
Prints a URL carrying a one-time access token; open it in a browser (the page exchanges the token once
for a session credential that survives a restart on the same data directory).
  --host       address to bind (default 127.0.0.1; anything else exposes your trading app to the network)
  --port       port (default ${DEFAULT_PORT}, or the next free one; 0 = any free port)
  --data-dir   where the journal and market store live (default: ${defaultDataDir()})
  --redis      the team's research queue (redis://…, or postgres://… for BullMQ's PostgreSQL backend; default
               $NAUTILUS_REDIS_URL): backtest sweeps asked to run on: 'queue' go to \`nautilus worker\` processes.
               A redis:// URL also carries the team's shared bus (Redis Streams): market data and trading events.
  --role       primary (default): this server trades and appends its events to the stream; replica: a server
               whose clients get the primary's events from the stream, so several replicas serve one team; it
               refuses orders, changes and desk reads unless given --primary (default $NAUTILUS_ROLE; replica
               needs a redis:// URL)
  --primary    a replica's primary, http://host:port as its serve printed it (https://<its --public-host> through
               a TLS proxy; default $NAUTILUS_PRIMARY_URL): every call the replica does not answer itself (orders,
               desk reads, research) is forwarded there on a link of each user's own, with the credential that
               user presented, so the primary authorizes it. Unreachable: PRIMARY_UNAVAILABLE; an order whose answer
               was lost is never resent (PRIMARY_OUTCOME_UNKNOWN: check orders.list). Without it, such calls are
               refused (FORBIDDEN) and the replica only watches. /health names the primary as a component
  --postgres   the team's PostgreSQL holding the users' tokens (default $NAUTILUS_POSTGRES_URL), shared by the
               primary and its replicas: one token works on each, a revocation reaches each within 1 s. While it is
               unreachable team users are refused (503 naming it) and /health names postgres. Absent: the users
               are those of team-tokens.sqlite in the data directory.
  --public-host the name clients use through a TLS proxy or Ingress (default $NAUTILUS_PUBLIC_HOST): its Host
               header and https:// Origin are accepted
  Probes: GET /health (readiness report), /health/live, /health/ready (503 naming what is down), /metrics (Prometheus).
  Team users: \`nautilus token create --user NAME --role viewer|trader|admin [--postgres URL]\`; a client offers the token
  as its session.
  --json       print the URL as JSON ({"url", "token", "dataDir"}) instead of a sentence; a script trades
               the token once with POST /session (Authorization: Bearer <token>) for {"session"}, then
               offers the subprotocols nautilus.v1 and nautilus.session.<session> on ws://…/api`;

async function listenOnFreePort(start: (port: number) => Promise<HeadlessHost>, requested: number | undefined): Promise<HeadlessHost> {
  if (requested !== undefined) return start(requested);
  for (let attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
    try {
      return await start(DEFAULT_PORT + attempt);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  return start(0);
}

export async function runServe(argv: readonly string[], io: CliIO, signal?: AbortSignal): Promise<number> {
  const parsed = parseCommandArgs(argv, {
    host: { type: 'string' },
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    redis: { type: 'string' },
    role: { type: 'string' },
    postgres: { type: 'string' },
    primary: { type: 'string' },
    'public-host': { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (!parsed.ok) return io.err(`nautilus serve: ${parsed.error}\n\n${usage}\n`), EXIT_USAGE;
  const { values } = parsed.value;
  if (values.help) return io.out(`${usage}\n`), EXIT_OK;
  const port = parsePort(values.port as string | undefined);
  if (!port.ok) return io.err(`nautilus serve: ${port.error}\n`), EXIT_USAGE;
  const host = (values.host as string | undefined) ?? '127.0.0.1';
  const dataDir = resolve((values['data-dir'] as string | undefined) ?? defaultDataDir());
  const queueUrl = (values.redis as string | undefined) ?? process.env.NAUTILUS_REDIS_URL;
  const researchQueue = queueUrl === undefined ? undefined : queueStoreOf(queueUrl);
  if (researchQueue && !researchQueue.ok) return io.err(`nautilus serve: --redis: ${researchQueue.error}\n`), EXIT_USAGE;
  const roleText = (values.role as string | undefined) ?? process.env.NAUTILUS_ROLE ?? 'primary';
  if (roleText !== 'primary' && roleText !== 'replica') return io.err(`nautilus serve: --role must be primary or replica, got "${roleText}"\n`), EXIT_USAGE;
  const role: FanoutRole = roleText;
  if (role === 'primary' && values.primary !== undefined) return io.err('nautilus serve: --primary is for a replica (--role replica): a primary answers every call itself\n'), EXIT_USAGE;
  // A primary ignores NAUTILUS_PRIMARY_URL, so one environment can serve the team's primary and its replicas.
  const primaryText = role === 'replica' ? ((values.primary as string | undefined) ?? process.env.NAUTILUS_PRIMARY_URL) : undefined;
  const primary = primaryText === undefined ? undefined : parsePrimaryUrl(primaryText);
  if (primary && !primary.ok) return io.err(`nautilus serve: --primary: ${primary.error}\n`), EXIT_USAGE;
  const fanout =
    researchQueue?.ok && researchQueue.value.kind === 'redis' ? { url: researchQueue.value.url, role, ...(primary?.ok ? { primary: primary.value } : {}) } : undefined;
  if (role === 'replica' && fanout === undefined) return io.err('nautilus serve: --role replica needs --redis redis://… (the stream it reads the primary\'s events from)\n'), EXIT_USAGE;
  const postgresUrl = (values.postgres as string | undefined) ?? process.env.NAUTILUS_POSTGRES_URL;
  const postgresProblem = postgresUrl === undefined ? undefined : postgresUrlProblem(postgresUrl);
  if (postgresProblem !== undefined) return io.err(`nautilus serve: --postgres ${postgresProblem}\n`), EXIT_USAGE;
  const publicHost = (values['public-host'] as string | undefined) ?? process.env.NAUTILUS_PUBLIC_HOST;
  if (publicHost !== undefined && !/^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/.test(publicHost)) {
    return io.err(`nautilus serve: --public-host must be a DNS name (no scheme, no port), got "${publicHost}"\n`), EXIT_USAGE;
  }
  if (!LOOPBACK.has(host)) io.err(`warning: binding ${host} makes the workstation reachable from other machines\n`);

  let app: HeadlessHost;
  try {
    app = await listenOnFreePort(
      (p) =>
        startHeadlessHost({
          dataDir,
          host,
          port: p,
          rendererDir: builtRendererDir(),
          echoLog: (line) => io.err(`${line}\n`),
          ...(researchQueue ? { researchQueue: researchQueue.value } : {}),
          ...(publicHost ? { publicHost } : {}),
          ...(fanout ? { fanout } : {}),
          ...(postgresUrl !== undefined ? { postgresUrl } : {}),
        }),
      port.value,
    );
  } catch (error) {
    io.err(`nautilus serve: ${(error as Error).message}\n`);
    return EXIT_FAILURE;
  }
  if (values.json) io.out(`${JSON.stringify({ url: app.server.launchUrl, token: app.token, dataDir })}\n`);
  else io.out(`Nautilus Workstation is running. Open this URL in a browser:\n  ${app.server.launchUrl}\n`);

  await new Promise<void>((done) => {
    const finish = () => done();
    signal?.addEventListener('abort', finish, { once: true });
    process.once('SIGINT', finish);
    process.once('SIGTERM', finish);
  });
  io.err('stopping…\n');
  await app.stop();
  return EXIT_OK;
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'start the headless host and serve the workstation to a browser',
  usage,
  run: (argv, io) => runServe(argv, io),
};
