// The headless host: the same Workstation as the desktop app, engines in worker threads, served to a browser.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Workstation, type WorkstationOptions } from '../workstation';
import { newSecret, SESSIONS_FILE } from './sessionCredentials';
import { startHeadlessServer, type HeadlessServer } from './httpServer';
import { createWorkerEngineLauncher } from './workerEngineLauncher';

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
}

export interface HeadlessHost {
  readonly workstation: Workstation;
  readonly server: HeadlessServer;
  /** The one-time launch token (in launchUrl's fragment). */
  readonly token: string;
  stop(): Promise<void>;
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
  });
  let server: HeadlessServer;
  try {
    server = await startHeadlessServer({
      host: options.host,
      port: options.port,
      token,
      sessionFile: join(options.dataDir, SESSIONS_FILE),
      rendererDir: options.rendererDir,
      dispatch: workstation.dispatch,
      bus: workstation.bus,
      onLog: (level, message) => workstation.log.write(level, 'http', message),
    });
  } catch (error) {
    await workstation.stop();
    throw error;
  }
  return {
    workstation,
    server,
    token,
    async stop() {
      await server.close();
      await workstation.stop();
    },
  };
}
