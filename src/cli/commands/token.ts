// `nautilus token create|list|revoke`: the team server's user tokens (hashed at rest in the data directory, or in the
// team's PostgreSQL shared by the primary and its replicas).
import { resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { assertNever } from '../../core/model/assert';
import { ROLES } from '../../shared/contracts/roles';
import { defaultDataDir } from '../../main/dataDir';
import { openUserTokenStore, postgresUrlProblem } from '../../main/team/openUserTokenStore';
import type { TokenError, TokenInfo } from '../../main/team/userTokenStore';
import { parseCommandArgs } from '../args';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand, type CliIO } from '../command';

const usage = `nautilus token create --user NAME --role ${ROLES.join('|')} [--data-dir DIR | --postgres URL] [--json]
nautilus token list [--data-dir DIR | --postgres URL] [--json]
nautilus token revoke ID [--data-dir DIR | --postgres URL] [--json]

Users of the team server (\`nautilus serve\`): each holds one token with a role. A client offers it on the WebSocket
as the subprotocol nautilus.session.<token> beside nautilus.v1.
  viewer   reads positions, orders, risk and runs research that changes nothing
  trader   also places and cancels orders, halts trading, stores research
  admin    also sets limits, routes venues, connects IB, restarts engines
The token is printed once; only a salted scrypt hash is kept. A revoked token is refused at once, open sockets
included (at their next call).
  --data-dir   the server's data directory, whose team-tokens.sqlite holds its users (one server alone)
  --postgres   the team's PostgreSQL (default $NAUTILUS_POSTGRES_URL), for servers started with --postgres: the
               primary and every replica share its users; a revocation reaches all of them within 1 s`;

function describeError(error: TokenError): string {
  switch (error.code) {
    case 'INVALID_USER':
      return `--user "${error.user}" must be 1-64 letters, digits or . _ @ - (starting with a letter or digit)`;
    case 'INVALID_ROLE':
      return `--role "${error.role}" is not one of ${ROLES.join(', ')}`;
    case 'UNKNOWN_TOKEN':
      return `no token with id ${error.id}`;
    case 'ALREADY_REVOKED':
      return `token ${error.id} was already revoked at ${new Date(error.revokedAt).toISOString()}`;
    default:
      return assertNever(error, 'token error');
  }
}

const line = (t: TokenInfo) =>
  `${t.id}  ${t.user.padEnd(20)} ${t.role.padEnd(7)} created ${new Date(t.createdAt).toISOString()}${t.revokedAt !== null ? `  revoked ${new Date(t.revokedAt).toISOString()}` : ''}`;

export async function runToken(argv: readonly string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(
    argv,
    { user: { type: 'string' }, role: { type: 'string' }, 'data-dir': { type: 'string' }, postgres: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    true,
  );
  if (!parsed.ok) return io.err(`nautilus token: ${parsed.error}\n\n${usage}\n`), EXIT_USAGE;
  const { values, positionals } = parsed.value;
  if (values.help) return io.out(`${usage}\n`), EXIT_OK;
  const [action, ...rest] = positionals;
  const dataDir = resolve((values['data-dir'] as string | undefined) ?? defaultDataDir());
  const json = values.json === true;
  const usageError = (message: string) => (io.err(`nautilus token: ${message}\n\n${usage}\n`), EXIT_USAGE);

  if (action !== 'create' && action !== 'list' && action !== 'revoke') return usageError(action ? `unknown action "${action}"` : 'an action is required');
  if (action === 'revoke' && rest.length !== 1) return usageError('revoke takes exactly one token id');
  if (action !== 'revoke' && rest.length > 0) return usageError(`unexpected argument "${rest[0]}"`);
  if (action === 'create' && (values.user === undefined || values.role === undefined)) return usageError('create needs --user and --role');
  if (values.postgres !== undefined && values['data-dir'] !== undefined) return usageError('give --data-dir or --postgres, not both');
  const postgresUrl = (values.postgres as string | undefined) ?? (values['data-dir'] === undefined ? process.env.NAUTILUS_POSTGRES_URL : undefined);
  const urlProblem = postgresUrl === undefined ? undefined : postgresUrlProblem(postgresUrl);
  if (urlProblem !== undefined) return usageError(`--postgres ${urlProblem}`);

  if (postgresUrl === undefined) mkdirSync(dataDir, { recursive: true });
  const tokens = openUserTokenStore({ dataDir, ...(postgresUrl !== undefined ? { postgresUrl } : {}) });
  try {
    if (action === 'list') {
      const all = await tokens.list();
      io.out(json ? `${JSON.stringify(all)}\n` : all.length === 0 ? 'no tokens\n' : `${all.map(line).join('\n')}\n`);
      return EXIT_OK;
    }
    const result = action === 'create' ? await tokens.create(values.user as string, values.role as string) : await tokens.revoke(rest[0]!);
    if (!result.ok) {
      io.err(`nautilus token: ${describeError(result.error)}\n`);
      return result.error.code === 'INVALID_USER' || result.error.code === 'INVALID_ROLE' ? EXIT_USAGE : EXIT_FAILURE;
    }
    if (json) io.out(`${JSON.stringify(result.value)}\n`);
    else if ('token' in result.value) io.out(`${line(result.value.info)}\ntoken (shown once): ${result.value.token}\n`);
    else io.out(`revoked ${line(result.value)}\n`);
    return EXIT_OK;
  } catch (error) {
    // The store itself failed (PostgreSQL unreachable, a refused login): nothing was changed.
    io.err(`nautilus token: ${tokens.location}: ${(error as Error)?.message ?? String(error)}\n`);
    return EXIT_FAILURE;
  } finally {
    await tokens.close();
  }
}

export const tokenCommand: CliCommand = {
  name: 'token',
  summary: 'create, list and revoke the team server users’ tokens (roles: viewer, trader, admin)',
  usage,
  run: runToken,
};
