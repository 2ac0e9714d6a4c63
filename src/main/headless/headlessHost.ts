// The headless host: the same Workstation as the desktop app, engines in worker threads, served to a browser.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ClientConnection } from '../api/dispatcher';
import { Workstation, type WorkstationOptions } from '../workstation';
import { newSecret, SESSIONS_FILE } from './sessionCredentials';
import { startHeadlessServer, type HeadlessServer } from './httpServer';
import { createWorkerEngineLauncher } from './workerEngineLauncher';
import { healthReport, type HealthReport, type OrderVenueState } from '../team/healthReport';
import { ServerMetrics } from '../team/serverMetrics';
import { openUserTokenStore } from '../team/openUserTokenStore';
import { startFanout, type FanoutSettings, type RunningFanout } from '../team/fanoutHost';

export interface HeadlessHostOptions {
  dataDir: string;
  host: string;
  port: number;
  rendererDir: string;
  token?: string;
  engines?: readonly string[];
  restartBackoffMs?: number;
  echoLog?: (line: string) => void;
  syntheticHistory?: WorkstationOptions['syntheticHistory'];
  /** Instances of each per-core engine (default: one per core). */
  poolSize?: number;
  researchQueue?: WorkstationOptions['researchQueue'];
  /** The name a TLS proxy serves this host under (see HeadlessServerOptions.publicHost). */
  publicHost?: string;
  /** Market and trading events shared through Redis Streams with the team's other replicas (see fanoutHost). */
  fanout?: FanoutSettings;
  /** The team's PostgreSQL, holding the users' tokens shared by the primary and its replicas (absent: the data dir's token file). */
  postgresUrl?: string;
}

export interface HeadlessHost {
  readonly workstation: Workstation;
  readonly server: HeadlessServer;
  /** The one-time launch token (in launchUrl's fragment). */
  readonly token: string;
  readonly metrics: ServerMetrics;
  /** The Redis Streams fan-out, when this host takes part in one. */
  readonly fanout: RunningFanout | null;
  health(): HealthReport;
  stop(): Promise<void>;
}

/** The venue new orders go to: the simulator is always up, IB only while its session is connected. */
function orderVenueState(workstation: Workstation): OrderVenueState | null {
  const name = workstation.trading.core.router.defaultVenueName;
  if (name === null) return null;
  if (name !== workstation.ib.service.venue.name) return { name, up: true, state: 'up' };
  const state = workstation.ib.service.status().state;
  return { name, up: state === 'connected', state };
}

export async function startHeadlessHost(options: HeadlessHostOptions): Promise<HeadlessHost> {
  if (!existsSync(join(options.rendererDir, 'index.html'))) {
    throw new Error(`no built renderer in ${options.rendererDir}: run \`npm run build\` first`);
  }
  const token = options.token ?? newSecret();
  const workstation = await Workstation.start({
    dataDir: options.dataDir,
    host: 'headless',
    engineLauncher: createWorkerEngineLauncher(),
    ...(options.engines ? { engines: options.engines } : {}),
    ...(options.restartBackoffMs ? { restartBackoffMs: options.restartBackoffMs } : {}),
    ...(options.echoLog ? { echoLog: options.echoLog } : {}),
    ...(options.syntheticHistory !== undefined ? { syntheticHistory: options.syntheticHistory } : {}),
    ...(options.poolSize ? { poolSize: options.poolSize } : {}),
    ...(options.researchQueue ? { researchQueue: options.researchQueue } : {}),
  });
  let server: HeadlessServer | undefined;
  const fanout = options.fanout ? startFanout(workstation, options.fanout) : null;
  const users = openUserTokenStore({ dataDir: options.dataDir, watch: true, ...(options.postgresUrl !== undefined ? { postgresUrl: options.postgresUrl } : {}) });
  const metrics = new ServerMetrics(workstation.bus, {
    engines: () => workstation.supervisor.health(),
    busDepth: () => workstation.bus.depth(),
    connectedClients: () => server?.clientCount() ?? 0,
    sync: () => workstation.sync.status(),
    fanout: () => fanout?.status() ?? null,
    forwarding: () => fanout?.forwarding?.status() ?? null,
  });
  const health = () =>
    healthReport({
      engines: () => workstation.supervisor.health(),
      orderVenue: () => orderVenueState(workstation),
      journalFailure: () => workstation.trading.journalFailure,
      probeStore: () => void workstation.sqlite.prepare('SELECT 1').get(),
      fanout: () => fanout?.status() ?? null,
      userStore: () => users.health(),
      primary: () => fanout?.forwarding?.status() ?? null,
    });
  const openClient = fanout?.openClient;
  try {
    server = await startHeadlessServer({
      host: options.host,
      port: options.port,
      token,
      sessionFile: join(options.dataDir, SESSIONS_FILE),
      rendererDir: options.rendererDir,
      dispatch: metrics.instrument(workstation.dispatch),
      // A replica opens each client's API (its forwarding link to the primary); counted like the primary's own calls.
      ...(openClient
        ? {
            openClient: (client: ClientConnection) => {
              const own = openClient(client);
              return { dispatch: metrics.instrument(own.dispatch), close: own.close };
            },
          }
        : {}),
      bus: fanout?.clientBus ?? workstation.bus,
      onLog: (level, message) => workstation.log.write(level, 'http', message),
      probes: { health, metrics: () => metrics.text() },
      users,
      ...(options.publicHost ? { publicHost: options.publicHost } : {}),
    });
  } catch (error) {
    metrics.close();
    await users.close();
    await fanout?.stop();
    await workstation.stop();
    throw error;
  }
  const listening = server;
  return {
    workstation,
    server: listening,
    token,
    metrics,
    fanout,
    health,
    async stop() {
      await listening.close();
      await fanout?.stop();
      metrics.close();
      await users.close();
      await workstation.stop();
    },
  };
}
