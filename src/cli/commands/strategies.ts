// `nautilus strategies`: deployed strategy versions — list them (from the record, or from a running workstation), and
// deploy, promote, pause, resume, stop and roll back on the running workstation through its API.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { workstationContract, type MethodName } from '../../shared/contracts/api';
import { validationError } from '../../shared/contracts/errors';
import type { StrategiesList, StrategyDeploymentView } from '../../shared/contracts/strategies';
import { shortVersion } from '../../core/model/strategyRef';
import { defaultDataDir } from '../../main/dataDir';
import { openSqliteReadOnly } from '../../main/storage/sqlite/database';
import { DeploymentStore } from '../../main/strategies/deploymentStore';
import { SQLITE_FILE } from '../../main/workstation';
import { parseCommandArgs } from '../args';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand, type CliIO } from '../command';
import { connectWorkstation } from '../workstationConnection';

const usage = `nautilus strategies list [--data-dir DIR | --url URL …] [--json]
nautilus strategies deploy NAME --symbols A,B [--param name=value …] [--policy flatten|hold|reduce-only]
                           [--bar-seconds N] [--cash X] --url URL (--session S | --token T) [--json]
nautilus strategies promote ID --approved-by WHO [--note TEXT] [--capital-limit X] [--venue V] --url URL … [--json]
nautilus strategies pause|resume ID --url URL … [--json]
nautilus strategies stop ID [--policy flatten|hold|reduce-only] --url URL … [--json]
nautilus strategies rollback NAME --stage paper|live --url URL … [--json]

Strategy versions (the code's hash plus its parameters) and their stages: backtest → paper (the simulated exchange)
→ live (the real venue, within --capital-limit), each step approved through the promotion gate, which records the
backtest's metrics beside the stage left's. Rollback restores the version the last promotion at that stage replaced.
'list' without --url reads the record in DIR read-only (safe beside a running workstation). Everything else acts on
the running workstation: --url is what 'nautilus serve' printed (http://127.0.0.1:PORT), with a session credential
(--session) or its launch token (--token, traded once). NAUTILUS_URL and NAUTILUS_SESSION are read when absent.`;

const POLICIES: Record<string, 'FLATTEN' | 'HOLD' | 'REDUCE_ONLY'> = { flatten: 'FLATTEN', hold: 'HOLD', 'reduce-only': 'REDUCE_ONLY' };
const ACTIONS = ['list', 'deploy', 'promote', 'pause', 'resume', 'stop', 'rollback'] as const;
type Action = (typeof ACTIONS)[number];

function describe(d: StrategyDeploymentView): string {
  const pnl = d.pnl ? `  P&L ${d.pnl.net.toFixed(2)}` : '';
  const limit = d.capitalLimit === null ? '' : `  limit ${d.capitalLimit}`;
  return `#${d.id}  ${d.strategy}@${shortVersion(d.version)}  ${d.stage.padEnd(8)} ${d.state.padEnd(8)} ${d.policy.padEnd(11)} ${d.venue ?? '-'}${limit}${pnl}${d.lastError ? `  (${d.lastError})` : ''}`;
}

function readRecord(dataDir: string): StrategiesList | string {
  const file = join(dataDir, SQLITE_FILE);
  if (!existsSync(file)) return `no record at ${file}`;
  const db = openSqliteReadOnly(file);
  try {
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'strategy_deployments'").get() === undefined) return { deployments: [], promotions: [], runs: [] };
    const store = new DeploymentStore(db, () => 0);
    return { deployments: store.list().map((d) => ({ ...d, pnl: null, positions: [] })), promotions: store.promotions(), runs: store.runs() };
  } finally {
    db.close();
  }
}

/** The API input an action sends, from its flags and positionals; a string is a usage error. */
function inputOf(action: Exclude<Action, 'list'>, positionals: string[], v: Record<string, string | boolean | undefined>, params: string[]): { method: MethodName; input: Record<string, unknown> } | string {
  const id = (text: string | undefined) => (text !== undefined && /^\d+$/.test(text) ? Number(text) : NaN);
  const policy = (text: string | boolean | undefined) => (typeof text === 'string' ? (POLICIES[text] ?? text) : undefined);
  const number = (text: string | boolean | undefined) => (typeof text === 'string' ? Number(text) : undefined);
  const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined));
  switch (action) {
    case 'deploy': {
      const parsed: Record<string, number> = {};
      for (const p of params) {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/.exec(p);
        if (!m) return `--param must be name=value, got "${p}"`;
        parsed[m[1]!] = Number(m[2]);
      }
      const symbols = typeof v.symbols === 'string' ? v.symbols.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
      return { method: 'strategies.deploy', input: defined({ strategy: positionals[0], params: parsed, symbols, policy: policy(v.policy), barSeconds: number(v['bar-seconds']), initialCash: number(v.cash) }) };
    }
    case 'promote':
      return { method: 'strategies.promote', input: defined({ deploymentId: id(positionals[0]), approvedBy: v['approved-by'], note: v.note, capitalLimit: number(v['capital-limit']), venue: v.venue }) };
    case 'pause':
      return { method: 'strategies.pause', input: { deploymentId: id(positionals[0]) } };
    case 'resume':
      return { method: 'strategies.resume', input: { deploymentId: id(positionals[0]) } };
    case 'stop':
      return { method: 'strategies.stop', input: defined({ deploymentId: id(positionals[0]), policy: policy(v.policy) }) };
    case 'rollback':
      return { method: 'strategies.rollback', input: { strategy: positionals[0], stage: typeof v.stage === 'string' ? v.stage.toUpperCase() : undefined } };
    default:
      return action satisfies never;
  }
}

