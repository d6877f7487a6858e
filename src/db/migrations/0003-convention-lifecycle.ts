/**
 * The convention as a whole: its domain aggregate (content, signature round, signed versions,
 * avenants, terminations) in a `state` jsonb column beside the indexed columns used by lists and scope
 * filters; uploaded files (the deliberation of annex 7) stored in the database with their SHA-256; a
 * Caf's own document template. Signatories now live in the aggregate, so their table goes.
 */
import { type Kysely, sql } from 'kysely';
import { createConvention } from '../../domain/convention/lifecycle.js';
import type {
  AuthorityKind,
  Civility,
  Party,
  PartyKind,
  PartyRole,
  TerritoryKind,
} from '../../domain/convention/model.js';

interface LegacyRow {
  id: string;
  territory_level: string;
  territory_code: string;
  variant: string;
  start_date: string;
  end_date: string;
  place_of_signature: string | null;
  created_at: Date | string;
  name: string | null;
  population: number | null;
}

const PARTY_KINDS: Record<string, PartyKind> = {
  caf: 'caf',
  commune: 'commune',
  epci: 'epci',
  departement: 'departement',
  state: 'state',
  msa: 'msa',
};

/**
 * Rows written before this migration held only dates, parties and free-text signatories. They become
 * drafts holding the project's default text (they had no text), with their parties and signatories;
 * the free-text function is kept as written.
 */
async function convertLegacyRows(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<LegacyRow>`
    select c.id, c.territory_level, c.territory_code, c.variant, c.start_date::text as start_date,
           c.end_date::text as end_date, c.place_of_signature, c.created_at, t.name, t.population
    from conventions c
    left join territories t on t.level = c.territory_level and t.code = c.territory_code
  `.execute(db);
  for (const row of rows) {
    const { rows: parties } = await sql<{
      id: string;
      organisation_id: string;
      role: string;
      name: string;
      kind: string;
    }>`
      select p.id, p.organisation_id, p.role, o.name, o.kind
      from convention_parties p join organisations o on o.id = p.organisation_id
      where p.convention_id = ${row.id} order by p.position
    `.execute(db);
    const domainParties: Party[] = [];
    for (const party of parties) {
      const { rows: signatories } = await sql<{
        id: string;
        civility: string | null;
        full_name: string;
        function_title: string;
        authority_date: string | null;
      }>`
        select id, civility, full_name, function_title, authority_date::text as authority_date
        from convention_signatories where party_id = ${party.id} order by position
      `.execute(db);
      const role: PartyRole = party.role === 'other' ? 'partner' : (party.role as PartyRole);
      const kind = PARTY_KINDS[party.kind] ?? 'other';
      const deliberation: AuthorityKind =
        kind === 'commune' ? 'municipal_council_deliberation' : 'community_council_deliberation';
      domainParties.push({
        id: party.organisation_id,
        role,
        kind,
        name: party.name,
        designation:
          kind === 'caf' ? party.name.replace(/^Caisse d’allocations familiales/, 'la Caf') : party.name,
        signatories: signatories.map((s) => {
          const [firstName = '', ...rest] = s.full_name.trim().split(/\s+/);
          const civility: Civility = /^mad/i.test(s.civility ?? '') ? 'madame' : 'monsieur';
          return {
            id: s.id,
            civility,
            firstName,
            lastName: rest.join(' '),
            function: 'other' as const,
            functionText: s.function_title,
            authority: s.authority_date
              ? {
                  kind: role === 'caf' ? ('board_deliberation' as const) : deliberation,
                  date: s.authority_date,
                }
              : { kind: 'office' as const, date: null },
          };
        }),
      });
    }
    const territoryKind: TerritoryKind = row.territory_level === 'commune' ? 'commune' : 'epci';
    const createdOn =
      typeof row.created_at === 'string'
        ? row.created_at.slice(0, 10)
        : row.created_at.toISOString().slice(0, 10);
    const convention = createConvention({
      id: row.id,
      today: createdOn,
      territory: {
        kind: territoryKind,
        codes: [row.territory_code],
        name: row.name ?? row.territory_code,
        population: row.population ?? 0,
      },
      parties: domainParties,
      variant: row.variant as 'commune_over_5000',
      period: { start: row.start_date, end: row.end_date },
      placeOfSignature: row.place_of_signature ?? '',
    });
    await sql`update conventions set state = ${JSON.stringify(convention)}::jsonb, status = 'draft' where id = ${row.id}`.execute(
      db,
    );
    await sql`update convention_parties set role = 'partner' where convention_id = ${row.id} and role = 'other'`.execute(
      db,
    );
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('conventions')
    .addColumn('state', 'jsonb')
    .addColumn('renewal_of', 'text', (c) => c.references('conventions.id').onDelete('set null'))
    .addColumn('closed_on', 'date')
    .addColumn('created_by_label', 'text')
    .execute();
  await convertLegacyRows(db);
  await sql`alter table conventions alter column state set not null`.execute(db);
  await sql`alter table conventions alter column place_of_signature set default ''`.execute(db);
  await db.schema
    .createIndex('conventions_status_idx')
    .on('conventions')
    .columns(['status', 'end_date'])
    .execute();
  await db.schema
    .createIndex('conventions_territory_idx')
    .on('conventions')
    .columns(['territory_level', 'territory_code'])
    .execute();
  await db.schema
    .createIndex('convention_parties_org_idx')
    .on('convention_parties')
    .column('organisation_id')
    .execute();
  await db.schema.dropTable('convention_signatories').execute();

  await db.schema
    .createTable('convention_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('convention_id', 'text', (c) => c.notNull().references('conventions.id').onDelete('cascade'))
    .addColumn('annex_key', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('byte_length', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('uploaded_by_label', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('convention_files_convention_idx')
    .on('convention_files')
    .columns(['convention_id', 'sha256'])
    .execute();

  await db.schema
    .createTable('document_templates')
    .addColumn('organisation_id', 'text', (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('placeholders', sql`text[]`, (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('uploaded_by_label', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_templates_pk', ['organisation_id', 'format'])
    .addCheckConstraint('document_templates_format_ck', sql`format in ('odt','docx')`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('document_templates').ifExists().execute();
  await db.schema.dropTable('convention_files').ifExists().execute();
  await db.schema
    .createTable('convention_signatories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('party_id', 'text', (c) => c.notNull().references('convention_parties.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('civility', 'text')
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('function_title', 'text', (c) => c.notNull())
    .addColumn('authority', 'text')
    .addColumn('authority_date', 'date')
    .addColumn('signed_on', 'date')
    .execute();
  await db.schema.dropIndex('convention_parties_org_idx').ifExists().execute();
  await db.schema.dropIndex('conventions_territory_idx').ifExists().execute();
  await db.schema.dropIndex('conventions_status_idx').ifExists().execute();
  await db.schema
    .alterTable('conventions')
    .dropColumn('state')
    .dropColumn('renewal_of')
    .dropColumn('closed_on')
    .dropColumn('created_by_label')
    .execute();
}
