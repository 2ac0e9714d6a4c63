// Owns `nautilus dev fake-ib`: runs the fake IB Gateway on a local port until Ctrl+C, for development without TWS.
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand, type CliIO } from '../command';
import { startFakeGateway } from '../../main/venues/ib/fake-gateway';

const USAGE = `usage: nautilus dev fake-ib [--port 4002] [--host 127.0.0.1] [--seed 1] [--tick-ms 500] [--first-order-id 1]

Runs a fake IB Gateway speaking the real TWS socket protocol (server version 193) until Ctrl+C.
  --port            TCP port, 0-65535 (0 picks a free one); default 4002, IB Gateway's paper port
  --host            address to listen on; default 127.0.0.1 (keep it local: there is no authentication)
  --seed            seed of the price walk and synthetic bars; default 1
  --tick-ms         market step interval in ms, 0 = prices never move; default 500
  --first-order-id  nextValidId for a new client; default 1`;

export interface FakeIbArgs {
  readonly port: number;
  readonly host: string;
  readonly seed: number;
  readonly tickMs: number;
  readonly firstOrderId: number;
}

export type FakeIbArgsResult = { readonly ok: true; readonly args: FakeIbArgs } | { readonly ok: false; readonly help: boolean; readonly message: string };

const INTEGER = /^\d+$/;

export function parseFakeIbArgs(argv: readonly string[]): FakeIbArgsResult {
  const values = { port: 4002, host: '127.0.0.1', seed: 1, tickMs: 500, firstOrderId: 1 };
  const bounds: Record<string, [keyof typeof values, number, number]> = {
    '--port': ['port', 0, 65535],
    '--seed': ['seed', 0, 0xffffffff],
    '--tick-ms': ['tickMs', 0, 3_600_000],
    '--first-order-id': ['firstOrderId', 1, 2_147_483_646],
  };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = (argv[i] as string).split(/=(.*)/s, 2) as [string, string | undefined];
    if (flag === '--help' || flag === '-h') return { ok: false, help: true, message: USAGE };
    const value = inline ?? argv[++i];
    if (flag === '--host') {
      if (!value) return { ok: false, help: false, message: '--host needs an address' };
      values.host = value;
      continue;
    }
    const bound = bounds[flag];
    if (!bound) return { ok: false, help: false, message: `unknown option ${flag}` };
    const [key, min, max] = bound;
    if (value === undefined || !INTEGER.test(value) || Number(value) < min || Number(value) > max) {
      return { ok: false, help: false, message: `${flag} must be an integer from ${min} to ${max}, got ${JSON.stringify(value ?? '')}` };
    }
    (values as Record<string, number | string>)[key] = Number(value);
  }
  return { ok: true, args: values };
}

/** Runs the gateway until `stop` resolves; split from the command so it can be driven without signals. */
export async function runFakeIb(argv: readonly string[], io: CliIO, stop: Promise<unknown>): Promise<number> {
  const parsed = parseFakeIbArgs(argv);
  if (!parsed.ok) {
    if (parsed.help) {
      io.out(parsed.message);
      return EXIT_OK;
    }
    io.err(`nautilus dev fake-ib: ${parsed.message}\n${USAGE}`);
    return EXIT_USAGE;
  }
  const { port, host, seed, tickMs, firstOrderId } = parsed.args;
  let gateway;
  try {
    gateway = await startFakeGateway({ port, host, seed, tickIntervalMs: tickMs, firstOrderId, log: (line) => io.err(line) });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EADDRINUSE' ? `port ${port} is already in use` : code === 'EACCES' ? `no permission to listen on port ${port}` : (e as Error).message;
    io.err(`nautilus dev fake-ib: cannot listen on ${host}:${port}: ${why}`);
    return EXIT_FAILURE;
  }
  io.out(`fake IB Gateway listening on ${gateway.host}:${gateway.port} (server version 193, account DU123456). Ctrl+C to stop.`);
  await stop;
  io.err('stopping fake IB Gateway');
  await gateway.close();
  return EXIT_OK;
}

export const devFakeIbCommand: CliCommand = {
  name: 'dev fake-ib',
  summary: 'run a fake IB Gateway (the real TWS wire protocol) on a local port until Ctrl+C',
  usage: USAGE,
  run(argv, io) {
    const stop = new Promise<void>((resolve) => {
      const done = () => {
        process.off('SIGINT', done);
        process.off('SIGTERM', done);
        resolve();
      };
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    });
    return runFakeIb(argv, io, stop);
  },
};
