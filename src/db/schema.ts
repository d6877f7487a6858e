/**
 * Table types of the database, as the migrations in `migrations/` create them.
 * Kept in step with the migrations by the integration tests, which read and write every table.
 */
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export type TerritoryLevel = 'commune' | 'epci' | 'departement' | 'region';

export interface TerritoriesTable {
  level: TerritoryLevel;
  code: string;
  name: string;
  /** Lower-case name without accents or punctuation, for searching. */
  search_name: string;
  population: number | null;
  siren: string | null;
  /** For EPCI: CA, CC, CU, METRO, … */
  subtype: string | null;
  postal_codes: string[];
  departement_code: string | null;
  /** Every département the territory lies in (an EPCI may straddle two). */
  departement_codes: string[];
  region_code: string | null;
  epci_code: string | null;
  edition: string;
  updated_at: Timestamp;
}

export interface ReferentialEditionsTable {
  id: Generated<number>;
  source: string;
  edition: string;
  counts: JSONColumnType<Record<string, number>>;
  imported_at: Timestamp;
}

export type OrganisationKind = 'caf' | 'commune' | 'epci' | 'departement' | 'state' | 'msa' | 'partner';

export interface OrganisationsTable {
  id: string;
  kind: OrganisationKind;
  name: string;
  territory_level: TerritoryLevel | null;
  territory_code: string | null;
  siren: string | null;
  created_at: CreatedAt;
}

export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  organisation_id: string;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  /** Set when the person was erased (migration 0007): name and e-mail are placeholders. */
  anonymised_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export type Role = 'caf_agent' | 'territory_agent' | 'partner' | 'dpo' | 'admin';

export interface UserRolesTable {
  user_id: string;
  role: Role;
}

export interface SessionsTable {
  /** SHA-256 of the session cookie value. */
  id: string;
  user_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  /** SHA-256 of the token; the token itself is shown once and never stored. */
  token_hash: string;
  label: string;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  expires_at: Timestamp;
  /** The first characters of the token, shown to tell tokens apart; null for tokens made before 0006. */
  prefix: string | null;
}

/** One failed login (migration 0006); keys are SHA-256 of the e-mail and of the client address. */
export interface LoginFailuresTable {
  id: Generated<string>;
  account_key: string;
  address_key: string;
  failed_at: Timestamp;
}

export interface ConventionsTable {
  id: string;
  territory_level: TerritoryLevel;
  territory_code: string;
  status: string;
  variant: string;
  start_date: string;
  end_date: string;
  place_of_signature: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  /** The domain `Convention` aggregate as JSON; the columns above are kept in step for lists and filters. */
  state: JSONColumnType<object, string, string>;
  renewal_of: string | null;
  closed_on: string | null;
  /** Who created it (migration 0007): an account, or a kind of system actor; names are joined when read. */
  created_by_user_id: string | null;
  created_by_system: string | null;
}

export interface ConventionTerritoriesTable {
  convention_id: string;
  level: TerritoryLevel;
  code: string;
}

export interface ConventionPartiesTable {
  id: string;
  convention_id: string;
  organisation_id: string;
  role: 'caf' | 'local_authority' | 'partner';
  position: number;
}

/** Files attached to a convention (the deliberation of annex 7), stored with their SHA-256. */
export interface ConventionFilesTable {
  id: string;
  convention_id: string;
  annex_key: string;
  file_name: string;
  media_type: string;
  byte_length: number;
  sha256: string;
  content: Uint8Array;
  uploaded_at: Timestamp;
  uploaded_by_user_id: string | null;
  uploaded_by_system: string | null;
}

/** A Caf's own ODT or DOCX template, used instead of the platform's document. */
export interface DocumentTemplatesTable {
  organisation_id: string;
  format: 'odt' | 'docx';
  file_name: string;
  sha256: string;
  placeholders: string[];
  content: Uint8Array;
  uploaded_at: Timestamp;
  uploaded_by_user_id: string | null;
  uploaded_by_system: string | null;
}

export interface AuditLogTable {
  id: Generated<bigint>;
  at: Timestamp;
  actor_user_id: string | null;
  /** The platform acting by itself (`cli`, `schedule`, `demo`, `platform`) when no account did. */
  actor_system: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: JSONColumnType<object> | null;
  after: JSONColumnType<object> | null;
}

/** An organisation that is not a party (a partner) given access to a convention (migration 0007). */
export interface ConventionAccessTable {
  convention_id: string;
  organisation_id: string;
  granted_at: Timestamp;
  granted_by_user_id: string | null;
  granted_by_system: string | null;
}

export type DiagnosticImportFormat = 'long_csv' | 'long_xlsx' | 'cafdata_csv' | 'synthetic';

export interface DiagnosticImportsTable {
  id: string;
  file_name: string;
  format: DiagnosticImportFormat;
  imported_at: Timestamp;
  imported_by_user_id: string | null;
  imported_by_system: string | null;
  row_count: number;
  territory_codes: string[];
  reference_dates: string[];
  indicators: string[];
  period_key: string;
  replaced_by: string | null;
}

export interface DiagnosticValuesTable {
  territory_level: 'commune' | 'epci' | 'departement';
  territory_code: string;
  indicator: string;
  reference_date: string;
  count_value: bigint | null;
  amount_cents: bigint | null;
  /** numeric, read as a string by both drivers. */
  rate_value: string | null;
  source: string | null;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
  import_id: string;
  line: number | null;
  /** Withheld by the source ("s", "<5"): no value column is set (migration 0005). */
  secret_at_source: ColumnType<boolean, boolean | undefined, boolean>;
  note: string | null;
}

/** A percentage printed without its count (migration 0005). */
export interface DiagnosticGivenSharesTable {
  territory_level: 'commune' | 'epci' | 'departement';
  territory_code: string;
  indicator: string;
  reference_date: string;
  share_of: string;
  /** numeric, read as a string by both drivers. */
  share_pct: string;
  source: string | null;
  note: string | null;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
  import_id: string;
  line: number | null;
}

/** One département's secrecy pattern: cell ids by status (see migration 0004). */
export interface DiagnosticProtectionsTable {
  departement_code: string;
  computed_at: Timestamp;
  published_cells: string[];
  primary_cells: string[];
  secondary_cells: string[];
  duration_ms: number;
}

export interface Database {
  territories: TerritoriesTable;
  referential_editions: ReferentialEditionsTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_failures: LoginFailuresTable;
  conventions: ConventionsTable;
  convention_territories: ConventionTerritoriesTable;
  convention_parties: ConventionPartiesTable;
  convention_files: ConventionFilesTable;
  convention_access: ConventionAccessTable;
  document_templates: DocumentTemplatesTable;
  audit_log: AuditLogTable;
  diagnostic_imports: DiagnosticImportsTable;
  diagnostic_values: DiagnosticValuesTable;
  diagnostic_given_shares: DiagnosticGivenSharesTable;
  diagnostic_protections: DiagnosticProtectionsTable;
}
