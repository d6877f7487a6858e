/**
 * Writes the table types (`schema.ts`) from a migrated database, so that the migrations are the one
 * source of the schema: columns and their types from `information_schema`, nullability, defaults
 * (optional on insert), closed sets of values from single-column `CHECK (col in (…))` constraints
 * (a union type), and each column's documentation from its SQL comment (`comment on column`).
 * `npm run db:types` runs it on a fresh in-memory database; a test fails when the file differs.
 */
import { sql } from 'kysely';
import type { Db } from './database.js';

/** Names other code imports for the value set of a column (the column's check constraint gives the values). */
const NAMED_VALUE_SETS: Record<string, string> = {
  'territories.level': 'TerritoryLevel',
  'organisations.kind': 'OrganisationKind',
  'user_roles.role': 'Role',
  'diagnostic_imports.format': 'DiagnosticImportFormat',
};

/** What a jsonb column holds, as the code reads and writes it; any other jsonb column is `object`. */
const JSON_COLUMNS: Record<string, string> = {
  'referential_editions.counts': 'JSONColumnType<Record<string, number>>',
  // Written as JSON text by the repository, read as the parsed value (then parsed with its schema).
  'conventions.state': 'JSONColumnType<object, string, string>',
};

/** Tables of the migrator itself, not of the platform. */
const SKIPPED_TABLES = new Set(['ctg_migrations', 'ctg_migrations_lock']);

interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
  is_nullable: string;
  column_default: string | null;
  is_identity: string;
  comment: string | null;
}

interface CheckRow {
  table_name: string;
  definition: string;
}

interface TableCommentRow {
  table_name: string;
  comment: string | null;
}

const SCALARS: Record<string, string> = {
  text: 'string',
  varchar: 'string',
  bpchar: 'string',
  uuid: 'string',
  int2: 'number',
  int4: 'number',
  float4: 'number',
  float8: 'number',
  // int8 is a bigint from both drivers (database.ts sets pg's parser), numeric a string.
  int8: 'bigint',
  numeric: 'string',
  bool: 'boolean',
  date: 'string',
  bytea: 'Uint8Array',
  timestamptz: 'Date',
  timestamp: 'Date',
};

/** `CHECK ((level = ANY (ARRAY['commune'::text, 'epci'::text])))` → ['level', ['commune', 'epci']]. */
export function valueSetOf(definition: string): [string, string[]] | undefined {
  const match = /^CHECK \(\(+"?(\w+)"?\)? = ANY \(+ARRAY\[(.*)\]\)+$/.exec(definition.trim());
  if (!match) return undefined;
  const values = [...match[2]!.matchAll(/'((?:[^']|'')*)'::(?:text|character varying)/g)].map((m) =>
    m[1]!.replaceAll("''", "'"),
  );
  return values.length ? [match[1]!, values] : undefined;
}

const pascal = (name: string) =>
  name
    .split('_')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

const quote = (value: string) => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

function docComment(text: string | null, indent: string): string[] {
  if (!text) return [];
  const lines = text.split('\n');
  if (lines.length === 1) return [`${indent}/** ${lines[0]} */`];
  return [`${indent}/**`, ...lines.map((l) => `${indent} * ${l}`.trimEnd()), `${indent} */`];
}

