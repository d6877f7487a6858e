/**
 * Migration 0007 on rows written before it: labels « Nom <adresse> » become the account's id, the
 * platform's labels their kind, an unknown person « Compte supprimé »; account snapshots lose the
 * name and address.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, migrateUpTo } from '../../src/db/migrate.js';
import { listAudit } from '../../src/db/repositories/audit.repository.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

let handle: TestDatabase;

beforeAll(async () => {
  handle = await createTestDatabase({ migrate: false });
  await migrateUpTo(handle.db, '0006-login-protection');
}, 120_000);
afterAll(async () => {
  await handle.close();
});

describe('migration 0007', () => {
  it('replaces copied names by account ids and system kinds', async () => {
    const db = handle.db;
    await sql`insert into organisations (id, kind, name) values ('org-1', 'partner', 'Partenaire')`.execute(
      db,
    );
    await sql`insert into users (id, email, display_name, organisation_id)
      values ('user-1', 'anne@exemple.fr', 'Anne Exemple', 'org-1')`.execute(db);
    const audit = (id: number, userId: string | null, label: string, entity = 'convention', after = '{}') =>
      sql`insert into audit_log (id, at, actor_user_id, actor_label, action, entity_type, entity_id, after)
        values (${id}, now(), ${userId}, ${label}, 'x.y', ${entity}, 'e', ${after}::jsonb)`.execute(db);
    await audit(
      1,
      'user-1',
      'Anne Exemple <anne@exemple.fr>',
      'user',
      '{"email":"anne@exemple.fr","displayName":"Anne Exemple","roles":["partner"]}',
    );
    await audit(2, null, 'Ligne de commande ctg');
    await audit(3, null, 'Échéancier de la plateforme');
    await audit(4, null, 'Parti Depuis <parti@exemple.fr>');
    await sql`insert into diagnostic_imports (id, file_name, format, imported_at, imported_by_user_id,
        imported_by_label, row_count, territory_codes, reference_dates, indicators, period_key)
      values ('imp-1', 'f.csv', 'long_csv', now(), null, 'Anne Exemple <ANNE@exemple.fr>', 0, '{}', '{}', '{}', 'k')`.execute(
      db,
    );

    await migrateToLatest(db);

    const { rows } = await listAudit(db, { limit: 10, offset: 0 });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get('1')).toMatchObject({
      actorUserId: 'user-1',
      actorLabel: 'Anne Exemple <anne@exemple.fr>',
    });
    expect(byId.get('1')!.after).toEqual({ roles: ['partner'] });
    expect(byId.get('2')).toMatchObject({ actorSystem: 'cli', actorLabel: 'Ligne de commande ctg' });
    expect(byId.get('3')).toMatchObject({
      actorSystem: 'schedule',
      actorLabel: 'Échéancier de la plateforme',
    });
    expect(byId.get('4')).toMatchObject({
      actorUserId: null,
      actorSystem: null,
      actorLabel: 'Compte supprimé',
    });
    const imported = await sql<{ imported_by_user_id: string | null }>`
      select imported_by_user_id from diagnostic_imports where id = 'imp-1'`.execute(db);
    expect(imported.rows[0]!.imported_by_user_id).toBe('user-1');
    const columns = await sql<{ n: number }>`select count(*)::int as n from information_schema.columns
      where table_schema = current_schema() and column_name like '%\\_label' and table_name <> 'api_tokens'`.execute(
      db,
    );
    expect(columns.rows[0]!.n).toBe(0);
  });
});
