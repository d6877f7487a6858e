/** Applies the TypeScript migrations of `migrations/`, declared once, in order. */
import { sql } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import { installChangeTriggers } from './changes.js';
import type { Db } from './database.js';
import * as m0001 from './migrations/0001-foundation.js';
import * as m0002 from './migrations/0002-diagnostic.js';
import * as m0003 from './migrations/0003-convention-lifecycle.js';
import * as m0004 from './migrations/0004-diagnostic-protection.js';
import * as m0005 from './migrations/0005-diagnostic-sources.js';
import * as m0006 from './migrations/0006-login-protection.js';
import * as m0007 from './migrations/0007-personal-data-by-reference.js';
import * as m0009 from './migrations/0009-aggregate-version.js';
import * as m0010 from './migrations/0010-indexes.js';
import * as m0011 from './migrations/0011-plan.js';
import * as m0012 from './migrations/0012-protection-revision.js';
import * as m0013 from './migrations/0013-notifications.js';
import * as m0014 from './migrations/0014-plan-fiche-files.js';
import * as m0015 from './migrations/0015-plan-indicator-figure.js';

const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-diagnostic': m0002,
  '0003-convention-lifecycle': m0003,
  '0004-diagnostic-protection': m0004,
  '0005-diagnostic-sources': m0005,
  '0006-login-protection': m0006,
  '0007-personal-data-by-reference': m0007,
  '0009-aggregate-version': m0009,
  '0010-indexes': m0010,
  '0011-plan': m0011,
  '0012-protection-revision': m0012,
  '0013-notifications': m0013,
  '0014-plan-fiche-files': m0014,
  '0015-plan-indicator-figure': m0015,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'ctg_migrations' });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  // Every table, a new module's included, tells other processes of its writes (changes.ts).
  await db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext('ctg_change_triggers'))`.execute(tx);
    await installChangeTriggers(tx);
  });
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Applies the migrations up to and including `name` (tests of a later migration start there). */
export async function migrateUpTo(db: Db, name: string): Promise<void> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'ctg_migrations' });
  const { error } = await migrator.migrateTo(name);
  if (error) throw error;
}