export async function generateTableTypes(db: Db): Promise<string> {
  const { rows: columns } = await sql<ColumnRow>`
    select c.table_name, c.column_name, c.data_type, c.udt_name, c.is_nullable, c.column_default,
           c.is_identity,
           col_description(format('%I.%I', c.table_schema, c.table_name)::regclass, c.ordinal_position) as comment
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
    order by c.table_name, c.ordinal_position
  `.execute(db);
  const { rows: checks } = await sql<CheckRow>`
    select cl.relname as table_name, pg_get_constraintdef(co.oid) as definition
    from pg_constraint co
    join pg_class cl on cl.oid = co.conrelid
    join pg_namespace n on n.oid = cl.relnamespace
    where n.nspname = 'public' and co.contype = 'c'
    order by cl.relname, co.conname
  `.execute(db);
  const { rows: tableComments } = await sql<TableCommentRow>`
    select cl.relname as table_name, obj_description(cl.oid, 'pg_class') as comment
    from pg_class cl join pg_namespace n on n.oid = cl.relnamespace
    where n.nspname = 'public' and cl.relkind = 'r'
  `.execute(db);

  const valueSets = new Map<string, string[]>();
  for (const check of checks) {
    const found = valueSetOf(check.definition);
    if (found) valueSets.set(`${check.table_name}.${found[0]}`, found[1]);
  }
  const tableComment = new Map(tableComments.map((t) => [t.table_name, t.comment]));

  const out: string[] = [
    '/**',
    ' * Table types of the database, GENERATED from the migrated database by `npm run db:types`',
    ' * (src/db/generate-types.ts): do not edit by hand. Change a migration, then regenerate;',
    ' * tests/integration/db-types.test.ts fails while this file and the migrations disagree.',
    ' */',
    "import type { ColumnType, JSONColumnType } from 'kysely';",
    '',
    '/** A timestamptz column: read as a Date, written as a Date or an ISO string. */',
    'type Timestamp = ColumnType<Date, Date | string, Date | string>;',
    '',
  ];
  for (const [column, name] of Object.entries(NAMED_VALUE_SETS)) {
    const values = valueSets.get(column);
    if (!values) throw new Error(`No check constraint gives the values of ${column} (named ${name})`);
    out.push(`export type ${name} = ${values.map(quote).join(' | ')};`, '');
  }

  const tables = [...new Set(columns.map((c) => c.table_name))].filter((t) => !SKIPPED_TABLES.has(t));
  for (const table of tables) {
    out.push(...docComment(tableComment.get(table) ?? null, ''));
    out.push(`export interface ${pascal(table)}Table {`);
    for (const c of columns.filter((x) => x.table_name === table)) {
      const key = `${table}.${c.column_name}`;
      const isArray = c.data_type === 'ARRAY';
      const udt = isArray ? c.udt_name.replace(/^_/, '') : c.udt_name;
      let base: string;
      const named = NAMED_VALUE_SETS[key];
      const values = valueSets.get(key);
      if (named) base = named;
      else if (values) base = values.map(quote).join(' | ');
      else if (udt === 'jsonb' || udt === 'json') base = JSON_COLUMNS[key] ?? 'JSONColumnType<object>';
      else if (udt === 'timestamptz' || udt === 'timestamp') base = isArray ? 'Date' : 'Timestamp';
      else {
        const scalar = SCALARS[udt];
        if (!scalar) throw new Error(`No TypeScript type for ${key} (${udt})`);
        base = scalar;
      }
      if (isArray) base = base.includes('|') ? `(${base})[]` : `${base}[]`;
      const nullable = c.is_nullable === 'YES';
      const hasDefault = c.column_default !== null || c.is_identity === 'YES';
      let type: string;
      if (base.startsWith('JSONColumnType') || base === 'Timestamp') {
        type = nullable ? `${base} | null` : base;
        if (hasDefault && !nullable) type = optionalOnInsert(base);
      } else {
        const select = nullable ? `${base} | null` : base;
        type = hasDefault && !nullable ? `ColumnType<${select}, ${select} | undefined, ${select}>` : select;
      }
      out.push(...docComment(c.comment, '  '));
      out.push(`  ${c.column_name}: ${type};`);
    }
    out.push('}', '');
  }
  out.push('export interface Database {');
  for (const table of tables) out.push(`  ${table}: ${pascal(table)}Table;`);
  out.push('}', '');
  return out.join('\n');
}

/** A column with a default may be left out of an insert. */
function optionalOnInsert(base: string): string {
  if (base === 'Timestamp') return 'ColumnType<Date, Date | string | undefined, Date | string>';
  return base;
}
