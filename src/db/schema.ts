/**
 * Table types of the database, GENERATED from the migrated database by `npm run db:types`
 * (src/db/generate-types.ts): do not edit by hand. Change a migration, then regenerate;
 * tests/integration/db-types.test.ts fails while this file and the migrations disagree.
 */
import type { ColumnType, JSONColumnType } from 'kysely';

/** A timestamptz column: read as a Date, written as a Date or an ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type TerritoryLevel = 'commune' | 'epci' | 'departement' | 'region';

export type OrganisationKind = 'caf' | 'commune' | 'epci' | 'departement' | 'state' | 'msa' | 'partner';

export type Role = 'caf_agent' | 'territory_agent' | 'partner' | 'dpo' | 'admin';

export type DiagnosticImportFormat = 'long_csv' | 'long_xlsx' | 'cafdata_csv' | 'synthetic';

export interface ApiTokensTable {
  id: string;
  user_id: string;
  /** SHA-256 of the token; the token itself is shown once and never stored. */
  token_hash: string;
  label: string;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  expires_at: Timestamp;
  /** The first characters of the token, shown to tell tokens apart; null for tokens made before 0006. */
  prefix: string | null;
}

export interface AuditLogTable {
  id: ColumnType<bigint, bigint | undefined, bigint>;
  at: Timestamp;
  actor_user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: JSONColumnType<object> | null;
  after: JSONColumnType<object> | null;
  actor_system: string | null;
}

