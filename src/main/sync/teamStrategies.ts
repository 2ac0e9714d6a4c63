// Strategy versions the team publishes through the shared record: each checked here (its sha256, its name, that it
// compiles and defines a strategy) before its file is written to the data directory's team folder, with an audit
// entry whether applied or refused. A refused version is never asked for again.
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { instantiateStrategy } from '../../core/strategy/strategyModule';
import type { SqliteDatabase } from '../storage/sqlite/database';
import { compileStrategy, describeStrategyError, STRATEGY_NAME } from '../strategies/strategyLoader';

export interface PublishedStrategy {
  readonly version: number;
  readonly name: string;
  readonly source: string;
  readonly contentHash: string;
  readonly by: string;
}

export const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

/** The newest team version this workstation has applied or refused (0 when none). */
export function lastTeamStrategyVersion(db: SqliteDatabase): number {
  const row = db.prepare('SELECT MAX(team_version) AS v FROM team_strategy_changes').get() as { v: number | null };
  return row.v ?? 0;
}

/** Why a published version cannot be used here, or undefined. */
async function refusal(p: PublishedStrategy): Promise<string | undefined> {
  if (!STRATEGY_NAME.test(p.name)) return `"${p.name}" is not a strategy name (lower-case letters, digits and -)`;
  if (sha256(p.source) !== p.contentHash) return `its source does not hash to the published sha256 ${p.contentHash.slice(0, 12)}… (altered in the shared record?)`;
  const compiled = await compileStrategy(p.source, `${p.name}.ts`);
  if (!compiled.ok) return describeStrategyError(compiled.error);
  const instance = instantiateStrategy(compiled.value, `${p.name}.ts`);
  if (!instance.ok) return describeStrategyError(instance.error);
  return undefined;
}

/** The sync's onTeamStrategy: writes the file (atomically) and the audit; a reason when refused, undefined when applied. */
export function teamStrategyApplier(db: SqliteDatabase, teamDir: string, now: () => number): (published: PublishedStrategy) => Promise<string | undefined> {
  const audit = db.prepare('INSERT INTO team_strategy_changes (team_version, name, content_hash, by_whom, applied_at, outcome, reason) VALUES (?, ?, ?, ?, ?, ?, ?)');
  return async (published) => {
    const reason = await refusal(published);
    if (reason === undefined) {
      mkdirSync(teamDir, { recursive: true });
      const file = join(teamDir, `${published.name}.ts`);
      writeFileSync(`${file}.tmp`, published.source);
      renameSync(`${file}.tmp`, file);
    }
    audit.run(published.version, published.name, published.contentHash, published.by, now(), reason === undefined ? 'applied' : 'refused', reason ?? null);
    return reason;
  };
}

/** Publishes a strategy's source for the team; returns its version. */
export async function publishTeamStrategy(pool: pg.Pool, name: string, source: string, by: string): Promise<number> {
  const result = await pool.query<{ version: string }>('INSERT INTO shared_strategies (name, source, content_hash, published_by) VALUES ($1, $2, $3, $4) RETURNING version', [name, source, sha256(source), by]);
  return Number(result.rows[0]?.version);
}

/** The versions after `since`, oldest first, at most `limit`. */
export async function readTeamStrategies(client: pg.Pool, since: number, limit = 20): Promise<PublishedStrategy[]> {
  const rows = await client.query<{ version: string; name: string; source: string; content_hash: string; published_by: string }>(
    'SELECT version, name, source, content_hash, published_by FROM shared_strategies WHERE version > $1 ORDER BY version LIMIT $2',
    [since, limit],
  );
  return rows.rows.map((r) => ({ version: Number(r.version), name: r.name, source: r.source, contentHash: r.content_hash, by: r.published_by }));
}
