// Every migration of the SQLite record (workstation.sqlite): settings and registries, the journal, the outbox and limit audit.
import { JOURNAL_MIGRATIONS } from './journal/sqliteJournal';
import { OUTBOX_MIGRATIONS } from './outbox/outboxMigrations';
import { SQLITE_MIGRATIONS } from './sqlite/migrations';

export const RECORD_MIGRATIONS = [...SQLITE_MIGRATIONS, ...JOURNAL_MIGRATIONS, ...OUTBOX_MIGRATIONS] as const;
