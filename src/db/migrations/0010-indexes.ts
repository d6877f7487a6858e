/**
 * Lists answered by indexes rather than by reading every territory (36 000 rows for France):
 * - `territories.departement_codes` and `postal_codes` get GIN indexes; the queries ask
 *   `departement_codes @> array[code]` (a Caf's perimeter, the territories of a département) and
 *   `postal_codes @> array[code]`, which these indexes answer (`code = any(…)` cannot use them);
 * - `territories.search_name` gets a trigram index (`pg_trgm`, also shipped with PGlite and loaded
 *   by `pglite-template.ts`), which answers the search's `like '%saint%'`.
 * Without `fastupdate`: a referential import (once a year) writes straight into the indexes, rather
 * than into a pending list that every search would then read until a vacuum (PGlite runs none).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create index territories_departement_codes_gin on territories using gin (departement_codes) with (fastupdate = off)`.execute(
    db,
  );
  await sql`create index territories_postal_codes_gin on territories using gin (postal_codes) with (fastupdate = off)`.execute(
    db,
  );
  await sql`create index territories_search_name_trgm on territories using gin (search_name gin_trgm_ops) with (fastupdate = off)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists territories_search_name_trgm`.execute(db);
  await sql`drop index if exists territories_postal_codes_gin`.execute(db);
  await sql`drop index if exists territories_departement_codes_gin`.execute(db);
}