export interface ConventionAccessTable {
  convention_id: string;
  organisation_id: string;
  granted_at: Timestamp;
  granted_by_user_id: string | null;
  granted_by_system: string | null;
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

export interface ConventionPartiesTable {
  id: string;
  convention_id: string;
  organisation_id: string;
  role: 'caf' | 'local_authority' | 'partner';
  position: number;
}

export interface ConventionTerritoriesTable {
  convention_id: string;
  level: 'commune' | 'epci';
  code: string;
}

export interface ConventionsTable {
  id: string;
  territory_level: 'commune' | 'epci';
  territory_code: string;
  status: string;
  variant: string;
  start_date: string;
  end_date: string;
  place_of_signature: string | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** The domain `Convention` aggregate as JSON, parsed with its schema on every read; the columns beside it are kept in step for lists and filters. */
  state: JSONColumnType<object, string, string>;
  renewal_of: string | null;
  closed_on: string | null;
  created_by_user_id: string | null;
  created_by_system: string | null;
  /** 1 when written, incremented by every save; a save names the version it was read at. */
  version: ColumnType<number, number | undefined, number>;
  /** The convention this draft renews, on its one successor only (unique): one renewal per convention. */
  successor_of: string | null;
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

export interface DiagnosticImportsTable {
  id: string;
  file_name: string;
  format: DiagnosticImportFormat;
  imported_at: Timestamp;
  imported_by_user_id: string | null;
  row_count: number;
  territory_codes: string[];
  reference_dates: string[];
  indicators: string[];
  period_key: string;
  replaced_by: string | null;
  imported_by_system: string | null;
}

/** One département’s secrecy pattern: cell ids by status (see migration 0004). */
export interface DiagnosticProtectionsTable {
  departement_code: string;
  computed_at: Timestamp;
  published_cells: string[];
  primary_cells: string[];
  secondary_cells: string[];
  duration_ms: number;
  /** New from diagnostic_protections_revision_seq on every write of the row: a reader reuses the pattern it parsed while the revision is the same. */
  revision: ColumnType<bigint, bigint | undefined, bigint>;
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

/** A Caf’s own ODT or DOCX template, used instead of the platform’s document. */
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

/** The one-time token of a creation form and what it created (migration 0009). */
export interface FormSubmissionsTable {
  token: string;
  kind: 'convention.create' | 'avenant.create';
  /** The convention the form acts on (the new one for a creation). */
  entity_id: string;
  /** What the form created: the convention, or the avenant. */
  result_id: string;
  actor_user_id: string | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** Jobs asked for by a use case, written in its transaction and handed to the job queue by the outbox job (migration 0013). */
export interface JobOutboxTable {
  id: string;
  job_name: string;
  /** The job’s data: ids only, never a name or an address. */
  payload: JSONColumnType<object>;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface KyselyMigrationLockTable {
  id: string;
  is_locked: ColumnType<number, number | undefined, number>;
}

/** One failed login (migration 0006); keys are SHA-256 of the e-mail and of the client address. */
export interface LoginFailuresTable {
  id: ColumnType<bigint, bigint | undefined, bigint>;
  account_key: string;
  address_key: string;
  failed_at: Timestamp;
}

/** A message to one account (by id) about a convention or a fiche; unique per event and account. */
export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: string;
  convention_id: string | null;
  fiche_id: string | null;
  event_id: string;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface OrganisationsTable {
  id: string;
  kind: OrganisationKind;
  name: string;
  territory_level: 'commune' | 'epci' | 'departement' | 'region' | null;
  territory_code: string | null;
  siren: string | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface PlanAxesTable {
  id: string;
  convention_id: string;
  position: number;
  title: string;
  description: ColumnType<string, string | undefined, string>;
}

/** A comment on a fiche between the Caf and the local authority. */
export interface PlanCommentsTable {
  id: string;
  fiche_id: string;
  author_user_id: string | null;
  author_system: string | null;
  created_at: Timestamp;
  text: string;
}

/** Documents attached to a fiche action, with their bytes; deleted with the fiche (migration 0014). */
export interface PlanFicheFilesTable {
  id: string;
  fiche_id: string;
  file_name: string;
  media_type: string;
  byte_length: number;
  sha256: string;
  content: Uint8Array;
  uploaded_at: Timestamp;
  /** The account that uploaded the file (its name joined when read); null for the platform itself or a deleted account. */
  uploaded_by_user_id: string | null;
  uploaded_by_system: string | null;
}

/** A pilot of a fiche: an account (its name joined when read) or a named person. */
export interface PlanFichePilotsTable {
  fiche_id: string;
  position: number;
  user_id: string | null;
  name: string | null;
}

/** A fiche action, or a sous-action when parent_id is set; data holds the rest of the fiche as JSON. */
export interface PlanFichesTable {
  id: string;
  convention_id: string;
  axe_id: string;
  parent_id: string | null;
  position: number;
  title: string;
  status: 'planned' | 'in_progress' | 'done' | 'paused' | 'blocked' | 'abandoned' | 'late';
  theme: 'early_childhood' | 'childhood_youth' | 'disability' | 'parenting' | 'insertion_rights' | 'social_life' | 'housing' | 'access_to_rights' | 'ecological_transition' | 'other' | null;
  priority: 'high' | 'medium' | 'low' | null;
  start_date: string | null;
  end_date: string | null;
  recurring: ColumnType<boolean, boolean | undefined, boolean>;
  confidential: ColumnType<boolean, boolean | undefined, boolean>;
  /** The rest of the fiche as JSON (amounts as strings of cents), parsed with its schema. */
  data: JSONColumnType<object>;
  version: ColumnType<number, number | undefined, number>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_by_user_id: string | null;
}

/** One target or result of an indicator for one year. */
export interface PlanIndicatorValuesTable {
  indicator_id: string;
  year: number;
  kind: 'target' | 'result';
  /** numeric, read as a string by both drivers. */
  value: string;
  comment: ColumnType<string, string | undefined, string>;
}

export interface PlanIndicatorsTable {
  id: string;
  convention_id: string;
  fiche_id: string | null;
  objective_id: string | null;
  position: number;
  title: string;
  unit: ColumnType<string, string | undefined, string>;
  baseline_value: string | null;
  baseline_date: string | null;
  source: ColumnType<string, string | undefined, string>;
  comment: ColumnType<string, string | undefined, string>;
  diagnostic_indicator_id: string | null;
  /** The linked diagnostic row’s label as published (migration 0015). */
  diagnostic_figure_caption: string | null;
  /** The linked diagnostic row’s value as published when linked (« s » for a blanked cell); null when not read from the published diagnostic (migration 0015). */
  diagnostic_figure_value: string | null;
  /** The year of the published figure (migration 0015). */
  diagnostic_figure_year: number | null;
  /** The source of the published figure as the diagnostic names it (migration 0015). */
  diagnostic_figure_source: string | null;
}

/** The project of a convention’s territory (needs, objectives, engagements) and the Caf’s validation of its plan (migration 0011). */
export interface PlansTable {
  convention_id: string;
  /** Needs, objectives and engagements as JSON, parsed with their schema on every read. */
  project: JSONColumnType<object>;
  version: ColumnType<number, number | undefined, number>;
  validated_on: string | null;
  validated_by_user_id: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ReferentialEditionsTable {
  id: ColumnType<number, number | undefined, number>;
  source: string;
  edition: string;
  counts: JSONColumnType<Record<string, number>>;
  imported_at: Timestamp;
}

export interface SessionsTable {
  /** SHA-256 of the session cookie value. */
  id: string;
  user_id: string;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  expires_at: Timestamp;
}

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
  postal_codes: ColumnType<string[], string[] | undefined, string[]>;
  departement_code: string | null;
  /** Every département the territory lies in (an EPCI may straddle two). */
  departement_codes: ColumnType<string[], string[] | undefined, string[]>;
  region_code: string | null;
  epci_code: string | null;
  edition: string;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface UserRolesTable {
  user_id: string;
  role: Role;
}

export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  organisation_id: string;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  anonymised_at: Timestamp | null;
}

export interface Database {
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  convention_access: ConventionAccessTable;
  convention_files: ConventionFilesTable;
  convention_parties: ConventionPartiesTable;
  convention_territories: ConventionTerritoriesTable;
  conventions: ConventionsTable;
  diagnostic_given_shares: DiagnosticGivenSharesTable;
  diagnostic_imports: DiagnosticImportsTable;
  diagnostic_protections: DiagnosticProtectionsTable;
  diagnostic_values: DiagnosticValuesTable;
  document_templates: DocumentTemplatesTable;
  form_submissions: FormSubmissionsTable;
  job_outbox: JobOutboxTable;
  kysely_migration_lock: KyselyMigrationLockTable;
  login_failures: LoginFailuresTable;
  notifications: NotificationsTable;
  organisations: OrganisationsTable;
  plan_axes: PlanAxesTable;
  plan_comments: PlanCommentsTable;
  plan_fiche_files: PlanFicheFilesTable;
  plan_fiche_pilots: PlanFichePilotsTable;
  plan_fiches: PlanFichesTable;
  plan_indicator_values: PlanIndicatorValuesTable;
  plan_indicators: PlanIndicatorsTable;
  plans: PlansTable;
  referential_editions: ReferentialEditionsTable;
  sessions: SessionsTable;
  territories: TerritoriesTable;
  user_roles: UserRolesTable;
  users: UsersTable;
}