async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const fail = (message: string, code = EXIT_USAGE) => (io.err(`nautilus strategies: ${message}\n`), code);
  const [action, ...rest] = argv;
  if (action === '--help' || action === '-h') return io.out(`${usage}\n`), EXIT_OK;
  if (!ACTIONS.includes(action as Action)) return fail(`choose one of ${ACTIONS.join(', ')}\n\n${usage}`);
  const parsed = parseCommandArgs(
    rest,
    {
      'data-dir': { type: 'string' },
      url: { type: 'string' },
      session: { type: 'string' },
      token: { type: 'string' },
      json: { type: 'boolean' },
      symbols: { type: 'string' },
      param: { type: 'string', multiple: true },
      policy: { type: 'string' },
      'bar-seconds': { type: 'string' },
      cash: { type: 'string' },
      'approved-by': { type: 'string' },
      note: { type: 'string' },
      'capital-limit': { type: 'string' },
      venue: { type: 'string' },
      stage: { type: 'string' },
    },
    true,
  );
  if (!parsed.ok) return fail(`${parsed.error}\n\n${usage}`);
  const v = parsed.value.values;
  const params = ((parsed.value.values as Record<string, unknown>).param as string[] | undefined) ?? [];
  const url = (v.url as string | undefined) ?? process.env.NAUTILUS_URL;
  const session = (v.session as string | undefined) ?? process.env.NAUTILUS_SESSION;
  const token = v.token as string | undefined;

  if (action === 'list' && url === undefined) {
    const list = readRecord(resolve((v['data-dir'] as string | undefined) ?? defaultDataDir()));
    if (typeof list === 'string') return fail(list);
    io.out(v.json ? `${JSON.stringify(list)}\n` : list.deployments.length === 0 ? 'no deployed strategies\n' : `${list.deployments.map(describe).join('\n')}\n`);
    return EXIT_OK;
  }
  const call = action === 'list' ? { method: 'strategies.list' as const, input: {} } : inputOf(action as Exclude<Action, 'list'>, parsed.value.positionals, v, params);
  if (typeof call === 'string') return fail(call);
  // The same schema the backend applies: a bad field is named here, before anything is sent.
  const valid = workstationContract[call.method].input.safeParse(call.input);
  if (!valid.success) return fail(validationError(valid.error, action as Action).message);
  if (url === undefined) return fail(`'${action}' acts on a running workstation: give --url (what nautilus serve printed) and --session or --token`);
  let connection;
  try {
    connection = await connectWorkstation(url, { ...(session ? { session } : {}), ...(token ? { token } : {}) });
  } catch (error) {
    return fail((error as Error).message, EXIT_FAILURE);
  }
  try {
    const result = (await connection.client.call(call.method, call.input as never)) as unknown;
    if (action === 'list') {
      const list = result as StrategiesList;
      io.out(v.json ? `${JSON.stringify(list)}\n` : list.deployments.length === 0 ? 'no deployed strategies\n' : `${list.deployments.map(describe).join('\n')}\n`);
      return EXIT_OK;
    }
    const outcome = result as { ok: true; value: StrategyDeploymentView } | { ok: false; error: { code: string; message: string } };
    if (v.json) io.out(`${JSON.stringify(outcome)}\n`);
    else if (outcome.ok) io.out(`${describe(outcome.value)}\n`);
    if (!outcome.ok) {
      io.err(`nautilus strategies ${action}: ${outcome.error.code}: ${outcome.error.message}\n`);
      return EXIT_FAILURE;
    }
    return EXIT_OK;
  } catch (error) {
    return fail((error as Error).message, EXIT_FAILURE);
  } finally {
    connection.close();
  }
}

export const strategiesCommand: CliCommand = {
  name: 'strategies',
  summary: 'strategy versions and their stages: list, deploy, promote, pause, resume, stop, rollback',
  usage,
  run,
};
